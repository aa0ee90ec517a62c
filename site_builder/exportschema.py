"""The JSON Schema of the open-data document that `site-builder export` prints and api/claims.json holds."""

from __future__ import annotations

from typing import Any

from .dates import DATE_PATTERN
from .schema import SCHEMA_VERSION, SLUG_PATTERN, STATUSES

Schema = dict[str, Any]

STRING: Schema = {"type": "string"}
SLUG: Schema = {"type": "string", "pattern": SLUG_PATTERN}
DATE: Schema = {"type": "string", "pattern": DATE_PATTERN}
PRECISION: Schema = {"enum": ["day", "month", "quarter", "year"]}


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def record(description: str, **properties: Schema) -> Schema:
    """An object with exactly these properties, all required."""
    return {"type": "object", "description": description, "properties": properties,
            "required": list(properties), "additionalProperties": False}


DEFINITIONS: dict[str, Schema] = {
    "text": record("Text in English and Arabic.", en=STRING, ar=STRING),
    "textArOptional": record("English text, with its Arabic rendering where written.", en=STRING,
                             ar=nullable(STRING)),
    "quote": record(
        "A verbatim Arabic passage of a seed article with its English rendering.",
        source=SLUG, quote=STRING, translation=STRING,
        anchor={**SLUG, "description": "Id of the citation on the claim page: claims/<id>/#<anchor>."},
        paragraph={"type": "string", "pattern": r"^line-[1-9]\d*$",
                   "description": "Id of the quoted line on the source page: sources/<id>/#<paragraph>."}),
    "step": record("An earlier status of the claim, dated, with its evidence.",
                   date=DATE, date_inferred=nullable(STRING), status={"enum": list(STATUSES)},
                   note=ref("textArOptional"), evidence=array(ref("quote"))),
    "claim": record(
        "A claim, its verdict and the passages it rests on.",
        id=SLUG, url={**STRING, "description": "Site-relative URL of the claim page."},
        status={"enum": list(STATUSES)}, statement=ref("text"), actors=array(SLUG),
        about={**array(SLUG), "description": "Actors the claim is about who did not make it."}, made_on=DATE,
        made_on_inferred=nullable(STRING), deadlines=array(SLUG), superseded_by=nullable(SLUG),
        appearances=array(ref("quote")),
        verdict=record("The current verdict.", date=DATE, date_inferred=nullable(STRING),
                       rationale=ref("textArOptional")),
        evidence=array(ref("quote")), history=array(ref("step")), related=array(SLUG), tags=array(SLUG),
        former_ids=array(SLUG)),
    "role": record("A role an actor held, and when.", title=ref("text"), **{"from": nullable(DATE),
                                                                          "to": nullable(DATE)}),
    "actor": record(
        "A speaker.", id=SLUG, url=STRING, kind={"enum": ["person", "institution", "government", "anonymous"]},
        name=ref("text"), role=array(ref("role")), affiliation=nullable(ref("text")), relayed_by=array(STRING)),
    "deadline": record(
        "A date or period that claims name.", id=SLUG, url=STRING, date=DATE, precision=PRECISION,
        relation={"enum": ["by", "on", "after"]}, label=ref("text"),
        outcome=nullable({"enum": ["met", "missed", "moved", "open"]}), moved_to=nullable(SLUG)),
    "source": record(
        "A seed article.", id=SLUG, url=STRING, file=STRING, outlet=ref("text"), headline=ref("text"),
        published=record("When it was published.", date=DATE, precision=PRECISION, inferred=nullable(STRING)),
        relays=array(STRING)),
}


def export_schema(schema_id: str = "schema.json") -> Schema:
    """The JSON Schema of the whole export document; $defs/claimDocument describes api/claims/<id>.json."""
    document = record(
        "Every claim, actor, deadline and source of the site.",
        schema_version={"const": SCHEMA_VERSION}, as_of={"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        claims=array(ref("claim")), actors=array(ref("actor")), deadlines=array(ref("deadline")),
        sources=array(ref("source")))
    claim_document = record("One claim, as published at api/claims/<id>.json.",
                            schema_version={"const": SCHEMA_VERSION}, claim=ref("claim"))
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id,
            "title": "Fact-check open data", "x-schema-version": SCHEMA_VERSION, **document,
            "$defs": {**DEFINITIONS, "claimDocument": claim_document}}
