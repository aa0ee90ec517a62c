"""The graph of claims: columns by the date each was made, lines for how they relate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from markupsafe import Markup

from ..model import Actor, Claim, Site
from .labels import date_label, direction, label, local, status_word
from .marks import COLOURS, TINTS
from .relations import KINDS, Edge, Fact, edges, facts, facts_among, facts_of
from .routes import COL_GAP, NODE_W, PAD, Grid, layout, path, ports
from .svg import Attr, Document, link, tag, text, title
from .textfit import fit, width_of, wrap

ICONS = {"confirmed": "✓", "denied": "✗", "superseded": "↷", "unresolved": "?"}
STYLES: dict[str, dict[str, Attr]] = {
    "supersedes": {"stroke": COLOURS["superseded"], "stroke-width": 2.5},
    "cites": {"stroke": COLOURS["made"], "stroke-width": 1.8, "stroke-dasharray": "1 4", "stroke-linecap": "round"},
    "related": {"stroke": "#607d8b", "stroke-width": 1.5, "stroke-dasharray": "7 5"},
}
ARROWS = ("supersedes", "cites")
ORDER = {kind: n for n, kind in enumerate(KINDS)}
# A picture of more boxes than this cannot be read at the width of a page (nor drawn quickly for a large site):
# past it, the strongest and latest relations are drawn, and the list under the picture names every one.
MOST_BOXES = 40


@dataclass(frozen=True)
class Graph:
    """The graph picture and the facts its text alternative lists."""

    svg: Markup
    facts: list[Fact]
    edges: list[Edge]
    shown: int  # claims drawn
    joined: int  # claims the facts join, drawn or not

    def key_of(self, fact: Fact) -> str:
        """The data-edge key of the line a fact is drawn on."""
        return "~".join(sorted((fact.source.id, fact.target.id)))


def relation_graph(site: Site, href: Callable[[str], str], actor: Actor | None = None,
                   kinds: tuple[str, ...] = KINDS, lang: str = "en", among: list[Claim] | None = None) -> Graph | None:
    """The graph of the given kinds of relation, for the whole site, around an actor's claims or around some
    claims; None when there is nothing to draw. Columns run by date left to right in Arabic too, like the timeline."""
    shape = _shape(site, actor, kinds, among)
    if shape is None:
        return None
    found, drawn, nodes, grid, paths = shape.found, shape.drawn, shape.nodes, shape.grid, shape.paths
    key = "graph" if actor is None else f"graph-{actor.id}"
    heading = (label("graph.title", lang) if actor is None
               else label("graph.title.actor", lang, actor=local(actor.data.name, lang)))
    legend, bottom = _legend(key, drawn, grid.bottom + 2, grid.width, actor, lang)
    doc = Document(key, grid.width, bottom + PAD, heading,
                   label("graph.desc", lang, nodes=len(nodes), edges=len(drawn)), lang, min_width=grid.width)
    doc.defs += [_arrow(key, kind) for kind in ARROWS]
    doc.add(*_column_heads(grid, nodes, lang))
    doc.add(*(_edge(key, e, paths[n], lang) for n, e in enumerate(drawn)))
    doc.add(*(_node(c, grid, href, actor, lang) for c in sorted(nodes.values(), key=lambda c: c.id)))
    doc.add(legend)
    return Graph(doc.render(), list(found), list(drawn), len(nodes), shape.joined)


@dataclass(frozen=True)
class _Shape:
    """What a graph draws, the same in every edition: its facts, the edges drawn, the boxes, their places and
    the lines' paths."""

    found: list[Fact]
    drawn: list[Edge]
    nodes: dict[str, Claim]
    grid: Grid
    paths: list[str]
    joined: int


# Each edition draws the same graphs in its own words: their shapes are worked out once per site.
_SHAPES: WeakKeyDictionary[Site, dict[tuple[object, ...], _Shape | None]] = WeakKeyDictionary()


def _shape(site: Site, actor: Actor | None, kinds: tuple[str, ...], among: list[Claim] | None) -> _Shape | None:
    known = _SHAPES.setdefault(site, {})
    key = (None if actor is None else actor.id, kinds, None if among is None else tuple(c.id for c in among))
    if key not in known:
        known[key] = _shape_of(site, actor, kinds, among)
    return known[key]


