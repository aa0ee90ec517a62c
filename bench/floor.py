"""The MkDocs floor: the same words as the generated claims, as plain Markdown pages.

    python bench/floor.py --project bench/out/n1000/project --out bench/out/n1000/floor

Writes one Markdown page per claim of a generated project (its statement, quotes, translations,
rationale, history notes and links to related claims: the same words, Arabic and English), a
docs/index.md, and an mkdocs.yml with the project's theme (Material, same options, without any
custom_dir), the project's Markdown extensions, only the search plugin (same options) and a short
nav. Building it with plain `mkdocs build` is the cheapest build MkDocs can do for N such pages:
the floor the factcheck build is compared with.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as Dumper
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import _read_loose


def floor_config(project_config: dict[str, Any], n: int) -> dict[str, Any]:
    """Material with the project's theme options, search only, a short nav."""
    theme = dict(project_config.get("theme") or {"name": "material"}) if isinstance(
        project_config.get("theme"), dict) else {"name": str(project_config.get("theme") or "material")}
    theme.pop("custom_dir", None)
    search: dict[str, Any] = {}
    for plugin in project_config.get("plugins") or ["search"]:
        if isinstance(plugin, dict) and "search" in plugin:
            search = dict(plugin["search"] or {})
    extensions = [e for e in project_config.get("markdown_extensions") or []
                  if isinstance(e, str) or (isinstance(e, dict) and None not in e.values())]
    config: dict[str, Any] = {
        "site_name": f"MkDocs floor ({n} pages)",
        "docs_dir": "docs",
        "theme": theme,
        "plugins": [{"search": search} if search else "search"],
        "nav": [{"Home": "index.md"}],
        "validation": {"omitted_files": "ignore"},
    }
    if extensions:
        config["markdown_extensions"] = extensions
    return config


def claim_markdown(claim: dict[str, Any], titles: dict[str, str], names: dict[str, str],
                   links: list[str]) -> str:
    """One claim as plain Markdown, with the words a claim page shows."""
    out = [f"# {claim['statement']['en']}", "", claim["statement"]["ar"], "",
           f"**Status:** {claim['status']}", "", "## Who said it, and when", ""]
    out += [f"- {names.get(actor, actor)}" for actor in claim["actors"]]
    out += ["", f"Made on {_date(claim['made_on'])}.", "", "## Where it was reported", ""]
    for citation in claim["appearances"]:
        out += [f"> {citation['quote']}", "", citation["translation"], ""]
    verdict = claim["verdict"]
    out += ["## Verdict", "", verdict["rationale"]["en"], ""]
    if verdict["rationale"].get("ar"):
        out += [verdict["rationale"]["ar"], ""]
    for citation in verdict.get("evidence", []):
        out += [f"> {citation['quote']}", "", citation["translation"], ""]
    if claim.get("history"):
        out += ["## History", ""]
        for step in claim["history"]:
            out += [f"- {step['date']}: {step['status']}. {step['note']['en']}"]
        out.append("")
    if links:
        out += ["## Related", ""]
        out += [f"- [{titles.get(other, other)}]({other}.md)" for other in links]
        out.append("")
    return "\n".join(out)


def _date(value: Any) -> str:
    return str(value["date"] if isinstance(value, dict) else value)


def write_floor(project: Path, out: Path, pages_wanted: int | None = None) -> int:
    """Write the floor site for a generated project; return the number of pages.

    With pages_wanted (the pages the real build emitted, see built_pages), the claims' pages are repeated
    under new names until the floor has that many pages, index included: as many pages as the real site."""
    if out.exists():
        shutil.rmtree(out)
    pages = out / "docs" / "claims"
    pages.mkdir(parents=True)
    paths = sorted(p for p in (project / "claims").iterdir() if p.suffix == ".yml")
    claims = [yaml.load(p.read_text(encoding="utf-8"), Loader=Loader) for p in paths]
    titles = {c["id"]: c["statement"]["en"] for c in claims}
    names = {}
    for path in sorted((project / "claims" / "actors").glob("*.yml")):
        actor = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
        names[actor["id"]] = f"{actor['name']['en']} {actor['name']['ar']}"
    # A claim page lists the claims it names and the claims naming it (related and supersession).
    links: dict[str, list[str]] = {c["id"]: [] for c in claims}
    for claim in claims:
        for other in [claim.get("superseded_by")] + claim.get("related", []):
            if other and other in links:
                for a, b in ((claim["id"], other), (other, claim["id"])):
                    if b not in links[a]:
                        links[a].append(b)
    total = max(len(claims), (pages_wanted or 0) - 1)
    for number in range(total):
        claim = claims[number % len(claims)]
        name = claim["id"] if number < len(claims) else f"{claim['id']}-copy-{number // len(claims)}"
        (pages / f"{name}.md").write_text(claim_markdown(claim, titles, names, links[claim["id"]]), encoding="utf-8")
    (out / "docs" / "index.md").write_text(f"# MkDocs floor\n\n{len(claims)} plain pages.\n", encoding="utf-8")
    config = floor_config(_read_loose(project / "mkdocs.yml"), len(claims))
    (out / "mkdocs.yml").write_text(yaml.dump(config, Dumper=Dumper, allow_unicode=True, sort_keys=False),
                                    encoding="utf-8")
    return total + 1


def built_pages(site_dir: Path) -> int:
    """How many pages MkDocs rendered with the theme into a built site (its 404 page and any plain redirect
    pages not counted)."""
    marker = b'<meta name="generator" content="mkdocs-'
    return sum(1 for page in site_dir.rglob("*.html") if page.name != "404.html" and marker in page.read_bytes()[:16384])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, required=True, help="a project written by bench/generate.py")
    parser.add_argument("--out", type=Path, required=True, help="folder for the floor site (replaced)")
    parser.add_argument("--pages", type=int, help="pages in all (default: one per claim, plus the home page)")
    args = parser.parse_args(argv)
    count = write_floor(args.project, args.out, args.pages)
    print(f"wrote {args.out}: {count} plain pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
