"""Find the content files, read them, and check each against the schema."""

from __future__ import annotations

import difflib
import os
import stat
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .dates import DateError
from .diagnostics import Diagnostic
from .schema import STATUSES, ActorFile, ClaimFile, DeadlineFile, SourcesFile
from .translations import missing_arabic
from .yaml_reader import MAX_BYTES, Located, read_yaml

T = TypeVar("T", bound=BaseModel)

CLAIMS_DIR = "claims"
ACTORS_DIR = "claims/actors"
DEADLINES_DIR = "claims/deadlines"
SOURCES_FILE = "seeds/sources.yml"


@dataclass(frozen=True)
class Record(Generic[T]):
    """One validated file: its typed content and where each value stood."""

    item: T
    located: Located

    @property
    def path(self) -> str:
        return self.located.path

    @property
    def stem(self) -> str:
        """The file's name without its extension: the id its content must have."""
        return file_stem(self.located.path)

    def where(self, *loc: str | int) -> tuple[int, int]:
        return self.located.where(loc)


def content_paths(root: Path, folder: str) -> list[Path]:
    """The .yml/.yaml files directly in one content folder, sorted."""
    directory = root / folder
    return [directory / name for name in content_names(root, folder)]


def content_names(root: Path, folder: str) -> list[str]:
    """The names of the .yml/.yaml files directly in one content folder, sorted (the order of their paths)."""
    try:
        names = os.listdir(root / folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(n for n in names if n.endswith((".yml", ".yaml")) and not n.startswith("."))


def file_stem(path: str) -> str:
    """A file's name without its extension."""
    return os.path.splitext(os.path.basename(path))[0]


# The last reading of each file, by path and model: its size and modification time, the record and problems.
_CACHE: dict[tuple[str, str], tuple[tuple[int, int], Any, list[Diagnostic]]] = {}


def read_record(root: Path, path: Path, model: type[T], diagnostics: list[Diagnostic]) -> Record[T] | None:
    """Read, parse and validate one file, reusing the result while the file is unchanged."""
    try:
        info = path.stat()
    except OSError:
        return _read_record(root, path, model, diagnostics)
    key, stamp = (str(path), model.__name__), (info.st_mtime_ns, info.st_size)
    known = _CACHE.get(key)
    if known is None or known[0] != stamp:
        found: list[Diagnostic] = []
        known = _CACHE[key] = (stamp, _read_record(root, path, model, found), found)
    _, record, found = known
    diagnostics.extend(found)
    return record


def _read_record(root: Path, path: Path, model: type[T], diagnostics: list[Diagnostic]) -> Record[T] | None:
    shown = relative(root, path)
    raw = _read_bytes(root, path, shown, diagnostics)
    if raw is None:
        return None
    located, problems = read_yaml(shown, raw)
    diagnostics.extend(problems)
    if located is None:
        return None
    if not isinstance(located.data, dict):
        diagnostics.append(Diagnostic(shown, 1, 1, "the file must hold a mapping of 'key: value' lines",
                                      "start with the 'id:' line, as in the other files", "not-mapping"))
        return None
    try:
        item = model.model_validate(located.data)
    except ValidationError as error:
        diagnostics.extend(schema_diagnostics(located, model, error))
        return None
    located.data = None  # the item holds it now, typed
    if model is not SourcesFile:
        diagnostics.extend(missing_arabic(item, located))
    located.release(str(path))
    return Record(item, located)


def relative(root: Path, path: Path) -> str:
    """A path as shown to editors: relative to the project root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_bounded(path: Path) -> bytes:
    """The file's bytes, but at most one more than a content file may hold, so a huge file is never read whole."""
    with open(path, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def _read_bytes(root: Path, path: Path, shown: str, diagnostics: list[Diagnostic]) -> bytes | None:
    if _plain_file(path):
        return _read_or_report(path, shown, diagnostics)
    problem = None
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError on a loop, 3.13 OSError
        target = None
    if target is None:
        problem = ("this file is a link that leads back to itself (a loop)", "replace the link with the file itself")
    elif path.is_symlink() and not _inside(root, target):
        problem = ("this file is a link leading outside the repository", "replace the link with the file itself")
    elif path.is_dir():
        problem = ("this is a folder where a content file should be", "move the folder out of the content folder")
    elif not path.is_file():
        problem = ("this is not a regular file", "replace it with a YAML file")
    if problem:
        diagnostics.append(Diagnostic(shown, 1, 1, problem[0], problem[1], "not-a-file"))
        return None
    return _read_or_report(path, shown, diagnostics)


def _plain_file(path: Path) -> bool:
    """A regular file that is not a link: the common case, told by one system call."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _read_or_report(path: Path, shown: str, diagnostics: list[Diagnostic]) -> bytes | None:
    try:
        return read_bounded(path)
    except OSError as error:
        diagnostics.append(Diagnostic(shown, 1, 1, f"the file cannot be read: {error.strerror}",
                                      "check that the file is readable (its permissions)", "not-a-file"))
        return None


def _inside(root: Path, target: Path) -> bool:
    return os.path.commonpath([root.resolve(), target]) == str(root.resolve())


def schema_diagnostics(located: Located, model: type[BaseModel], error: ValidationError) -> list[Diagnostic]:
    """Turn pydantic's errors into diagnostics with lines and plain advice."""
    found = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        if item["type"] == "value_error":
            loc = _written(located, loc)
        message, hint, code = _explain(item, model, loc)
        key = item["type"] in ("extra_forbidden", "evidence_missing")
        target = loc[:-1] if item["type"] == "missing" else loc
        line, column = located.where(target, key=key)
        found.append(Diagnostic(located.path, line, column, message, hint, code))
    return found


def _explain(item: Any, model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, str, str]:
    kind, field, value = item["type"], _dotted(loc), item.get("input")
    if kind == "missing":
        return _missing(model, loc)
    if kind == "extra_forbidden":
        allowed = sorted(_fields_at(model, loc[:-1]))
        guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else f"allowed here: {', '.join(allowed)}"
        return f"unknown field '{field}'", hint, "unknown-field"
    if kind == "literal_error" and loc and loc[-1] == "status":
        guess = difflib.get_close_matches(str(value), STATUSES, n=1, cutoff=0.4)
        hint = f"did you mean '{guess[0]}'? " if guess else ""
        return (f"'{value}' is not a status", hint + "the statuses are: " + ", ".join(STATUSES), "status")
    if kind == "literal_error":
        return f"'{value}' is not allowed for '{field}'", f"use one of: {item['ctx']['expected']}", "choice"
    if kind == "string_pattern_mismatch":
        return (f"'{value}' is not valid for '{field}'", _pattern_hint(str(item["ctx"]["pattern"])), "pattern")
    if kind == "value_error" and isinstance(item.get("ctx", {}).get("error"), DateError):
        error = item["ctx"]["error"]
        return f"{field}: {error.message}" if field else error.message, error.hint, "date"
    if kind in ("value_error", "assertion_error"):
        message = str(item["ctx"]["error"]) if "ctx" in item else item["msg"]
        return f"{field}: {message}" if field else message, "", "value"
    if kind == "evidence_missing":
        return (item["msg"], ("under 'verdict:' add 'evidence:' with the quote that settles the claim, or set "
                 "status: unresolved"), "evidence")
    if kind == "too_short":
        return f"'{field}' needs at least one entry", "add an entry starting with '- '", "too-short"
    expected = {"string_type": "text", "list_type": "a list of '- ' items", "model_type": "a block of 'key: value' lines",
                "dict_type": "a block of 'key: value' lines", "model_attributes_type": "a block of 'key: value' lines"}
    if kind in expected:
        return (f"'{field}' should be {expected[kind]}, not {_kind_of(value)}", _shape_hint(kind), "type")
    return f"{field}: {item['msg']}", "", kind


def _written(located: Located, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The part of loc the file really has: a plain date is checked as made_on.date, but written as made_on."""
    while loc and loc not in located.values:
        loc = loc[:-1]
    return loc


def _missing(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, str, str]:
    """A missing field, placed in words ('from item 1 of appearances') rather than as appearances[0]."""
    items = [n for n, part in enumerate(loc) if isinstance(part, int)]
    if items:
        last = items[-1]
        message = (f"the required field '{_dotted(loc[last + 1:])}' is missing from item {loc[last] + 1} of "
                   f"'{_dotted(loc[:last])}'")
    else:
        message = f"the required field '{_dotted(loc)}' is missing"
    about = _description(model, loc)
    return message, f"add a line '{loc[-1]}: …'" + (f": {about}" if about else ""), "missing-field"


def _description(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """The schema's description of the field at loc, lowercased to follow a colon, or ''."""
    parent = _model_at(model, loc[:-1])
    info = next((i for n, i in (parent.model_fields.items() if parent else []) if (i.alias or n) == loc[-1]), None)
    text = (info.description or "") if info else ""
    return text[:1].lower() + text[1:].rstrip(".")


def _pattern_hint(pattern: str) -> str:
    if "a-z0-9" in pattern:
        return "ids use lowercase ASCII letters, digits and single hyphens, e.g. us-election-2024"
    return f"it must match {pattern}"


def _shape_hint(kind: str) -> str:
    if kind == "list_type":
        return "write one '- item' per line, or [a, b] on one line"
    if kind == "string_type":
        return "put the value in double quotes"
    return "indent the fields of this block under it"


def _kind_of(value: Any) -> str:
    names = {str: "text", int: "a number", float: "a number", bool: "yes/no", list: "a list", dict: "a block",
             type(None): "empty"}
    return names.get(type(value), type(value).__name__)


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> set[str]:
    found = _model_at(model, loc)
    return set(_aliases(found)) if found else set()


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model of the block at loc, or None when loc is not a block."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else current
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in _aliases(current):
            current = _aliases(current)[part]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _aliases(model: type[BaseModel]) -> dict[str, Any]:
    return {(info.alias or name): info.annotation for name, info in model.model_fields.items()}


def _unwrap(annotation: Any) -> Any:
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = options[0] if len(options) == 1 else annotation
    return annotation


def read_sources(root: Path, diagnostics: list[Diagnostic]) -> Record[SourcesFile] | None:
    """Read seeds/sources.yml."""
    path = root / SOURCES_FILE
    if not path.exists():
        diagnostics.append(Diagnostic(SOURCES_FILE, 1, 1, "the registry of seed articles is missing",
                                      "create seeds/sources.yml (see CONTRIBUTING.md)", "missing-file"))
        return None
    return read_record(root, path, SourcesFile, diagnostics)


def read_folder(root: Path, folder: str, model: type[T], diagnostics: list[Diagnostic]) -> list[Record[T]]:
    """Read every file of one kind."""
    records = (read_record(root, path, model, diagnostics) for path in content_paths(root, folder))
    return [record for record in records if record is not None]


def read_all(root: Path, diagnostics: list[Diagnostic]) -> tuple[
    Record[SourcesFile] | None, list[Record[ActorFile]], list[Record[DeadlineFile]], list[Record[ClaimFile]]
]:
    """Read and schema-check every content file of a project."""
    return (
        read_sources(root, diagnostics),
        read_folder(root, ACTORS_DIR, ActorFile, diagnostics),
        read_folder(root, DEADLINES_DIR, DeadlineFile, diagnostics),
        read_folder(root, CLAIMS_DIR, ClaimFile, diagnostics),
    )
