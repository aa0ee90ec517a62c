"""The timeline: one row per claim on a shared time axis, deadlines and the build date as lines."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from ..model import Claim, Site
from ..views import claims_in_order
from .axis import TimeAxis
from .events import (
    TimelineEvent,
    as_of_event,
    claim_events,
    deadline_event,
    deadlines_in_order,
    in_date_order,
)
from .labels import date_label, direction, label, status_word
from .legend import legend
from .marks import COLOURS, DASHES, colour_of, period, shape, tint_of
from .svg import Document, link, tag, text, title
from .textfit import fit, width_of

WIDTH, PAD, LANE, LEVEL = 680.0, 10.0, 40.0, 30.0
Link = Callable[[str], str]
# A white outline under text keeps it legible where lines cross it.
HALO = {"paint-order": "stroke", "stroke": "#fff", "stroke-width": 3, "stroke-linejoin": "round"}


@dataclass(frozen=True)
class Timeline:
    """The timeline picture and the events its text alternative lists, in date order."""

    svg: Markup
    events: list[TimelineEvent]


# Claims' timeline rows (SVG) by claim id, then by where they were drawn: a --dirty rebuild redraws a month
# without redrawing the rows of the claims no edit reached.
Lanes = dict[str, dict[str, str]]


def timeline_picture(site: Site, href: Link, lang: str = "en", claims: list[Claim] | None = None,
                     lanes: Lanes | None = None) -> Timeline:
    """Draw every claim's story (or the given claims'), every deadline (or those they name) and the build date
    on one time axis. Time runs left to right in Arabic too, as on the axes of Arabic charts; the words read
    right to left and claims align right. Rows drawn before in the same place are taken from `lanes`."""
    rows = [claim_events(claim, lang) for claim in (claims_in_order(site) if claims is None else claims)]
    deadlines = [deadline_event(d, lang) for d in deadlines_in_order(site, claims)]
    as_of = as_of_event(site, lang)
    days = [e.date.start for row in rows for e in row] + [e.date.end for row in rows for e in row]
    days += [d.date.start for d in deadlines] + [d.date.end for d in deadlines] + [site.as_of]
    axis = TimeAxis.spanning(days, PAD, WIDTH - PAD)
    flags = _place_flags(deadlines + [as_of], axis, lang)
    top = PAD + 52 + max((f.level for f in flags), default=0) * LEVEL
    bottom = top + len(rows) * LANE + 8
    legend_parts, legend_height = legend(WIDTH, PAD, bottom + 24, lang)
    doc = Document("timeline", WIDTH, bottom + 24 + legend_height + PAD, label("timeline.title", lang),
                   label("timeline.desc", lang, claims=len(rows), deadlines=len(deadlines),
                         as_of=date_label(as_of.date, lang)), lang, min_width=WIDTH)
    doc.add(*_grid(axis, top - 8, bottom, lang))
    doc.add(*(_flag(f, axis, top, bottom, href, lang) for f in flags))
    place = f"{lang} {axis} {href('')}"
    for number, row in enumerate(rows):
        y = top + number * LANE
        if lanes is None:
            doc.add(_lane(row, axis, y, href, lang))
            continue
        assert row[0].claim is not None
        drawn = lanes.setdefault(row[0].claim.id, {})
        key = f"{place} {y}"
        if key not in drawn:
            drawn[key] = _lane(row, axis, y, href, lang)
        doc.add(drawn[key])
    doc.add(*_tick_labels(axis, bottom + 14, lang))
    doc.add(*legend_parts)
    # The events all_events(site, lang, claims) gives, from the rows and deadlines already made.
    return Timeline(doc.render(), in_date_order([e for row in rows for e in row] + deadlines + [as_of]))


@dataclass(frozen=True)
class Flag:
    """A deadline or the build date: its line's x, its label's level above the rows, and its label."""

    event: TimelineEvent
    x: float
    level: int
    anchor: str
    lines: tuple[str, str]


def _flag_x(event: TimelineEvent, axis: TimeAxis) -> float:
    """Where a flag's line stands: the build date's start, a period's start for "on", else the day it passes."""
    if event.kind == "as_of" or _during(event):
        return axis.x(event.date.start)
    return axis.x_end(event.deadline.deadline.falls_on if event.deadline else event.date.end)


