"""`site-builder export`: the validated model as one JSON document, checked against the YAML files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINI, Project, Run

from site_builder.schema import SCHEMA_VERSION


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _date(value: Any) -> str:
    """The date of a plain or {date, inferred} value, as YAML read it, written as the export writes it."""
    value = value["date"] if isinstance(value, dict) else value
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _citations(items: list[dict[str, Any]] | None) -> list[dict[str, str]]:
    return [{k: c[k] for k in ("source", "quote", "translation", "anchor")} for c in items or []]


@pytest.fixture(scope="module")
def exported() -> dict[str, Any]:
    """The mini project exported once, as of 2026-01-01."""
    import json
    from contextlib import redirect_stdout
    from io import StringIO

    from conftest import AS_OF_EPOCH

    from site_builder.cli import main

    out = StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(out):
        patch.setenv("SOURCE_DATE_EPOCH", AS_OF_EPOCH)
        assert main(["--root", str(MINI), "export"]) == 0
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def test_export_runs_clean(run_cli: Callable[..., Run]) -> None:
    run = run_cli("--root", MINI, "export")
    assert run.code == 0
    assert run.err == ""
    assert run.out.endswith("}\n")
    assert "أعلنت الولايات المتحدة والعراق" in run.out  # Arabic is written as text, not \u escapes
    again = run_cli("--root", MINI, "export")
    assert again.out == run.out  # stable output


def test_top_level_keys(exported: dict[str, Any]) -> None:
    assert set(exported) == {"schema_version", "as_of", "claims", "actors", "deadlines", "sources"}
    assert exported["schema_version"] == SCHEMA_VERSION
    assert exported["as_of"] == "2026-01-01"  # from SOURCE_DATE_EPOCH


def test_claim_shape(exported: dict[str, Any]) -> None:
    quote_keys = {"source", "quote", "translation", "anchor"}
    for claim in exported["claims"]:
        assert {"id", "url", "status", "statement", "actors", "made_on", "deadlines", "superseded_by", "appearances",
                "evidence", "history"} <= set(claim)
        assert set(claim["statement"]) == {"en", "ar"}
        assert claim["url"] == f"claims/{claim['id']}/"
        for quote in claim["appearances"] + claim["evidence"]:
            assert quote_keys <= set(quote)
        for step in claim["history"]:
            assert {"date", "status", "note", "evidence"} <= set(step)


def test_actor_deadline_source_shape(exported: dict[str, Any]) -> None:
    for actor in exported["actors"]:
        assert {"id", "url", "name", "role"} <= set(actor)
        assert set(actor["name"]) == {"en", "ar"}
        assert actor["url"] == f"actors/{actor['id']}/"
    for deadline in exported["deadlines"]:
        assert {"id", "url", "date", "precision", "label"} <= set(deadline)
        assert set(deadline["label"]) == {"en", "ar"}
        assert deadline["url"] == f"deadlines/{deadline['id']}/"
    for source in exported["sources"]:
        assert {"id", "url", "file", "outlet", "published"} <= set(source)
        assert source["url"] == f"sources/{source['id']}/"


def test_claims_round_trip(exported: dict[str, Any]) -> None:
    files = sorted((MINI / "claims").glob("*.yml"))
    assert [c["id"] for c in exported["claims"]] == [p.stem for p in files]
    for claim, path in zip(exported["claims"], files):
        data = _load(path)
        assert claim["id"] == data["id"]
        assert claim["status"] == data["status"]
        assert claim["statement"] == data["statement"]
        assert claim["actors"] == data["actors"]
        assert claim["deadlines"] == data.get("deadlines", [])
        assert claim["superseded_by"] == data.get("superseded_by")
        assert claim["made_on"] == _date(data["made_on"])
        assert [{k: q[k] for k in ("source", "quote", "translation", "anchor")} for q in claim["appearances"]] == \
            _citations(data["appearances"])
        assert [{k: q[k] for k in ("source", "quote", "translation", "anchor")} for q in claim["evidence"]] == \
            _citations(data["verdict"].get("evidence"))
        assert [(s["date"], s["status"], [{k: q[k] for k in ("source", "quote", "translation", "anchor")}
                                          for q in s["evidence"]]) for s in claim["history"]] == \
            [(_date(s["date"]), s["status"], _citations(s.get("evidence"))) for s in data.get("history", [])]
        assert claim["verdict"]["date"] == _date(data["verdict"]["date"])
        assert claim["verdict"]["rationale"]["en"] == data["verdict"]["rationale"]["en"]
        assert claim["tags"] == data.get("tags", [])
        assert set(data.get("related", [])) <= set(claim["related"])


def test_every_status_is_exported(exported: dict[str, Any]) -> None:
    assert sorted(c["status"] for c in exported["claims"]) == ["confirmed", "denied", "superseded", "unresolved"]


def test_related_claims_link_both_ways(exported: dict[str, Any]) -> None:
    related = {c["id"]: set(c["related"]) for c in exported["claims"]}
    for claim, others in related.items():
        for other in others:
            assert claim in related[other]
    assert related["timetable-set-by-2024-joint-statement"] == {"coalition-mission-ends-by-september-2025"}


def test_quotes_point_at_their_seed_paragraph(exported: dict[str, Any]) -> None:
    files = {s["id"]: (MINI / s["file"]).read_text(encoding="utf-8").split("\n") for s in exported["sources"]}
    for claim in exported["claims"]:
        quotes = claim["appearances"] + claim["evidence"] + [q for s in claim["history"] for q in s["evidence"]]
        for quote in quotes:
            lines = files[quote["source"]]
            line = int(quote["paragraph"].removeprefix("line-"))
            assert quote["paragraph"] == f"line-{line}"
            assert quote["quote"] in lines[line - 1]


def test_actors_round_trip(exported: dict[str, Any]) -> None:
    files = sorted((MINI / "claims" / "actors").glob("*.yml"))
    assert [a["id"] for a in exported["actors"]] == [p.stem for p in files]
    for actor, path in zip(exported["actors"], files):
        data = _load(path)
        assert actor["name"] == data["name"]
        assert actor["kind"] == data["kind"]
        assert [r["title"] for r in actor["role"]] == [r["title"] for r in data.get("roles", [])]
        assert actor["affiliation"] == data.get("affiliation")


def test_deadlines_round_trip(exported: dict[str, Any]) -> None:
    files = sorted((MINI / "claims" / "deadlines").glob("*.yml"))
    assert [d["id"] for d in exported["deadlines"]] == [p.stem for p in files]
    for deadline, path in zip(exported["deadlines"], files):
        data = _load(path)
        assert deadline["date"] == _date(data["date"])
        assert deadline["label"] == data["label"]
        assert deadline["relation"] == data.get("relation", "by")
    assert {d["id"]: d["precision"] for d in exported["deadlines"]} == {
        "end-of-september-2025": "month", "year-2026": "year"}


def test_sources_round_trip(exported: dict[str, Any]) -> None:
    registry = _load(MINI / "seeds" / "sources.yml")["sources"]
    assert [s["id"] for s in exported["sources"]] == [e["id"] for e in registry]
    for source, entry in zip(exported["sources"], registry):
        assert source["file"] == f"seeds/{entry['file']}"
        assert (MINI / source["file"]).is_file()
        assert source["outlet"] == entry["outlet"]
        assert source["headline"] == entry["headline"]
        assert source["published"]["date"] == _date(entry["published"])
    assert exported["sources"][0]["published"]["precision"] == "month"
    assert exported["sources"][0]["published"]["inferred"].startswith("Not printed.")
    assert exported["sources"][1]["published"] == {"date": "2025-09-07", "precision": "day", "inferred": None}


def test_export_of_a_broken_project_fails_with_the_report(project: Project, run_cli: Callable[..., Run]) -> None:
    project.replace("claims/actors/hussein-alawi.yml", "kind: person", "kind: persn")
    run = run_cli("--root", project.root, "export")
    assert run.code == 1
    assert run.out == ""
    assert run.err == (
        "claims/actors/hussein-alawi.yml:3:7: error: 'persn' is not allowed for 'kind'\n"
        "    hint: use one of: 'person', 'institution', 'government' or 'anonymous'\n"
        "1 error(s), 0 warning(s)\n")
