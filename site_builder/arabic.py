"""Arabic text normalisation for comparing quotes with their seeds.

Two texts match when they are equal after this normalisation:
- diacritics (harakat, shadda, sukun, superscript alef) and tatweel are removed;
- alef forms (أ إ آ ٱ) become ا, ى becomes ي, ؤ becomes و, ئ becomes ي, ة becomes ه;
- Arabic-Indic digits become ASCII digits;
- quote marks (" “ ” „ « » ' ‘ ’) and invisible format characters are removed;
- every run of white space becomes one space, and the ends are trimmed.
Nothing else is forgiven: a changed, added or missing word still fails.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

_DROP = set(range(0x064B, 0x0660)) | {0x0670, 0x0640}
_DROP |= {ord(c) for c in "\"“”„«»'‘’`"}
_DROP |= {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF}
_DROP |= set(range(0x202A, 0x202F))
_FOLD = {ord(a): b for a, b in zip("أإآٱىؤئة", "اااايويه")}
_FOLD |= {0x0660 + n: str(n) for n in range(10)} | {0x06F0 + n: str(n) for n in range(10)}
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The comparison form of a text (see the module docstring)."""
    folded = text.translate({**{c: None for c in _DROP}, **_FOLD})
    return _SPACE.sub(" ", folded).strip()


@dataclass(frozen=True)
class Indexed:
    """A normalised text and, for each of its characters, its offset in the original."""

    text: str
    offsets: tuple[int, ...]


@lru_cache(maxsize=65536)
def normalise_indexed(text: str) -> Indexed:
    """Normalise, keeping a map from each output character back to the original."""
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
    return Indexed("".join(chars), tuple(offsets))


def locate(quote: str, paragraph: str) -> tuple[int, int] | None:
    """The (start, end) offsets of quote within paragraph, after normalisation."""
    return locate_normal(normalise(quote), normalise_indexed(paragraph))


def locate_normal(needle: str, hay: Indexed) -> tuple[int, int] | None:
    """Like locate, for a quote and a paragraph already normalised."""
    found = hay.text.find(needle) if needle else -1
    if found < 0:
        return None
    end = found + len(needle) - 1
    return hay.offsets[found], hay.offsets[end] + 1


def closest(quote: str, passages: list[str]) -> tuple[int, str, str] | None:
    """The passage most like the quote: (index, the closest stretch, first differing word)."""
    needle = normalise(quote)
    best: tuple[float, int, str] | None = None
    for index, passage in enumerate(passages):
        hay = normalise(passage)
        stretch = _best_window(needle, hay)
        score = difflib.SequenceMatcher(None, needle, stretch, autojunk=False).ratio()
        if best is None or score > best[0]:
            best = (score, index, stretch)
    if best is None or best[0] < 0.5:
        return None
    _, index, stretch = best
    return index, stretch, _first_difference(needle, stretch)


def _best_window(needle: str, hay: str) -> str:
    matcher = difflib.SequenceMatcher(None, hay, needle, autojunk=False)
    block = matcher.find_longest_match(0, len(hay), 0, len(needle))
    start = max(0, block.a - block.b)
    start = hay.rfind(" ", 0, start) + 1
    end = hay.find(" ", start + len(needle))
    return hay[start: end if end > 0 else len(hay)]


def _first_difference(needle: str, stretch: str) -> str:
    for ours, theirs in zip(needle.split(), stretch.split()):
        if ours != theirs:
            return f"the quote has «{ours}» where the seed has «{theirs}»"
    return "the quote and the seed differ in length"
