"""A horizontal time axis: days to x positions, and ticks at months, quarters or years."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .labels import month


@dataclass(frozen=True)
class Tick:
    """A mark on the axis: where, what it says, and whether it starts a year."""

    x: float
    text: str
    major: bool


@dataclass(frozen=True)
class TimeAxis:
    """Maps days between first and last (both whole months) onto x from left to right."""

    first: dt.date
    last: dt.date
    left: float
    right: float

    @classmethod
    def spanning(cls, days: list[dt.date], left: float, right: float) -> TimeAxis:
        """An axis from the start of the earliest day's month to the end of the latest day's month."""
        first = min(days).replace(day=1)
        end = max(days)
        last = _next_month(end.replace(day=1))
        return cls(first, last, left, right)

    @property
    def scale(self) -> float:
        """Pixels per day."""
        return (self.right - self.left) / max((self.last - self.first).days, 1)

    def x(self, day: dt.date) -> float:
        """The x of the start of a day."""
        return self.left + (day - self.first).days * self.scale

    def x_end(self, day: dt.date) -> float:
        """The x of the end of a day."""
        return self.x(day + dt.timedelta(days=1))

    def ticks(self, lang: str = "en") -> list[Tick]:
        """A tick at every month, quarter or year start, whichever keeps labels about 45 px apart."""
        step = next((s for s in (1, 3, 6) if 30.4 * s * self.scale >= 45), 12)
        ticks = []
        day = self.first
        while day <= self.last:
            if (day.month - 1) % step == 0:
                major = day.month == 1
                words = str(day.year) if major else month(day.month, lang, short=True)
                ticks.append(Tick(self.x(day), words, major))
            day = _next_month(day)
        return ticks


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
