"""Verdict counts as a small bar chart: each bar with its verdict word and its number."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from ..schema import STATUSES
from .labels import direction, label, status_word
from .marks import COLOURS, TINTS
from .svg import SWAPPED, Document, link, tag, text, title
from .textfit import width_of

WIDTH, ROW, LABEL_RIGHT, BAR_LEFT = 340.0, 30.0, 98.0, 106.0


def verdict_chart(key: str, counts: dict[str, int], href: Callable[[str], str | None], lang: str = "en") -> Markup:
    """One bar per verdict, longest for the most claims; href(status) links a bar, or None for no link.
    In Arabic the chart is mirrored: the words on the right, the bars growing to the left."""
    most = max(counts.values(), default=0) or 1
    room = WIDTH - BAR_LEFT - 10 - width_of(str(most), 14)
    words = {s: status_word(s, lang) for s in STATUSES}
    described = label("list.and", lang).join(label("count", lang, word=words[s], count=counts.get(s, 0))
                                             for s in STATUSES)
    doc = Document(key, WIDTH, ROW * len(STATUSES) + 6, label("chart.title", lang),
                   label("chart.desc", lang, counts=described), lang, min_width=WIDTH)
    mirror = direction(lang) == "rtl"

    def at(x: float) -> float:
        return WIDTH - x if mirror else x

    def side(anchor: str) -> str:
        return SWAPPED[anchor] if mirror else anchor

    for number, status in enumerate(STATUSES):
        y, count = 4 + number * ROW, counts.get(status, 0)
        bar = max(room * count / most, 2)
        parts = [title(label("count", lang, word=words[status], count=count)),
                 text(at(LABEL_RIGHT), y + 18, words[status], lang, fill=COLOURS[status],
                      **{"font-size": 14, "font-weight": 700, "text-anchor": side("end")}),
                 tag("rect", x=at(BAR_LEFT + bar) if mirror else BAR_LEFT, y=y + 3, width=bar, height=ROW - 10,
                     rx=3, fill=TINTS[status], stroke=COLOURS[status],
                     **{"stroke-width": 2, "stroke-dasharray": "4 3" if status == "unresolved" else None}),
                 text(at(BAR_LEFT + bar + 6), y + 18, str(count), lang, fill="#263238",
                      **{"font-size": 14, "font-weight": 700, "text-anchor": side("start") if mirror else None})]
        target = href(status) if count else None
        group = tag("g", parts, class_=f"chart__bar chart__bar--{status}")
        doc.add(link(target, [group]) if target else group)
    return doc.render()
