"""Under `mkdocs serve`, the Arabic edition is rebuilt after the English one is shown.

MkDocs' server holds every request while a rebuild runs, and a rebuild makes the English edition and then
the Arabic one, so the English page an editor previews waited for both (at 10,000 claims the Arabic edition
is about 40 % of a rebuild after an edit). A serve rebuild may instead leave work for after it: it runs on a
thread once MkDocs has finished the English build, so the server shows the English pages at once; requests
for the paths that work writes (the Arabic edition, and the sitemap listing both) are held until it is done,
so no reader sees a page half-written. The next rebuild waits for the thread first: both editions read one
model of the site, which a rebuild replaces.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger("mkdocs.plugins.factcheck")

Work = Callable[[], None]


class Deferred:
    """What a serve rebuild leaves for after it, and the thread doing it."""

    def __init__(self) -> None:
        self.rebuilding = False  # a rebuild of a server this module is attached to is running
        self.pending: Work | None = None
        self.thread: threading.Thread | None = None
        self.done = threading.Event()  # clear from the start of a rebuild until its deferred work has ended
        self.done.set()

    def defer(self, work: Work) -> bool:
        """Leave work for after this rebuild, when it is a serve rebuild (True); else the caller does it now."""
        if not self.rebuilding:
            return False
        self.pending = work
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
        self.rebuilding, self.pending = True, None
        try:
            builder(*args, **kwargs)
        except BaseException:
            self.pending = None
            raise
        finally:
            self.rebuilding = False
            if self.pending is None:
                self.done.set()
        work, self.pending = self.pending, None
        if work is not None:
            self.thread = threading.Thread(target=self._run, args=(work,), name="factcheck-deferred", daemon=True)
            self.thread.start()

    def _run(self, work: Work) -> None:
        try:
            work()
        except Exception as error:  # noqa: BLE001 - reported as MkDocs reports a failed rebuild; serve goes on
            log.error("The Arabic edition was not rebuilt: %s. Its pages are those of the last build until the "
                      "next change.", error)
        finally:
            self.done.set()


DEFERRED = Deferred()


def can_defer(server: Any) -> bool:
    """True when the server has the build loop and request handler this module wraps (MkDocs 1.6, ProperDocs)."""
    return callable(getattr(server, "builder", None)) and callable(getattr(server, "_serve_request", None))


def attach(server: Any, held: tuple[str, ...]) -> bool:
    """Run the server's rebuilds through DEFERRED, and hold its requests for paths starting with one of `held`
    while deferred work is under way. False (and nothing changed) when the server cannot be wrapped."""
    if not can_defer(server):
        return False
    builder, serve_request = server.builder, server._serve_request

    def rebuild(*args: Any, **kwargs: Any) -> None:
        DEFERRED.rebuild(builder, *args, **kwargs)

    def hold(environ: dict[str, Any], start_response: Any) -> Any:
        if str(environ.get("PATH_INFO", "")).startswith(held):
            DEFERRED.done.wait()
        return serve_request(environ, start_response)

    server.builder, server._serve_request = rebuild, hold
    return True