def _shape_of(site: Site, actor: Actor | None, kinds: tuple[str, ...], among: list[Claim] | None) -> _Shape | None:
    if among is not None and actor is None:
        found = [f for f in facts_among(site, among) if f.kind in kinds]
    else:
        found = [f for f in (facts(site) if actor is None else facts_of(site, actor)) if f.kind in kinds]
    if among is not None and actor is not None:
        ids = {claim.id for claim in among}
        found = [f for f in found if f.source.id in ids or f.target.id in ids]
    every = edges(found)
    if not every:
        return None
    joined = len({c.id for e in every for c in (e.first, e.second)})
    drawn = strongest(every, MOST_BOXES)
    nodes = {c.id: c for e in drawn for c in (e.first, e.second)}
    grid = layout(list(nodes.values()), drawn)
    joints = ports(grid, drawn)
    paths = [path(grid, e, joints[(n, "first")], joints[(n, "second")], n) for n, e in enumerate(drawn)]
    return _Shape(found, drawn, nodes, grid, paths, joined)


def strongest(every: list[Edge], most: int) -> list[Edge]:
    """The edges joining at most `most` claims: the strongest kinds first, then the latest claims, each edge
    taken while its claims still fit, and then every edge between claims taken; in their given order."""
    def rank(edge: Edge) -> tuple[int, int, str]:
        first, second = edge.first, edge.second
        latest = max(first.data.made_on.date.start, second.data.made_on.date.start)
        # The place in KINDS of the edge's kind, the strongest of its facts' kinds.
        return min(ORDER[f.kind] for f in edge.facts), -latest.toordinal(), first.id + "~" + second.id

    claims: set[str] = set()
    for edge in sorted(every, key=rank):
        if len(claims) == most:
            break  # full: no later edge brings a claim in
        new = {edge.first.id, edge.second.id} - claims
        if len(claims) + len(new) <= most:
            claims |= new
    # Every edge taken joins two of the claims, so these are the edges taken and those between claims taken.
    return [edge for edge in every if edge.first.id in claims and edge.second.id in claims]


def _column_heads(grid: Grid, nodes: dict[str, Claim], lang: str) -> list[str]:
    """Each column's date above it, at its left (in Arabic its right) edge."""
    heads: dict[int, str] = {}
    for claim_id, (col, _) in sorted(grid.place.items()):
        heads.setdefault(col, date_label(nodes[claim_id].data.made_on.date, lang))
    right = direction(lang) == "rtl"
    return [text(PAD + col * (NODE_W + COL_GAP) + (NODE_W if right else 0), PAD + 12,
                 fit(label("graph.column", lang, date=words), NODE_W, 12), lang, fill="#37474f",
                 **{"font-size": 12, "font-weight": 700, "text-anchor": "end" if right else None})
            for col, words in sorted(heads.items())]


def _node(claim: Claim, grid: Grid, href: Callable[[str], str], actor: Actor | None, lang: str) -> str:
    """A claim: its verdict in words, the date it was made, and its statement in three lines. In Arabic the
    words align right and the date goes to the left."""
    x, y = grid.origin(claim.id)
    colour, mine = COLOURS[claim.status], actor is None or actor in claim.actors
    tooltip, heading, lines, made = _words(claim, lang)
    right = direction(lang) == "rtl"
    near, far, toward = (x + NODE_W - 8, x + 8, "end") if right else (x + 8, x + NODE_W - 8, None)
    parts = [tooltip,
             tag("rect", x=x, y=y, width=NODE_W, height=grid.heights[claim.id], rx=6,
                 fill=TINTS[claim.status] if mine else "#fff", stroke=colour,
                 **{"stroke-width": 3 if mine and actor else 1.5, "stroke-dasharray": None if mine else "4 3"}),
             text(near, y + 17, heading, lang, fill=colour,
                  **{"font-size": 12.5, "font-weight": 700, "text-anchor": toward})]
    parts += [text(near, y + 34 + 14.5 * n, line, lang, fill="#263238", **{"font-size": 11.5, "text-anchor": toward})
              for n, line in enumerate(lines)]
    if made is not None:
        parts.append(text(far, y + 17, made, lang, fill="#37474f",
                          **{"font-size": 11, "text-anchor": "start" if right else "end"}))
    return link(href(claim.url), [tag("g", parts, class_="graph__node", **{"data-claim": claim.id})])


