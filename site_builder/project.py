"""Load a whole project: read, validate and resolve, or fail with every problem found."""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .diagnostics import ContentError, Diagnostic
from .files import ACTORS_DIR, CLAIMS_DIR, DEADLINES_DIR, content_names, file_stem, read_all
from .model import Site
from .resolve import Resolver
from .seeds import load_sources


def as_of_date() -> dt.date:
    """The build's 'as of' date: SOURCE_DATE_EPOCH when set, else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def collect(root: Path, as_of: dt.date | None = None) -> tuple[Site | None, list[Diagnostic]]:
    """Everything wrong with the project's content, and the site when nothing is."""
    with _collector_paused():
        return _collect(root, as_of)


def _collect(root: Path, as_of: dt.date | None) -> tuple[Site | None, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    sources_record, actors, deadlines, claims = read_all(root, diagnostics)
    sources, unread = None, _file_ids(root) - {r.item.id for group in (actors, deadlines, claims) for r in group}
    if sources_record:
        sources = load_sources(root, sources_record, diagnostics)
        unread |= {entry.id for entry in sources_record.item.sources} - set(sources)
    resolver = Resolver(sources, as_of or as_of_date(), frozenset(unread))
    site = resolver.resolve(actors, deadlines, claims)
    diagnostics.extend(resolver.diagnostics)
    diagnostics.sort()
    has_errors = any(d.severity == "error" for d in diagnostics)
    return (None if has_errors else site), diagnostics


def load_site(root: Path, as_of: dt.date | None = None) -> Site:
    """The resolved site, or ContentError listing every problem."""
    site, diagnostics = collect(root, as_of)
    if site is None:
        raise ContentError(diagnostics)
    return site


# How many objects were frozen after the last load that ran a full collection.
_frozen_after_full = 0
_counted: int | None = None  # the frozen objects, counted by settle() since the last load
GROWTH = 1.25  # a full collection when the frozen objects have grown by a quarter since


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading makes millions of objects that all live on. The cycle collector would scan them again and again
    while they are made (half the load time at 10,000 claims), and then at every full collection of the build
    (a second each), to free nothing: it is paused while they are made, and they are frozen out of its sight.
    A later load frees what earlier ones left with a full collection (a second at 10,000 claims) only once
    the frozen objects have grown by a quarter, as the collector's own oldest generation does: under serve the
    last site is unlinked first (model.retire), so reloading leaves little behind."""
    global _frozen_after_full, _counted
    frozen, _counted = gc.get_freeze_count() if _counted is None else _counted, None
    full = not frozen or frozen > GROWTH * _frozen_after_full
    if full:
        gc.unfreeze()
    gc.collect()  # with no full collection due, only what is not frozen: what the last build left
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()
            if full:
                _frozen_after_full = gc.get_freeze_count()

def _file_ids(root: Path) -> set[str]:
    return {file_stem(name) for folder in (CLAIMS_DIR, ACTORS_DIR, DEADLINES_DIR) for name in content_names(root, folder)}


M_MMAP_THRESHOLD = -3  # glibc's malloc.h
_LARGE = 256 * 1024


def large_blocks_apart() -> None:
    """Have glibc's malloc give blocks of 256 KiB and more (a timeline month's page, its pictures) memory of
    their own, returned when freed. By default it raises that threshold after the first such block is freed,
    and from then on takes them from the heap, whose holes the process keeps: 40 MB more at the end of a build
    of 10,000 claims. Nothing where the C library is not glibc."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(M_MMAP_THRESHOLD, _LARGE)


def settle(baseline: bool = False) -> None:
    """Under serve, once a rebuild is over: collect what it left and count the frozen objects (a walk over
    millions of them), so that loading the next edit need not (0.2 s at 10,000 claims). With `baseline` (after
    the first build), what lives on is frozen too and becomes what later loads measure growth against: it is
    what the first build keeps for the next (rendered fragments, digests, search entries), which the next load
    would otherwise freeze and the one after take for garbage growth (a full collection, 1 s at 10,000 claims)."""
    global _counted, _frozen_after_full
    gc.collect()
    if baseline:
        gc.freeze()
    _counted = gc.get_freeze_count()
    if baseline:
        _frozen_after_full = _counted
