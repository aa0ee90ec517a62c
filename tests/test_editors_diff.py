"""`site-builder diff`: what a change between two commits does to the site, on a real git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINI, Run

DENIED = "us-forces-leave-ain-al-asad-after-election"
CONFIRMED = "timetable-set-by-2024-joint-statement"
UNRESOLVED = "baghdad-anbar-missions-end-september-2025"
SITE = "https://factcheck.example.org/"


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    done = subprocess.run(["git", "-C", str(root), "-c", "commit.gpgsign=false", *args], env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def rename(claims: Path, old: str, new: str, keep_old_url: bool) -> None:
    text = (claims / f"{old}.yml").read_text(encoding="utf-8")
    (claims / f"{old}.yml").unlink()
    former = f"\nformer_ids:\n  - {old}" if keep_old_url else ""
    (claims / f"{new}.yml").write_text(text.replace(f"id: {old}", f"id: {new}{former}"), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The mini project in a git repository: one commit as it is, a second one with an editor's changes."""
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the mini site")
    claims = root / "claims"
    edit(claims / f"{DENIED}.yml", "status: denied", "status: confirmed")
    rename(claims, CONFIRMED, "timetable-set-by-joint-statement", keep_old_url=True)
    rename(claims, UNRESOLVED, "baghdad-anbar-missions-end-2025", keep_old_url=False)
    edit(claims / f"{DENIED}.yml", f"  - {UNRESOLVED}", "  - baghdad-anbar-missions-end-2025")
    edit(claims / "coalition-mission-ends-by-september-2025.yml", f"superseded_by: {UNRESOLVED}",
         "superseded_by: baghdad-anbar-missions-end-2025")
    edit(claims / "coalition-mission-ends-by-september-2025.yml", f"  - {CONFIRMED}",
         "  - timetable-set-by-joint-statement")
    text = (claims / f"{DENIED}.yml").read_text(encoding="utf-8").replace(f"id: {DENIED}", "id: a-new-claim")
    (claims / "a-new-claim.yml").write_text(text.replace("  - baghdad-anbar-missions-end-2025\n", "")
                                            .replace("related:\n", ""), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a verdict, two renames and a new claim")
    return root


def diff(run_cli: Callable[..., Run], root: Path, *args: str) -> Run:
    return run_cli("--root", root, "diff", *args)


def test_the_changed_project_is_valid(repo: Path, run_cli: Callable[..., Run]) -> None:
    run = run_cli("--root", repo, "check")
    assert run.code == 0, run.out


def test_plain_report_between_two_commits(repo: Path, run_cli: Callable[..., Run]) -> None:
    run = diff(run_cli, repo, "HEAD~1", "HEAD")
    assert (run.code, run.err) == (0, "")
    short = git(repo, "rev-parse", "--short", "HEAD~1"), git(repo, "rev-parse", "--short", "HEAD")
    lines = run.lines
    assert lines[:13] == [
        f"Changes from HEAD~1 ({short[0]}) to HEAD ({short[1]})",
        "",
        "!! WARNING: 1 published URL would disappear:",
        f"!!   {SITE}claims/{UNRESOLVED}/  the claim '{UNRESOLVED}' is removed and no claim lists it under former_ids",
        (f"!!     it looks renamed to 'baghdad-anbar-missions-end-2025': add 'former_ids: [{UNRESOLVED}]' to "
         "claims/baghdad-anbar-missions-end-2025.yml"),
        "",
        "Claims: 2 added, 1 removed, 1 renamed, 2 changed",
        "  added    claims/a-new-claim/  (confirmed)",
        "  added    claims/baghdad-anbar-missions-end-2025/  (unresolved)",
        f"  removed  claims/{UNRESOLVED}/",
        f"  renamed  claims/{CONFIRMED}/ -> claims/timetable-set-by-joint-statement/  (the old URL redirects)",
        "  changed  claims/coalition-mission-ends-by-september-2025/: superseded_by, related",
        f"  changed  claims/{DENIED}/: status, related",
    ]
    assert lines[13:16] == ["", "Verdicts changed:", f"  {DENIED}: denied -> confirmed"]


def test_pages_affected_include_the_listing_pages(repo: Path, run_cli: Callable[..., Run]) -> None:
    lines = diff(run_cli, repo, "HEAD~1", "HEAD").lines
    pages = lines[lines.index(next(line for line in lines if line.startswith("Pages affected"))) + 1:]
    pages = [page.strip().removeprefix(SITE) for page in pages]
    for page in ["", "claims/", "status/", "actors/", "deadlines/", "sources/",
                 f"claims/{DENIED}/", "claims/a-new-claim/", f"claims/{UNRESOLVED}/", f"claims/{CONFIRMED}/",
                 "claims/timetable-set-by-joint-statement/", "status/denied/", "status/confirmed/",
                 "actors/iraq-government/", "actors/hussein-alawi/", "sources/alaraby-aljadeed-2025-09-07/"]:
        assert page in pages, page
    assert lines[-len(pages) - 1] == f"Pages affected ({len(pages)}):"
    assert pages == sorted(pages)


def test_markdown_report_for_a_pull_request_comment(repo: Path, run_cli: Callable[..., Run]) -> None:
    run = diff(run_cli, repo, "HEAD~1", "HEAD", "--format", "markdown")
    assert run.code == 0
    text = run.out
    assert text.startswith("### What this change does to the site\n\n> [!CAUTION]\n"
                           "> **1 published URL would disappear.**\n")
    assert f"| `{UNRESOLVED}` | **removed** |" in text
    assert f"| `{CONFIRMED}` → `timetable-set-by-joint-statement` | renamed; the old URL redirects |" in text
    assert f"- `{DENIED}`: denied → **confirmed**" in text
    assert "<details><summary>Pages affected (" in text


def test_default_head_is_the_working_tree(repo: Path, run_cli: Callable[..., Run]) -> None:
    edit(repo / "claims" / "a-new-claim.yml", "status: confirmed", "status: unresolved")
    lines = diff(run_cli, repo, "HEAD").lines
    head = git(repo, "rev-parse", "--short", "HEAD")
    assert lines[0] == f"Changes from HEAD ({head}) to the working tree"
    assert lines[2:6] == ["Claims: 1 changed", "  changed  claims/a-new-claim/: status", "",
                          "Verdicts changed:"]
    assert lines[6] == "  a-new-claim: confirmed -> unresolved"


def test_no_change(repo: Path, run_cli: Callable[..., Run]) -> None:
    run = diff(run_cli, repo, "HEAD")
    assert run.code == 0
    assert run.lines[2:] == ["No claim, actor, deadline or source changed."]


def test_removed_actor_url_is_reported(repo: Path, run_cli: Callable[..., Run]) -> None:
    (repo / "claims" / "actors" / "us-government.yml").unlink()
    for claim in (repo / "claims").glob("*.yml"):
        claim.write_text(claim.read_text(encoding="utf-8").replace("  - us-government\n", ""), encoding="utf-8")
    lines = diff(run_cli, repo, "HEAD").lines
    assert f"!!   {SITE}actors/us-government/  the actor 'us-government' is removed" in lines
    assert "  removed  actor    actors/us-government/" in lines


def test_a_file_with_errors_is_listed_not_reported_removed(repo: Path, run_cli: Callable[..., Run]) -> None:
    edit(repo / "claims" / "a-new-claim.yml", "status: confirmed", "status: confirmd")
    lines = diff(run_cli, repo, "HEAD").lines
    assert lines[-2:] == ["Not compared: these files have errors (run site-builder check):",
                          "  claims/a-new-claim.yml (in the working tree)"]
    assert not any("removed" in line for line in lines)


def test_a_project_in_a_subfolder_of_the_repository(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    top = tmp_path / "top"
    shutil.copytree(MINI, top / "site")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "first")
    edit(top / "site" / "claims" / f"{DENIED}.yml", "status: denied", "status: confirmed")
    lines = diff(run_cli, top / "site", "HEAD").lines
    assert f"  {DENIED}: denied -> confirmed" in lines


def test_an_unknown_revision_is_a_usage_error(repo: Path, run_cli: Callable[..., Run]) -> None:
    run = diff(run_cli, repo, "no-such-branch")
    assert (run.code, run.out) == (2, "")
    assert run.err == f"site-builder: error: 'no-such-branch' is not a commit of the repository at {repo}\n"


def test_the_repository_is_left_untouched(repo: Path, run_cli: Callable[..., Run]) -> None:
    before = git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD"), git(repo, "stash", "list")
    diff(run_cli, repo, "HEAD~1", "HEAD")
    assert (git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD"), git(repo, "stash", "list")) == before
