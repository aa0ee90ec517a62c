"""Build the site with MkDocs into a temporary folder, and swap it in only when the build succeeded."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError


class BuildFailed(Exception):
    """The build did not finish; the previous site is untouched."""


def build_site(root: Path, site_dir: Path | None = None, strict: bool = True) -> Path:
    """Build root/mkdocs.yml into site_dir atomically; return the site folder."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise BuildFailed(f"no mkdocs.yml in {root}")
    target = (site_dir or root / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=target.parent))
    _log_to_stderr()
    try:
        config = load_config(config_file=str(config_file), site_dir=str(staging), strict=strict)
        build(config)
    except (Abort, ConfigurationError, SystemExit) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"the build failed; the previous site in {target} is unchanged ({error})") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, target)
    return target


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
