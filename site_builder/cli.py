"""The site-builder command line: check, export, build, serve, schema, permalinks, new, diff."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .diagnostics import ContentError, Diagnostic, format_github, format_json, format_text
from .project import collect, load_site

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # what a shell reports for a process ended by SIGPIPE


class UsageError(Exception):
    """The command was called wrongly; exit status 2."""


def find_root(start: Path) -> Path:
    """The project root: the nearest folder at or above start holding mkdocs.yml or claims/."""
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file() or (folder / "claims").is_dir():
            return folder
    raise UsageError(f"no project found at or above {start} (looked for mkdocs.yml or claims/)")


def _root(args: argparse.Namespace) -> Path:
    """The project root that --root (or the current folder) is in."""
    start = Path(args.root).resolve()
    if not start.is_dir():
        raise UsageError(f"--root {args.root}: " + ("not a folder" if start.exists() else "no such folder"))
    return find_root(start)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every content file and print what is wrong."""
    from .scaffold import editor_diagnostics

    root = _root(args)
    _, diagnostics = collect(root)
    diagnostics = editor_diagnostics(root, diagnostics)
    wanted = [_relative(root, Path(p)) for p in args.paths]
    if wanted:
        diagnostics = [d for d in diagnostics if any(d.path == w or d.path.startswith(w.rstrip("/") + "/")
                                                     for w in wanted)]
    print(_format(diagnostics, args.format))
    return EXIT_CONTENT if any(d.severity == "error" for d in diagnostics) else EXIT_OK


def _relative(root: Path, path: Path) -> str:
    full = path.resolve()
    if not full.exists():
        raise UsageError(f"{path}: no such file or folder")
    try:
        text = full.relative_to(root).as_posix()
    except ValueError:
        raise UsageError(f"{path} is outside the project at {root}") from None
    return "" if text == "." else text


def _format(diagnostics: list[Diagnostic], style: str) -> str:
    if style == "github":
        return format_github(diagnostics) or "no problems found"
    if style == "json":
        return format_json(diagnostics)
    return format_text(diagnostics)


