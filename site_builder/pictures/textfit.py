"""Estimated text widths, so that labels can be placed and shortened without a browser."""

from __future__ import annotations

from functools import lru_cache
from itertools import accumulate

NARROW = set("ijlI.,:;'!|()[]ft ")
WIDE = set("mwMW@%")
ELLIPSIS = "…"
_EMS: dict[str, float] = {}


def _em(ch: str) -> float:
    # Em fractions a little above Arial's and Roboto's, so that estimates err on the wide side.
    found = _EMS.get(ch)
    if found is None:
        found = _EMS[ch] = 0.3 if ch in NARROW else 0.86 if ch in WIDE else 0.68 if ch.isupper() else 0.56
    return found


def _prefix_ems(text: str) -> list[float]:
    """Sums of the em widths of text's first 0, 1, 2, ... characters, added left to right as width_of does."""
    if not _EMS.keys() >= set(text):
        for ch in set(text):
            _em(ch)
    return list(accumulate(map(_EMS.__getitem__, text), initial=0.0))


@lru_cache(maxsize=1 << 16)  # the same words and dates are measured in many pictures
def _text_ems(text: str) -> float:
    return _prefix_ems(text)[-1]


def width_of(text: str, size: float) -> float:
    """The width of text at a font size, estimated from character classes."""
    return _text_ems(text) * size


@lru_cache(maxsize=1 << 16)  # the same statements are drawn on many pages
def fit(text: str, width: float, size: float) -> str:
    """Text shortened at a word boundary, with an ellipsis, to fit within width."""
    ems = _prefix_ems(text)
    if ems[-1] * size <= width:
        return text
    dots = _em(ELLIPSIS)

    def fits(length: int) -> bool:
        return (ems[length] + dots) * size <= width

    # Drop whole words from the end while more than one is left; then characters.
    ends = []
    space = text.find(" ")
    while space != -1:
        ends.append(space)
        space = text.find(" ", space + 1)
    ends.append(len(text))
    words = len(ends)
    while words > 1 and not fits(ends[words - 1]):
        words -= 1
    kept = len(text[:ends[words - 1]].rstrip(",;:."))
    while kept and not fits(kept):
        kept -= 1
    return text[:kept] + ELLIPSIS


def wrap(text: str, width: float, size: float, lines: int) -> list[str]:
    """Text broken into at most `lines` lines of the width; the last one shortened when it must be."""
    return list(_wrap(text, width, size, lines))


@lru_cache(maxsize=1 << 16)
def _wrap(text: str, width: float, size: float, lines: int) -> tuple[str, ...]:
    # A line's width grows a word at a time, added in the order width_of adds the whole line's characters.
    out: list[str] = []
    words = text.split(" ")
    for ch in set(text):
        _em(ch)
    em, space = _EMS.__getitem__, _em(" ")
    at = 0
    while at < len(words) and len(out) < lines - 1:
        line, ems = words[at], _text_ems(words[at])
        at += 1
        while at < len(words):
            longer = ems + space
            for ch in words[at]:
                longer += em(ch)
            if longer * size > width:
                break
            line, ems = line + " " + words[at], longer
            at += 1
        out.append(line)
    if at < len(words):
        out.append(fit(" ".join(words[at:]), width, size))
    return tuple(out)
