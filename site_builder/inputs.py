"""What a rebuild must render again: the pages of everything within reach of what changed since the last build."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Claim, Deadline, Site, per_site
from .pictures.relations import STRONG, Fact, facts, facts_among
from .seeds import Source
from .views import timeline_months

Node = tuple[str, str]  # ("claim" | "actor" | "deadline" | "source" | "month", id)
# A page shows what it is about and the items linked to it, and a few things two links away, named here as
# (the page's kind, the kind in between, the kind that changed): an actor's page draws the claims its claims
# relate to, and names the other speakers of its claims; a claim's page names its related claims' speakers and
# says where a deadline it names was moved to; the lists of claims on deadline and source pages name their
# speakers; a month of the timeline names the speakers of its claims and flags the deadlines they name. A month
# links straight to the claims its graph draws: its own and those they replaced or decided (not merely related).
TWO_LINKS = frozenset({
    ("actor", "claim", "claim"), ("actor", "claim", "actor"),
    ("claim", "claim", "actor"), ("claim", "deadline", "deadline"),
    ("deadline", "claim", "actor"), ("source", "claim", "actor"),
    ("month", "claim", "actor"), ("month", "claim", "deadline"),
})


@dataclass
class Snapshot:
    """The content one build rendered: the validated data of each item, a fingerprint of everything else pages
    are made from (templates, seed articles, settings, the as-of date), and how items link. Working out every
    link takes a while (0.4 s at 10,000 claims): a rebuild under serve leaves it for after its pages are shown
    (complete), and finds what an edit reached from the last build's links and the changed items' own."""

    versions: dict[Node, object]
    fingerprint: tuple[object, ...]
    links: dict[Node, set[Node]] | None = field(default=None, repr=False)


def snapshot(site: Site, fingerprint: tuple[object, ...]) -> Snapshot:
    """The snapshot of a resolved site, its links not yet worked out. The file reader hands back the very same
    data object while a file is unchanged (files.read_record), so identity tells what changed."""
    versions: dict[Node, object] = {}
    versions.update({("claim", c.id): c.data for c in site.claims.values()})
    versions.update({("actor", a.id): a.data for a in site.actors.values()})
    versions.update({("deadline", d.id): d.data for d in site.deadlines.values()})
    versions.update({("source", s.id): s.entry for s in site.sources.values()})
    return Snapshot(versions, fingerprint)


def complete(snap: Snapshot, site: Site) -> None:
    """Work out every link of the site the snapshot was taken of: the next rebuild starts from them."""
    snap.links = links(site)


@per_site
def links(site: Site) -> dict[Node, set[Node]]:
    """Every link between items, both ways."""
    return _links(site, site.claims.values(), site.deadlines.values(), facts(site))


def links_of(site: Site, changed: set[Node]) -> dict[Node, set[Node]]:
    """The links of the site that the changed items make, both ways. Each link is made by the items it is read
    from: a claim's by the claim (its speakers, the actors it is about, deadlines, sources, related claims,
    successor and month), a deadline's by the deadline, a relation's by both its claims. So every link the last
    build did not have is here, and the others were in the last build's links."""
    claims = [site.claims[key] for kind, key in changed if kind == "claim" and key in site.claims]
    deadlines = [site.deadlines[key] for kind, key in changed if kind == "deadline" and key in site.deadlines]
    return _links(site, claims, deadlines, facts_among(site, claims))


def _links(site: Site, claims: Iterable[Claim], deadlines: Iterable[Deadline], relations: Iterable[Fact]
           ) -> dict[Node, set[Node]]:
    found: defaultdict[Node, set[Node]] = defaultdict(set)

    def join(node: Node, others: Iterable[Node]) -> None:
        mine = found[node]
        for other in others:
            mine.add(other)
            found[other].add(node)

    month_of = _month_of(site)
    for claim in claims:
        others = claim.related + ([claim.superseded_by] if claim.superseded_by else [])
        join(("claim", claim.id), [("actor", a.id) for a in claim.actors + claim.about]
             + [("deadline", d.id) for d in claim.deadlines]
             + [("source", s.id) for s in _sources(claim)] + [("claim", c.id) for c in others]
             + ([month_of[claim.id]] if claim.id in month_of else []))
    for fact in relations:
        source, target = ("claim", fact.source.id), ("claim", fact.target.id)
        join(source, (target,))
        if fact.kind in STRONG and month_of:
            join(month_of[fact.source.id], (target,))
            join(month_of[fact.target.id], (source,))
    for deadline in deadlines:
        moved = [("deadline", deadline.moved_to.id)] if deadline.moved_to is not None else []
        join(("deadline", deadline.id), moved + [("source", quote.source.id) for quote in deadline.evidence])
    return dict(found)


@per_site
def _month_of(site: Site) -> dict[str, Node]:
    """The timeline month of each claim, by claim id."""
    return {claim.id: ("month", month.key) for month in timeline_months(site) for claim in month.claims}


def _sources(claim: Claim) -> list[Source]:
    quotes = claim.appearances + claim.evidence + [q for step in claim.history for q in step.evidence]
    return list({q.source.id: q.source for q in quotes}.values())


def stale(old: Snapshot | None, new: Snapshot, site: Site) -> set[Node] | None:
    """The items whose pages may differ from the last build (`new` is a snapshot of `site`); None when any page
    may (a first build, a change to templates, seed articles, settings or the date, or a last build whose links
    were never worked out)."""
    if old is None or old.links is None or old.fingerprint != new.fingerprint:
        return None
    changed = {n for n in old.versions.keys() | new.versions.keys() if old.versions.get(n) is not new.versions.get(n)}
    before, now = old.links, new.links if new.links is not None else links_of(site, changed)

    def linked(node: Node) -> set[Node]:
        return before.get(node, set()) | now.get(node, set())

    reached = set(changed)
    for item in changed:
        for between in linked(item):
            reached.add(between)
            reached.update(page for page in linked(between) if (page[0], between[0], item[0]) in TWO_LINKS)
    return reached


def forget(kept: dict[str, Any], reached: set[Node] | None) -> None:
    """Drop what was kept by claim id for the claims an edit reached (all of it when any page may differ)."""
    if reached is None:
        kept.clear()
        return
    for kind, item in reached:
        if kind == "claim":
            kept.pop(item, None)


def folder_state(folders: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Path, modification time and size of every file under the folders: changes when any file does."""
    state = []
    for folder in folders:
        for base, _, names in os.walk(folder):
            for name in names:
                stat = os.stat(os.path.join(base, name))
                state.append((os.path.join(base, name), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(state))
