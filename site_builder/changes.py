"""What a change does to the site: claims added, removed, renamed and changed, verdicts, pages, URLs lost."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic
from .files import ACTORS_DIR, DEADLINES_DIR, SOURCES_FILE, read_all

INDEX_PAGES = ("", "claims/", "status/", "actors/", "deadlines/", "sources/")
WORKING_TREE = "the working tree"


class GitError(Exception):
    """A revision cannot be read from git."""


@dataclass
class Version:
    """The content of one version of the project, as plain data per id."""

    label: str
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)
    others: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (kind, id) -> data
    broken: list[str] = field(default_factory=list)

    def is_broken(self, kind: str, item_id: str) -> bool:
        """Whether the file that holds this item has errors in this version."""
        if kind == "source":
            return SOURCES_FILE in self.broken
        folder = {"actor": ACTORS_DIR, "deadline": DEADLINES_DIR}.get(kind, "claims")
        return any(Path(p).parent.as_posix() == folder and Path(p).stem == item_id for p in self.broken)


@dataclass(frozen=True)
class ClaimChange:
    """A claim present on both sides (under its old id when renamed), and what changed in it."""

    id: str
    old_id: str
    fields: tuple[str, ...]
    status: tuple[str, str] | None


@dataclass(frozen=True)
class Lost:
    """A published URL the change would remove, and what to do about it."""

    url: str
    what: str
    advice: str


@dataclass
class Changes:
    """Everything the diff reports."""

    base: str
    head: str
    site_url: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[ClaimChange] = field(default_factory=list)
    changed: list[ClaimChange] = field(default_factory=list)
    others: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, id, added/removed/changed)
    lost: list[Lost] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    broken: list[tuple[str, str]] = field(default_factory=list)  # (version label, path)
    statuses: dict[str, str] = field(default_factory=dict)  # status of each added claim

    @property
    def verdicts(self) -> list[ClaimChange]:
        return [c for c in self.renamed + self.changed if c.status]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.changed or self.others)

    def url(self, path: str) -> str:
        """The full URL of a site-relative page path, when site_url is known."""
        return self.site_url.rstrip("/") + "/" + path if self.site_url else "/" + path


# --- loading both versions ------------------------------------------------------------------------------


def compare(root: Path, base: str, head: str | None = None) -> Changes:
    """Compare the content at revision base with revision head (default: the working tree)."""
    with tempfile.TemporaryDirectory(prefix="site-builder-diff-") as scratch:
        old = load_version(checkout(root, base, Path(scratch) / "base"), describe(root, base))
        new_root = checkout(root, head, Path(scratch) / "head") if head else root
        new = load_version(new_root, describe(root, head) if head else WORKING_TREE)
        url = site_url(new_root)
    return diff(old, new, url)


def git(root: Path, *args: str) -> bytes:
    """Run git in root; GitError with git's own words when it fails."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if done.returncode:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout


def describe(root: Path, revision: str) -> str:
    """A revision as shown to readers: its name and short hash."""
    short = git(root, "rev-parse", "--short", f"{revision}^{{commit}}").decode().strip()
    return revision if revision.startswith(short) else f"{revision} ({short})"


def checkout(root: Path, revision: str, into: Path) -> Path:
    """Extract the project folder as it was at revision into a new folder, without touching the repository."""
    try:
        git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except GitError:
        raise GitError(f"'{revision}' is not a commit of the repository at {root}") from None
    prefix = git(root, "rev-parse", "--show-prefix").decode().strip()
    top = Path(git(root, "rev-parse", "--show-toplevel").decode().strip())
    into.mkdir(parents=True)
    try:
        archive = git(top, "archive", "--format=tar", f"{revision}:{prefix}" if prefix else revision)
    except GitError:
        return into  # the project folder did not exist then: everything in it is new
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def load_version(root: Path, label: str) -> Version:
    """Read and schema-check every content file of one version; files with errors are listed, not compared."""
    diagnostics: list[Diagnostic] = []
    sources, actors, deadlines, claims = read_all(root, diagnostics)
    version = Version(label, broken=sorted({d.path for d in diagnostics if d.severity == "error"}))
    version.claims = {r.item.id: r.item.model_dump(mode="json", by_alias=True) for r in claims}
    for kind, records in (("actor", actors), ("deadline", deadlines)):
        version.others.update({(kind, r.item.id): r.item.model_dump(mode="json", by_alias=True) for r in records})
    for entry in sources.item.sources if sources else []:
        version.others[("source", entry.id)] = entry.model_dump(mode="json", by_alias=True)
    return version


