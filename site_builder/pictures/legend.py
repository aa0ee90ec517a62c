"""The key under the timeline: what each shape, bar, line and colour means, in words."""

from __future__ import annotations

from ..schema import STATUSES
from .labels import direction, label, status_word
from .marks import COLOURS, TINTS, period, shape
from .svg import number, tag, text
from .textfit import width_of


def _items(lang: str) -> list[tuple[str, str]]:
    """(drawing, words) pairs; a drawing is centred on (0, 0)."""
    ink = COLOURS["unresolved"]
    items = [
        (shape("made", 0, 0, COLOURS["made"], False), label("legend.made", lang)),
        (shape("step", 0, 0, ink, False), label("legend.step", lang)),
        (shape("verdict", 0, 0, ink, False), label("legend.verdict", lang)),
        (shape("made", 0, 0, COLOURS["made"], True), label("legend.inferred", lang)),
        (period(-9, 9, 0, COLOURS["made"], TINTS["made"], False), label("legend.period", lang)),
        (tag("line", x1=0, y1=-8, x2=0, y2=8, stroke=COLOURS["passed"], **{"stroke-width": 1.5}),
         label("legend.deadline", lang)),
        (tag("line", x1=0, y1=-8, x2=0, y2=8, stroke=COLOURS["as_of"], **{"stroke-width": 3}),
         label("legend.as_of", lang)),
    ]
    items += [(tag("rect", x=-6, y=-6, width=12, height=12, fill=COLOURS[s]), status_word(s, lang)) for s in STATUSES]
    return items


def legend(width: float, pad: float, top: float, lang: str = "en") -> tuple[list[str], float]:
    """The legend laid out in rows that wrap within the width; returns its parts and its height.
    In Arabic the rows run from the right, each drawing to the right of its words."""
    mirror = direction(lang) == "rtl"
    parts: list[str] = []
    x, y = pad + 10, top
    for drawing, words in _items(lang):
        wide = 26 + width_of(words, 11.5)
        if x + wide > width - pad:
            x, y = pad + 10, y + 22
        spot = width - x if mirror else x
        parts.append(tag("g", [drawing], transform=f"translate({number(spot)},{number(y)})"))
        words_at = spot - 14 if mirror else spot + 14
        parts.append(text(words_at, y + 4, words, lang, fill="#263238",
                          **{"font-size": 11.5, "text-anchor": "end" if mirror else None}))
        x += wide + 8
    return [tag("g", parts, class_="picture__legend")], y - top + 12
