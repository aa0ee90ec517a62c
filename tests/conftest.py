"""Shared fixtures: a throw-away copy of the mini project, and the CLI run in-process."""

from __future__ import annotations

import faulthandler
import json
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from site_builder.cli import main
from site_builder.diagnostics import Diagnostic
from site_builder.project import collect

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"

# A fixed "as of" date so that nothing depends on the day the tests run.
AS_OF_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@dataclass
class Project:
    """A copy of a fixture project that a test may break."""

    root: Path

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_bytes().decode("utf-8")

    def write(self, relative: str, text: str) -> Path:
        """Write text as UTF-8 with the newlines exactly as given."""
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        return target

    def write_bytes(self, relative: str, data: bytes) -> Path:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target

    def replace(self, relative: str, old: str, new: str) -> None:
        """Replace the one occurrence of old in a file; fail loudly if it is not there exactly once."""
        text = self.read(relative)
        count = text.count(old)
        assert count == 1, f"{old!r} occurs {count} times in {relative}, expected once"
        self.write(relative, text.replace(old, new))

    def line_of(self, relative: str, needle: str) -> int:
        """The 1-based number of the only line of a file containing needle."""
        found = [n for n, line in enumerate(self.read(relative).split("\n"), start=1) if needle in line]
        assert len(found) == 1, f"{needle!r} is on lines {found} of {relative}, expected exactly one"
        return found[0]

    def column_of(self, relative: str, needle: str) -> int:
        """The 1-based column where needle starts on its only line."""
        line = self.read(relative).split("\n")[self.line_of(relative, needle) - 1]
        return line.index(needle) + 1

    def collect(self) -> list[Diagnostic]:
        """Every diagnostic of the project, straight from the library."""
        return collect(self.root)[1]


# A test whose memory runs away would get the whole run killed by the kernel (exit 137, no word of which test).
# Past this many bytes of resident memory the run stops itself instead, printing every thread's stack.
MEMORY_LIMIT = int(os.environ.get("TEST_MEMORY_LIMIT_MB", "6000")) * 1024 * 1024


def _resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _watch_memory() -> None:
    while True:
        time.sleep(0.5)
        used = _resident_bytes()
        if used > MEMORY_LIMIT:
            test = os.environ.get("PYTEST_CURRENT_TEST", "(between tests)")
            print(f"\nthe test run stopped itself: {used // 2**20} MB resident during {test}", file=sys.stderr)
            faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
            os._exit(3)


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.path.exists("/proc/self/statm"):
        threading.Thread(target=_watch_memory, name="memory-guard", daemon=True).start()


@pytest.fixture(autouse=True)
def _fixed_as_of(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AS_OF_EPOCH)


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Project]:
    """A factory copying a fixture project (the mini one by default) into tmp_path."""
    made: list[str] = []

    def make(fixture: str = "mini") -> Project:
        target = tmp_path / f"{fixture}-{len(made)}"
        made.append(fixture)
        shutil.copytree(FIXTURES / fixture, target)
        return Project(target)

    return make


@pytest.fixture
def project(make_project: Callable[..., Project]) -> Project:
    """A fresh copy of the mini project."""
    return make_project()


@dataclass
class Run:
    """What one CLI run did."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run site_builder.cli.main in-process; return the exit status, stdout and stderr."""

    def run(*argv: str | Path) -> Run:
        capsys.readouterr()  # drop anything printed before
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exit_:  # argparse exits on usage errors
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def check(run_cli: Callable[..., Run]) -> Callable[..., Run]:
    """Run `site-builder --root <project> check [args]`."""

    def run(project: Project, *args: str | Path) -> Run:
        return run_cli("--root", project.root, "check", *args)

    return run
