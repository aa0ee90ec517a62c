"""What a rebuild must render again: the pages of everything within reach of what changed since the last build."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Claim, Site, per_site
from .pictures.relations import STRONG, facts
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
    """The content one build rendered: the validated data of each item, how items link, and a fingerprint
    of everything else pages are made from (templates, seed articles, settings, the as-of date)."""

    versions: dict[Node, object]
    links: dict[Node, set[Node]] = field(repr=False)
    fingerprint: tuple[object, ...]


def snapshot(site: Site, fingerprint: tuple[object, ...]) -> Snapshot:
    """The snapshot of a resolved site. The file reader hands back the very same data object while a file
    is unchanged (files.read_record), so identity tells what changed."""
    versions: dict[Node, object] = {}
    versions.update({("claim", c.id): c.data for c in site.claims.values()})
    versions.update({("actor", a.id): a.data for a in site.actors.values()})
    versions.update({("deadline", d.id): d.data for d in site.deadlines.values()})
    versions.update({("source", s.id): s.entry for s in site.sources.values()})
    return Snapshot(versions, links(site), fingerprint)


@per_site
def links(site: Site) -> dict[Node, set[Node]]:
    """Every link between items, both ways."""
    found: defaultdict[Node, set[Node]] = defaultdict(set)

    def join(node: Node, others: Iterable[Node]) -> None:
        mine = found[node]
        for other in others:
            mine.add(other)
            found[other].add(node)

    for claim in site.claims.values():
        others = claim.related + ([claim.superseded_by] if claim.superseded_by else [])
        join(("claim", claim.id), [("actor", a.id) for a in claim.actors] + [("deadline", d.id) for d in claim.deadlines]
             + [("source", s.id) for s in _sources(claim)] + [("claim", c.id) for c in others])
    month_of: dict[str, Node] = {}
    for month in timeline_months(site):
        node = ("month", month.key)
        join(node, [("claim", claim.id) for claim in month.claims])
        month_of.update((claim.id, node) for claim in month.claims)
    for fact in facts(site):
        source, target = ("claim", fact.source.id), ("claim", fact.target.id)
        join(source, (target,))
        if fact.kind in STRONG and month_of:
            join(month_of[fact.source.id], (target,))
            join(month_of[fact.target.id], (source,))
    for deadline in site.deadlines.values():
        moved = [("deadline", deadline.moved_to.id)] if deadline.moved_to is not None else []
        join(("deadline", deadline.id), moved + [("source", quote.source.id) for quote in deadline.evidence])
    return dict(found)


def _sources(claim: Claim) -> list[Source]:
    quotes = claim.appearances + claim.evidence + [q for step in claim.history for q in step.evidence]
    return list({q.source.id: q.source for q in quotes}.values())


def stale(old: Snapshot | None, new: Snapshot) -> set[Node] | None:
    """The items whose pages may differ from the last build; None when any page may (a first build, or a
    change to templates, seed articles, settings or the date)."""
    if old is None or old.fingerprint != new.fingerprint:
        return None
    changed = {n for n in old.versions.keys() | new.versions.keys() if old.versions.get(n) is not new.versions.get(n)}

    def linked(node: Node) -> set[Node]:
        return old.links.get(node, set()) | new.links.get(node, set())

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
