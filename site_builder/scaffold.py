"""Help for editors: the schema line every content file starts with, placeholders, and new-file skeletons."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .dates import parse_date
from .diagnostics import Diagnostic
from .files import ACTORS_DIR, CLAIMS_DIR, DEADLINES_DIR, SOURCES_FILE, content_paths, read_sources, relative
from .jsonschema import SCHEMA_DIR
from .schema import STATUSES, is_slug
from .yaml_reader import read_yaml

SCHEMA_MARK = "# yaml-language-server: $schema="
PLACEHOLDER = "TODO"
FOLDERS = {"claim": CLAIMS_DIR, "actor": ACTORS_DIR, "deadline": DEADLINES_DIR}
ACTOR_KINDS = ("person", "institution", "government", "anonymous")
RELATIONS = ("by", "on", "after")
# Files that are not yet content (empty, binary, not a mapping...) get their own error, not this warning too.
_NOT_CONTENT = {"empty", "binary", "encoding", "too-large", "not-a-file", "not-mapping"}


class Refused(Exception):
    """A new file cannot be made as asked; the message says why."""


# --- the schema line ----------------------------------------------------------------------------------------


def content_files(root: Path) -> list[tuple[Path, str]]:
    """Every content file of a project, with its kind (claim, actor, deadline or sources)."""
    found = [(path, kind) for kind, folder in FOLDERS.items() for path in content_paths(root, folder)]
    if (root / SOURCES_FILE).is_file():
        found.append((root / SOURCES_FILE, "sources"))
    return found


def schema_line(shown: str, kind: str) -> str:
    """The first line a content file needs, at project-relative path shown, to get its schema in the editor."""
    target = posixpath.relpath(f"{SCHEMA_DIR}/{kind}.schema.json", posixpath.dirname(shown) or ".")
    return SCHEMA_MARK + target


def declared_schema(first_line: str) -> str | None:
    """The schema path a file's first line names, or None."""
    line = first_line.lstrip("\ufeff").rstrip()
    return line[len(SCHEMA_MARK):].strip() if line.startswith(SCHEMA_MARK) else None


