"""The site's two editions: interface strings, text of the right language, dates for readers."""

from __future__ import annotations

import calendar
import datetime as dt
import string
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
AR_QUARTERS = ("الأول", "الثاني", "الثالث", "الرابع")
DIRECTIONS = {"en": "ltr", "ar": "rtl"}


class Bilingual(Protocol):
    """Any content text with an English and (perhaps) an Arabic version."""

    @property
    def en(self) -> str: ...

    @property
    def ar(self) -> str | None: ...


@dataclass
class Edition:
    """One language edition: its direction, its URL prefix and its interface strings."""

    code: str
    strings: dict[str, str] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)
    # t() of the strings without fields, which pages repeat most, each looked up and filled once.
    _constants: dict[str, Markup] = field(default_factory=dict, repr=False, compare=False)

    @property
    def direction(self) -> str:
        return DIRECTIONS[self.code]

    @property
    def prefix(self) -> str:
        """Where the edition lives in the site: '' for English, 'ar/' for Arabic."""
        return "" if self.code == "en" else f"{self.code}/"

    @property
    def other(self) -> str:
        return "ar" if self.code == "en" else "en"

    @property
    def other_direction(self) -> str:
        return DIRECTIONS[self.other]

    def t(self, text: str, **values: Any) -> Markup:
        """An interface string in this edition's language, with {name} fields filled in and escaped.

        The strings themselves come from our templates and catalogue, so they may hold markup; only the
        values are escaped.
        """
        if not values:
            found = self._constants.get(text)
            if found is None:
                found = self._constants[text] = self._t(text, values)
            return found
        return self._t(text, values)

    def _t(self, text: str, values: dict[str, Any]) -> Markup:
        template = self.lookup(text)
        return _filled(template, values) or Markup(self._fill(Markup(template), text, values))

    def plain_t(self, text: str, **values: Any) -> str:
        """An interface string as plain text (for page titles and descriptions, escaped later)."""
        return str(self._fill(self.lookup(text), text, values))

    def _fill(self, template: str, key: str, values: dict[str, Any]) -> str:
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError) as error:
            raise CatalogueError(f"the {self.code} translation of {key!r} is {str(template)!r}: its {{fields}} must "
                                 f"be those of the English, {sorted(values)} ({type(error).__name__}: {error})") from None

    def lookup(self, text: str) -> str:
        """The catalogue's translation of an English string; the English, recorded as missing, where none."""
        if self.code == "en":
            return text
        translated = self.strings.get(text)
        if not translated:
            self.missing.add(text)
            return text
        return translated

    def text(self, value: Bilingual | None) -> Markup:
        """Content text in this edition's language; English, marked as such, where Arabic is missing."""
        if value is None:
            return Markup("")
        chosen = getattr(value, self.code, None)
        if chosen:
            return escape(chosen)
        return Markup('<span lang="en" dir="ltr">{}</span>').format(value.en)

    def other_text(self, value: Bilingual | None) -> str:
        """The other language's version of a text, or '' where it is missing (nothing to show twice)."""
        if value is None:
            return ""
        return str(getattr(value, self.other, None) or "")

    def plain(self, value: Bilingual | None) -> str:
        """Content text as plain text (for attributes and titles)."""
        if value is None:
            return ""
        return str(getattr(value, self.code, None) or value.en)

    def date(self, value: FuzzyDate) -> str:
        """A date as this edition's readers write it: Gregorian in both, Western digits, no Hijri date."""
        if self.code == "en":
            return value.label()
        start = value.start
        if value.precision == "day":
            return self.day(start)
        if value.precision == "month":
            return f"{arabic_month(start.month)} {start.year}"
        if value.precision == "quarter":
            return f"الربع {AR_QUARTERS[(start.month - 1) // 3]} من {start.year}"
        return str(start.year)

    def day(self, value: dt.date) -> str:
        """A calendar day: 7 September 2025, or 7 سبتمبر/أيلول 2025."""
        if self.code == "en":
            return f"{value.day} {calendar.month_name[value.month]} {value.year}"
        return f"{value.day} {arabic_month(value.month)} {value.year}"


    def as_of(self, value: dt.date) -> str:
        """The build date in running text: ISO in English (as the pages always gave it), a day in Arabic."""
        return value.isoformat() if self.code == "en" else self.day(value)


# What each interface string is made of: (text, field name or None) pieces; None when a field is more than a name.
_PIECES: dict[str, tuple[tuple[str, str | None], ...] | None] = {}
_SIMPLE_VALUES = (str, Markup, int)  # values whose format(value, "") is str(value), as escape() writes them


def _filled(template: str, values: dict[str, Any]) -> Markup | None:
    """Markup(template).format(**values) for templates with plain {name} fields and values of the usual types,
    without the general formatter; None for any other template or value, which the formatter then handles."""
    if template not in _PIECES:
        _PIECES[template] = _pieces(template)
    pieces = _PIECES[template]
    if pieces is None:
        return None
    out = []
    for literal, name in pieces:
        out.append(literal)
        if name is not None:
            value = values.get(name, None)
            if type(value) not in _SIMPLE_VALUES:
                return None
            out.append(escape(value))
    return Markup("".join(out))


def _pieces(template: str) -> tuple[tuple[str, str | None], ...] | None:
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    if any(name is not None and (not name.isidentifier() or spec or conversion)
           for _, name, spec, conversion in parsed):
        return None
    return tuple((literal, name) for literal, name, _, _ in parsed)


def arabic_month(number: int) -> str:
    """Both Arabic names of a month, the Egyptian-Gulf one first: سبتمبر/أيلول."""
    return f"{AR_MONTHS[number - 1]}/{AR_MONTHS_LEVANT[number - 1]}"


def load_edition(code: str, template_dirs: list[Path]) -> Edition:
    """The edition for a language; a project's catalogue entries take precedence over the package's."""
    if code == "en":
        return Edition("en")
    strings: dict[str, str] = {}
    for folder in reversed(template_dirs):
        path = folder / CATALOGUE_DIR / f"{code}.yml"
        if path.is_file():
            strings.update(read_catalogue(path))
    return Edition(code, strings)


# Each catalogue read, by path, with the modification time and size it had: serve reads it for every rebuild.
_READ: dict[Path, tuple[tuple[int, int], dict[str, str]]] = {}


def read_catalogue(path: Path) -> dict[str, str]:
    """The English-to-Arabic pairs of a catalogue file; CatalogueError naming the file when it is not one."""
    try:
        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
        if path in _READ and _READ[path][0] == version:
            return dict(_READ[path][1])  # a copy: the kept pairs stay as read
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise CatalogueError(f"{path}: cannot be read as YAML: {error}") from None
    if not isinstance(data, dict):
        raise CatalogueError(f"{path}: expected 'English text: Arabic text' lines")
    pairs = {str(key): str(value) for key, value in data.items() if value}
    _READ[path] = (version, pairs)
    return pairs


class CatalogueError(Exception):
    """A catalogue of interface strings cannot be read."""


def missing_report(edition: Edition) -> str:
    """Why the build stops when interface strings have no translation, listing every one."""
    listing = "\n".join(f"  {text!r}" for text in sorted(edition.missing))
    return (f"{len(edition.missing)} interface string(s) have no translation in templates/{CATALOGUE_DIR}/"
            f"{edition.code}.yml:\n{listing}\nAdd each as a line 'English text: translation' to the catalogue.")