def _during(event: TimelineEvent) -> bool:
    """True for a deadline that is a period the claims speak of as a whole ("during 2026")."""
    return bool(event.deadline and event.deadline.deadline.data.relation == "on" and event.date.precision != "day")


def _place_flags(events: list[TimelineEvent], axis: TimeAxis, lang: str) -> list[Flag]:
    """Stack the labels in levels, level 0 just above the rows, so that no label overlaps another or is crossed
    by another flag's line: labels spanning fewer other lines are placed first, and so lower."""
    sized = []
    for event in events:
        x = _flag_x(event, axis)
        lines = (event.text, event.deadline.summary_in(lang) if event.deadline else "")
        wide = max(width_of(line, 11) for line in lines) + 6
        anchor = "start" if x + wide <= WIDTH - PAD else "end"
        left, right = (x, x + wide) if anchor == "start" else (x - wide, x)
        sized.append((event, x, lines, anchor, left, right))
    counts = _lines_under([(s[4], s[5], s[1]) for s in sized])
    spanned = {s[0].key: count for s, count in zip(sized, counts)}
    placed: list[tuple[int, float, float, float]] = []
    flags = []
    for event, x, lines, anchor, left, right in sorted(sized, key=lambda s: (spanned[s[0].key], -s[1], s[0].key)):
        level = _level(left, right, x, placed)
        placed.append((level, left, right, x))
        flags.append(Flag(event, x, level, anchor, lines))
    return sorted(flags, key=lambda f: (f.x, f.event.key))


def _lines_under(spans: list[tuple[float, float, float]]) -> list[int]:
    """For each (left, right, x) of a label and its line, how many other lines stand within 3 of the label."""
    xs = sorted(x for _, _, x in spans)
    # The bisection counts its own line too, where it stands under the label (as it does for every flag).
    return [bisect_right(xs, right + 3) - bisect_left(xs, left - 3) - (left - 3 <= x <= right + 3)
            for left, right, x in spans]


def _level(left: float, right: float, x: float, placed: list[tuple[int, float, float, float]]) -> int:
    """The lowest level (up to one above the number placed) at which a label would touch no other label on its
    level, cross no lower label with its line, and be crossed by no higher label's line; failing that, the lowest
    at which it touches no label. One pass over the placed labels instead of one per level tried."""
    lowest, highest = 0, len(placed)
    taken = set()
    for o_level, o_left, o_right, o_x in placed:
        if left < o_right + 10 and o_left < right + 10:
            taken.add(o_level)
        if o_level < highest and o_left - 3 <= x <= o_right + 3:
            highest = o_level  # above it, this line would cross its label
        if o_level > lowest and left - 3 <= o_x <= right + 3:
            lowest = o_level  # below it, its line would cross this label
    for level in range(lowest, highest + 1):
        if level not in taken:
            return level
    return next(level for level in range(len(placed) + 1) if level not in taken)


def _flag(flag: Flag, axis: TimeAxis, top: float, bottom: float, href: Link, lang: str) -> str:
    """A deadline's line (or band, for a period it falls during) and its two-line label."""
    event, colour = flag.event, COLOURS[flag.event.state]
    label_y = top - 30 - flag.level * LEVEL
    parts = [title(event.tooltip)]
    if _during(event):
        parts.append(tag("rect", x=axis.x(event.date.start), y=top - 8, width=axis.x_end(event.date.end) -
                         axis.x(event.date.start), height=bottom - top + 8, fill=colour, **{"fill-opacity": 0.07}))
    stroke = 3 if event.kind == "as_of" else 1.5
    parts.append(tag("line", x1=flag.x, y1=label_y - 21, x2=flag.x, y2=bottom, stroke=colour,
                     **{"stroke-width": stroke, "stroke-dasharray": DASHES.get(event.state)}))
    nudge = 4 if flag.anchor == "start" else -4
    parts.append(text(flag.x + nudge, label_y - 12, flag.lines[0], lang, fill=colour, **{"font-size": 11,
                      "font-weight": 700, "text-anchor": flag.anchor}, **HALO))
    if flag.lines[1]:
        parts.append(text(flag.x + nudge, label_y + 1, flag.lines[1], lang, fill=colour, **{"font-size": 11,
                          "text-anchor": flag.anchor}, **HALO))
    group = tag("g", parts, class_=f"timeline__flag timeline__flag--{event.state}", **{"data-event": event.key})
    return link(href(event.url), [group]) if event.url else group


