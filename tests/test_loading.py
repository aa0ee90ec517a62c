"""Reading many files on two cores gives what reading them one by one gives, in the same order."""

from __future__ import annotations

import os

import pytest
from conftest import Project

from site_builder import files
from site_builder.diagnostics import Diagnostic
from site_builder.files import content_paths
from site_builder.project import collect
from site_builder.schema import ClaimFile

C_UNRESOLVED = "claims/baghdad-anbar-missions-end-september-2025.yml"
C_DENIED = "claims/us-forces-leave-ain-al-asad-after-election.yml"


def _break_some(project: Project) -> None:
    """Problems of every stage: unreadable YAML, a schema error, a warning from the reader, a broken link."""
    project.write("claims/not-yaml.yml", "id: not-yaml\nstatement: [unclosed\n")
    project.replace(C_UNRESOLVED, "status: unresolved", "status: unresolvd")
    project.replace(C_DENIED, "      anchor: three-sites", "      anchor: x\n      anchor: three-sites")
    for number in range(4):
        text = project.read(C_DENIED).replace("us-forces-leave-ain-al-asad-after-election", f"copy-{number}")
        project.write(f"claims/copy-{number}.yml", text.replace("- iraq-government", "- iraq-governmnt"))


def _on_two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read ahead in a second process even for a few files, on a busy machine, beside the test run's threads."""
    monkeypatch.setattr(files, "SECOND_PROCESS_FROM", 1)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    monkeypatch.setattr(files.threading, "active_count", lambda: 1)


def _collected(project: Project, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Diagnostic], list[str]]:
    monkeypatch.setattr(files, "_CACHE", {})
    site, diagnostics = collect(project.root)
    assert site is None
    return diagnostics, [r.item.id for r in files.read_folder(project.root, "claims", ClaimFile, [])]


def test_the_second_process_reads_its_share(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_some(project)
    _on_two_cores(monkeypatch)
    monkeypatch.setattr(files, "_CACHE", {})
    paths = content_paths(project.root, "claims")
    files.read_ahead(project.root, paths, ClaimFile)
    assert len(files._CACHE) == len(paths) == 9  # this process reads only the first part of them


def test_two_cores_find_the_same_problems_in_the_same_order(project: Project,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _break_some(project)
    one_by_one = _collected(project, monkeypatch)
    _on_two_cores(monkeypatch)
    assert _collected(project, monkeypatch) == one_by_one
    codes = {d.code for d in one_by_one[0]}
    assert {"yaml-syntax", "status", "duplicate-key", "unknown-actor"} <= codes, codes


def test_a_file_read_ahead_is_the_same_object_until_it_changes(project: Project,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _on_two_cores(monkeypatch)
    monkeypatch.setattr(files, "_CACHE", {})
    first = {r.item.id: r.item for r in files.read_folder(project.root, "claims", ClaimFile, [])}
    project.replace(C_DENIED, "status: denied", "status: unresolved")
    again = {r.item.id: r.item for r in files.read_folder(project.root, "claims", ClaimFile, [])}
    changed = "us-forces-leave-ain-al-asad-after-election"
    assert [again[i] is first[i] for i in sorted(first)] == [i != changed for i in sorted(first)]
