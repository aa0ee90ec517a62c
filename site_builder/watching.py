"""Under `mkdocs serve`, rebuild when the content folders change, as the operating system reports it.

MkDocs' own watcher polls: every half second it lists and stats every watched file, in a thread of the
process that builds. At 10,000 claims one pass over claims/ takes 0.15 s, so the watcher holds the
interpreter for a quarter of the time, rebuilds included, and sees an edit only at its next pass. The
system's notifications (inotify, FSEvents, ReadDirectoryChangesW) cost nothing until a file changes.
They do not reach every file system (network shares, some container mounts): `watcher: polling` under
the plugin's options leaves the folders to MkDocs' polling.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from watchdog.events import (
    EVENT_TYPE_ATTRIB,
    EVENT_TYPE_CLOSED_NO_WRITE,
    EVENT_TYPE_OPENED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.factcheck")

# Reading a file (as every rebuild does) is no change to it.
NOT_CHANGES = frozenset({EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE, EVENT_TYPE_ATTRIB})


class _Rebuild(FileSystemEventHandler):
    """Asks the server for a rebuild as MkDocs' own watcher does, through the condition its build loop waits on."""

    def __init__(self, server: Any) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in NOT_CHANGES:
            return
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


def can_notify(server: Any) -> bool:
    """True when this system has a notifying observer and the server the build loop it can wake."""
    return Observer is not PollingObserver and hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild")


def watch(server: Any, folders: list[Path], polling: bool) -> BaseObserver | None:
    """Rebuild when a file under the folders changes: told by the system where it can, else by MkDocs' polling
    (also when the system refuses, e.g. out of inotify watches). Returns the observer started (a daemon
    thread, gone with the server), or None."""
    if not polling and can_notify(server):
        observer = Observer()
        handler = _Rebuild(server)
        try:
            for folder in folders:
                observer.schedule(handler, str(folder), recursive=True)
            observer.daemon = True
            observer.start()
            return observer
        except OSError as error:
            log.warning("File notifications are not available (%s): polling the content folders instead", error)
            observer.stop()
    for folder in folders:
        server.watch(str(folder))
    return None
