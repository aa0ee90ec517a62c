"""Share cards: the picture a link preview shows for a claim, its verdict and the claim in both languages.

Drawing a card costs tens of milliseconds, so cards are kept in a cache folder under the name of a
digest of everything drawn on them: a rebuild draws only the cards whose claim changed.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .model import VERDICT_WORDS, VERDICT_WORDS_AR, Claim

FONTS = Path(__file__).resolve().parent / "fonts"
SIZE = (1200, 630)
MARGIN = 56
DRAWING_VERSION = "2"  # change when the drawing changes, so that cached cards are redrawn
INK = (33, 33, 33)
BAND = (40, 53, 147)
# Verdict colours as on the pages (templates/assets/factcheck.css), dark enough for white text.
VERDICT_COLOURS = {"confirmed": (27, 94, 32), "denied": (183, 28, 28), "superseded": (106, 27, 154),
                   "unresolved": (55, 71, 79)}
NO_VERDICT_AR = "لا حكم بعد"
CARDS_FOLDER = "cards/"


@dataclass(frozen=True)
class CardText:
    """Everything a card shows: the card is a pure function of it."""

    site: str
    status: str
    statement_en: str
    statement_ar: str
    byline: str

    @property
    def digest(self) -> str:
        parts = (DRAWING_VERSION, self.site, self.status, self.statement_en, self.statement_ar, self.byline)
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def card_text(claim: Claim, site_title: str) -> CardText:
    names = ", ".join(actor.data.name.en for actor in claim.actors)
    return CardText(site_title, claim.status, claim.data.statement.en, claim.data.statement.ar or "",
                    f"{names} · {claim.data.made_on.date.label()}" if names else claim.data.made_on.date.label())


@cache
def _font(name: str, size: int, arabic: bool) -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.RAQM if arabic else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(FONTS / name), size, layout_engine=layout)


def draw(text: CardText) -> bytes:
    """The card as PNG bytes."""
    image = Image.new("RGB", SIZE, "white")
    pen = ImageDraw.Draw(image)
    width, height = SIZE
    pen.rectangle((0, 0, width, 84), fill=BAND)
    pen.text((MARGIN, 42), text.site, font=_font("NotoSans-Bold.ttf", 34, False), fill="white", anchor="lm")
    _badge(pen, text.status)
    english = _font("NotoSans-Bold.ttf", 40, False)
    y = 224
    for line in _wrap(text.statement_en, english, width - 2 * MARGIN, 3 if text.statement_ar else 5):
        pen.text((MARGIN, y), line, font=english, fill=INK)
        y += 52
    if text.statement_ar:
        arabic = _font("NotoNaskhArabic-Regular.ttf", 34, True)
        y += 4
        for line in _wrap(text.statement_ar, arabic, width - 2 * MARGIN, 2, rtl=True):
            pen.text((width - MARGIN, y), line, font=arabic, fill=INK, anchor="ra", direction="rtl", language="ar")
            y += 54
    byline = _font("NotoSans-Regular.ttf", 26, False)
    pen.line((MARGIN, height - 78, width - MARGIN, height - 78), fill=BAND, width=2)
    pen.text((MARGIN, height - 34), _wrap(text.byline, byline, width - 2 * MARGIN, 1)[0], font=byline, fill=INK,
             anchor="ls")
    out = io.BytesIO()
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(out, "PNG")  # a third of the bytes
    return out.getvalue()


def _badge(pen: ImageDraw.ImageDraw, status: str) -> None:
    """The verdict in words, English on the left and Arabic on the right, on the verdict's colour."""
    colour = VERDICT_COLOURS[status]
    english = VERDICT_WORDS[status].upper() if status != "unresolved" else "NO VERDICT YET"
    arabic = VERDICT_WORDS_AR[status] if status != "unresolved" else NO_VERDICT_AR
    word_en = _font("NotoSans-Bold.ttf", 40, False)
    word_ar = _font("NotoNaskhArabic-Bold.ttf", 38, True)
    en_width = pen.textlength(english, font=word_en)
    ar_width = pen.textlength(arabic, font=word_ar, direction="rtl", language="ar")
    right = MARGIN + en_width + ar_width + 4 * 28
    pen.rounded_rectangle((MARGIN, 112, right, 192), 14, fill=colour)
    pen.text((MARGIN + 28, 152), english, font=word_en, fill="white", anchor="lm")
    pen.line((MARGIN + en_width + 56, 128, MARGIN + en_width + 56, 176), fill="white", width=2)
    pen.text((right - 28, 152), arabic, font=word_ar, fill="white", anchor="rm", direction="rtl", language="ar")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float, most: int, rtl: bool = False) -> list[str]:
    """The text broken into at most `most` lines that fit `width`, the last cut with an ellipsis.

    A line is measured as the sum of its words and spaces, each measured once: close enough for
    breaking lines, and linear in the length of the text.
    """
    direction = "rtl" if rtl else None
    space = font.getlength(" ", direction=direction)
    lines: list[list[str]] = []
    used = 0.0
    for word in text.split():
        length = _length(font, word, direction)
        if lines and used + space + length <= width:
            lines[-1].append(word)
            used += space + length
        else:
            lines.append([word])
            used = length
    if len(lines) > most:
        lines = lines[:most]
        ellipsis = space + _length(font, "…", direction)
        while len(lines[-1]) > 1 and sum(_length(font, w, direction) + space for w in lines[-1]) + ellipsis > width:
            lines[-1].pop()
        lines[-1].append("…")
    return [" ".join(words) for words in lines]


def _length(font: ImageFont.FreeTypeFont, word: str, direction: str | None) -> float:
    known = _lengths(font, direction)
    if word not in known:
        known[word] = font.getlength(word, direction=direction)
    return known[word]


@cache
def _lengths(font: ImageFont.FreeTypeFont, direction: str | None) -> dict[str, float]:
    return {}


class CardCache:
    """Cards kept on disk by digest, so that only changed claims are drawn again."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.drawn = 0

    def card(self, text: CardText) -> bytes:
        path = self.folder / f"{text.digest}.png" if self.folder else None
        if path is not None and path.is_file():
            return path.read_bytes()
        png = draw(text)
        self.drawn += 1
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_bytes(png)
            temporary.replace(path)
        return png


def card_alt(claim: Claim, language: str) -> str:
    """The card in words, as link previews give it to readers who cannot see it: the verdict first."""
    if language == "ar":
        verdict = VERDICT_WORDS_AR[claim.status] if claim.has_verdict else NO_VERDICT_AR
        return f"{verdict}: {claim.data.statement.ar}"
    verdict = claim.verdict_word if claim.has_verdict else "No verdict yet"
    return f"{verdict}: {claim.data.statement.en}"


def card_path(claim: Claim) -> str:
    """Where a claim's card is published."""
    return f"{CARDS_FOLDER}{claim.id}.png"