def _grid(axis: TimeAxis, top: float, bottom: float, lang: str) -> list[str]:
    """Light vertical lines at each tick, darker at each new year, with the tick labels above the rows."""
    parts = []
    for tick in axis.ticks(lang):
        parts.append(tag("line", x1=tick.x, y1=top, x2=tick.x, y2=bottom, stroke="#90a4ae" if tick.major
                         else "#cfd8dc", **{"stroke-width": 1}))
    parts += _tick_labels(axis, top - 4, lang)
    return parts


def _tick_labels(axis: TimeAxis, y: float, lang: str) -> list[str]:
    """Tick labels, leaving out any that would run past the right edge."""
    return [text(t.x + 3, y, t.text, lang, fill="#37474f",
                 **{"font-size": 10.5, "font-weight": 700 if t.major else None})
            for t in axis.ticks(lang) if t.x + 3 + width_of(t.text, 10.5) <= WIDTH]


def _lane(row: list[TimelineEvent], axis: TimeAxis, y: float, href: Link, lang: str) -> str:
    """One claim: a title line, then its marks joined by a thin line, then its verdict in words."""
    claim = row[0].claim
    assert claim is not None
    mark_y = y + 27
    spots = _spots(row, axis)
    parts = [tag("line", x1=spots[0][0], y1=mark_y, x2=max(spots[-1][1], spots[-1][2]), y2=mark_y, stroke="#90a4ae",
                 **{"stroke-width": 1.5})]
    parts += [_mark(event, spot, mark_y, href) for event, spot in zip(row, spots)]
    parts.append(_verdict_word(row[-1], spots, mark_y, lang))
    heading = fit(row[0].text, WIDTH - 2 * PAD, 12)
    right = direction(lang) == "rtl"
    words = text(WIDTH - PAD if right else PAD, y + 12, heading, lang, fill="#263238",
                 **{"font-size": 12, "text-anchor": "end" if right else None}, **HALO)
    parts.insert(0, link(href(claim.url), [words, title(label("event.claim", lang, text=row[0].text,
                                                                who=row[0].who))]))
    return tag("g", parts, class_="timeline__lane", **{"data-claim": claim.id})


def _spots(row: list[TimelineEvent], axis: TimeAxis) -> list[tuple[float, float, float]]:
    """Each event's span in x and where its mark goes: marks on the same day, or on a period bar, sit side
    by side instead of on top of each other."""
    spots: list[tuple[float, float, float]] = []
    for event in row:
        start, end = axis.x(event.date.start), axis.x_end(event.date.end)
        middle = (start + end) / 2
        if spots and middle < spots[-1][2] + 13:
            middle = spots[-1][2] + 13
        if event.date.precision == "day":
            start = end = middle
        else:
            middle = min(middle, end - 4)
        spots.append((start, end, middle))
    return spots


def _mark(event: TimelineEvent, spot: tuple[float, float, float], y: float, href: Link) -> str:
    colour = colour_of(event.kind, event.state)
    parts = [title(event.tooltip)]
    if spot[0] != spot[1]:
        parts.append(period(spot[0], spot[1], y, colour, tint_of(event.kind, event.state), bool(event.inferred)))
    parts.append(shape(event.kind, spot[2], y, colour, bool(event.inferred)))
    group = tag("g", parts, class_=f"timeline__mark timeline__mark--{event.kind}", **{"data-event": event.key})
    return link(href(event.url), [group])


def _verdict_word(event: TimelineEvent, spots: list[tuple[float, float, float]], y: float, lang: str) -> str:
    """The current verdict in words beside the last mark (or before the first when there is no room)."""
    word = status_word(event.state, lang)
    wide = width_of(word, 11.5)
    right = max(spots[-1][1], spots[-1][2])
    if right + 12 + wide <= WIDTH - PAD:
        x, anchor = right + 12, "start"
    else:
        x, anchor = spots[0][0] - 12, "end"
    return text(x, y + 4, word, lang, fill=COLOURS[event.state], **{"font-size": 11.5, "font-weight": 700,
                                                               "text-anchor": anchor})
