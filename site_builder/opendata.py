"""The open-data files under api/: the export document, its JSON Schema, a CSV table, one document per claim."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from .citing import absolute
from .export import export, export_claim, frame
from .exportschema import export_schema
from .model import Claim, Site
from .schema import SCHEMA_VERSION
from .webdates import w3c_date

CSV_COLUMNS = ("id", "url", "status", "verdict", "verdict_date", "updated", "statement_en", "statement_ar",
               "actors", "made_on", "deadlines", "superseded_by", "sources", "tags", "former_ids", "about")
LIST_SEPARATOR = ";"
CLAIMS_JSON, SCHEMA_JSON, CLAIMS_CSV = "api/claims.json", "api/schema.json", "api/claims.csv"


def dumps(data: Any) -> str:
    """JSON exactly as `site-builder export` prints it."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def csv_row(claim: Claim, site_url: str) -> dict[str, str]:
    """One claim as a CSV row; lists are ids joined by semicolons."""
    data = claim.data
    return {
        "id": claim.id, "url": absolute(site_url, claim.url), "status": claim.status,
        "verdict": claim.verdict_word, "verdict_date": str(data.verdict.date.date),
        "updated": w3c_date(claim.updated), "statement_en": data.statement.en, "statement_ar": data.statement.ar,
        "actors": LIST_SEPARATOR.join(a.id for a in claim.actors), "made_on": str(data.made_on.date),
        "deadlines": LIST_SEPARATOR.join(d.id for d in claim.deadlines), "superseded_by": data.superseded_by or "",
        "sources": LIST_SEPARATOR.join(s.id for s in claim.sources), "tags": LIST_SEPARATOR.join(data.tags),
        "former_ids": LIST_SEPARATOR.join(data.former_ids),
        "about": LIST_SEPARATOR.join(a.id for a in claim.about),
    }


_LINE = io.StringIO()
_WRITER = csv.DictWriter(_LINE, fieldnames=CSV_COLUMNS, lineterminator="\r\n")


def csv_line(row: dict[str, str] | None) -> str:
    """One row of the CSV table, as its writer writes it (the header for None)."""
    _LINE.seek(0)
    _LINE.truncate()
    if row is None:
        _WRITER.writeheader()
    else:
        _WRITER.writerow(row)
    return _LINE.getvalue()


def claims_csv(lines: list[str]) -> bytes:
    """Every claim, one row each, as UTF-8 with a byte-order mark so that spreadsheets read the Arabic."""
    return (csv_line(None) + "".join(lines)).encode("utf-8-sig")


def compact(data: Any) -> str:
    """JSON without indentation (written by the C encoder: ten times faster at 10,000 claims)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


@dataclass(frozen=True)
class Record:
    """One claim's open data, encoded: its entry in claims.json, its own document and its line of the CSV table."""

    entry: str
    document: str
    line: str


# Records by claim id: a --dirty rebuild encodes again only the claims an edit reached.
Records = dict[str, Record]

# Stands for a claim's entry in claims.json while the rest of the document is encoded; as JSON, "\u0000".
HOLE = "\0"
HOLE_JSON = json.dumps(HOLE)
ENTRY_INDENT = "\n    "  # a claim's entry sits in the document's list of claims, two levels deep


def record(claim: Claim, site_url: str) -> Record:
    exported = export_claim(claim)
    entry = json.dumps(exported, ensure_ascii=False, indent=2).replace("\n", ENTRY_INDENT)
    return Record(entry, compact({"schema_version": SCHEMA_VERSION, "claim": exported}),
                  csv_line(csv_row(claim, site_url)))


def claims_json(site: Site, entries: list[str]) -> str:
    """The export document, as dumps(export(site)) writes it, from its claims' entries encoded apart."""
    document = frame(site)
    document["claims"] = [HOLE] * len(entries)
    pieces = dumps(document).split(HOLE_JSON)
    if len(pieces) != len(entries) + 1:  # another string of the document is "\0": encode it all at once
        return dumps(export(site))
    return pieces[0] + "".join(entry + piece for entry, piece in zip(entries, pieces[1:], strict=True))


def document_paths(claim: Claim) -> list[str]:
    """Where a claim's own document is published: under its id, and under each former id."""
    return [f"api/claims/{name}.json" for name in [claim.id, *claim.data.former_ids]]


def api_paths(site: Site) -> list[str]:
    """The path of every file under api/, in the order api_files() lists them."""
    return [CLAIMS_JSON, SCHEMA_JSON, CLAIMS_CSV] + [path for claim in site.claims.values() for path in document_paths(claim)]


def api_files(site: Site, site_url: str, records: Records | None = None,
              only: Collection[str] | None = None) -> dict[str, str | bytes | None]:
    """Every file under api/, by path; a renamed claim's document is also published under its former ids.
    `records` holds claims encoded by an earlier build that are still the same; with `only` (claim ids), the
    documents of the other claims are listed with None: unchanged since that build."""
    records = {} if records is None else records
    ours = []
    for claim in site.claims.values():
        if claim.id not in records:
            records[claim.id] = record(claim, site_url)
        ours.append(records[claim.id])
    files: dict[str, str | bytes | None] = {
        CLAIMS_JSON: claims_json(site, [r.entry for r in ours]),
        SCHEMA_JSON: dumps(export_schema(absolute(site_url, SCHEMA_JSON))),
        CLAIMS_CSV: claims_csv([r.line for r in ours]),
    }
    for claim, encoded in zip(site.claims.values(), ours, strict=True):
        for path in document_paths(claim):
            files[path] = encoded.document if only is None or claim.id in only else None
    return files
