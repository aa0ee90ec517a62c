"""Arabic text normalisation for comparing quotes with their seeds.

Two texts match when they are equal after this normalisation:
- diacritics (harakat, shadda, sukun, superscript alef) and tatweel are removed;
- alef forms (أ إ آ ٱ) become ا, ى becomes ي, ؤ becomes و, ئ becomes ي, ة becomes ه;
- Arabic-Indic digits become ASCII digits;
- quote marks (" “ ” „ « » ' ‘ ’) and invisible format characters are removed;
- every run of white space becomes one space, and the ends are trimmed.
A quote matches whole words only, and nothing else is forgiven: a changed, added or missing word
(or part of a word) still fails.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_MARKS = set(range(0x064B, 0x0660)) | {0x0670, 0x0640}
_QUOTE_MARKS = {ord(c) for c in "\"“”„«»'‘’`"}
_DROP = _MARKS | _QUOTE_MARKS
_DROP |= {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF}
_DROP |= set(range(0x202A, 0x202F))
_FOLD = {ord(a): b for a, b in zip("أإآٱىؤئة", "اااايويه")}
_FOLD |= {0x0660 + n: str(n) for n in range(10)} | {0x06F0 + n: str(n) for n in range(10)}
_SPACE = re.compile(r"\s+")
_TABLE: dict[int, str | None] = {**{c: None for c in _DROP}, **_FOLD}


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The comparison form of a text (see the module docstring)."""
    folded = text.translate(_TABLE)
    return _SPACE.sub(" ", folded).strip()


@dataclass(frozen=True)
class Indexed:
    """A normalised text and, for each of its characters, its offset in the original."""

    text: str
    offsets: Sequence[int]
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the normalised text[start:end], with the marks on its last letter."""
        first, last = self.offsets[start], self.offsets[end - 1] + 1
        while last < len(self.original) and ord(self.original[last]) in _MARKS:
            last += 1
        return first, last


@lru_cache(maxsize=65536)
def normalise_indexed(text: str) -> Indexed:
    """Normalise, keeping a map from each output character back to the original."""
    text_only = normalise(text)
    if len(text_only) == len(text):  # every step maps one character to one, or drops: nothing was dropped
        return Indexed(text_only, range(len(text)), text)
    chars: list[str] = []
    offsets: list[int] = []
    for position, char in enumerate(text):
        code = ord(char)
        if code in _DROP:
            continue
        if char.isspace():
            if not chars or chars[-1] == " ":
                continue
            char = " "
        else:
            char = _FOLD.get(code, char)
        chars.append(char)
        offsets.append(position)
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return Indexed("".join(chars), tuple(offsets), text)


@lru_cache(maxsize=262144)  # each quote is looked for in every paragraph of its seed, again at every rebuild
def locate(quote: str, paragraph: str) -> tuple[int, int] | None:
    """The (start, end) offsets of quote within paragraph, after normalisation, in whole words."""
    found = _locate_normal(normalise(quote), normalise_indexed(paragraph))
    if found is None:
        return None
    start, end = found
    text = quote.strip()
    while text and ord(text[-1]) in _QUOTE_MARKS and paragraph[end:end + 1] == text[-1]:
        text, end = text[:-1], end + 1
    text = quote.strip()
    while text and ord(text[0]) in _QUOTE_MARKS and start > 0 and paragraph[start - 1] == text[0]:
        text, start = text[1:], start - 1
    return start, end


def _locate_normal(needle: str, hay: Indexed) -> tuple[int, int] | None:
    """The original offsets of the first whole-word occurrence of the normalised needle in hay."""
    found = hay.text.find(needle) if needle else -1
    while found >= 0:
        start, end = hay.span(found, found + len(needle))
        before = start - 1
        while before >= 0 and ord(hay.original[before]) in _MARKS:
            before -= 1
        joined_before = needle[0].isalnum() and before >= 0 and hay.original[before].isalnum()
        joined_after = needle[-1].isalnum() and end < len(hay.original) and hay.original[end].isalnum()
        if not (joined_before or joined_after):
            return start, end
        found = hay.text.find(needle, found + 1)
    return None


def closest(quote: str, passages: list[str]) -> tuple[int, str, str] | None:
    """The passage most like the quote: (index, the closest stretch as the passage writes it, first differing word)."""
    needle = normalise_indexed(quote)
    best: tuple[float, int, tuple[int, int]] | None = None
    for index, passage in enumerate(passages):
        hay = normalise_indexed(passage)
        window = _best_window(needle.text, hay.text)
        score = difflib.SequenceMatcher(None, needle.text, hay.text[window[0]:window[1]], autojunk=False).ratio()
        if best is None or score > best[0]:
            best = (score, index, window)
    if best is None or best[0] < 0.5 or best[2][0] >= best[2][1]:
        return None
    _, index, (start, end) = best
    hay = normalise_indexed(passages[index])
    first, last = hay.span(start, end)
    return index, passages[index][first:last], _first_difference(_words(needle, 0, len(needle.text)),
                                                                 _words(hay, start, end))


def _best_window(needle: str, hay: str) -> tuple[int, int]:
    """The whole words of hay, as long as the needle, around their longest common stretch."""
    matcher = difflib.SequenceMatcher(None, hay, needle, autojunk=False)
    block = matcher.find_longest_match(0, len(hay), 0, len(needle))
    start = max(0, block.a - block.b)
    start = hay.rfind(" ", 0, start) + 1
    end = hay.find(" ", start + len(needle))
    return start, end if end > 0 else len(hay)


def _words(text: Indexed, start: int, end: int) -> list[tuple[str, str]]:
    """Each word of text.text[start:end], normalised and as the original writes it."""
    words: list[tuple[str, str]] = []
    for word in re.finditer(r"\S+", text.text[start:end]):
        first, last = text.span(start + word.start(), start + word.end())
        words.append((word.group(), text.original[first:last]))
    return words


def _first_difference(needle: list[tuple[str, str]], stretch: list[tuple[str, str]]) -> str:
    for ours, theirs in zip(needle, stretch):
        if ours[0] != theirs[0]:
            return f"the quote has «{ours[1]}» where the seed has «{theirs[1]}»"
    return "the quote and the seed differ in length"
