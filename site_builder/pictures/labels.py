"""Every word the pictures draw, looked up by key so that an Arabic edition can translate them."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ..dates import FuzzyDate
from ..i18n import AR_MONTHS, AR_QUARTERS, Bilingual, arabic_month

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
        "month.short": "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec",
        "month.long": "January|February|March|April|May|June|July|August|September|October|November|December",
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
        "list.and": ", ",
        "list.semi": "; ",
        "strip.then": "; then ",
    },
    # Words as in templates/i18n/ar.yml and docs/ar/.terms.md. Short months are the one-word Gregorian names (the
    # glossary's rule for pictures); long ones, in tooltips, carry both names as the pages do.
    "ar": {
        "status.confirmed": "مؤكَّد",
        "status.denied": "غير صحيح",
        "status.superseded": "مُستبدَل",
        "status.unresolved": "غير محسوم",
        "event.made": "صدور الادعاء",
        "event.step": "ثم: {status}",
        "event.verdict": "الحكم: {status}",
        "event.review": "رُوجع: لا يزال غير محسوم",
        "event.deadline": "موعد، {state}",
        "event.tooltip": "{date}: {what}. {text}",
        "event.tooltip.who": "{date}: {what}. {text} ({who})",
        "event.claim": "{text} ({who})",
        "strip.step": "{what}، {date}",
        "graph.column": "قيل في {date}",
        "relation.sentence": "«{source}» {relation} «{target}»",
        "date.quarter": "الربع {ordinal} من {year}",
        "date.inferred": "{date} (مُستنتَج)",
        "date.span": "{date}، اليوم غير معروف",
        "month.short": "|".join(AR_MONTHS),
        "month.long": "|".join(arabic_month(n) for n in range(1, 13)),
        "deadline.upcoming": "قادم: الأيام المتبقية {days}",
        "deadline.upcoming.one": "قادم: يوم واحد متبقٍّ",
        "deadline.met": "انقضى وتحقّق",
        "deadline.met.early": "تحقّق قبل موعده",
        "deadline.missed": "انقضى ولم يتحقق",
        "deadline.moved": "تغيّر إلى: {target}",
        "deadline.moved.nowhere": "تغيّر",
        "deadline.passed": "انقضى؛ ولم تُذكر النتيجة",
        "deadline.word.upcoming": "قادم",
        "deadline.word.met": "تحقّق",
        "deadline.word.missed": "لم يتحقق",
        "deadline.word.moved": "تغيّر",
        "deadline.word.passed": "انقضى",
        "as_of": "تاريخ البناء: {date}",
        "as_of.short": "بحسب تاريخ {date}",
        "timeline.title": "الخط الزمني للادعاءات والأحكام والمواعيد",
        "timeline.desc": ("عدد الادعاءات: {claims}، لكلٍّ منها صف خاص به بترتيب تاريخ صدوره: دائرة عند صدوره، ومربع "
                          "لكل حالة سابقة، ومعيَّن للحكم الراهن. عدد المواعيد: {deadlines}، وهي خطوط رأسية، وتاريخ "
                          "البناء {as_of} خط سميك. العلامات المفرغة تواريخ مُستنتَجة، والأشرطة تواريخ لا يُعرف منها إلا "
                          "الشهر أو ربع السنة أو السنة. وتسرد القائمة أدناه الأحداث نفسها بترتيب تاريخها."),
        "legend.made": "صدور الادعاء",
        "legend.step": "حالة سابقة",
        "legend.verdict": "الحكم",
        "legend.inferred": "تاريخ مُستنتَج",
        "legend.period": "اليوم غير معروف",
        "legend.deadline": "موعد",
        "legend.as_of": "تاريخ البناء",
        "strip.title": "قصة هذا الادعاء",
        "strip.desc": "عدد الخطوات: {count}، من صدور الادعاء إلى حكمه الراهن: {steps}.",
        "graph.title": "صلات الادعاءات بعضها ببعض",
        "graph.title.actor": "صلات ادعاءات {actor} بغيرها",
        "graph.desc": ("عدد الادعاءات: {nodes}، في أعمدة بحسب تاريخ صدورها، وعدد الصلات بينها: {edges}. "
                       "وتسرد القائمة أدناه كل صلة."),
        "relation.supersedes": "حلّ محلّه",
        "relation.cites": "يُحكم عليه بالمقطع الذي ينقل",
        "relation.related": "على صلة بالادعاء",
        "legend.supersedes": "حلّ محلّه",
        "legend.cites": "دليله يقتبس",
        "legend.related": "ذو صلة",
        "legend.mine": "ادعاءات {actor}",
        "legend.others": "ادعاءات أخرى",
        "chart.title": "الادعاءات بحسب الحكم",
        "chart.desc": "{counts}.",
        "count": "{word}: {count}",
        "more": "…",
        "list.and": "، ",
        "list.semi": "؛ ",
        "strip.then": "؛ ثم ",
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
    return _names(label("month.short" if short else "month.long", lang))[number - 1]


@lru_cache(maxsize=64)
def _names(words: str) -> tuple[str, ...]:
    return tuple(words.split("|"))


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
        quarter = (date.start.month - 1) // 3
        return label("date.quarter", lang, quarter=quarter + 1, ordinal=AR_QUARTERS[quarter], year=date.start.year)
    return str(date.start.year)


def status_word(status: str, lang: str = "en") -> str:
    """Confirmed, Denied, Superseded or Unresolved."""
    return label(f"status.{status}", lang)


def local(value: Bilingual, lang: str = "en") -> str:
    """Content text in lang, or its English where that is missing."""
    return str(getattr(value, lang, None) or value.en)

