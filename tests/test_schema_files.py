"""The committed schema/*.schema.json files are generated from the model and cannot drift from it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINI, Run

from site_builder.jsonschema import rendered, schema_for
from site_builder.schema import FILE_KINDS, SCHEMA_VERSION

REPO = Path(__file__).resolve().parent.parent
KINDS = sorted(FILE_KINDS)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The mini project with the repository's committed schema files."""
    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    shutil.copytree(REPO / "schema", root / "schema")
    return root


def test_committed_schemas_are_current(run_cli: Callable[..., Run]) -> None:
    run = run_cli("--root", REPO, "schema", "--check")
    assert run.err == ""
    assert run.code == 0


def test_committed_schema_files_are_exactly_the_rendered_ones() -> None:
    assert sorted(p.name for p in (REPO / "schema").glob("*.schema.json")) == [f"{k}.schema.json" for k in KINDS]
    for kind in KINDS:
        assert (REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8") == rendered(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_describes_the_model(kind: str) -> None:
    schema = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == f"{kind}.schema.json"
    assert schema["x-schema-version"] == SCHEMA_VERSION
    assert schema["additionalProperties"] is False
    model = FILE_KINDS[kind]
    names = {info.alias or name for name, info in model.model_fields.items()}
    assert set(schema["properties"]) == names
    required = {info.alias or name for name, info in model.model_fields.items() if info.is_required()}
    assert set(schema.get("required", [])) == required


def test_claim_schema_lists_the_statuses() -> None:
    schema = schema_for("claim")
    assert schema["properties"]["status"]["enum"] == ["confirmed", "denied", "superseded", "unresolved"]


def test_check_passes_on_a_fresh_copy(copy: Path, run_cli: Callable[..., Run]) -> None:
    assert run_cli("--root", copy, "schema", "--check").code == 0


def test_check_fails_after_a_file_is_altered(copy: Path, run_cli: Callable[..., Run]) -> None:
    path = copy / "schema" / "claim.schema.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["properties"]["status"]["enum"].append("retracted")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    run = run_cli("--root", copy, "schema", "--check")
    assert run.code == 1
    assert run.err == "schema/claim.schema.json is out of date: run 'site-builder schema'\n"


def test_check_fails_on_a_whitespace_change(copy: Path, run_cli: Callable[..., Run]) -> None:
    path = copy / "schema" / "actor.schema.json"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")
    run = run_cli("--root", copy, "schema", "--check")
    assert run.code == 1
    assert run.err == "schema/actor.schema.json is out of date: run 'site-builder schema'\n"


def test_check_fails_when_a_file_is_missing(copy: Path, run_cli: Callable[..., Run]) -> None:
    (copy / "schema" / "sources.schema.json").unlink()
    (copy / "schema" / "deadline.schema.json").unlink()
    run = run_cli("--root", copy, "schema", "--check")
    assert run.code == 1
    assert run.err.splitlines() == ["schema/deadline.schema.json is out of date: run 'site-builder schema'",
                                    "schema/sources.schema.json is out of date: run 'site-builder schema'"]


def test_writing_the_schemas_makes_the_check_pass(copy: Path, run_cli: Callable[..., Run]) -> None:
    shutil.rmtree(copy / "schema")
    assert run_cli("--root", copy, "schema", "--check").code == 1
    run = run_cli("--root", copy, "schema")
    assert run.code == 0
    assert run.out.splitlines() == [f"wrote {copy / 'schema' / (k + '.schema.json')}" for k in FILE_KINDS]
    assert run_cli("--root", copy, "schema", "--check").code == 0
    for kind in KINDS:
        assert (copy / "schema" / f"{kind}.schema.json").read_bytes() == \
            (REPO / "schema" / f"{kind}.schema.json").read_bytes()