def site_url(root: Path) -> str:
    """The site_url of mkdocs.yml, or '' when it cannot be read."""
    try:
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return ""
    value = config.get("site_url") if isinstance(config, dict) else None
    return value if isinstance(value, str) else ""


# --- comparing ------------------------------------------------------------------------------------------


def diff(old: Version, new: Version, url: str = "") -> Changes:
    """What changed from old to new."""
    changes = Changes(old.label, new.label, url)
    changes.broken = [(old.label, p) for p in old.broken] + [(new.label, p) for p in new.broken]
    skip = {c for c in set(old.claims) | set(new.claims) if old.is_broken("claim", c) or new.is_broken("claim", c)}
    former = {f: claim_id for claim_id, data in new.claims.items() for f in data["former_ids"]}
    gone = sorted(set(old.claims) - set(new.claims) - skip)
    changes.added = sorted(set(new.claims) - set(old.claims) - skip)
    for old_id in gone:
        heir = former.get(old_id)
        if heir in changes.added:
            changes.added.remove(heir)
            changes.renamed.append(claim_change(old_id, heir, old.claims[old_id], new.claims[heir]))
        else:
            changes.removed.append(old_id)
            changes.lost += [] if heir else [lost_claim(old_id, old, new, changes.added)]
    for claim_id in sorted(set(old.claims) & set(new.claims) - skip):
        change = claim_change(claim_id, claim_id, old.claims[claim_id], new.claims[claim_id])
        if change.fields:
            changes.changed.append(change)
    changes.statuses = {claim_id: new.claims[claim_id]["status"] for claim_id in changes.added}
    compare_others(old, new, changes)
    changes.pages = sorted(affected_pages(old, new, changes))
    return changes


def claim_change(old_id: str, new_id: str, old: dict[str, Any], new: dict[str, Any]) -> ClaimChange:
    fields = tuple(f for f in changed_fields(old, new) if f not in ("id", "former_ids"))
    status = (old["status"], new["status"]) if old["status"] != new["status"] else None
    return ClaimChange(new_id, old_id, fields, status)


def changed_fields(old: dict[str, Any], new: dict[str, Any], prefix: str = "") -> list[str]:
    """The dotted names of the fields that differ; blocks are compared field by field, lists as a whole."""
    found = []
    for key in list(new) + [k for k in old if k not in new]:
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(before, dict) and isinstance(after, dict):
            found += changed_fields(before, after, name)
        else:
            found.append(name)
    return found


def lost_claim(old_id: str, old: Version, new: Version, added: list[str]) -> Lost:
    statement = old.claims[old_id]["statement"]["en"]
    quotes = {a["quote"] for a in old.claims[old_id]["appearances"]}
    twin = next((c for c in added if new.claims[c]["statement"]["en"] == statement
                 or quotes & {a["quote"] for a in new.claims[c]["appearances"]}), None)
    advice = (f"it looks renamed to '{twin}': add 'former_ids: [{old_id}]' to claims/{twin}.yml" if twin else
              f"if the claim was renamed, add 'former_ids: [{old_id}]' to the claim that replaces it")
    return Lost(f"claims/{old_id}/", f"the claim '{old_id}' is removed and no claim lists it under former_ids",
                advice)


