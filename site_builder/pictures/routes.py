"""Where the graph's claims sit and how its lines run between them without crossing a box."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Claim
from .relations import Edge
from .svg import number

NODE_W, NODE_H, COL_GAP, ROW_GAP, PAD, HEAD = 180.0, 78.0, 56.0, 22.0, 12.0, 26.0
Spot = tuple[int, int]


@dataclass(frozen=True)
class Grid:
    """The column and row of every claim in the graph."""

    place: dict[str, Spot]

    @property
    def columns(self) -> int:
        return max(c for c, _ in self.place.values()) + 1

    @property
    def rows(self) -> int:
        return max(r for _, r in self.place.values()) + 1

    @property
    def width(self) -> float:
        return 2 * PAD + self.columns * NODE_W + (self.columns - 1) * COL_GAP

    @property
    def bottom(self) -> float:
        return PAD + HEAD + self.rows * (NODE_H + ROW_GAP)


def origin(spot: Spot) -> tuple[float, float]:
    """The top left corner of the box at a column and row."""
    return PAD + spot[0] * (NODE_W + COL_GAP), PAD + HEAD + spot[1] * (NODE_H + ROW_GAP)


def made(claim: Claim) -> tuple[object, ...]:
    return (claim.data.made_on.date.start, claim.data.made_on.date.end, claim.id)


def layout(nodes: list[Claim], drawn: list[Edge]) -> Grid:
    """Column by date made; row by the mean row of neighbours in earlier columns, to cut crossings."""
    dates = sorted({(c.data.made_on.date.start, c.data.made_on.date.end) for c in nodes})
    column = {c.id: dates.index((c.data.made_on.date.start, c.data.made_on.date.end)) for c in nodes}
    neighbours: dict[str, list[str]] = {c.id: [] for c in nodes}
    for edge in drawn:
        neighbours[edge.first.id].append(edge.second.id)
        neighbours[edge.second.id].append(edge.first.id)
    place: dict[str, Spot] = {}
    for index in range(len(dates)):
        members = sorted((c for c in nodes if column[c.id] == index), key=made)
        natural = {c.id: n for n, c in enumerate(members)}

        def weight(claim: Claim) -> tuple[float, int]:
            rows = [place[n][1] for n in neighbours[claim.id] if n in place]
            return (sum(rows) / len(rows) if rows else float(natural[claim.id]), natural[claim.id])

        for row, claim in enumerate(sorted(members, key=weight)):
            place[claim.id] = (index, row)
    return Grid(place)


def _sides(grid: Grid, edge: Edge) -> tuple[str, str]:
    """Which side of each box a line leaves from: towards the other box, or both right in one column."""
    ca, cb = grid.place[edge.first.id][0], grid.place[edge.second.id][0]
    if ca == cb:
        return "right", "right"
    return ("right", "left") if ca < cb else ("left", "right")


def ports(grid: Grid, drawn: list[Edge]) -> dict[tuple[int, str], tuple[float, float]]:
    """Where each line meets each box: lines sharing a side are spread along it, ordered by where they go."""
    by_side: dict[tuple[str, str], list[tuple[float, int, str]]] = {}
    for number_, edge in enumerate(drawn):
        a, b = _sides(grid, edge)
        ya, yb = grid.place[edge.first.id][1], grid.place[edge.second.id][1]
        by_side.setdefault((edge.first.id, a), []).append((yb, number_, "first"))
        by_side.setdefault((edge.second.id, b), []).append((ya, number_, "second"))
    found: dict[tuple[int, str], tuple[float, float]] = {}
    for (claim_id, side), ends in sorted(by_side.items()):
        x, y = origin(grid.place[claim_id])
        x += NODE_W if side == "right" else 0
        for n, (_, edge_number, end) in enumerate(sorted(ends)):
            found[(edge_number, end)] = (x, y + NODE_H * (n + 1) / (len(ends) + 1))
    return found


def path(grid: Grid, edge: Edge, start: tuple[float, float], end: tuple[float, float], lane: int) -> str:
    """A curve to a neighbouring column; to a column further off, a route along the gap below the rows."""
    (ca, ra), (cb, rb) = grid.place[edge.first.id], grid.place[edge.second.id]
    (x0, y0), (x1, y1) = start, end
    if ca == cb:
        bend = min(30 + 10 * abs(ra - rb), COL_GAP - 10)
        return f"M{_p(x0, y0)} C{_p(x0 + bend, y0)} {_p(x1 + bend, y1)} {_p(x1, y1)}"
    if abs(ca - cb) == 1:
        mid = (x0 + x1) / 2
        return f"M{_p(x0, y0)} C{_p(mid, y0)} {_p(mid, y1)} {_p(x1, y1)}"
    step = COL_GAP / 2 - 6 + 4 * (lane % 3)
    out = x0 + step if x1 > x0 else x0 - step
    into = x1 - step if x1 > x0 else x1 + step
    channel = origin((0, max(ra, rb) + 1))[1] - ROW_GAP / 2 + 4 * (lane % 3) - 4
    return f"M{_p(x0, y0)} H{number(out)} V{number(channel)} H{number(into)} V{number(y1)} H{number(x1)}"


def _p(x: float, y: float) -> str:
    return f"{number(x)},{number(y)}"
