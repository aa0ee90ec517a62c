"""Estimated text widths, so that labels can be placed and shortened without a browser."""

from __future__ import annotations

NARROW = set("ijlI.,:;'!|()[]ft ")
WIDE = set("mwMW@%")


def width_of(text: str, size: float) -> float:
    """The width of text at a font size, estimated from character classes."""
    # Em fractions a little above Arial's and Roboto's, so that estimates err on the wide side.
    total = 0.0
    for ch in text:
        if ch in NARROW:
            total += 0.3
        elif ch in WIDE:
            total += 0.86
        elif ch.isupper():
            total += 0.68
        else:
            total += 0.56
    return total * size


def fit(text: str, width: float, size: float) -> str:
    """Text shortened at a word boundary, with an ellipsis, to fit within width."""
    if width_of(text, size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and width_of(" ".join(words) + "…", size) > width:
        words.pop()
    kept = " ".join(words).rstrip(",;:.")
    while width_of(kept + "…", size) > width and kept:
        kept = kept[:-1]
    return kept + "…"


def wrap(text: str, width: float, size: float, lines: int) -> list[str]:
    """Text broken into at most `lines` lines of the width; the last one shortened when it must be."""
    out: list[str] = []
    words = text.split(" ")
    while words and len(out) < lines - 1:
        line = words.pop(0)
        while words and width_of(line + " " + words[0], size) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out.append(fit(" ".join(words), width, size))
    return out
