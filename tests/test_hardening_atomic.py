"""Atomic output: a build that fails or is stopped part-way leaves the previous site byte for byte."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import AS_OF_EPOCH, Project
from test_hardening_malformed import cli, digest, finish, leftovers, start

from site_builder import building
from site_builder.building import BuildFailed, build_site

# A MkDocs hook (mkdocs.yml `hooks:`) that acts on the N-th page written: raise, or wait to be stopped.
HOOK = '''
import os, pathlib, time
from mkdocs.exceptions import PluginError

written = 0


def on_post_page(output, page, config):
    global written
    written += 1
    if written == int(os.environ["HOOK_PAGE"]):
        pages = [p for p in pathlib.Path(config.site_dir).rglob("*.html")]
        pathlib.Path(os.environ["HOOK_MARKER"]).write_text(str(len(pages)))
        if os.environ["HOOK_ACTION"] == "wait":
            time.sleep(600)
        if os.environ["HOOK_ACTION"] == "crash":
            raise RuntimeError("a bug in a hook")
        raise PluginError(f"stopped on page {written}: {page.file.src_uri}")
    return output
'''
FAIL_ON_PAGE = "6"
WAIT_SECONDS = 180  # only to stop a hang


@pytest.fixture
def hooked(project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The mini project with the hook, and a built previous site in published/site."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AS_OF_EPOCH)
    build_site(project.root, tmp_path / "published" / "site")
    project.write("hooks/stop.py", HOOK)
    project.write("mkdocs.yml", project.read("mkdocs.yml") + "hooks:\n  - hooks/stop.py\n")
    monkeypatch.setenv("HOOK_PAGE", FAIL_ON_PAGE)
    monkeypatch.setenv("HOOK_MARKER", str(tmp_path / "reached"))
    monkeypatch.setenv("HOOK_ACTION", "raise")
    return project


def _previous(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    site = tmp_path / "published" / "site"
    return site, digest(site)


def _pages_written_before_stopping(tmp_path: Path) -> int:
    return int((tmp_path / "reached").read_text())


def test_a_build_failing_part_way_leaves_the_previous_site_untouched(hooked: Project, tmp_path: Path) -> None:
    site, before = _previous(tmp_path)
    with pytest.raises(BuildFailed, match="the previous site in .* is unchanged"):
        build_site(hooked.root, site)
    assert _pages_written_before_stopping(tmp_path) >= 1  # it really stopped half-way through writing
    assert digest(site) == before
    assert leftovers(site.parent) == []


def test_a_crashing_hook_leaves_the_previous_site_and_no_staging_folder(
        hooked: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOOK_ACTION", "crash")
    site, before = _previous(tmp_path)
    with pytest.raises(RuntimeError, match="a bug in a hook"):
        build_site(hooked.root, site)
    assert digest(site) == before
    assert leftovers(site.parent) == []


def test_the_command_reports_a_failed_build_and_keeps_the_site(hooked: Project, tmp_path: Path) -> None:
    site, before = _previous(tmp_path)
    run = cli(hooked.root, "build", "--site-dir", site)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert f"site-builder: the build failed; the previous site in {site} is unchanged" in run.stderr
    assert digest(site) == before
    assert leftovers(site.parent) == []


def test_a_template_failing_on_one_page_fails_the_build_before_anything_is_replaced(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = build_site(project.root, tmp_path / "site")
    before = digest(site)
    package = Path(building.__file__).resolve().parent.parent / "templates" / "claim.html"
    broken = "{% if claim.id == 'timetable-set-by-2024-joint-statement' %}{{ no_such_field }}{% endif %}\n"
    project.write("templates/claim.html", broken + package.read_text(encoding="utf-8"))
    run = cli(project.root, "build", "--site-dir", site)
    assert run.returncode == 1
    assert "template error: 'no_such_field' is undefined" in run.stderr
    assert "Traceback" not in run.stderr
    assert digest(site) == before
    assert leftovers(site.parent) == []


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_build_stopped_by_a_signal_mid_way_leaves_the_previous_site(
        hooked: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: signal.Signals) -> None:
    monkeypatch.setenv("HOOK_ACTION", "wait")
    site, before = _previous(tmp_path)
    process = start(hooked.root, "build", "--site-dir", site)
    deadline = time.monotonic() + WAIT_SECONDS
    while not (tmp_path / "reached").exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (tmp_path / "reached").exists(), "the build never reached the page where it waits"
    assert leftovers(site.parent), "the build should be writing into a staging folder now"
    process.send_signal(stop)
    run = finish(process)
    assert run.returncode == 130
    assert "Traceback" not in run.stderr
    assert digest(site) == before
    assert leftovers(site.parent) == []


def test_a_signal_during_the_swap_is_delivered_once_the_new_site_is_in_place(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = build_site(project.root, tmp_path / "site")
    project.replace("claims/deadlines/year-2026.yml", "  en: During 2026", "  en: Throughout 2026")
    replace = os.replace

    def interrupted_replace(source: Path, target: Path) -> None:
        replace(source, target)
        signal.raise_signal(signal.SIGINT)  # the reader presses Ctrl-C between moving the old site out and the new in

    monkeypatch.setattr(building.os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        build_site(project.root, site)
    assert "Throughout 2026" in (site / "deadlines/year-2026/index.html").read_text(encoding="utf-8")
    assert leftovers(site.parent) == []


def test_a_successful_build_replaces_the_whole_site(project: Project, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = build_site(project.root, tmp_path / "site")
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    project.replace("claims/deadlines/year-2026.yml", "  en: During 2026", "  en: Throughout 2026")
    build_site(project.root, site)
    assert not (site / "stale.html").exists()
    assert "Throughout 2026" in (site / "deadlines/year-2026/index.html").read_text(encoding="utf-8")
    assert leftovers(site.parent) == []


@pytest.mark.parametrize("where", [".", "claims", "claims/actors", "docs", "seeds", ".."])
def test_the_build_refuses_to_replace_the_project_or_its_content(project: Project, where: str) -> None:
    before = digest(project.root)
    run = cli(project.root, "build", "--site-dir", project.root / where)
    assert run.returncode == 1
    assert "it would replace the project or its content; choose a separate folder such as site/" in run.stderr
    assert digest(project.root) == before


def test_the_build_refuses_a_folder_that_is_not_a_site(project: Project, tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("keep me", encoding="utf-8")
    run = cli(project.root, "build", "--site-dir", documents)
    assert run.returncode == 1
    assert f"refusing to build into {documents}: the folder is not empty and holds no built site" in run.stderr
    assert (documents / "letter.txt").read_text(encoding="utf-8") == "keep me"
    shutil.rmtree(documents)


def _children(pid: int) -> set[int]:
    """The processes whose parent is pid (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux /proc")
def test_a_killed_build_leaves_no_process_building_the_arabic_edition(hooked: Project, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # The Arabic edition is built by a forked process while the English build goes on; SIGKILL gives the
    # build no chance to stop it, so the kernel must.
    monkeypatch.setenv("HOOK_ACTION", "wait")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(hooked.root / "mkdocs.yml"),
                                "-d", str(tmp_path / "built")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + WAIT_SECONDS
    children: set[int] = set()
    while not ((tmp_path / "reached").exists() and children) and process.poll() is None and time.monotonic() < deadline:
        children = _children(process.pid)
        time.sleep(0.05)
    assert children, "the build made no process for the Arabic edition"
    process.kill()
    process.wait(30)
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
