"""The graph of claims: columns by the date each was made, lines for how they relate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup

from ..model import Actor, Claim, Site
from .labels import date_label, label, status_word
from .marks import COLOURS, TINTS
from .relations import Edge, Fact, edges, facts
from .svg import Document, link, number, tag, text, title
from .textfit import fit, width_of, wrap

NODE_W, NODE_H, COL_GAP, ROW_GAP, PAD, HEAD = 200.0, 66.0, 70.0, 18.0, 12.0, 26.0
ICONS = {"confirmed": "✓", "denied": "✗", "superseded": "↷", "unresolved": "?"}
STYLES = {
    "supersedes": {"stroke": COLOURS["superseded"], "stroke-width": 2.5, "stroke-dasharray": None},
    "cites": {"stroke": COLOURS["made"], "stroke-width": 2, "stroke-dasharray": "2 4", "stroke-linecap": "round"},
    "related": {"stroke": "#78909c", "stroke-width": 1.5, "stroke-dasharray": "7 5"},
}
ARROWS = ("supersedes", "cites")


@dataclass(frozen=True)
class Graph:
    """The graph picture and the facts its text alternative lists."""

    svg: Markup
    facts: list[Fact]
    edges: list[Edge]

    def key_of(self, fact: Fact) -> str:
        """The data-edge key of the line a fact is drawn on."""
        return "~".join(sorted((fact.source.id, fact.target.id)))


def relation_graph(site: Site, href: Callable[[str], str], actor: Actor | None = None) -> Graph | None:
    """The whole graph, or the part touching an actor's claims; None when there is nothing to draw."""
    found = facts(site)
    if actor is not None:
        found = [f for f in found if actor in f.source.actors or actor in f.target.actors]
    drawn = edges(found)
    if not drawn:
        return None
    nodes = {c.id: c for e in drawn for c in (e.first, e.second)}
    place = _layout(list(nodes.values()), drawn)
    columns = max(c for c, _ in place.values()) + 1
    rows = max(r for _, r in place.values()) + 1
    width = 2 * PAD + columns * NODE_W + (columns - 1) * COL_GAP
    body_bottom = PAD + HEAD + rows * (NODE_H + ROW_GAP)
    key = "graph" if actor is None else f"graph-{actor.id}"
    heading = label("graph.title") if actor is None else label("graph.title.actor", actor=actor.data.name.en)
    legend, bottom = _legend(key, body_bottom + 4, width)
    doc = Document(key, width, bottom + PAD, heading, label("graph.desc", nodes=len(nodes), edges=len(drawn)),
                   min_width=width)
    doc.defs += [_arrow(key, kind) for kind in ARROWS]
    doc.add(*_column_heads(place, nodes))
    doc.add(*(_edge(key, e, place) for e in drawn))
    doc.add(*(_node(c, place[c.id], href, actor) for c in nodes.values()))
    doc.add(legend)
    return Graph(doc.render(), found, drawn)


def _made(claim: Claim) -> tuple[object, ...]:
    return (claim.data.made_on.date.start, claim.data.made_on.date.end, claim.id)


def _layout(nodes: list[Claim], drawn: list[Edge]) -> dict[str, tuple[int, int]]:
    """Column by date made; row by the mean row of neighbours in earlier columns, to cut crossings."""
    dates = sorted({(c.data.made_on.date.start, c.data.made_on.date.end) for c in nodes})
    column = {c.id: dates.index((c.data.made_on.date.start, c.data.made_on.date.end)) for c in nodes}
    neighbours: dict[str, list[str]] = {c.id: [] for c in nodes}
    for edge in drawn:
        neighbours[edge.first.id].append(edge.second.id)
        neighbours[edge.second.id].append(edge.first.id)
    place: dict[str, tuple[int, int]] = {}
    for index in range(len(dates)):
        members = sorted((c for c in nodes if column[c.id] == index), key=_made)
        natural = {c.id: n for n, c in enumerate(members)}

        def weight(claim: Claim) -> tuple[float, int]:
            rows = [place[n][1] for n in neighbours[claim.id] if n in place]
            return (sum(rows) / len(rows) if rows else float(natural[claim.id]), natural[claim.id])

        for row, claim in enumerate(sorted(members, key=weight)):
            place[claim.id] = (index, row)
    return place


def _origin(spot: tuple[int, int]) -> tuple[float, float]:
    return PAD + spot[0] * (NODE_W + COL_GAP), PAD + HEAD + spot[1] * (NODE_H + ROW_GAP)


