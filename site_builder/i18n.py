"""The site's two editions: interface strings, text of the right language, dates for readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from markupsafe import Markup, escape

from .dates import FuzzyDate

LANGUAGES = ("en", "ar")
CATALOGUE_DIR = "i18n"
AR_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
             "نوفمبر", "ديسمبر")
AR_MONTHS_LEVANT = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
                    "تشرين الأول", "تشرين الثاني", "كانون الأول")


class Bilingual(Protocol):
    """Any content text with an English and (perhaps) an Arabic version."""

    en: str
    ar: str | None


@dataclass
class Edition:
    """One language edition: its direction, its URL prefix and its interface strings."""

    code: str
    strings: dict[str, str] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)

    @property
    def direction(self) -> str:
        return "rtl" if self.code == "ar" else "ltr"

    @property
    def prefix(self) -> str:
        """Where the edition lives in the site: '' for English, 'ar/' for Arabic."""
        return "" if self.code == "en" else f"{self.code}/"

    @property
    def other(self) -> str:
        return "ar" if self.code == "en" else "en"

    def t(self, text: str, **values: Any) -> Markup:
        """An interface string in this edition's language, with {name} fields filled in and escaped."""
        template = text
        if self.code != "en":
            template = self.strings.get(text, "")
            if not template:
                self.missing.add(text)
                template = text
        return Markup(escape(template)).format(**values)

    def text(self, value: Bilingual | None) -> Markup:
        """Content text in this edition's language; English, marked as such, where Arabic is missing."""
        if value is None:
            return Markup("")
        chosen = getattr(value, self.code, None)
        if chosen:
            return Markup(escape(chosen))
        return Markup('<span lang="en" dir="ltr">{}</span>').format(value.en)

    def plain(self, value: Bilingual | None) -> str:
        """Content text as plain text (for attributes and titles)."""
        if value is None:
            return ""
        return str(getattr(value, self.code, None) or value.en)

    def date(self, value: FuzzyDate) -> str:
        """A date as this edition's readers write it (Gregorian in both)."""
        if self.code == "en":
            return value.label()
        return value.label([f"{a}/{b}" for a, b in zip(AR_MONTHS, AR_MONTHS_LEVANT, strict=True)],
                           "الربع {quarter} من {year}")


def load_edition(code: str, template_dirs: list[Path]) -> Edition:
    """The edition for a language, with the first catalogue found in the template folders."""
    if code == "en":
        return Edition("en")
    for folder in template_dirs:
        path = folder / CATALOGUE_DIR / f"{code}.yml"
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            return Edition(code, {str(k): str(v) for k, v in data.items() if v})
    return Edition(code)