Words = tuple[str, str, tuple[str, ...], str | None]
# A claim's box says the same in every graph it is drawn in: its words are worked out once per edition.
_WORDS: WeakKeyDictionary[Claim, dict[str, Words]] = WeakKeyDictionary()


def _words(claim: Claim, lang: str) -> Words:
    """The tooltip, the verdict heading, the statement's lines, and the date made when it fits beside the heading."""
    known = _WORDS.get(claim)
    if known is None:
        known = _WORDS[claim] = {}
    if lang not in known:
        heading = f"{ICONS[claim.status]} {status_word(claim.status, lang)}"
        statement = local(claim.data.statement, lang)
        made = date_label(claim.data.made_on.date, lang, short=True)
        fits = width_of(heading, 12.5) + width_of(made, 11) + 24 <= NODE_W
        known[lang] = (title(statement), heading, tuple(wrap(statement, NODE_W - 16, 11.5, 3)), made if fits else None)
    return known[lang]


def _edge(key: str, edge: Edge, route: str, lang: str) -> str:
    """A line between two claims, styled by its strongest relation, with an arrow where it has a direction."""
    kind = edge.kind
    main = next(f for f in edge.facts if f.kind == kind)
    arrow = f"url(#{key}-arrow-{kind})" if kind in ARROWS else None
    ends = {"marker-end": arrow} if main.target is edge.second else {"marker-start": arrow}
    words = label("list.semi", lang).join(label("relation.sentence", lang, source=fit(local(f.source.data.statement, lang), 400, 12),
                            relation=label(f"relation.{f.kind}", lang),
                            target=fit(local(f.target.data.statement, lang), 400, 12)) for f in edge.facts)
    line = tag("path", d=route, fill="none", **{"stroke-linejoin": "round"},
               **STYLES[kind], **ends)
    return tag("g", [title(words), line], class_=f"graph__edge graph__edge--{kind}",
               **{"data-edge": f"{edge.first.id}~{edge.second.id}"})


def _arrow(key: str, kind: str) -> str:
    colour = STYLES[kind]["stroke"]
    return (f'<marker id="{key}-arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" '
            f'markerHeight="5" markerUnits="strokeWidth" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')


def _legend(key: str, drawn: list[Edge], y: float, width: float, actor: Actor | None,
            lang: str) -> tuple[str, float]:
    """A sample of each kind of line (and on an actor's page, of each kind of box), in rows that fit."""
    samples = []
    for kind in sorted({e.kind for e in drawn}, key=KINDS.index):
        arrow = f"url(#{key}-arrow-{kind})" if kind in ARROWS else None
        samples.append((tag("line", x1=0, y1=0, x2=34, y2=0, **STYLES[kind], **{"marker-end": arrow}),
                        label(f"legend.{kind}", lang)))
    if actor is not None:
        ink = COLOURS["unresolved"]
        samples.append((tag("rect", x=0, y=-7, width=34, height=14, rx=3, fill=TINTS["unresolved"], stroke=ink,
                            **{"stroke-width": 3}), label("legend.mine", lang, actor=local(actor.data.name, lang))))
        samples.append((tag("rect", x=0, y=-7, width=34, height=14, rx=3, fill="#fff", stroke=ink,
                            **{"stroke-width": 1.5, "stroke-dasharray": "4 3"}), label("legend.others", lang)))
    parts: list[str] = []
    x, mirror = PAD, direction(lang) == "rtl"
    for drawing, words in samples:
        wide = 42 + width_of(words, 11.5)
        if x > PAD and x + wide > width - PAD:
            x, y = PAD, y + 22
        # In Arabic the row runs from the right: each sample at its words' right; lines still point right.
        spot = width - x - 34 if mirror else x
        parts.append(tag("g", [drawing], transform=f"translate({spot:.0f},{y + 10:.0f})"))
        parts.append(text(spot - 8 if mirror else x + 42, y + 14, words, lang, fill="#263238",
                          **{"font-size": 11.5, "text-anchor": "end" if mirror else None}))
        x += wide + 16
    return tag("g", parts, class_="picture__legend"), y + 22
