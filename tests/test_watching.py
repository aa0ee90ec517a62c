"""How `mkdocs serve` learns that content changed: from the system's notifications, or MkDocs' polling."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from site_builder.watching import can_notify, watch


class Server:
    """The part of MkDocs' LiveReloadServer the watcher uses: the condition its build loop waits on."""

    def __init__(self) -> None:
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False
        self.polled: list[str] = []

    def watch(self, path: str) -> None:
        self.polled.append(path)

    def rebuild_asked(self, seconds: float) -> bool:
        with self._rebuild_cond:
            return self._rebuild_cond.wait_for(lambda: self._want_rebuild, timeout=seconds)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "claims" / "actors").mkdir(parents=True)
    (tmp_path / "claims" / "a-claim.yml").write_text("id: a-claim\n", encoding="utf-8")
    return tmp_path / "claims"


@pytest.mark.skipif(not can_notify(Server()), reason="this system has no file notifications")
def test_an_edit_asks_for_a_rebuild_and_reading_does_not(folder: Path) -> None:
    server = Server()
    observer = watch(server, [folder], polling=False)
    assert observer is not None and server.polled == []
    try:
        time.sleep(0.2)
        (folder / "a-claim.yml").read_text(encoding="utf-8")  # every rebuild reads the files it watches
        assert not server.rebuild_asked(1.0)
        (folder / "actors" / "someone.yml").write_text("id: someone\n", encoding="utf-8")  # in a subfolder
        assert server.rebuild_asked(5.0)
    finally:
        observer.stop()
        observer.join(5)


def test_polling_leaves_the_folders_to_mkdocs(folder: Path) -> None:
    server = Server()
    assert watch(server, [folder], polling=True) is None
    assert server.polled == [str(folder)]


def test_a_server_without_the_build_loop_it_knows_is_left_to_poll(folder: Path) -> None:
    class Other:
        def __init__(self) -> None:
            self.polled: list[str] = []

        def watch(self, path: str) -> None:
            self.polled.append(path)

    server = Other()
    assert watch(server, [folder], polling=False) is None
    assert server.polled == [str(folder)]


def test_a_folder_the_system_cannot_watch_is_left_to_poll(folder: Path, caplog: pytest.LogCaptureFixture) -> None:
    server = Server()
    missing = folder / "no-such-folder"  # the system refuses to watch it, as it refuses past its watch limit
    if not can_notify(server):
        pytest.skip("this system has no file notifications")
    assert watch(server, [missing], polling=False) is None
    assert server.polled == [str(missing)]
    assert "polling the content folders instead" in caplog.text
