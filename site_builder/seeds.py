"""The seed articles: their text, paragraphs, and which lines are article text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .arabic import closest, locate, normalise, normalise_indexed
from .diagnostics import Diagnostic
from .files import Record, read_bounded
from .schema import SourceEntry, SourcesFile
from .yaml_reader import MAX_BYTES

if TYPE_CHECKING:
    from .model import Quote

SEEDS_DIR = "seeds"
# Where each quote was found in a seed (the index of its paragraph and its span), by quote.
Found = dict[str, tuple[int, tuple[int, int]] | None]
# By seed file: its text and which lines are article text (what finding depends on), and what was found in it.
_FOUND: dict[str, tuple[tuple[str, str], Found]] = {}
MAX_FOUND = 100_000  # quotes kept per seed


@dataclass(eq=False)
class Paragraph:
    """One non-blank line of a seed file."""

    line: int
    text: str
    kind: str
    quotes: list[Quote] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"line-{self.line}"

    @property
    def quotable(self) -> bool:
        return self.kind == "article"


@dataclass(eq=False)
class Source:
    """A seed article with its metadata, paragraphs and the quotes taken from it."""

    entry: SourceEntry
    file: str
    paragraphs: list[Paragraph]
    quotes: list[Quote] = field(default_factory=list)
    found: Found = field(default_factory=dict, repr=False)  # where find() found each quote in this text

    @property
    def id(self) -> str:
        return self.entry.id

    def __repr__(self) -> str:  # the graph links both ways: a dataclass repr would run through all of it
        return f"{type(self).__name__}({self.id!r})"

    @property
    def url(self) -> str:
        return f"sources/{self.id}/"

    def find(self, quote: str) -> tuple[Paragraph, tuple[int, int]] | None:
        """The paragraph holding the quote, and where in it, or None; article text wins over chrome. Found once
        per process for each text of the seed: a rebuild under serve has every quote to find again."""
        if quote not in self.found:
            if len(self.found) >= MAX_FOUND:
                self.found.clear()
            found = self._find(quote)
            self.found[quote] = None if found is None else (self.paragraphs.index(found[0]), found[1])
        where = self.found[quote]
        return None if where is None else (self.paragraphs[where[0]], where[1])

    def _find(self, quote: str) -> tuple[Paragraph, tuple[int, int]] | None:
        found: tuple[Paragraph, tuple[int, int]] | None = None
        needle = normalise(quote)
        for paragraph in self.paragraphs:
            if needle not in normalise_indexed(paragraph.text).text:
                continue  # most paragraphs do not hold the quote: rule them out with one search
            spot = locate(quote, paragraph.text)
            if spot and paragraph.quotable:
                return paragraph, spot
            found = found or ((paragraph, spot) if spot else None)
        return found

    def closest(self, quote: str) -> tuple[Paragraph, str, str] | None:
        """The article paragraph most like a quote that was not found."""
        article = [p for p in self.paragraphs if p.quotable]
        found = closest(quote, [p.text for p in article])
        return (article[found[0]], found[1], found[2]) if found else None


def load_sources(root: Path, record: Record[SourcesFile], diagnostics: list[Diagnostic]) -> dict[str, Source]:
    """Read each seed file named in the registry and split it into paragraphs."""
    sources: dict[str, Source] = {}
    for index, entry in enumerate(record.item.sources):
        line, column = record.where("sources", index, "id")
        if entry.id in sources:
            diagnostics.append(Diagnostic(record.path, line, column, f"the source id '{entry.id}' is used twice",
                                          "give each seed its own id", "duplicate-id"))
            continue
        source = _load_one(root, record, index, entry, diagnostics)
        if source:
            sources[entry.id] = source
    return sources


def _load_one(root: Path, record: Record[SourcesFile], index: int, entry: SourceEntry,
              diagnostics: list[Diagnostic]) -> Source | None:
    path = root / SEEDS_DIR / entry.file
    line, column = record.where("sources", index, "file")
    try:
        raw = read_bounded(path)
        if len(raw) > MAX_BYTES:
            diagnostics.append(Diagnostic(record.path, line, column,
                                          f"the seed file '{entry.file}' is over {MAX_BYTES:,} bytes",
                                          f"a seed file holds one article, at most {MAX_BYTES:,} bytes", "seed-file"))
            return None
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        diagnostics.append(Diagnostic(record.path, line, column, f"cannot read the seed file '{entry.file}': {error}",
                                      "seed files sit in seeds/ and are UTF-8 text", "seed-file"))
        return None
    kinds = _line_kinds(record, index, entry, text, diagnostics)
    paragraphs = [
        Paragraph(number, body, kinds.get(number, "chrome"))
        for number, body in enumerate(text.split("\n"), start=1)
        if body.strip()
    ]
    article = " ".join(str(line) for line, kind in sorted(kinds.items()) if kind == "article")
    return Source(entry, f"{SEEDS_DIR}/{entry.file}", paragraphs, found=_found_in(entry.file, (text, article)))


def _found_in(file: str, text: tuple[str, str]) -> Found:
    """What find() found in this text of the seed file before, in this process: nothing if the text changed."""
    known = _FOUND.get(file)
    if known is None or known[0] != text:
        known = _FOUND[file] = (text, {})
    return known[1]


def _line_kinds(record: Record[SourcesFile], index: int, entry: SourceEntry, text: str,
                diagnostics: list[Diagnostic]) -> dict[int, str]:
    lines = text.split("\n")
    filled = {n for n, body in enumerate(lines, start=1) if body.strip()}
    kinds: dict[int, str] = {}
    for position, span in enumerate(entry.spans):
        line, column = record.where("sources", index, "spans", position, "lines")
        first, last = span.bounds
        if first > last or last > len(lines):
            diagnostics.append(Diagnostic(record.path, line, column,
                                          f"the lines '{span.lines}' are not within the file's {len(lines)} lines",
                                          "write 'first-last' with first <= last", "span"))
            continue
        taken = [n for n in range(first, last + 1) if n in kinds and n in filled]
        if taken:
            diagnostics.append(Diagnostic(record.path, line, column, f"line {taken[0]} of {entry.file} is in two spans",
                                          "each line belongs to exactly one span", "span"))
        for number in range(first, last + 1):
            kinds.setdefault(number, span.kind)
    missing = sorted(filled - kinds.keys())
    if missing:
        line, column = record.where("sources", index, "spans")
        diagnostics.append(Diagnostic(record.path, line, column,
                                      f"lines {_ranges(missing)} of {entry.file} are in no span",
                                      "mark every non-blank line as article, chrome or unrelated", "span"))
    return kinds


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = previous = numbers[0]
    for number in numbers[1:] + [0]:
        if number != previous + 1:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
            start = number
        previous = number
    return ", ".join(parts)
