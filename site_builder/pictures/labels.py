"""Every word the pictures draw, looked up by key so that an Arabic edition can translate them."""

from __future__ import annotations

import datetime as dt

from ..dates import FuzzyDate

DIRECTIONS = {"en": "ltr", "ar": "rtl"}

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "status.confirmed": "Confirmed",
        "status.denied": "Denied",
        "status.superseded": "Superseded",
        "status.unresolved": "Unresolved",
        "event.made": "Made",
        "event.step": "Then {status}",
        "event.verdict": "Verdict: {status}",
        "event.review": "Reviewed: still unresolved",
        "event.deadline": "Deadline, {state}",
        "event.tooltip": "{date}: {what}. {text}",
        "event.tooltip.who": "{date}: {what}. {text} ({who})",
        "event.claim": "{text} ({who})",
        "strip.step": "{what}, {date}",
        "graph.column": "Made {date}",
        "relation.sentence": "{source} {relation} {target}",
        "date.quarter": "Q{quarter} {year}",
        "date.inferred": "{date} (inferred)",
        "date.span": "{date}, day not known",
        "month.short": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
        "month.long": "January February March April May June July August September October November December",
        "deadline.upcoming": "Upcoming: {days} days left",
        "deadline.upcoming.one": "Upcoming: 1 day left",
        "deadline.met": "Passed and met",
        "deadline.met.early": "Met before the date",
        "deadline.missed": "Passed and missed",
        "deadline.moved": "Moved to {target}",
        "deadline.moved.nowhere": "Moved",
        "deadline.passed": "Passed; outcome not reported",
        "deadline.word.upcoming": "Upcoming",
        "deadline.word.met": "Met",
        "deadline.word.missed": "Missed",
        "deadline.word.moved": "Moved",
        "deadline.word.passed": "Passed",
        "as_of": "Build date, {date}",
        "as_of.short": "As of {date}",
        "timeline.title": "Timeline of claims, verdicts and deadlines",
        "timeline.desc": ("{claims} claims, each on its own row in order of the date it was made: a circle when it "
                          "was made, a square for each earlier status, a diamond for the current verdict. "
                          "{deadlines} deadlines are vertical lines, the build date of {as_of} a thick line. "
                          "Hollow marks are inferred dates; bars are dates known only to the month, quarter or "
                          "year. The list below gives the same events in date order."),
        "legend.made": "made",
        "legend.step": "earlier status",
        "legend.verdict": "verdict",
        "legend.inferred": "date inferred",
        "legend.period": "day not known",
        "legend.deadline": "deadline",
        "legend.as_of": "build date",
        "strip.title": "The story of this claim",
        "strip.desc": "{count} steps, from when the claim was made to its current verdict: {steps}.",
        "graph.title": "How the claims relate",
        "graph.title.actor": "How the claims of {actor} relate to others",
        "graph.desc": ("{nodes} claims in columns by the date they were made, joined by {edges} relations. "
                       "The list below gives every relation."),
        "relation.supersedes": "is superseded by",
        "relation.cites": "is judged on the passage that reports",
        "relation.related": "is related to",
        "legend.supersedes": "superseded by",
        "legend.cites": "evidence quotes",
        "legend.related": "related",
        "legend.mine": "claims of {actor}",
        "legend.others": "other claims",
        "chart.title": "Claims by verdict",
        "chart.desc": "{counts}.",
        "count": "{word}: {count}",
        "more": "…",
    },
}


def label(key: str, lang: str = "en", **values: object) -> str:
    """The text for key in lang (English where not yet translated), with values filled in."""
    template = LABELS.get(lang, {}).get(key) or LABELS["en"][key]
    return template.format(**values)


def direction(lang: str) -> str:
    """ltr or rtl: the writing direction of a language."""
    return DIRECTIONS.get(lang, "ltr")


def month(number: int, lang: str = "en", short: bool = False) -> str:
    """The name of a month (1-12)."""
    return label("month.short" if short else "month.long", lang).split()[number - 1]


def day_label(day: dt.date, lang: str = "en", short: bool = False) -> str:
    """A calendar day as readers see it: 7 September 2025 (7 Sep 2025 when short)."""
    return f"{day.day} {month(day.month, lang, short)} {day.year}"


def date_label(date: FuzzyDate, lang: str = "en", short: bool = False) -> str:
    """A date at its precision: 27 Sep 2024, Sep 2024, Q3 2024 or 2024."""
    if date.precision == "day":
        return day_label(date.start, lang, short)
    if date.precision == "month":
        return f"{month(date.start.month, lang, short)} {date.start.year}"
    if date.precision == "quarter":
        return label("date.quarter", lang, quarter=(date.start.month - 1) // 3 + 1, year=date.start.year)
    return str(date.start.year)


def status_word(status: str, lang: str = "en") -> str:
    """Confirmed, Denied, Superseded or Unresolved."""
    return label(f"status.{status}", lang)