def compare_others(old: Version, new: Version, changes: Changes) -> None:
    for key in sorted(set(old.others) | set(new.others)):
        kind, item_id = key
        if old.is_broken(kind, item_id) or new.is_broken(kind, item_id):
            continue
        if key not in new.others:
            changes.others.append((kind, item_id, "removed"))
            changes.lost.append(Lost(f"{kind}s/{item_id}/", f"the {kind} '{item_id}' is removed",
                                     f"{kind} pages have no former ids: keep the {kind} unless its page must go"))
        elif key not in old.others:
            changes.others.append((kind, item_id, "added"))
        elif old.others[key] != new.others[key]:
            changes.others.append((kind, item_id, "changed"))


def affected_pages(old: Version, new: Version, changes: Changes) -> set[str]:
    """Every page whose content the change may alter: the items' own pages and the pages listing them."""
    pages: set[str] = set()
    touched = changes.added + changes.removed + [c.id for c in changes.changed + changes.renamed]
    for claim_id in touched:
        for version in (old, new):
            pages |= claim_pages(claim_id, version)
    for change in changes.renamed:
        pages |= claim_pages(change.old_id, old) | {f"claims/{change.old_id}/"}
    pages |= {"", "claims/"} if touched else set()
    if changes.added or changes.removed or changes.renamed or changes.verdicts:
        pages |= set(INDEX_PAGES)
    for kind, item_id, _ in changes.others:
        pages |= {f"{kind}s/{item_id}/", f"{kind}s/", ""}
        for version in (old, new):
            pages |= {f"claims/{c}/" for c, data in version.claims.items() if item_id in mentions(data)[kind]}
    return pages


def claim_pages(claim_id: str, version: Version) -> set[str]:
    """A claim's page and the pages that list or link to it, in one version."""
    data = version.claims.get(claim_id)
    pages = {f"claims/{c}/" for c, other in version.claims.items() if claim_id in mentions(other)["claim"]}
    if data is None:
        return pages
    named = mentions(data)
    pages |= {f"claims/{claim_id}/", f"status/{data['status']}/"}
    pages |= {f"{kind}s/{item}/" for kind in ("actor", "deadline", "source", "claim") for item in named[kind]}
    return pages


def mentions(data: dict[str, Any]) -> dict[str, set[str]]:
    """The ids a claim names, by kind."""
    citations = data["appearances"] + data["verdict"]["evidence"] + [e for s in data["history"] for e in s["evidence"]]
    return {"actor": set(data["actors"]) | set(data.get("about", [])), "deadline": set(data["deadlines"]),
            "source": {c["source"] for c in citations},
            "claim": set(data["related"]) | ({data["superseded_by"]} if data["superseded_by"] else set())}


# --- reporting ------------------------------------------------------------------------------------------


def summary(changes: Changes) -> str:
    counts = [(len(changes.added), "added"), (len(changes.removed), "removed"), (len(changes.renamed), "renamed"),
              (len(changes.changed), "changed")]
    return ", ".join(f"{n} {word}" for n, word in counts if n) or "none changed"


def plain(changes: Changes) -> str:
    """The report as plain text."""
    out = [f"Changes from {changes.base} to {changes.head}", ""]
    if changes.lost:
        out += [f"!! WARNING: {_urls(len(changes.lost))} would disappear:"]
        out += [line for lost in changes.lost for line in
                (f"!!   {changes.url(lost.url)}  {lost.what}", f"!!     {lost.advice}")]
        out.append("")
    if changes.empty:
        out.append("No claim, actor, deadline or source changed.")
    out += _plain_claims(changes) + _plain_others(changes) + _plain_broken(changes)
    if changes.pages:
        out += ["", f"Pages affected ({len(changes.pages)}):"] + [f"  {changes.url(p)}" for p in changes.pages]
    return "\n".join(out)


