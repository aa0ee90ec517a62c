"""The validated model as one JSON document: the open-data contract."""

from __future__ import annotations

from typing import Any

from .model import Actor, Claim, Deadline, Quote, Site, Step
from .schema import SCHEMA_VERSION, Dated
from .seeds import Source


def export(site: Site) -> dict[str, Any]:
    """The whole site as plain data, in a stable order."""
    document = frame(site)
    document["claims"] = [export_claim(c) for c in site.claims.values()]
    return document


def frame(site: Site) -> dict[str, Any]:
    """The export document with its list of claims left empty."""
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": site.as_of.isoformat(),
        "claims": [],
        "actors": [_actor(a) for a in site.actors.values()],
        "deadlines": [_deadline(d) for d in site.deadlines.values()],
        "sources": [_source(s) for s in site.sources.values()],
    }


def export_claim(claim: Claim) -> dict[str, Any]:
    """One claim as plain data."""
    data = claim.data
    return {
        "id": claim.id,
        "url": claim.url,
        "status": claim.status,
        "statement": data.statement.model_dump(),
        "actors": [a.id for a in claim.actors],
        "about": [a.id for a in claim.about],
        **_when("made_on", data.made_on),
        "deadlines": [d.id for d in claim.deadlines],
        "superseded_by": data.superseded_by,
        "appearances": [_quote(q) for q in claim.appearances],
        "verdict": {
            **_when("date", data.verdict.date),
            "rationale": data.verdict.rationale.model_dump(),
        },
        "evidence": [_quote(q) for q in claim.evidence],
        "history": [_step(s) for s in claim.history],
        "related": [c.id for c in claim.related],
        "tags": list(data.tags),
        "former_ids": list(data.former_ids),
    }


def _quote(quote: Quote) -> dict[str, Any]:
    return {
        "source": quote.source.id,
        "quote": quote.data.quote,
        "translation": quote.data.translation,
        "anchor": quote.anchor,
        "paragraph": quote.paragraph.anchor,
    }


def _when(key: str, value: Dated) -> dict[str, Any]:
    """A date and how it was inferred, as two fields named after key."""
    return {key: str(value.date), f"{key}_inferred": value.inferred}


def _dated(value: Dated) -> dict[str, Any]:
    return {"date": str(value.date), "precision": value.date.precision, "inferred": value.inferred}


def _step(step: Step) -> dict[str, Any]:
    return {
        **_when("date", step.data.date),
        "status": step.data.status,
        "note": step.data.note.model_dump(),
        "evidence": [_quote(q) for q in step.evidence],
    }


def _actor(actor: Actor) -> dict[str, Any]:
    data = actor.data
    return {
        "id": actor.id,
        "url": actor.url,
        "kind": data.kind,
        "name": data.name.model_dump(),
        "role": [r.model_dump(by_alias=True, mode="json") for r in data.roles],
        "affiliation": data.affiliation.model_dump() if data.affiliation else None,
        "relayed_by": list(data.relayed_by),
    }


def _deadline(deadline: Deadline) -> dict[str, Any]:
    data = deadline.data
    return {
        "id": deadline.id,
        "url": deadline.url,
        "date": str(data.date),
        "precision": data.date.precision,
        "relation": data.relation,
        "label": data.label.model_dump(),
        "outcome": data.outcome.state if data.outcome else None,
        "moved_to": data.outcome.moved_to if data.outcome else None,
    }


def _source(source: Source) -> dict[str, Any]:
    entry = source.entry
    return {
        "id": source.id,
        "url": source.url,
        "file": source.file,
        "outlet": entry.outlet.model_dump(),
        "headline": entry.headline.model_dump(),
        "published": _dated(entry.published),
        "relays": list(entry.relays),
    }