def _column_heads(place: dict[str, tuple[int, int]], nodes: dict[str, Claim]) -> list[str]:
    heads: dict[int, str] = {}
    for claim_id, (col, _) in sorted(place.items()):
        heads.setdefault(col, date_label(nodes[claim_id].data.made_on.date))
    return [text(_origin((col, 0))[0], PAD + 12, fit(f"{label('event.made')} {words}", NODE_W, 12), fill="#37474f",
                 **{"font-size": 12, "font-weight": 700}) for col, words in sorted(heads.items())]


def _node(claim: Claim, spot: tuple[int, int], href: Callable[[str], str], actor: Actor | None) -> str:
    """A claim: its verdict in words, the date it was made, and its statement in two lines."""
    x, y = _origin(spot)
    colour, mine = COLOURS[claim.status], actor is None or actor in claim.actors
    heading = f"{ICONS[claim.status]} {status_word(claim.status)}"
    parts = [title(claim.data.statement.en),
             tag("rect", x=x, y=y, width=NODE_W, height=NODE_H, rx=6, fill=TINTS[claim.status] if mine else "#fff",
                 stroke=colour, **{"stroke-width": 3 if mine and actor else 1.5,
                                   "stroke-dasharray": None if mine else "4 3"}),
             text(x + 8, y + 17, heading, fill=colour, **{"font-size": 12.5, "font-weight": 700})]
    lines = wrap(claim.data.statement.en, NODE_W - 16, 11.5, 2)
    parts += [text(x + 8, y + 35 + 15 * n, line, fill="#263238", **{"font-size": 11.5}) for n, line in enumerate(lines)]
    made = date_label(claim.data.made_on.date, short=True)
    if width_of(heading, 12.5) + width_of(made, 11) + 24 <= NODE_W:
        parts.append(text(x + NODE_W - 8, y + 17, made, fill="#37474f", **{"font-size": 11, "text-anchor": "end"}))
    return link(href(claim.url), [tag("g", parts, class_="graph__node", **{"data-claim": claim.id})])


def _edge(key: str, edge: Edge, place: dict[str, tuple[int, int]]) -> str:
    """A curve between two claims, styled by its strongest relation, with an arrow where it has a direction."""
    (ca, ra), (cb, rb) = place[edge.first.id], place[edge.second.id]
    (xa, ya), (xb, yb) = _origin((ca, ra)), _origin((cb, rb))
    ya, yb = ya + NODE_H / 2, yb + NODE_H / 2
    if ca == cb:
        x0 = x1 = xa + NODE_W
        bend = 40 + 12 * abs(ra - rb)
        d = f"M{number(x0)},{number(ya)} C{number(x0 + bend)},{number(ya)} {number(x1 + bend)},{number(yb)} {number(x1)},{number(yb)}"
    else:
        x0, x1 = (xa + NODE_W, xb) if ca < cb else (xa, xb + NODE_W)
        mid = (x0 + x1) / 2
        d = f"M{number(x0)},{number(ya)} C{number(mid)},{number(ya)} {number(mid)},{number(yb)} {number(x1)},{number(yb)}"
    kind = edge.kind
    main = next(f for f in edge.facts if f.kind == kind)
    arrow = f"url(#{key}-arrow-{kind})" if kind in ARROWS else None
    ends = {"marker-end": arrow} if main.target is edge.second else {"marker-start": arrow}
    words = "; ".join(f"{fit(f.source.data.statement.en, 400, 12)} {f.words} {fit(f.target.data.statement.en, 400, 12)}"
                      for f in edge.facts)
    path = tag("path", d=d, fill="none", **STYLES[kind], **ends)
    return tag("g", [title(words), path], class_=f"graph__edge graph__edge--{kind}",
               **{"data-edge": f"{edge.first.id}~{edge.second.id}"})


def _arrow(key: str, kind: str) -> str:
    colour = STYLES[kind]["stroke"]
    return (f'<marker id="{key}-arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
            f'markerHeight="6" markerUnits="strokeWidth" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')


def _legend(key: str, y: float, width: float) -> tuple[str, float]:
    """A sample of each kind of line, with its meaning in words, in rows that fit the width."""
    parts: list[str] = []
    x = PAD
    for kind in ("supersedes", "cites", "related"):
        words = label(f"legend.{kind}")
        wide = 46 + width_of(words, 11.5)
        if x > PAD and x + wide > width - PAD:
            x, y = PAD, y + 20
        arrow = f"url(#{key}-arrow-{kind})" if kind in ARROWS else None
        parts.append(tag("line", x1=x, y1=y + 8, x2=x + 34, y2=y + 8, **STYLES[kind], **{"marker-end": arrow}))
        parts.append(text(x + 42, y + 12, words, fill="#263238", **{"font-size": 11.5}))
        x += wide + 14
    return tag("g", parts, class_="picture__legend"), y + 20
