"""Under `mkdocs serve`, what the previewed English page does not need is made after it is shown.

MkDocs' server holds every request while a rebuild runs, and a rebuild makes the English edition and then
the Arabic one, so the English page an editor previews waited for both (at 10,000 claims the Arabic edition
is about 40 % of a rebuild after an edit). A serve rebuild may instead leave work for after it: it runs on a
thread once MkDocs has finished the English build, so the server shows the English pages at once; requests
for the paths that work writes (the English pages an edit reached besides those of the edited items; the
feeds and open-data documents, of which those covering every claim change with any edit: 68 MB at 10,000
claims; the search index; the Arabic edition; the sitemap) are held until they are written, so no reader
sees a page stale or half-written. The next rebuild waits for the thread first: both editions read one
model of the site, which a rebuild replaces.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

log = logging.getLogger("mkdocs.plugins.factcheck")

Work = Callable[[], object]  # what it returns is not used


class Deferred:
    """What a serve rebuild leaves for after it, and the thread doing it."""

    def __init__(self) -> None:
        self.rebuilding = False  # a rebuild of a server this module is attached to is running
        self.pending: list[tuple[Work, str]] = []  # in the order deferred, with what each makes
        self.thread: threading.Thread | None = None
        self.done = threading.Event()  # clear from the start of a rebuild until its deferred work has ended
        self.done.set()
        self.pages: frozenset[str] = frozenset()  # the pages (URLs) the deferred work of this rebuild writes
        self.pages_written = threading.Event()  # clear from hold() until those pages are written (or the work ends)
        self.pages_written.set()

    @property
    def active(self) -> bool:
        """True during a serve rebuild: work deferred now is done after it."""
        return self.rebuilding

    def hold(self, urls: Iterable[str]) -> None:
        """Hold requests for these pages (URLs as MkDocs gives them) until the deferred work has written them
        (release_pages) or has ended."""
        self.pages = self.pages | frozenset(urls)
        if self.pages:
            self.pages_written.clear()

    def release_pages(self) -> None:
        """The pages held are written: let their requests go while the rest of the work goes on."""
        self.pages_written.set()

    def holds(self, path: str) -> bool:
        """Whether a request for `path` (under the site's root, without a leading slash) waits for the work."""
        return path.removesuffix("index.html") in self.pages or (path + "/") in self.pages

    def defer(self, work: Work, what: str, first: bool = False) -> bool:
        """Leave work (making `what`) for after this rebuild, when it is a serve rebuild (True); else the
        caller does it now. Work is done in the order deferred, or before the rest when `first`."""
        if not self.rebuilding:
            return False
        self.pending.insert(0 if first else len(self.pending), (work, what))
        return True

    def wait(self) -> None:
        """Wait until the last rebuild's deferred work has ended."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None

    def rebuild(self, builder: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run one rebuild, then start what it deferred; a failed rebuild defers nothing."""
        self.wait()
        self.done.clear()
        self.rebuilding, self.pending, self.pages = True, [], frozenset()
        try:
            builder(*args, **kwargs)
        except BaseException:
            self.pending = []
            raise
        finally:
            self.rebuilding = False
            if not self.pending:
                self.pages_written.set()
                self.done.set()
        works, self.pending = self.pending, []
        if works:
            self.thread = threading.Thread(target=self._run, args=(works,), name="factcheck-deferred", daemon=True)
            try:
                self.thread.start()
            except BaseException:  # no thread, no work: let the held requests go
                self.thread = None
                self.pages_written.set()
                self.done.set()
                raise

    def _run(self, works: list[tuple[Work, str]]) -> None:
        try:
            for work, what in works:
                try:
                    work()
                except Exception as error:  # noqa: BLE001 - reported as MkDocs reports a failed rebuild
                    log.error("%s could not be rebuilt: %s. It stays as the last build made it until the next "
                              "change.", what[:1].upper() + what[1:], error)
        finally:
            self.pages_written.set()
            self.done.set()


DEFERRED = Deferred()


def can_defer(server: Any) -> bool:
    """True when the server has the build loop and request handler this module wraps (MkDocs 1.6, ProperDocs)."""
    return all(callable(getattr(server, name, None)) for name in ("builder", "_serve_request", "shutdown"))


def attach(server: Any, held: tuple[str, ...]) -> bool:
    """Run the server's rebuilds through DEFERRED, and hold its requests for paths starting with one of `held`,
    and for the pages the deferred work writes, while it is under way. False (and nothing changed) when the
    server cannot be wrapped."""
    if not can_defer(server):
        return False
    builder, serve_request, shutdown = server.builder, server._serve_request, server.shutdown

    def rebuild(*args: Any, **kwargs: Any) -> None:
        DEFERRED.rebuild(builder, *args, **kwargs)

    mount = str(getattr(server, "mount_path", "/"))

    def hold(environ: dict[str, Any], start_response: Any) -> Any:
        path = str(environ.get("PATH_INFO", ""))
        if path.startswith(held):
            DEFERRED.done.wait()
        elif path.startswith(mount) and DEFERRED.holds(path[len(mount):]):
            DEFERRED.pages_written.wait()
        return serve_request(environ, start_response)

    def stop(*args: Any, **kwargs: Any) -> None:  # serve deletes the site folder next: let the work end first
        shutdown(*args, **kwargs)
        DEFERRED.wait()

    server.builder, server._serve_request, server.shutdown = rebuild, hold, stop
    return True
