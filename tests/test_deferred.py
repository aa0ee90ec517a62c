"""Under `mkdocs serve`, work a rebuild defers (the Arabic edition) runs after the server shows the rebuild, and
requests for what it writes wait until it is written: MkDocs' real server, driven over HTTP."""

from __future__ import annotations

import logging
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from site_builder.deferred import DEFERRED, attach

HELD = 5.0  # seconds a held request is watched to stay unanswered; the work it waits for cannot end meanwhile


class Served:
    """A LiveReloadServer over a folder with an English page and an Arabic one, whose rebuilds the test drives."""

    def __init__(self, root: Path, builder: Callable[[], None]) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.root = root
        self.base = f"http://127.0.0.1:{port}/"
        self.server = LiveReloadServer(builder=builder, host="127.0.0.1", port=port, root=str(root))
        assert attach(self.server, ("/ar/",))
        self.thread = threading.Thread(target=self.server.serve, daemon=True)

    def rebuild(self) -> None:
        """Ask for a rebuild, as a changed file does."""
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=60) as response:
            return str(response.read().decode("utf-8"))

    def shows(self, path: str, text: str) -> None:
        end = time.monotonic() + 60
        while text not in self.get(path):
            assert time.monotonic() < end, f"{path} never showed {text!r}"
            time.sleep(0.05)


