"""The pre-commit hook: it stops a commit with a broken claim, lets a good one through, and ignores other files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI
from pre_commit.clientlib import load_config, load_manifest  # type: ignore[import-untyped]

REPO = Path(__file__).resolve().parent.parent
CLAIM = "claims/us-forces-leave-ain-al-asad-after-election.yml"


def test_config_and_manifest_are_valid_for_pre_commit() -> None:
    [repo] = load_config(str(REPO / ".pre-commit-config.yaml"))["repos"]
    [hook] = repo["hooks"]
    assert (hook["id"], hook["files"], hook["pass_filenames"]) == ("site-builder-check", "^(claims|seeds)/", False)
    assert hook["entry"] == ".venv/bin/site-builder check"
    [shared] = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert (shared["id"], shared["entry"], shared["language"]) == ("site-builder-check", "site-builder check",
                                                                   "python")
    assert shared["files"] == hook["files"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The mini project as a git repository with this project's hook configuration and virtual environment."""
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    shutil.copy(REPO / ".pre-commit-config.yaml", root)
    (root / ".venv").symlink_to(Path(sys.executable).parent.parent)
    (root / ".gitignore").write_text(".venv\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    return root


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def pre_commit(root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run the hooks on what is staged, as `git commit` would."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    return subprocess.run([str(Path(sys.executable).parent / "pre-commit"), "run", "--color", "never"], cwd=root,
                          env=env, capture_output=True, text=True, timeout=300, check=False)


def test_hook_stops_a_commit_with_a_misspelt_status(repo: Path, tmp_path: Path) -> None:
    path = repo / CLAIM
    path.write_text(path.read_text(encoding="utf-8").replace("status: denied", "status: denyed"), encoding="utf-8")
    git(repo, "add", "-A")
    done = pre_commit(repo, tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    line = path.read_text(encoding="utf-8").split("\n").index("status: denyed") + 1
    assert f"{CLAIM}:{line}:9: error: 'denyed' is not a status" in done.stdout
    assert "site-builder check (claims, actors, deadlines, seeds)" in done.stdout
    assert "Failed" in done.stdout


def test_hook_passes_a_clean_project(repo: Path, tmp_path: Path) -> None:
    git(repo, "add", "-A")
    done = pre_commit(repo, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_hook_is_skipped_when_no_content_file_is_staged(repo: Path, tmp_path: Path) -> None:
    git(repo, "add", "mkdocs.yml")
    done = pre_commit(repo, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "(no files to check)Skipped" in done.stdout
