"""How claims relate: one superseded by another, one judged on the passage reporting another, or related."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Actor, Claim, Quote, Site, per_site
from .labels import label

KINDS = ("supersedes", "cites", "related")
# The kinds a timeline draws: which claims replaced or decided which ("related" would tangle it).
STRONG = ("supersedes", "cites")


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
    return a.span[0] < b.span[1] and b.span[0] < a.span[1]


@per_site
def facts(site: Site) -> list[Fact]:
    """Every relation: superseded_by and related as written; 'cites' where one claim's evidence quotes
    the very passage in which another claim appears."""
    return _find_facts(site)


def facts_of(site: Site, actor: Actor) -> list[Fact]:
    """The relations that touch one of an actor's claims, in the order of facts(site)."""
    return _facts_by_actor(site).get(actor.id, [])


def facts_among(site: Site, claims: list[Claim]) -> list[Fact]:
    """The relations that touch one of the given claims, in the order of facts(site)."""
    every, index = facts(site), _facts_by_claim(site)
    return [every[n] for n in sorted({n for claim in claims for n in index.get(claim.id, ())})]


@per_site
def _facts_by_actor(site: Site) -> dict[str, list[Fact]]:
    by_actor: dict[str, list[Fact]] = {}
    for fact in facts(site):
        for who in {a.id: a for a in fact.source.actors + fact.target.actors}:
            by_actor.setdefault(who, []).append(fact)
    return by_actor


@per_site
def _facts_by_claim(site: Site) -> dict[str, list[int]]:
    """The positions in facts(site) of the relations touching each claim."""
    by_claim: dict[str, list[int]] = {}
    for n, fact in enumerate(facts(site)):
        for claim_id in {fact.source.id, fact.target.id}:
            by_claim.setdefault(claim_id, []).append(n)
    return by_claim


def _find_facts(site: Site) -> list[Fact]:
    claims = sorted(site.claims.values(), key=lambda c: c.id)
    # Appearances indexed by the paragraph they quote: a claim's evidence is compared only with the
    # appearances in the same paragraphs, instead of with every other claim.
    appearing: dict[tuple[int, int], list[tuple[Quote, Claim]]] = {}
    for claim in claims:
        for quote in claim.appearances:
            appearing.setdefault((id(quote.source), id(quote.paragraph)), []).append((quote, claim))
    found: list[Fact] = []
    for claim in claims:
        if claim.superseded_by is not None:
            found.append(Fact(claim, "supersedes", claim.superseded_by))
        evidence = claim.evidence + [q for step in claim.history for q in step.evidence]
        cited: dict[str, Claim] = {}
        for q in evidence:
            for p, other in appearing.get((id(q.source), id(q.paragraph)), []):
                if other is not claim and _overlaps(q, p):
                    cited.setdefault(other.id, other)
        found += [Fact(claim, "cites", other) for _, other in sorted(cited.items())]
        for other in sorted(claim.related, key=lambda c: c.id):
            found.append(Fact(claim, "related", other))
    return found


def edges(found: list[Fact]) -> list[Edge]:
    """Facts grouped by pair of claims; a 'related' repeated from both sides counts once."""
    pairs: dict[tuple[str, str], list[Fact]] = {}
    related: set[tuple[str, str]] = set()
    for fact in found:
        source, target = fact.source.id, fact.target.id
        key = (source, target) if source <= target else (target, source)
        if fact.kind == "related":
            if key in related:
                continue
            related.add(key)
        pairs.setdefault(key, []).append(fact)
    result = []
    for (first, _), group in sorted(pairs.items()):
        ordered = sorted(group, key=lambda f: (KINDS.index(f.kind), f.source.id)) if len(group) > 1 else group
        a = group[0]  # every fact of the group joins first to second
        pair = (a.source, a.target) if a.source.id == first else (a.target, a.source)
        result.append(Edge(pair[0], pair[1], tuple(ordered)))
    return result
