"""How claims relate: one superseded by another, one judged on the passage reporting another, or related."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Claim, Quote, Site
from .labels import label

KINDS = ("supersedes", "cites", "related")


@dataclass(frozen=True)
class Fact:
    """One relation read from the content: source `kind` target."""

    source: Claim
    kind: str
    target: Claim

    @property
    def words(self) -> str:
        return label(f"relation.{self.kind}")


@dataclass(frozen=True)
class Edge:
    """The facts joining one pair of claims, drawn as one line."""

    first: Claim
    second: Claim
    facts: tuple[Fact, ...]

    @property
    def kind(self) -> str:
        """The strongest kind among the facts: it decides how the line is drawn."""
        return min((f.kind for f in self.facts), key=KINDS.index)


def _overlaps(a: Quote, b: Quote) -> bool:
    return (a.source is b.source and a.paragraph is b.paragraph
            and a.span[0] < b.span[1] and b.span[0] < a.span[1])


def facts(site: Site) -> list[Fact]:
    """Every relation: superseded_by and related as written; 'cites' where one claim's evidence quotes
    the very passage in which another claim appears."""
    found: list[Fact] = []
    claims = sorted(site.claims.values(), key=lambda c: c.id)
    for claim in claims:
        if claim.superseded_by is not None:
            found.append(Fact(claim, "supersedes", claim.superseded_by))
        evidence = claim.evidence + [q for step in claim.history for q in step.evidence]
        for other in claims:
            if other is not claim and any(_overlaps(q, p) for q in evidence for p in other.appearances):
                found.append(Fact(claim, "cites", other))
        for other in sorted(claim.related, key=lambda c: c.id):
            found.append(Fact(claim, "related", other))
    return found


def edges(found: list[Fact]) -> list[Edge]:
    """Facts grouped by pair of claims; a 'related' repeated from both sides counts once."""
    pairs: dict[tuple[str, str], list[Fact]] = {}
    for fact in found:
        key = tuple(sorted((fact.source.id, fact.target.id)))
        group = pairs.setdefault((key[0], key[1]), [])
        if fact.kind == "related" and any(f.kind == "related" for f in group):
            continue
        group.append(fact)
    result = []
    for (first, second), group in sorted(pairs.items()):
        ordered = sorted(group, key=lambda f: (KINDS.index(f.kind), f.source.id))
        a = next(f for f in group if f.source.id == first or f.target.id == first)
        pair = (a.source, a.target) if a.source.id == first else (a.target, a.source)
        result.append(Edge(pair[0], pair[1], tuple(ordered)))
    return result