def cmd_export(args: argparse.Namespace) -> int:
    """Print the validated model as one JSON document."""
    from .export import export

    site = load_site(_root(args))
    json.dump(export(site), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas for editors, or check that they are current."""
    from .jsonschema import stale_schemas, write_schemas

    root = _root(args)
    if args.check:
        stale = stale_schemas(root)
        for name in stale:
            print(f"{name} is out of date: run 'site-builder schema'", file=sys.stderr)
        return EXIT_CONTENT if stale else EXIT_OK
    for path in write_schemas(root):
        print(f"wrote {path}")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site into site/ (or --site-dir), replacing the old one only if the build succeeds."""
    from .building import BuildFailed, build_site

    root = _root(args)
    try:
        target = build_site(root, Path(args.site_dir) if args.site_dir else None, strict=not args.no_strict)
    except BuildFailed as error:
        print(f"site-builder: {error}", file=sys.stderr)
        return EXIT_CONTENT
    print(f"built {target}")
    return EXIT_OK


def cmd_permalinks(args: argparse.Namespace) -> int:
    """Check that every URL in permalinks.json still resolves; --update records the new ones."""
    from mkdocs.exceptions import MkDocsException

    from .permalinks import (
        MANIFEST,
        ManifestError,
        broken,
        broken_message,
        current_urls,
        edition_twin,
        path,
        read_manifest,
        write_manifest,
    )

    root = _root(args)
    forget = {path(url) for url in args.forget}
    if forget and not args.update:
        raise UsageError("--forget only works with --update")
    try:
        recorded = read_manifest(root)
        urls = current_urls(root)
    except (ManifestError, MkDocsException) as error:
        print(f"site-builder: {error}", file=sys.stderr)
        return EXIT_CONTENT
    unknown = sorted(forget - set(recorded or []))
    if unknown:
        raise UsageError(f"not in {MANIFEST}, so nothing to forget: {', '.join(unknown)}")
    forget |= {twin for url in forget if (twin := edition_twin(url)) in set(recorded or [])}  # withdrawn from both
    kept = [url for url in recorded or [] if url not in forget]
    missing = broken(kept, urls)
    if missing:
        print(broken_message(missing), file=sys.stderr)
        return EXIT_CONTENT
    new = sorted(set(urls) - set(kept))
    if args.update:
        write_manifest(root, kept + urls)
        print(f"{MANIFEST}: {len(set(kept + urls))} URLs, {len(new)} new, {len(forget)} forgotten")
    elif recorded is None:
        print(f"there is no {MANIFEST} yet: run 'site-builder permalinks --update' to start one")
    else:
        print(f"{MANIFEST}: all {len(kept)} URLs resolve; {len(new)} new URLs are not recorded yet"
              + (" (run 'site-builder permalinks --update')" if new else ""))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview the site with live reload (mkdocs serve)."""
    root = _root(args)
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "-a", args.dev_addr]
    os.execv(sys.executable, command + (["--dirty"] if args.dirty else []))
    return EXIT_OK  # pragma: no cover - execv does not return


def cmd_new(args: argparse.Namespace) -> int:
    """Create a claim, actor or deadline file to fill in (asks for each value when run in a terminal)."""
    from .scaffold import Refused, create

    root = _root(args)
    given = {name: getattr(args, name) for name in NEW_VALUES}
    ask = input if sys.stdin.isatty() and not args.no_input else None
    try:
        target = create(args.what, args.id, root, given, ask, print)
    except Refused as error:
        raise UsageError(str(error)) from None
    shown = target.relative_to(root).as_posix()
    print(f"created {shown}\nnext: replace every TODO in it, then run: site-builder check {shown}")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    """Describe what a change does to the site: claims, verdicts, pages, and URLs that would disappear."""
    from .changes import GitError, compare, markdown, plain

    root = _root(args)
    try:
        changes = compare(root, args.base, args.head)
    except GitError as error:
        raise UsageError(str(error)) from None
    print(markdown(changes) if args.format == "markdown" else plain(changes))
    return EXIT_OK


NEW_VALUES = ("statement", "statement_ar", "actor", "made_on", "source", "quote", "translation", "deadline", "status",
              "superseded_by", "verdict_date", "rationale", "name", "name_ar", "kind", "label",
              "label_ar", "date",
              "relation")

COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "check": (cmd_check, ("site-builder check                      # the whole project\n"
                          "site-builder check claims/my-claim.yml  # report only this file\n"
                          "site-builder check --format github      # annotations for GitHub Actions")),
    "export": (cmd_export, "site-builder export > claims.json"),
    "build": (cmd_build, ("site-builder build                # into site/\n"
                          "site-builder build --site-dir out  # elsewhere")),
    "serve": (cmd_serve, "site-builder serve   # then open http://127.0.0.1:8000"),
    "schema": (cmd_schema, ("site-builder schema          # rewrite schema/*.schema.json\n"
                            "site-builder schema --check  # fail if they are out of date")),
    "new": (cmd_new, ("site-builder new claim sudani-says-mission-ends-2025 --actor sudani --status unresolved\n"
                      "site-builder new actor iraq-ministry-of-defence --name 'Iraqi Ministry of Defence' "
                      "--kind institution\n"
                      "site-builder new deadline end-of-march-2026 --date 2026-03 --relation by")),
    "diff": (cmd_diff, ("site-builder diff origin/main               # main against your working tree\n"
                        "site-builder diff HEAD~1 HEAD               # what the last commit changed\n"
                        "site-builder diff origin/main --format markdown > comment.md")),
    "permalinks": (cmd_permalinks, ("site-builder permalinks           # check that every published URL resolves\n"
                                    "site-builder permalinks --update  # record the new URLs in permalinks.json\n"
                                    "site-builder permalinks --update --forget /claims/withdrawn-claim/")),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with help and an example for every command."""
    parser = argparse.ArgumentParser(prog="site-builder", description="Build and check the fact-check site.")
    parser.add_argument("--root", default=".", help="project folder (default: found from the current folder)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (function, example) in COMMANDS.items():
        summary = (function.__doc__ or "").strip()
        sub = commands.add_parser(name, help=summary, description=summary, epilog="example:\n  " +
                                  example.replace("\n", "\n  "), formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.set_defaults(run=function)
        _add_options(name, sub)
    return parser


def _add_options(name: str, sub: argparse.ArgumentParser) -> None:
    if name == "check":
        sub.add_argument("paths", nargs="*", metavar="PATH", help="report only problems in these files or folders")
        sub.add_argument("--format", choices=("text", "github", "json"), default="text")
    elif name == "build":
        sub.add_argument("--site-dir", help="where to write the site (default: site/)")
        sub.add_argument("--no-strict", action="store_true", help="do not fail on MkDocs warnings")
    elif name == "serve":
        sub.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
        sub.add_argument("--dirty", action="store_true", help="rebuild only the pages an edit touches")
    elif name == "schema":
        sub.add_argument("--check", action="store_true", help="fail if the files on disk are out of date")
    elif name == "new":
        _add_new_options(sub)
    elif name == "diff":
        sub.add_argument("base", metavar="BASE", help="the revision to compare from, e.g. origin/main or HEAD~1")
        sub.add_argument("head", metavar="HEAD", nargs="?", default=None,
                         help="the revision to compare to (default: the working tree, uncommitted edits included)")
        sub.add_argument("--format", choices=("text", "markdown"), default="text",
                         help="markdown: for a pull-request comment")
    elif name == "permalinks":
        sub.add_argument("--update", action="store_true", help="add the URLs this build publishes to permalinks.json")
        sub.add_argument("--forget", action="append", default=[], metavar="URL",
                         help="with --update: drop a URL withdrawn on purpose (repeatable)")


def _add_new_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("what", choices=("claim", "actor", "deadline"), metavar="KIND", help="claim, actor or deadline")
    sub.add_argument("id", metavar="ID", help="the new id, also the file name: lowercase words joined by hyphens")
    values = sub.add_argument_group("values (each one left out stays a TODO to fill in)")
    for option, helptext in (("--statement", "claim: the claim in one English sentence"),
                             ("--statement-ar", "claim: the claim in Arabic"),
                             ("--made-on", "claim: when it was made (2025-09-07, 2025-09 or 2025)"),
                             ("--source", "claim: the id of the article in seeds/sources.yml"),
                             ("--quote", "claim: the Arabic words, copied exactly from the article"),
                             ("--translation", "claim: a faithful English translation of the quote"),
                             ("--status", "claim: confirmed, denied, superseded or unresolved (default)"),
                             ("--superseded-by", "claim: with --status superseded, the id of the newer claim"),
                             ("--verdict-date", "claim: the date of the verdict"),
                             ("--rationale", "claim: why the claim has its status, in plain English"),
                             ("--name", "actor: the name in English"), ("--name-ar", "actor: the name in Arabic"),
                             ("--kind", "actor: person (default), institution, government or anonymous"),
                             ("--label", "deadline: a short English label"),
                             ("--label-ar", "deadline: the label in Arabic"),
                             ("--date", "deadline: 2025-09-30, 2025-09, 2025-Q3 or 2025"),
                             ("--relation", "deadline: by (default), on or after")):
        values.add_argument(option, help=helptext)
    values.add_argument("--actor", action="append", help="claim: the id of who made it (repeatable)")
    values.add_argument("--deadline", action="append", help="claim: the id of a deadline it names (repeatable)")
    sub.add_argument("--no-input", action="store_true", help="never ask questions, even in a terminal")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_CONTENT
    except UsageError as error:
        print(f"site-builder: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped early, as `site-builder export | head` does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush cannot fail again
        return EXIT_BROKEN_PIPE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
