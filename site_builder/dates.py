"""Dates with a precision: a day, a month, a quarter or a year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "quarter", "year"]

DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-Q[1-4])?$"
_FORMS = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4]))?$")
_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
_MONTHS["sept"] = 9

DATE_HELP = "write dates as YYYY-MM-DD (2024-09-27), YYYY-MM (2024-09), YYYY-Qn (2024-Q4) or YYYY (2024)"


class DateError(ValueError):
    """A value that is not a date this site reads, with advice on how to write it."""

    def __init__(self, message: str, hint: str = DATE_HELP) -> None:
        super().__init__(f"{message}; {hint}")
        self.message, self.hint = message, hint


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A calendar date known to a day, a month, a quarter or a year."""

    start: dt.date
    precision: Precision

    @property
    def end(self) -> dt.date:
        """The last day the date can stand for."""
        year, month = self.start.year, self.start.month
        if self.precision == "day":
            return self.start
        if self.precision == "month":
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if self.precision == "quarter":
            last = month + 2
            return dt.date(year, last, calendar.monthrange(year, last)[1])
        return dt.date(year, 12, 31)

    @property
    def preposition(self) -> str:
        """The English word before the date in running text: on 27 September 2024, in September 2024."""
        return "on" if self.precision == "day" else "in"

    def label(self, months: Sequence[str] = calendar.month_name[1:], quarter: str = "Q{quarter} {year}") -> str:
        """The date as readers see it: 27 September 2024, September 2024, Q3 2024, 2024 (or with other
        month names and another quarter pattern)."""
        year, month = self.start.year, months[self.start.month - 1]
        if self.precision == "day":
            return f"{self.start.day} {month} {year}"
        if self.precision == "month":
            return f"{month} {year}"
        if self.precision == "quarter":
            return quarter.format(quarter=(self.start.month - 1) // 3 + 1, year=year)
        return str(year)

    def __str__(self) -> str:
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.strftime("%Y-%m")
        if self.precision == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)


def parse_date(value: object) -> FuzzyDate:
    """Parse a YAML value into a FuzzyDate, or raise ValueError with advice."""
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, dt.datetime):
        raise DateError("a date has no time of day")
    if isinstance(value, dt.date):
        return FuzzyDate(value, "day")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise DateError(f"expected a date, found {type(value).__name__}")
    text = value.strip()
    match = _FORMS.match(text)
    if not match:
        raise _unreadable(text)
    year, month, day, quarter = match.groups()
    try:
        if quarter:
            return FuzzyDate(dt.date(int(year), 3 * int(quarter) - 2, 1), "quarter")
        if day:
            return FuzzyDate(dt.date(int(year), int(month), int(day)), "day")
        if month:
            return FuzzyDate(dt.date(int(year), int(month), 1), "month")
        return FuzzyDate(dt.date(int(year), 1, 1), "year")
    except ValueError:
        raise DateError(f"'{text}' is not a date on the calendar") from None


def _unreadable(text: str) -> DateError:
    words = re.findall(r"[A-Za-z]+|\d+", text)
    month = next((_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS), None)
    year = next((w for w in words if w.isdigit() and len(w) == 4), None)
    day = next((int(w) for w in words if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31), None)
    if month and year:
        written = f"{year}-{month:02d}"
        if day and day <= calendar.monthrange(int(year), month)[1]:
            written += f"-{day:02d}"
        return DateError(f"'{text}' is not a date this site reads", f"write it as {written}")
    return DateError(f"'{text}' is not a date this site reads")
