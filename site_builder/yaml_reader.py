"""Read a YAML content file into plain data, remembering where each value stood."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import CollectionEndEvent, CollectionStartEvent, StreamEndEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from .diagnostics import Diagnostic

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
Path = tuple[str | int, ...]
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp")
}
_BOOL = "tag:yaml.org,2002:bool"
_STR = "tag:yaml.org,2002:str"
_YAML11_WORDS = {"on", "off", "yes", "no"}
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_constructor = SafeConstructor()
_CONSTRUCTORS = {tag: SafeConstructor.yaml_constructors[tag] for tag in _PLAIN_TAGS}


@dataclass
class Located:
    """Data read from one file, with the line and column of every key and value."""

    path: str
    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    origin: str | None = None  # set when the positions were let go: the file to read them from again

    def release(self, origin: str) -> None:
        """Let go of the positions of a file found valid (a tenth of the loaded content's memory): most are
        never asked for. Should one be, they are read again from `origin`, the file as it is then."""
        self.values, self.keys, self.origin = {}, {}, origin

    def where(self, loc: Path, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or key) at loc, or of its nearest parent."""
        if self.origin is not None:
            self._read_positions(self.origin)
        table = self.keys if key else self.values
        for end in range(len(loc), -1, -1):
            spot = table.get(loc[:end]) or self.values.get(loc[:end])
            if spot:
                return spot
        return (1, 1)

    def _read_positions(self, origin: str) -> None:
        self.origin = None
        try:
            with open(origin, "rb") as file:
                again, _ = read_yaml(self.path, file.read())
        except OSError:
            return
        if again is not None:
            self.values, self.keys = again.values, again.keys


class _Problem(Exception):
    def __init__(self, node: Node, message: str, hint: str, code: str) -> None:
        super().__init__(message)
        self.node, self.message, self.hint, self.code = node, message, hint, code


def read_yaml(path: str, raw: bytes) -> tuple[Located | None, list[Diagnostic]]:
    """Decode and parse one file; return its data or the reasons it cannot be read."""
    text, unreadable = _decode(path, raw)
    if unreadable:
        return None, [unreadable]
    assert text is not None
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        column = tab.end() - tab.start()
        return None, [Diagnostic(path, line, column, "a tab character is used to indent this line",
                                 "YAML indents with spaces only: replace the tab with spaces", "tab")]
    try:
        deep = _too_deep(text)
        node = None if deep else _compose(text)
    except yaml.MarkedYAMLError as error:
        return None, [_overindented(path, error, text) or _syntax(path, error)]
    except ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        return None, [Diagnostic(path, line, column, f"the character U+{error.character:04X} is not allowed in a "
                                 "content file", "delete it: it is a control character, invisible in most editors",
                                 "control-character")]
    except yaml.YAMLError as error:
        return None, [Diagnostic(path, 1, 1, f"this file is not readable YAML: {error}", "", "yaml-syntax")]
    except RecursionError:
        return None, [Diagnostic(path, 1, 1, "the file is nested too deeply to be content",
                                 f"content files nest at most {MAX_DEPTH} levels", "too-deep")]
    if deep:
        return None, [Diagnostic(path, deep[0], deep[1], "the data is nested too deeply",
                                 f"content files nest at most {MAX_DEPTH} levels", "too-deep")]
    located = Located(path, None)
    if node is None:
        return None, [Diagnostic(path, 1, 1, "the file is empty (or holds only comments)",
                                 "fill it in, or delete it", "empty")]
    try:
        located.data = _build(node, (), located, set())
    except _Problem as problem:
        mark = problem.node.start_mark
        return None, [Diagnostic(path, mark.line + 1, mark.column + 1, problem.message, problem.hint, problem.code)]
    return located, located.problems


def _decode(path: str, raw: bytes) -> tuple[str | None, Diagnostic | None]:
    if len(raw) > MAX_BYTES:
        return None, Diagnostic(path, 1, 1, f"the file is over {MAX_BYTES:,} bytes, more than a content file may hold",
                                f"content files hold at most {MAX_BYTES:,} bytes; split or shorten it", "too-large")
    if b"\0" in raw:
        return None, Diagnostic(path, 1, 1, "the file holds binary data, not text",
                                "content files are UTF-8 text; replace it with the YAML it should be", "binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, error.start) + 1: error.start].decode("utf-8")) + 1
        return None, Diagnostic(path, line, column, f"byte {raw[error.start]:#04x} is not UTF-8 text",
                                "save the file as UTF-8 (most editors: File > Save with Encoding > UTF-8)", "encoding")
    return text.replace("\r\n", "\n"), None


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where [ ] and { } nesting passes MAX_DEPTH; libyaml's composer recurses in C and crashes on deep input."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    loader = Loader(text)
    depth = 0
    try:
        event = loader.get_event()
        while event is not None and not isinstance(event, StreamEndEvent):
            depth += isinstance(event, CollectionStartEvent) - isinstance(event, CollectionEndEvent)
            mark = event.start_mark
            if depth > MAX_DEPTH and mark is not None:
                return mark.line + 1, mark.column + 1
            event = loader.get_event()
    except yaml.MarkedYAMLError as error:
        if "nesting depth" not in str(error):
            raise
        return _first_bracket_past_limit(text)
    finally:
        loader.dispose()
    return None


def _first_bracket_past_limit(text: str) -> tuple[int, int] | None:
    """Newer libyaml stops deep input itself, at its own limit: find where ours was passed."""
    depth = 0
    for offset, char in enumerate(text):
        depth += (char in "[{") - (char in "]}")
        if depth > MAX_DEPTH:
            return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
    return None


class _Loader(Loader):
    """libyaml's loader, telling text at once from values that only start like another type."""

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and not (implicit[0] and value[:1] in self.yaml_implicit_resolvers):
            return _STR  # quoted, or a plain value whose first character starts no number, date, boolean or null
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call,no-any-return]


def _compose(text: str) -> Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


_SYNTAX_ADVICE = [
    ("mapping values are not allowed", "a colon followed by a space inside a value makes YAML read a new key",
     'put the whole value in double quotes, e.g. en: "Officials said: the talks ended"', "unquoted-colon"),
    ("did not find expected key", "this line is not indented like the lines around it",
     "keys of one block start in the same column, and '- ' list items line up; indent with spaces", "indentation"),
    ("expected <block end>", "this line is not indented like the lines around it",
     "keys of one block start in the same column, and '- ' list items line up; indent with spaces", "indentation"),
    ("could not find expected ':'", "a line here is neither 'key: value' nor a list item",
     "check the indentation, and that a long text is inside one pair of quotes", "indentation"),
    ("found unexpected end of stream", "a quoted text is never closed", "add the closing quote mark", "unclosed-quote"),
    ("found undefined tag handle", "tags such as !!python are not allowed in content files",
     "remove the '!' tag; write plain text, numbers, lists and mappings", "tag"),
    ("found character that cannot start any token", "a character here cannot start a YAML value",
     "put the value in double quotes", "yaml-syntax"),
]


_KEY_BEFORE_COLON = re.compile(r"^( *)(?:- +)?([A-Za-z_][\w-]*)$")


def _overindented(path: str, error: yaml.MarkedYAMLError, text: str) -> Diagnostic | None:
    """A 'key:' line indented under the line above, which YAML reads as more of that line's text."""
    mark = error.problem_mark
    if mark is None or "mapping values are not allowed" not in str(error.problem):
        return None
    lines = text.split("\n")
    if mark.line >= len(lines):
        return None
    key = _KEY_BEFORE_COLON.match(lines[mark.line][: mark.column])
    above = next((n for n in range(mark.line - 1, -1, -1) if lines[n].strip() and not lines[n].lstrip().startswith("#")),
                 None)
    if key is None or above is None:
        return None
    start = re.match(r"^ *(?:- +)?", lines[above])
    indent = start.end() if start else 0
    above_key = lines[above][indent:].split(":")[0]
    return Diagnostic(path, mark.line + 1, len(key.group(1)) + 1,
                      f"this line is indented further than the line above, so '{key.group(2)}:' is read as part of "
                      "the text above",
                      f"start '{key.group(2)}:' in the same column as '{above_key}:' on line {above + 1} (column "
                      f"{indent + 1}), with spaces; if it is really part of that text, put the whole text in double "
                      "quotes", "indentation")


def _syntax(path: str, error: yaml.MarkedYAMLError) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    if error.context_mark and "scanning a quoted scalar" in (error.context or ""):
        mark = error.context_mark  # the problem is at the end of the file; the cause is the opening quote
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = f"{error.problem or ''} {error.context or ''}"
    for needle, message, hint, code in _SYNTAX_ADVICE:
        if needle in problem:
            return Diagnostic(path, line, column, message, hint, code)
    return Diagnostic(path, line, column, f"YAML syntax error: {error.problem}", "", "yaml-syntax")


def _build(node: Node, loc: Path, out: Located, seen: set[int]) -> Any:
    if id(node) in seen:
        raise _Problem(node, "anchors and aliases (& and *) are not allowed in content files",
                       "write the value out in full", "alias")
    seen.add(id(node))
    if len(loc) > MAX_DEPTH:
        raise _Problem(node, "the data is nested too deeply", f"content files nest at most {MAX_DEPTH} levels",
                       "too-deep")
    mark = node.start_mark
    out.values[loc] = (mark.line + 1, mark.column + 1)
    if isinstance(node, ScalarNode) and node.tag == _STR:
        return node.value
    if isinstance(node, MappingNode):
        return _build_mapping(node, loc, out, seen)
    if isinstance(node, SequenceNode) and node.tag == "tag:yaml.org,2002:seq":
        return [_build(item, loc + (index,), out, seen) for index, item in enumerate(node.value)]
    if not isinstance(node, ScalarNode) or node.tag not in _PLAIN_TAGS:
        raise _Problem(node, f"the tag {node.tag!r} is not allowed in content files",
                       "remove the '!' tag; write plain text, numbers, lists and mappings", "tag")
    if node.tag == _BOOL and node.value.lower() in _YAML11_WORDS:
        return node.value  # YAML 1.2, and editors' YAML tooling, read on/off/yes/no as words, as the writer meant
    try:
        return _CONSTRUCTORS[node.tag](_constructor, node)
    except ValueError as error:  # a date such as 2024-13-45, or a number of thousands of digits
        excerpt = node.value if len(node.value) <= 40 else node.value[:40] + "…"
        if node.tag.endswith(":timestamp"):
            raise _Problem(node, f"'{excerpt}' is not a real date ({error})",
                           "write dates as YYYY-MM-DD, e.g. 2024-09-27", "date") from None
        raise _Problem(node, f"'{excerpt}' is too long to be read as a number",
                       "put the value in double quotes if it is text", "value") from None


def _build_mapping(node: MappingNode, loc: Path, out: Located, seen: set[int]) -> dict[str, Any]:
    if node.tag != "tag:yaml.org,2002:map":
        raise _Problem(node, f"the tag {node.tag!r} is not allowed in content files",
                       "remove the '!' tag", "tag")
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            raise _Problem(key_node, "a key must be a plain word", "write keys as 'name: value'", "key")
        key = str(key_node.value)
        mark = key_node.start_mark
        where = loc + (key,)
        if key in result:
            first = out.keys[where][0]
            out.problems.append(Diagnostic(
                out.path, mark.line + 1, mark.column + 1,
                f"the key '{key}' appears twice in this block (first on line {first})",
                "YAML would silently keep only one of them: delete or merge the other", "duplicate-key"))
            continue
        out.keys[where] = (mark.line + 1, mark.column + 1)
        result[key] = _build(value_node, where, out, seen)
    return result
