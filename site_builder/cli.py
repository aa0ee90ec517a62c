"""The site-builder command line: check, export, schema, build, serve, new, diff."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from .diagnostics import ContentError, Diagnostic, format_github, format_json, format_text
from .project import collect, load_site

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The command was called wrongly; exit status 2."""


def find_root(start: Path) -> Path:
    """The project root: the nearest folder at or above start holding mkdocs.yml or claims/."""
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file() or (folder / "claims").is_dir():
            return folder
    raise UsageError(f"no project found at or above {start} (looked for mkdocs.yml or claims/)")


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every content file and print what is wrong."""
    root = find_root(Path(args.root).resolve())
    _, diagnostics = collect(root)
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

    site = load_site(find_root(Path(args.root).resolve()))
    json.dump(export(site), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas for editors, or check that they are current."""
    from .jsonschema import stale_schemas, write_schemas

    root = find_root(Path(args.root).resolve())
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

    root = find_root(Path(args.root).resolve())
    try:
        target = build_site(root, Path(args.site_dir) if args.site_dir else None, strict=not args.no_strict)
    except BuildFailed as error:
        print(f"site-builder: {error}", file=sys.stderr)
        return EXIT_CONTENT
    print(f"built {target}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview the site with live reload (mkdocs serve)."""
    root = find_root(Path(args.root).resolve())
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "-a", args.dev_addr]
    os.execv(sys.executable, command + (["--dirty"] if args.dirty else []))
    return EXIT_OK  # pragma: no cover - execv does not return


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "check": (cmd_check, "site-builder check                      # the whole project\n"
                         "site-builder check claims/my-claim.yml  # report only this file\n"
                         "site-builder check --format github      # annotations for GitHub Actions"),
    "export": (cmd_export, "site-builder export > claims.json"),
    "build": (cmd_build, "site-builder build                # into site/\n"
                         "site-builder build --site-dir out  # elsewhere"),
    "serve": (cmd_serve, "site-builder serve   # then open http://127.0.0.1:8000"),
    "schema": (cmd_schema, "site-builder schema          # rewrite schema/*.schema.json\n"
                           "site-builder schema --check  # fail if they are out of date"),
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
