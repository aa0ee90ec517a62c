"""Verdict counts as a small bar chart: each bar with its verdict word and its number."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from ..schema import STATUSES
from .labels import label, status_word
from .marks import COLOURS, TINTS
from .svg import Document, link, tag, text, title
from .textfit import width_of

WIDTH, ROW, LABEL_RIGHT, BAR_LEFT = 340.0, 30.0, 98.0, 106.0


def verdict_chart(key: str, counts: dict[str, int], href: Callable[[str], str | None]) -> Markup:
    """One bar per verdict, longest for the most claims; href(status) links a bar, or None for no link."""
    most = max(counts.values(), default=0) or 1
    room = WIDTH - BAR_LEFT - 10 - width_of(str(most), 14)
    described = ", ".join(label("count", word=status_word(s), count=counts.get(s, 0)) for s in STATUSES)
    doc = Document(key, WIDTH, ROW * len(STATUSES) + 6, label("chart.title"), label("chart.desc", counts=described),
                   min_width=WIDTH)
    for number, status in enumerate(STATUSES):
        y, count = 4 + number * ROW, counts.get(status, 0)
        bar = max(room * count / most, 2)
        parts = [title(label("count", word=status_word(status), count=count)),
                 text(LABEL_RIGHT, y + 18, status_word(status), fill=COLOURS[status],
                      **{"font-size": 14, "font-weight": 700, "text-anchor": "end"}),
                 tag("rect", x=BAR_LEFT, y=y + 3, width=bar, height=ROW - 10, rx=3, fill=TINTS[status],
                     stroke=COLOURS[status], **{"stroke-width": 2,
                                                "stroke-dasharray": "4 3" if status == "unresolved" else None}),
                 text(BAR_LEFT + bar + 6, y + 18, str(count), fill="#263238", **{"font-size": 14, "font-weight": 700})]
        target = href(status) if count else None
        group = tag("g", parts, class_=f"chart__bar chart__bar--{status}")
        doc.add(link(target, [group]) if target else group)
    return doc.render()
