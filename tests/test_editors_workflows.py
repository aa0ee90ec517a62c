"""The GitHub Actions workflows, which cannot run here: valid against GitHub's workflow schema, and doing what we need.

actionlint's PyPI wrapper downloads its binary from GitHub when installed, which this project's machines cannot
reach; check-jsonschema ships GitHub's workflow JSON Schema inside its PyPI package, so that is what we validate
against. Every `site-builder` command the workflows run is also parsed by our own argument parser.
"""

from __future__ import annotations

import importlib.resources
import json
import re
import shlex
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml

from site_builder.cli import build_parser

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"


class WorkflowLoader(yaml.SafeLoader):
    """YAML as GitHub reads it: `on:` is a key, not the boolean true."""


WorkflowLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
WorkflowLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def load(name: str) -> dict[str, Any]:
    data = yaml.load((WORKFLOWS / name).read_text(encoding="utf-8"), Loader=WorkflowLoader)
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return list(workflow["jobs"][job]["steps"])


def uses(workflow: dict[str, Any], job: str, action: str) -> dict[str, Any]:
    [step] = [s for s in steps(workflow, job) if str(s.get("uses", "")).startswith(action + "@")]
    return step


def runs(workflow: dict[str, Any], job: str) -> str:
    return "\n".join(str(s.get("run", "")) for s in steps(workflow, job))


def workflow_schema() -> dict[str, Any]:
    vendored = importlib.resources.files("check_jsonschema") / "builtin_schemas" / "vendor" / "github-workflows.json"
    return dict(json.loads(vendored.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", ["pull-request.yml", "publish.yml"])
def test_workflow_is_valid_for_github(name: str) -> None:
    validator = jsonschema.Draft7Validator(workflow_schema())
    assert [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(load(name))] == []


def test_these_are_all_the_workflows() -> None:
    assert sorted(p.name for p in WORKFLOWS.iterdir()) == ["publish.yml", "pull-request.yml"]


def test_pull_request_checks_with_annotations_builds_strictly_tests_and_uploads_a_preview() -> None:
    flow = load("pull-request.yml")
    assert set(flow["on"]) == {"pull_request"}
    assert flow["permissions"] == {"contents": "read"}
    assert ".venv/bin/site-builder check --format github" in runs(flow, "check")
    build = runs(flow, "build")
    assert ".venv/bin/site-builder build --site-dir site" in build and "--no-strict" not in build
    assert uses(flow, "build", "actions/upload-artifact")["with"]["path"] == "site/"
    assert "./scripts/test" in runs(flow, "test")


def test_pull_request_describes_the_change_against_its_base() -> None:
    flow = load("pull-request.yml")
    assert uses(flow, "changes", "actions/checkout")["with"]["fetch-depth"] == 0  # the base commit is needed
    [compare] = [s for s in steps(flow, "changes") if "site-builder diff" in str(s.get("run", ""))]
    assert compare["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"
    assert '$GITHUB_STEP_SUMMARY' in compare["run"]
    assert flow["jobs"]["changes"]["permissions"]["pull-requests"] == "write"


def test_publish_deploys_main_to_pages_and_rebuilds_daily() -> None:
    flow = load("publish.yml")
    assert flow["on"]["push"] == {"branches": ["main"]}
    [schedule] = flow["on"]["schedule"]
    minute, hour, *every = schedule["cron"].split()
    assert every == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()  # once a day
    assert uses(flow, "build", "actions/upload-pages-artifact")["with"]["path"] == "site/"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(flow, "deploy", "actions/deploy-pages")["id"] == "deployment"
    assert "--no-strict" not in runs(flow, "build")


def site_builder_commands() -> list[list[str]]:
    found = []
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for line in re.findall(r"\.venv/bin/site-builder [^\n>|]*", path.read_text(encoding="utf-8")):
            found.append(shlex.split(line)[1:])
    return found


@pytest.mark.parametrize("argv", site_builder_commands(), ids=" ".join)
def test_every_site_builder_command_in_a_workflow_parses(argv: list[str]) -> None:
    args = build_parser().parse_args([a.replace("$BASE", "abc123") for a in argv])
    assert args.command == argv[0]


def test_workflows_run_the_scripts_that_exist() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for script in re.findall(r"\./(scripts/[\w-]+)", path.read_text(encoding="utf-8")):
            assert (REPO / script).is_file(), f"{path.name} runs ./{script}, which does not exist"


def test_the_schema_check_catches_a_broken_workflow() -> None:
    flow = load("publish.yml")
    flow["jobs"]["deploy"]["permissions"]["pages"] = "admin"
    del flow["jobs"]["build"]["runs-on"]
    errors = list(jsonschema.Draft7Validator(workflow_schema()).iter_errors(flow))
    assert errors, "a permission of 'admin' and a job without runs-on must be rejected"