def _write(root: Path, english: str, arabic: str) -> None:
    (root / "ar").mkdir(exist_ok=True)
    (root / "index.html").write_text(f"<html><body>{english}</body></html>", encoding="utf-8")
    (root / "ar" / "index.html").write_text(f"<html><body>{arabic}</body></html>", encoding="utf-8")


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Lets the deferred work end; set at teardown so no thread is left waiting."""
    event = threading.Event()
    yield event
    event.set()
    DEFERRED.wait()


@contextmanager
def _serve(root: Path, builder: Callable[[], None]) -> Iterator[Served]:
    served = Served(root, builder)
    served.thread.start()
    end = time.monotonic() + 30
    while True:  # the server binds its port on its own thread
        try:
            socket.create_connection(served.server.server_address, timeout=1).close()
            break
        except ConnectionRefusedError:
            assert time.monotonic() < end, "the server never listened"
            time.sleep(0.05)
    try:
        yield served
    finally:
        served.server.shutdown()
        served.thread.join(30)


def _requested(served: Served, path: str) -> tuple[threading.Thread, list[str]]:
    """Request a path on a thread of its own; the answer lands in the list."""
    answers: list[str] = []
    thread = threading.Thread(target=lambda: answers.append(served.get(path)), daemon=True)
    thread.start()
    return thread, answers


def _builder(root: Path, release: threading.Event, fail: bool = False) -> tuple[Callable[[], None], list[int]]:
    """A rebuild that writes the English page and defers the Arabic one until `release` is set."""
    rebuilds: list[int] = []

    def builder() -> None:
        number = len(rebuilds) + 1
        rebuilds.append(number)
        (root / "index.html").write_text(f"<html><body>English {number}</body></html>", encoding="utf-8")

        def arabic() -> None:
            release.wait()
            if fail:
                raise RuntimeError("a broken template")
            (root / "ar" / "index.html").write_text(f"<html><body>Arabic {number}</body></html>", encoding="utf-8")
        assert DEFERRED.defer(arabic, "the Arabic edition")

    return builder, rebuilds


@contextmanager
def _rebuilt_once(root: Path, release: threading.Event, fail: bool = False) -> Iterator[tuple[Served, list[int]]]:
    """A served folder after one rebuild, once its English page shows it: the Arabic one waits for `release`."""
    _write(root, "English 0", "Arabic 0")
    builder, rebuilds = _builder(root, release, fail)
    with _serve(root, builder) as served:
        served.rebuild()
        served.shows("", "English 1")
        yield served, rebuilds


def test_the_rebuilt_english_page_is_served_while_the_arabic_one_waits_for_its_edition(
        tmp_path: Path, release: threading.Event) -> None:
    with _rebuilt_once(tmp_path, release) as (served, _):  # the Arabic edition cannot have been rebuilt
        thread, answers = _requested(served, "ar/")
        thread.join(HELD)
        assert thread.is_alive() and answers == [], "the Arabic page was served before its edition was rebuilt"
        assert "English 1" in served.get("")  # other requests go on meanwhile
        release.set()
        thread.join(60)
        assert len(answers) == 1 and "Arabic 1" in answers[0]


def test_the_next_rebuild_waits_until_the_last_one_s_deferred_work_has_ended(
        tmp_path: Path, release: threading.Event) -> None:
    with _rebuilt_once(tmp_path, release) as (served, rebuilds):
        served.rebuild()
        time.sleep(HELD)
        assert rebuilds == [1], "a rebuild started while the last one's Arabic edition was being written"
        release.set()
        served.shows("", "English 2")
        served.shows("ar/", "Arabic 2")


def test_a_failed_deferred_rebuild_is_reported_and_lets_the_held_requests_go(
        tmp_path: Path, release: threading.Event, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.factcheck"), \
            _rebuilt_once(tmp_path, release, fail=True) as (served, _):
        thread, answers = _requested(served, "ar/")
        release.set()
        thread.join(60)
        assert len(answers) == 1 and "Arabic 0" in answers[0]  # the last build's page, whole
    assert [r.getMessage() for r in caplog.records if "a broken template" in r.getMessage()] == [
        ("The Arabic edition could not be rebuilt: a broken template. It stays as the last build made it until the "
         "next change.")]


def test_requests_for_the_pages_a_rebuild_writes_later_wait_for_them(tmp_path: Path, release: threading.Event) -> None:
    # After an edit the pages of the edited items are shown first; the lists and linked pages it reached are
    # written by the deferred work, and a request for one waits until they are, in every form of its address,
    # but not for the rest of the work (the Arabic edition).
    (tmp_path / "list").mkdir()
    (tmp_path / "list" / "index.html").write_text("<html><body>List 0</body></html>", encoding="utf-8")
    _write(tmp_path, "English 0", "Arabic 0")
    pages = threading.Event()

    def builder() -> None:
        (tmp_path / "index.html").write_text("<html><body>English 1</body></html>", encoding="utf-8")

        def later() -> None:
            pages.wait()
            (tmp_path / "list" / "index.html").write_text("<html><body>List 1</body></html>", encoding="utf-8")
            DEFERRED.release_pages()
        assert DEFERRED.defer(release.wait, "the Arabic edition")
        assert DEFERRED.defer(later, "the pages linked to the edit", first=True)  # before the Arabic edition
        DEFERRED.hold(["list/"])

    with _serve(tmp_path, builder) as served:
        try:
            served.rebuild()
            served.shows("", "English 1")
            waiting = [_requested(served, path) for path in ("list/", "list/index.html", "list")]
            time.sleep(HELD)
            assert all(thread.is_alive() and not answers for thread, answers in waiting), "a page was served stale"
            assert "English 1" in served.get("index.html")  # no other page waits
            arabic = _requested(served, "ar/")
            pages.set()
            for thread, answers in waiting:
                thread.join(60)
                assert len(answers) == 1 and "List 1" in answers[0]
            assert arabic[0].is_alive() and not arabic[1], "the Arabic page was served before its edition was rebuilt"
        finally:
            pages.set()
            release.set()  # stopping the server waits for the deferred work


def test_a_build_no_server_runs_does_its_work_itself() -> None:
    assert not DEFERRED.defer(lambda: None, "nothing")


def test_stopping_the_server_waits_for_the_deferred_work(tmp_path: Path, release: threading.Event) -> None:
    # serve deletes the site folder once its server is shut down: nothing may still be writing there.
    with _rebuilt_once(tmp_path, release) as (served, _):
        stopping = threading.Thread(target=served.server.shutdown, daemon=True)
        stopping.start()
        stopping.join(HELD)
        assert stopping.is_alive(), "the server stopped while the Arabic edition was being written"
        release.set()
        stopping.join(60)
        assert "Arabic 1" in (tmp_path / "ar" / "index.html").read_text(encoding="utf-8")


def test_each_configuration_gets_a_plugin_of_its_own(tmp_path: Path) -> None:
    # A plugin defining on_startup or on_shutdown is kept by MkDocs for every configuration loaded in the
    # process, the Arabic edition's included; this one keeps what builds share in module state instead.
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\nplugins:\n  - factcheck:\n      arabic_edition: false\n",
                                         encoding="utf-8")
    plugins = [load_config(config_file=str(tmp_path / "mkdocs.yml")).plugins["factcheck"] for _ in range(2)]
    assert plugins[0] is not plugins[1]
