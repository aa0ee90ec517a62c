"""Fuzzy dates written for machines: W3C dates for schema.org and sitemaps, Atom timestamps."""

from __future__ import annotations

from collections.abc import Iterable

from .dates import FuzzyDate


def w3c_date(date: FuzzyDate) -> str:
    """The date at its own precision in W3C date form: 2024-09-27, 2024-09 or 2024 (a quarter as its year)."""
    if date.precision in ("day", "month"):
        return str(date)
    return str(date.start.year)


def atom_time(date: FuzzyDate) -> str:
    """An RFC 3339 timestamp for Atom: the first day the date stands for, at midnight UTC."""
    return f"{date.start.isoformat()}T00:00:00Z"


def latest(dates: Iterable[FuzzyDate]) -> FuzzyDate | None:
    """The latest of some dates (by their last day, then first), or None when there are none."""
    return max(dates, key=lambda d: (d.end, d.start), default=None)