def schema_line_warnings(root: Path, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """A warning for each content file whose first line does not give the editor its schema."""
    skip = {d.path for d in diagnostics if d.code in _NOT_CONTENT}
    warnings = []
    for path, kind in content_files(root):
        shown = relative(root, path)
        if shown in skip or not path.is_file():
            continue
        with open(path, "rb") as handle:
            first = handle.readline(4096).decode("utf-8", "replace")
        declared = declared_schema(first)
        if declared is not None and posixpath.basename(declared) == f"{kind}.schema.json":
            continue
        message = ("the file does not start with the schema line, so your editor cannot check it as you type"
                   if declared is None else f"the schema line names {posixpath.basename(declared)}, but this "
                                            f"is a{'n' if kind == 'actor' else ''} {kind} file")
        warnings.append(Diagnostic(shown, 1, 1, message, f"make this the first line: {schema_line(shown, kind)}",
                                   "schema-line", "warning"))
    return warnings


# --- placeholders -------------------------------------------------------------------------------------------


def placeholders(root: Path) -> list[Diagnostic]:
    """An error for every value still holding a TODO placeholder from a skeleton."""
    found = []
    for path, _ in content_files(root):
        raw = path.read_bytes() if path.is_file() else b""
        if PLACEHOLDER.encode() not in raw:
            continue
        located, _ = read_yaml(relative(root, path), raw)
        if located is None:
            continue
        for loc, value in _strings(located.data, ()):
            if value.startswith(PLACEHOLDER):
                line, column = located.where(loc)
                name = ".".join(p for p in loc if isinstance(p, str)) or "value"
                instruction = value[len(PLACEHOLDER):].strip(" :")
                found.append(Diagnostic(located.path, line, column, f"fill in '{name}': {instruction}",
                                        f"replace everything from {PLACEHOLDER} to the end of the line with your "
                                        "own text, then run site-builder check again", "placeholder"))
    return found


def with_placeholders(root: Path, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics where a line still holding a placeholder says only that (its other errors follow from it)."""
    found = placeholders(root)
    lines = {(d.path, d.line) for d in found}
    return sorted([d for d in diagnostics if (d.path, d.line) not in lines] + found)


def _strings(data: Any, loc: tuple[str | int, ...]) -> Iterable[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, loc + (index,))


# --- skeletons ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One value a skeleton asks for: its option name, question, placeholder and check."""

    name: str
    question: str
    placeholder: str
    check: Callable[[str], str | None] | None = None
    many: bool = False


@dataclass
class Known:
    """The ids a new file may refer to."""

    actors: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, root: Path) -> Known:
        record = read_sources(root, [])
        return cls([p.stem for p in content_paths(root, ACTORS_DIR)],
                   [p.stem for p in content_paths(root, DEADLINES_DIR)],
                   [p.stem for p in content_paths(root, CLAIMS_DIR)],
                   [s.id for s in record.item.sources] if record else [])


def _one_of(kind: str, ids: list[str], where: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if value in ids:
            return None
        guess = difflib.get_close_matches(value, ids, n=1, cutoff=0.6)
        advice = f"did you mean '{guess[0]}'?" if guess else f"the {kind} ids are the names in {where}"
        return f"there is no {kind} with the id '{value}': {advice}"
    return check


def _choice(name: str, choices: Iterable[str]) -> Callable[[str], str | None]:
    allowed = tuple(choices)
    return lambda value: None if value in allowed else f"'{value}' is not a {name}: use one of {', '.join(allowed)}"


def _date(value: str) -> str | None:
    try:
        parse_date(value)
    except ValueError as error:
        return str(error)
    return None


def fields_for(kind: str, known: Known) -> list[Field]:
    """What a new file of one kind asks for, in the order it is asked."""
    if kind == "actor":
        return [Field("name", "Name in English", "the name in English"),
                Field("name_ar", "Name in Arabic", "the name in Arabic, as the articles write it"),
                Field("kind", f"Kind ({', '.join(ACTOR_KINDS)})", "", _choice("kind", ACTOR_KINDS))]
    if kind == "deadline":
        return [Field("label", "Label in English, e.g. End of September 2025", "a short English label"),
                Field("label_ar", "Label in Arabic", "the label in Arabic"),
                Field("date", "Date: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY", "the date, e.g. 2025-09", _date),
                Field("relation", "Relation (by, on or after)", "", _choice("relation", RELATIONS))]
    return [
        Field("statement", "The claim, in one plain English sentence", "the claim in one plain English sentence"),
        Field("statement_ar", "The claim in Arabic", "the claim in Arabic"),
        Field("actor", "Who made it (actor id; several separated by spaces)",
              "the id of who made the claim (a file name in claims/actors/)",
              _one_of("actor", known.actors, "claims/actors/"), many=True),
        Field("made_on", "When it was made: YYYY-MM-DD, YYYY-MM or YYYY", "the date it was made, e.g. 2025-09-07",
              _date),
        Field("source", "Which article it appears in (source id)", "the id of the article (see seeds/sources.yml)",
              _one_of("source", known.sources, "seeds/sources.yml")),
        Field("quote", "The Arabic words of the claim, copied exactly from the article",
              "copy the Arabic words of the claim exactly from one paragraph of the article"),
        Field("translation", "A faithful English translation of the quote",
              "a faithful English translation of the quote"),
        Field("deadline", "Deadlines it names (ids, separated by spaces; empty for none)", "",
              _one_of("deadline", known.deadlines, "claims/deadlines/"), many=True),
        Field("status", f"Status ({', '.join(STATUSES)})", "", _choice("status", STATUSES)),
        Field("superseded_by", "The id of the claim that replaced it", "the id of the claim that replaced this one",
              _one_of("claim", known.claims, "claims/")),
        Field("verdict_date", "Date of the verdict: YYYY-MM-DD, YYYY-MM or YYYY",
              "the date of the verdict, e.g. 2025-09-07", _date),
        Field("rationale", "Why the claim has this status, in plain English", "why the claim has this status"),
    ]


def check_id(kind: str, new_id: str, root: Path) -> Path:
    """The file a new item would be written to; Refused if the id is not usable."""
    if not is_slug(new_id):
        raise Refused(f"'{new_id}' cannot be an id: ids use lowercase ASCII letters, digits and single hyphens, "
                      "e.g. sudani-announces-end-of-mission")
    folder = root / FOLDERS[kind]
    for suffix in (".yml", ".yaml"):
        if (folder / f"{new_id}{suffix}").exists():
            raise Refused(f"{FOLDERS[kind]}/{new_id}{suffix} already exists: choose another id, or edit that file")
    return folder / f"{new_id}.yml"


def create(kind: str, new_id: str, root: Path, given: dict[str, Any],
           ask: Callable[[str], str] | None, say: Callable[[str], None]) -> Path:
    """Write a new content file from the answers given (asking for the others when ask is set); return it."""
    target = check_id(kind, new_id, root)
    fields = fields_for(kind, Known.of(root))
    problem = refusal(kind, fields, given)
    if problem:
        raise Refused(problem)
    answers = gather(fields, given, ask, say) if ask else given
    text = skeleton(kind, new_id, relative(root, target), answers)
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise Refused(f"{relative(root, target)} already exists: choose another id, or edit that file") from None
    return target


def refusal(kind: str, fields: list[Field], answers: dict[str, Any]) -> str | None:
    """Why the options given cannot be used, or None."""
    names = {spec.name for spec in fields}
    for name, value in answers.items():
        if value and name not in names:
            return f"--{name.replace('_', '-')} is not an option for a new {kind}"
    for spec in fields:
        for value in _values(answers.get(spec.name)):
            problem = spec.check(value) if spec.check else None
            if problem:
                return f"--{spec.name.replace('_', '-')}: {problem}"
    if answers.get("superseded_by") and answers.get("status") != "superseded":
        return "--superseded-by goes with --status superseded"
    return None


def gather(fields: list[Field], given: dict[str, Any], ask: Callable[[str], str],
           say: Callable[[str], None]) -> dict[str, Any]:
    """The answers given, and the others asked for one by one; an empty answer leaves a placeholder."""
    answers = dict(given)
    for spec in fields:
        if answers.get(spec.name) or (spec.name == "superseded_by" and answers.get("status") != "superseded"):
            continue
        while True:
            reply = ask(f"{spec.question}: ").strip()
            values = reply.split() if spec.many else [reply] if reply else []
            problem = next((p for p in map(spec.check, values) if p), None) if spec.check else None
            if problem is None:
                break
            say(problem)
        answers[spec.name] = values if spec.many else (values[0] if values else None)
    return answers


def _values(value: Any) -> list[str]:
    return list(value) if isinstance(value, list) else [value] if value else []


def skeleton(kind: str, new_id: str, shown: str, answers: dict[str, Any]) -> str:
    """The text of a new content file: the schema line, next steps as comments, then the fields."""
    lines = [schema_line(shown, kind), *_next_steps(kind, shown), f"id: {new_id}"]
    lines += {"claim": _claim_body, "actor": _actor_body, "deadline": _deadline_body}[kind](answers)
    return "\n".join(lines) + "\n"


def _next_steps(kind: str, shown: str) -> list[str]:
    steps = [f"# A new {kind}. Next steps:",
             f"#   1. Replace every {PLACEHOLDER} below with your own text (keep the spaces before each name).",
             f"#   2. Run: site-builder check {shown}   and fix what it reports.",
             "#   3. Commit, push and open a pull request (CONTRIBUTING.md tells how).",
             "# The rules for statuses and verdicts: docs/editorial-guide.md"]
    if kind == "claim":
        steps.insert(2, "#      Copy each quote word for word from one paragraph of the article in seeds/.")
    return steps


def _text(answers: dict[str, Any], name: str, placeholder: str) -> str:
    value = answers.get(name)
    return scalar(value) if value else f"{PLACEHOLDER} {placeholder}"


def _date_text(answers: dict[str, Any], name: str, placeholder: str) -> str:
    """A date as editors write it, unquoted (it was checked when given)."""
    return str(answers[name]).strip() if answers.get(name) else f"{PLACEHOLDER} {placeholder}"


def scalar(text: str) -> str:
    """Text as a YAML value: plain when YAML reads it back unchanged, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {text}") == {"k": text}:
            return text
    except yaml.YAMLError:
        pass
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _items(answers: dict[str, Any], name: str, placeholder: str) -> list[str]:
    values = answers.get(name) or []
    return [f"  - {v}" for v in values] if values else [f"  - {PLACEHOLDER} {placeholder}"]


def _claim_body(a: dict[str, Any]) -> list[str]:
    status = a.get("status") or "unresolved"
    body = ["statement:", f"  en: {_text(a, 'statement', 'the claim in one plain English sentence')}",
            f"  ar: {_text(a, 'statement_ar', 'the claim in Arabic')}",
            "actors:", *_items(a, "actor", "the id of who made the claim (a file name in claims/actors/)"),
            "# Optional: the actors the claim is about who did not make it (file names in claims/actors/).",
            "# about:", "#   - sudani",
            f"made_on: {_date_text(a, 'made_on', 'the date it was made, e.g. 2025-09-07')}",
            "appearances:", *_citation(a, "statement"),
            "# Optional: the deadlines the claim names (file names in claims/deadlines/).",
            *(["deadlines:", *_items(a, "deadline", "")] if a.get("deadline") else
              ["# deadlines:", "#   - end-of-september-2025"]),
            f"status: {status}"]
    if status == "superseded":
        body.append(f"superseded_by: {_text(a, 'superseded_by', 'the id of the claim that replaced this one')}")
    body += ["verdict:", f"  date: {_date_text(a, 'verdict_date', 'the date of the verdict, e.g. 2025-09-07')}",
             "  rationale:", f"    en: {_text(a, 'rationale', f'why the claim is {status}, in plain English')}",
             "    # ar: the rationale in Arabic (until it is written, the Arabic edition shows the English)"]
    if status != "unresolved":
        body += ["  evidence:", *("  " + line for line in _citation({"source": a.get("source")}, "evidence"))]
    return body


def _citation(a: dict[str, Any], anchor: str) -> list[str]:
    return [f"  - source: {_text(a, 'source', 'the id of the article (see seeds/sources.yml)')}",
            f"    anchor: {anchor}",
            f"    quote: {_text(a, 'quote', 'copy the Arabic words exactly from one paragraph of the article')}",
            f"    translation: {_text(a, 'translation', 'a faithful English translation of the quote')}"]


def _actor_body(a: dict[str, Any]) -> list[str]:
    return [f"kind: {a.get('kind') or 'person'}", "name:",
            f"  en: {_text(a, 'name', 'the name in English')}",
            f"  ar: {_text(a, 'name_ar', 'the name in Arabic, as the articles write it')}",
            "# Optional: the roles held, e.g.",
            "# roles:", "#   - title:", "#       en: Prime Minister of Iraq", "#       ar: رئيس الوزراء العراقي",
            "#     from: 2022-10"]


def _deadline_body(a: dict[str, Any]) -> list[str]:
    return ["label:", f"  en: {_text(a, 'label', 'a short English label')}",
            f"  ar: {_text(a, 'label_ar', 'the label in Arabic')}",
            f"date: {_date_text(a, 'date', 'the date, e.g. 2025-09')}",
            "# by: no later than the end of the date; on: during it; after: once it is over.",
            f"relation: {scalar(a.get('relation') or 'by')}"]


def editor_diagnostics(root: Path, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The check's diagnostics with placeholders named as such and missing schema lines warned about."""
    return sorted(with_placeholders(root, diagnostics) + schema_line_warnings(root, diagnostics))
