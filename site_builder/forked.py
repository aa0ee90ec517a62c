"""Work done in a forked process, on another core, while this one goes on: the Arabic edition's build.

The child reports back through a pipe, as JSON: the value its work returned, or the errors it logged and the
exception that ended it. Errors the child would log are kept for the parent to report, so each is shown once.
"""

from __future__ import annotations

import atexit
import ctypes
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_RUNNING: set[int] = set()
PR_SET_PDEATHSIG = 1  # linux/prctl.h


class ChildFailed(Exception):
    """The work failed in the child; the message says why, as the child's log would have."""


@dataclass
class Child:
    pid: int
    pipe: int  # the reading end


def can_fork() -> bool:
    """True where forking is safe: a POSIX system, called from the main thread, no other thread that could
    hold a lock the child needs (daemon threads, such as a watchdog, are allowed; a server's are not)."""
    others = [t for t in threading.enumerate() if t is not threading.current_thread()]
    return hasattr(os, "fork") and threading.current_thread() is threading.main_thread() and all(
        t.daemon for t in others)


def start(work: Callable[[], Any]) -> Child:
    """Run work() in a forked child; its return value must be JSON."""
    reading, writing = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(reading)
        _run_child(work, writing, parent)  # never returns
    os.close(writing)
    _RUNNING.add(pid)
    return Child(pid, reading)


def result(child: Child) -> Any:
    """Wait for the child; its work's value, or ChildFailed."""
    with os.fdopen(child.pipe, encoding="utf-8") as pipe:
        text = pipe.read()
    _, status = os.waitpid(child.pid, 0)
    _RUNNING.discard(child.pid)
    if not text:
        how = f"signal {-os.waitstatus_to_exitcode(status)}" if os.WIFSIGNALED(status) else \
            f"exit status {os.waitstatus_to_exitcode(status)}"
        raise ChildFailed(f"the process building it ended with {how} before reporting (out of memory?)")
    outcome = json.loads(text)
    if not outcome["ok"]:
        raise ChildFailed("\n".join(outcome["errors"]) or outcome["exception"])
    return outcome["value"]


def stop(child: Child) -> None:
    """End the child, reap it, and close its pipe."""
    _end(child.pid)
    os.close(child.pipe)


def stop_all() -> None:
    """End and reap every child still working: before removing what they may be writing into."""
    for pid in list(_RUNNING):
        _end(pid)


class _Errors(logging.Handler):
    """Keeps the error records of the child instead of showing them."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _run_child(work: Callable[[], Any], writing: int, parent: int) -> None:
    status = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _end_with(parent)
        for handler in logging.getLogger().handlers + logging.getLogger("mkdocs").handlers:
            handler.addFilter(_below_error)
        errors = _Errors()
        logging.getLogger("mkdocs").addHandler(errors)
        try:
            outcome: dict[str, Any] = {"ok": True, "value": work()}
            status = 0
        except BaseException as error:  # noqa: BLE001 - whatever ends the child is reported to the parent
            outcome = {"ok": False, "errors": errors.messages, "exception": f"{type(error).__name__}: {error}"}
        with os.fdopen(writing, "w", encoding="utf-8") as pipe:
            json.dump(outcome, pipe)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(status)


def _end_with(parent: int) -> None:
    """Have the kernel end this child when its parent dies, where it can (Linux), so that a killed build
    leaves nothing writing behind it."""
    try:
        libc = ctypes.CDLL(None)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _below_error(record: logging.LogRecord) -> bool:
    return record.levelno < logging.ERROR


def _end(pid: int) -> None:
    """Stop a child still running and reap it; nothing for one already reaped."""
    if pid not in _RUNNING:
        return
    _RUNNING.discard(pid)
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


atexit.register(stop_all)
