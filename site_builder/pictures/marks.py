"""The shapes the pictures share: marks for made, earlier status and verdict, in the verdict colours."""

from __future__ import annotations

from .svg import Attr, number, tag

# The verdict colours of factcheck.css (WCAG AA on white); "made" and deadlines have their own.
COLOURS = {
    "confirmed": "#1b5e20",
    "denied": "#b71c1c",
    "superseded": "#6a1b9a",
    "unresolved": "#37474f",
    "made": "#0d47a1",
    "upcoming": "#0d47a1",
    "met": "#1b5e20",
    "missed": "#b71c1c",
    "moved": "#6a1b9a",
    "passed": "#5d4037",
    "as_of": "#e65100",
}
TINTS = {
    "confirmed": "#e8f5e9",
    "denied": "#ffebee",
    "superseded": "#f3e5f5",
    "unresolved": "#eceff1",
    "made": "#e3f2fd",
}
DASHES = {"upcoming": "6 4", "moved": "2 3"}
SIZE = 5.5


def shape(kind: str, x: float, y: float, colour: str, hollow: bool, size: float = SIZE) -> str:
    """A circle (made), square (earlier status) or diamond (verdict); hollow when the date is inferred."""
    paint: dict[str, Attr] = {"fill": "#fff" if hollow else colour, "stroke": colour, "stroke-width": 2}
    if kind == "made":
        return tag("circle", cx=float(x), cy=float(y), r=float(size), **paint)
    if kind == "step":
        side = size * 1.7
        return tag("rect", x=float(x - side / 2), y=float(y - side / 2), width=float(side), height=float(side),
                   **paint)
    d = size * 1.35
    points = " ".join(f"{number(px)},{number(py)}" for px, py in ((x, y - d), (x + d, y), (x, y + d), (x - d, y)))
    return tag("polygon", points=points, **paint)


def period(x0: float, x1: float, y: float, colour: str, tint: str, inferred: bool) -> str:
    """A bar across the period a date can stand for; dashed when the date is inferred."""
    return tag("rect", x=float(x0), y=float(y - 6), width=float(max(x1 - x0, 2)), height=12.0, rx=3,
               fill=tint, stroke=colour, **{"stroke-width": 1.5, "stroke-dasharray": "3 2" if inferred else None})


def colour_of(kind: str, status: str | None) -> str:
    """The colour of an event: made in blue, statuses in their verdict colour."""
    return COLOURS["made"] if kind == "made" or status is None else COLOURS[status]


def tint_of(kind: str, status: str | None) -> str:
    return TINTS["made"] if kind == "made" or status is None else TINTS[status]
