"""Build the site with MkDocs into a temporary folder, and swap it in only when the build succeeded."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from . import forked

# Folders of a project that a site must never replace: the build would delete them.
PROTECTED = ("claims", "seeds", "templates", "docs", "schema", "site_builder", "tests", ".git")


class BuildFailed(Exception):
    """The build did not finish; the previous site is untouched."""


def build_site(root: Path, site_dir: Path | None = None, strict: bool = True) -> Path:
    """Build root/mkdocs.yml into site_dir atomically; return the site folder."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise BuildFailed(f"no mkdocs.yml in {root}")
    target = (site_dir or root / "site").resolve()
    refuse_target(root.resolve(), target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=target.parent))
    _log_to_stderr()
    try:
        with _terminate_as_interrupt():
            config = load_config(config_file=str(config_file), site_dir=str(staging), strict=strict)
            refuse_target(root.resolve(), target, Path(config.docs_dir).resolve())
            build(config)
    except (Abort, ConfigurationError, SystemExit) as error:
        forked.stop_all()
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"the build failed; the previous site in {target} is unchanged ({error})") from None
    except BaseException:
        forked.stop_all()  # the Arabic edition may still be writing into the staging folder
        shutil.rmtree(staging, ignore_errors=True)
        raise
    with _signals_deferred():
        _swap(staging, target)
    return target


def refuse_target(root: Path, target: Path, docs: Path | None = None) -> None:
    """Fail unless target is a folder the build may replace: never the project, its content, or other files."""
    guarded = [root / name for name in PROTECTED] + ([docs] if docs else [])
    if target == root or target in root.parents or any(target == g or g in target.parents for g in guarded):
        raise BuildFailed(f"refusing to build into {target}: it would replace the project or its content; "
                          "choose a separate folder such as site/")
    if target.exists() and not target.is_dir():
        raise BuildFailed(f"refusing to build into {target}: it is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / "index.html").is_file():
        raise BuildFailed(f"refusing to build into {target}: the folder is not empty and holds no built site "
                          "(no index.html); choose an empty or new folder")


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt while building, so that a stopped build cleans up after itself."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"stopped by signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the new site is swapped in; deliver them once it is in place."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    wanted = (signal.SIGINT, signal.SIGTERM)
    previous = {kind: signal.signal(kind, lambda signum, frame: held.append(signum)) for kind in wanted}
    try:
        yield
    finally:
        for kind, handler in previous.items():
            signal.signal(kind, handler if handler is not None else signal.SIG_DFL)
        for signum in held:
            signal.raise_signal(signum)


def _swap(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=target.parent))
        os.replace(target, old / "site")
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _log_to_stderr() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_site_builder", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._site_builder = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
