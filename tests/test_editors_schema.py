"""The schema in the editor: every content file names its JSON Schema on line 1, and check warns when one does not."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml
from conftest import MINI, Project, Run

from site_builder.scaffold import SCHEMA_MARK, content_files, declared_schema, schema_line

REPO = Path(__file__).resolve().parent.parent
ACTOR = "claims/actors/hussein-alawi.yml"
CLAIM = "claims/baghdad-anbar-missions-end-september-2025.yml"

Check = Callable[..., Run]


def every_content_file() -> list[tuple[Path, str]]:
    """The content files of the real project and of the mini fixture, with their kinds."""
    return content_files(REPO) + content_files(MINI)


@pytest.mark.parametrize("path, kind", every_content_file(), ids=lambda v: str(v.relative_to(REPO))
                         if isinstance(v, Path) else v)
def test_content_file_names_its_schema_on_line_1(path: Path, kind: str) -> None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith(SCHEMA_MARK), f"{path} line 1 is {first!r}"
    target = (path.parent / str(declared_schema(first))).resolve()
    assert target == REPO / "schema" / f"{kind}.schema.json", f"{path} names {target}"


def test_there_are_content_files_to_check() -> None:
    kinds = {kind for _, kind in content_files(MINI)}
    assert kinds == {"claim", "actor", "deadline", "sources"}


def test_schema_line_is_relative_to_the_file() -> None:
    assert schema_line("claims/x.yml", "claim") == "# yaml-language-server: $schema=../schema/claim.schema.json"
    assert schema_line("claims/actors/x.yml", "actor") == (
        "# yaml-language-server: $schema=../../schema/actor.schema.json")
    assert schema_line("seeds/sources.yml", "sources") == (
        "# yaml-language-server: $schema=../schema/sources.schema.json")


def test_check_warns_when_the_schema_line_is_missing(project: Project, check: Check) -> None:
    text = project.read(ACTOR)
    project.write(ACTOR, text.split("\n", 1)[1])
    run = check(project)
    assert run.code == 0  # a warning does not fail the check
    assert run.lines == [
        (f"{ACTOR}:1:1: warning: the file does not start with the schema line, so your editor cannot check it as "
         "you type"),
        "    hint: make this the first line: # yaml-language-server: $schema=../../schema/actor.schema.json",
        "0 error(s), 1 warning(s)",
    ]


def test_the_line_from_the_hint_silences_the_warning(project: Project, check: Check) -> None:
    project.write(CLAIM, project.read(CLAIM).split("\n", 1)[1])
    hint = check(project).lines[1]
    line = hint.removeprefix("    hint: make this the first line: ")
    project.write(CLAIM, line + "\n" + project.read(CLAIM))
    assert check(project).lines == ["0 error(s), 0 warning(s)"]


def test_check_warns_when_the_line_names_the_wrong_schema(project: Project, check: Check) -> None:
    text = project.read(CLAIM).split("\n", 1)[1]
    project.write(CLAIM, "# yaml-language-server: $schema=../schema/actor.schema.json\n" + text)
    run = check(project)
    assert run.lines[:2] == [
        f"{CLAIM}:1:1: warning: the schema line names actor.schema.json, but this is a claim file",
        "    hint: make this the first line: # yaml-language-server: $schema=../schema/claim.schema.json",
    ]


def test_warning_shows_as_a_github_annotation(project: Project, check: Check) -> None:
    project.write(ACTOR, project.read(ACTOR).split("\n", 1)[1])
    run = check(project, "--format", "github")
    assert run.code == 0
    assert run.lines == [
        (f"::warning file={ACTOR},line=1,col=1,title=schema-line::the file does not start with the schema line, so "
         "your editor cannot check it as you type%0Amake this the first line: # yaml-language-server: "
         "$schema=../../schema/actor.schema.json")]


def test_a_file_that_is_not_content_yet_gets_no_warning_on_top_of_its_error(project: Project, check: Check) -> None:
    project.write(ACTOR, "")
    run = check(project)
    assert run.lines[-1] == "1 error(s), 0 warning(s)"


# --- the schema agrees with the content, as the editor's YAML 1.2 reader sees it -------------------------


class Yaml12Loader(yaml.SafeLoader):
    """Reads YAML as editors' language servers do (YAML 1.2): dates stay text; only true/false are booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def validator(kind: str) -> Any:
    schema = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path, kind", every_content_file(), ids=lambda v: str(v.relative_to(REPO))
                         if isinstance(v, Path) else v)
def test_the_editor_schema_accepts_the_content(path: Path, kind: str) -> None:
    """What check accepts, the editor accepts too: no false alarms while typing."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    assert [e.message for e in validator(kind).iter_errors(data)] == []


def test_the_editor_schema_flags_a_misspelt_status_as_the_editor_types() -> None:
    data = yaml.load((MINI / CLAIM).read_text(encoding="utf-8").replace("status: unresolved", "status: unresloved"),
                     Loader=Yaml12Loader)
    [error] = validator("claim").iter_errors(data)
    assert list(error.path) == ["status"]
    assert "'unresloved' is not one of ['confirmed', 'denied', 'superseded', 'unresolved']" in error.message
