"""Where the graph's claims sit and how its lines run between them without crossing a box."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..model import Claim
from .relations import Edge
from .svg import number

NODE_W, NODE_H, COL_GAP, ROW_GAP, PAD, HEAD, PORT = 180.0, 78.0, 60.0, 22.0, 12.0, 26.0, 11.0
Spot = tuple[int, int]
Point = tuple[float, float]


@dataclass(frozen=True)
class Grid:
    """The column and row of every claim, each box's height, and where each row starts."""

    place: dict[str, Spot]
    heights: dict[str, float]
    row_tops: tuple[float, ...]
    margin: float = 0.0
    taken: dict[int, list[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        taken: dict[int, list[int]] = {}
        for col, row in self.place.values():
            taken.setdefault(row, []).append(col)
        object.__setattr__(self, "taken", {row: sorted(cols) for row, cols in taken.items()})

    @property
    def columns(self) -> int:
        return max(c for c, _ in self.place.values()) + 1

    @property
    def width(self) -> float:
        return 2 * PAD + self.columns * NODE_W + (self.columns - 1) * COL_GAP + self.margin

    @property
    def bottom(self) -> float:
        return self.row_tops[-1]

    def origin(self, claim_id: str) -> Point:
        """The top left corner of a claim's box."""
        col, row = self.place[claim_id]
        return PAD + col * (NODE_W + COL_GAP), self.row_tops[row]

    def free(self, row: int, columns: range) -> bool:
        """True when no box stands in the row in any of the columns, so a line can run straight along it."""
        cols = self.taken.get(row, [])
        return bisect_left(cols, columns.start) == bisect_left(cols, columns.stop)

    def channel(self, row: int) -> float:
        """The middle of the empty gap under a row, where long lines run."""
        return self.row_tops[row + 1] - ROW_GAP / 2


def made(claim: Claim) -> tuple[object, ...]:
    return (claim.data.made_on.date.start, claim.data.made_on.date.end, claim.id)


def layout(nodes: list[Claim], drawn: list[Edge]) -> Grid:
    """Columns by date made; rows ordered to shorten lines, then each box moved level with its neighbours."""
    dates = sorted({(c.data.made_on.date.start, c.data.made_on.date.end) for c in nodes})
    index = {d: n for n, d in enumerate(dates)}
    column = {c.id: index[(c.data.made_on.date.start, c.data.made_on.date.end)] for c in nodes}
    neighbours: dict[str, list[str]] = {c.id: [] for c in nodes}
    for edge in drawn:
        neighbours[edge.first.id].append(edge.second.id)
        neighbours[edge.second.id].append(edge.first.id)
    groups: list[list[str]] = [[] for _ in dates]
    for claim in sorted(nodes, key=made):
        groups[column[claim.id]].append(claim.id)
    row = {claim_id: n for group in groups for n, claim_id in enumerate(group)}

    def pull(claim_id: str) -> float:
        others = [row[n] for n in neighbours[claim_id] if column[n] != column[claim_id]]
        return sum(others) / len(others) if others else float(row[claim_id])

    for sweep in range(4):
        for group in (groups if sweep % 2 == 0 else groups[::-1]):
            group.sort(key=lambda i: (pull(i), row[i], i))
            row.update({claim_id: n for n, claim_id in enumerate(group)})
    for group in groups:
        wanted = {i: round(pull(i)) for i in group}
        last = -1
        for claim_id in group:
            last = row[claim_id] = max(wanted[claim_id], last + 1)
    place = {claim_id: (column[claim_id], row[claim_id]) for claim_id in row}
    heights = _heights(place, drawn)
    last = len(dates) - 1
    bends = any(place[e.first.id][0] == place[e.second.id][0] == last for e in drawn)
    return Grid(place, heights, _row_tops(place, heights), COL_GAP - 10 if bends else 0.0)


def _heights(place: dict[str, Spot], drawn: list[Edge]) -> dict[str, float]:
    """Boxes grow where many lines meet one side, so that their arrowheads stay apart."""
    count: dict[tuple[str, str], int] = {}
    for edge in drawn:
        a, b = sides(place, edge)
        count[(edge.first.id, a)] = count.get((edge.first.id, a), 0) + 1
        count[(edge.second.id, b)] = count.get((edge.second.id, b), 0) + 1
    most = dict.fromkeys(place, 0)
    for (claim_id, _), n in count.items():
        most[claim_id] = max(most[claim_id], n)
    return {claim_id: max(NODE_H, PORT * (most[claim_id] + 1)) for claim_id in place}


def _row_tops(place: dict[str, Spot], heights: dict[str, float]) -> tuple[float, ...]:
    rows = max(r for _, r in place.values()) + 1
    tall = [NODE_H / 2] * rows
    seen = [False] * rows
    for claim_id, (_, r) in place.items():
        tall[r] = max(tall[r], heights[claim_id]) if seen[r] else heights[claim_id]
        seen[r] = True
    tops = [PAD + HEAD]
    for height in tall:
        tops.append(tops[-1] + height + ROW_GAP)
    return tuple(tops)


def sides(place: dict[str, Spot], edge: Edge) -> tuple[str, str]:
    """Which side of each box a line leaves from: towards the other box, or both right in one column."""
    ca, cb = place[edge.first.id][0], place[edge.second.id][0]
    if ca == cb:
        return "right", "right"
    return ("right", "left") if ca < cb else ("left", "right")


def ports(grid: Grid, drawn: list[Edge]) -> dict[tuple[int, str], Point]:
    """Where each line meets each box: lines sharing a side are spread along it, ordered by where they go."""
    by_side: dict[tuple[str, str], list[tuple[float, int, str]]] = {}
    for index, edge in enumerate(drawn):
        a, b = sides(grid.place, edge)
        by_side.setdefault((edge.first.id, a), []).append((grid.origin(edge.second.id)[1], index, "first"))
        by_side.setdefault((edge.second.id, b), []).append((grid.origin(edge.first.id)[1], index, "second"))
    found: dict[tuple[int, str], Point] = {}
    for (claim_id, side), ends in sorted(by_side.items()):
        x, y = grid.origin(claim_id)
        x += NODE_W if side == "right" else 0
        height = grid.heights[claim_id]
        for n, (_, index, end) in enumerate(sorted(ends)):
            found[(index, end)] = (x, y + height * (n + 1) / (len(ends) + 1))
    return found


def path(grid: Grid, edge: Edge, start: Point, end: Point, lane: int) -> str:
    """A curve to a neighbouring column; to a column further off, a route along the gap below the rows."""
    (ca, ra), (cb, rb) = grid.place[edge.first.id], grid.place[edge.second.id]
    (x0, y0), (x1, y1) = start, end
    if ca == cb:
        bend = min(30 + 10 * abs(ra - rb), COL_GAP - 10)
        return f"M{_p(x0, y0)} C{_p(x0 + bend, y0)} {_p(x1 + bend, y1)} {_p(x1, y1)}"
    if abs(ca - cb) == 1:
        mid = (x0 + x1) / 2
        return f"M{_p(x0, y0)} C{_p(mid, y0)} {_p(mid, y1)} {_p(x1, y1)}"
    step = COL_GAP / 2 - 8 + 4 * (lane % 4)
    out = x0 + step if x1 > x0 else x0 - step
    into = x1 - step if x1 > x0 else x1 + step
    between = range(min(ca, cb) + 1, max(ca, cb))
    if grid.free(ra, between):
        return f"M{_p(x0, y0)} H{number(into)} V{number(y1)} H{number(x1)}"
    if grid.free(rb, between):
        return f"M{_p(x0, y0)} H{number(out)} V{number(y1)} H{number(x1)}"
    channel = grid.channel(max(ra, rb)) + 4 * (lane % 4) - 6
    return f"M{_p(x0, y0)} H{number(out)} V{number(channel)} H{number(into)} V{number(y1)} H{number(x1)}"


def _p(x: float, y: float) -> str:
    return f"{number(x)},{number(y)}"