def _plain_claims(changes: Changes) -> list[str]:
    if not (changes.added or changes.removed or changes.renamed or changes.changed):
        return []
    out = [f"Claims: {summary(changes)}"]
    out += [f"  added    claims/{c}/  ({changes.statuses[c]})" for c in changes.added]
    out += [f"  removed  claims/{c}/" for c in changes.removed]
    out += [f"  renamed  claims/{c.old_id}/ -> claims/{c.id}/  (the old URL redirects)"
            + (f"; also changed: {', '.join(c.fields)}" if c.fields else "") for c in changes.renamed]
    out += [f"  changed  claims/{c.id}/: {', '.join(c.fields)}" for c in changes.changed]
    if changes.verdicts:
        out += ["", "Verdicts changed:"]
        out += [f"  {c.id}: {c.status[0]} -> {c.status[1]}" for c in changes.verdicts if c.status]
    return out


def _plain_others(changes: Changes) -> list[str]:
    if not changes.others:
        return []
    return ["", "Actors, deadlines and sources:"] + [f"  {what:<8} {kind:<8} {kind}s/{item}/"
                                                      for kind, item, what in changes.others]


def _plain_broken(changes: Changes) -> list[str]:
    if not changes.broken:
        return []
    return ["", "Not compared: these files have errors (run site-builder check):"] + [
        f"  {path} (in {label})" for label, path in changes.broken]


def markdown(changes: Changes) -> str:
    """The report as Markdown, for a pull-request comment."""
    out = ["### What this change does to the site", ""]
    if changes.lost:
        out += ["> [!CAUTION]", f"> **{_urls(len(changes.lost))} would disappear.**", ">"]
        out += [f"> - {changes.url(lost.url)}: {lost.what}; {lost.advice}." for lost in changes.lost]
        out.append("")
    if changes.empty:
        out += ["No claim, actor, deadline or source changed.", ""]
    out += _markdown_claims(changes) + _markdown_others(changes)
    if changes.broken:
        out += ["**Not compared**, because these files have errors (see the check annotations):", ""]
        out += [f"- `{path}` (in {label})" for label, path in changes.broken] + [""]
    if changes.pages:
        out += [f"<details><summary>Pages affected ({len(changes.pages)})</summary>", ""]
        out += [f"- {changes.url(p)}" for p in changes.pages] + ["", "</details>", ""]
    out.append(f"<sub>Compared {changes.base} with {changes.head} by `site-builder diff`.</sub>")
    return "\n".join(out) + "\n"


def _markdown_claims(changes: Changes) -> list[str]:
    if not (changes.added or changes.removed or changes.renamed or changes.changed):
        return []
    rows = [(f"`{c}`", f"added ({changes.statuses[c]})") for c in changes.added]
    rows += [(f"`{c}`", "**removed**") for c in changes.removed]
    rows += [(f"`{c.old_id}` → `{c.id}`", "renamed; the old URL redirects"
              + (f"; changed: {', '.join(c.fields)}" if c.fields else "")) for c in changes.renamed]
    rows += [(f"`{c.id}`", "changed: " + ", ".join(c.fields)) for c in changes.changed]
    out = [f"**Claims:** {summary(changes)}", "", "| Claim | Change |", "| --- | --- |"]
    out += [f"| {name} | {what} |" for name, what in rows] + [""]
    if changes.verdicts:
        out += ["**Verdicts changed**", ""]
        out += [f"- `{c.id}`: {c.status[0]} → **{c.status[1]}**" for c in changes.verdicts if c.status] + [""]
    return out


def _markdown_others(changes: Changes) -> list[str]:
    if not changes.others:
        return []
    return ["**Actors, deadlines and sources**", ""] + [
        f"- {kind} `{item}`: {what}" for kind, item, what in changes.others] + [""]


def _urls(count: int) -> str:
    return "1 published URL" if count == 1 else f"{count} published URLs"
