"""A claim's story as a strip: made, each earlier status, the current verdict, with their dates."""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from ..dates import FuzzyDate
from ..model import Claim
from ..views import story
from .labels import date_label, label, status_word
from .marks import colour_of, shape
from .svg import Document, link, tag, text, title

STEP, HEIGHT, MARK_Y = 114.0, 100.0, 18.0
FRAGMENTS = {"made": "#appearances", "step": "#story", "verdict": "#verdict"}


def story_strip(claim: Claim, lang: str = "en") -> Markup:
    """Draw the claim's record left to right (in Arabic too, like the timeline), one node per event, joined by
    arrows."""
    events = story(claim)
    width = STEP * len(events)
    words = [_words(e.kind, e.status, e.date.date, lang) for e in events]
    doc = Document(f"strip-{claim.id}", width, HEIGHT, label("strip.title", lang),
                   label("strip.desc", lang, count=len(events), steps=label("strip.then", lang).join(words)), lang,
                   min_width=width * 0.9)
    doc.defs.append('<marker id="strip-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                    'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#78909c"/></marker>')
    for number in range(len(events) - 1):
        doc.add(_arrow(number))
    for number, event in enumerate(events):
        doc.add(_node(event.kind, event.status, bool(event.date.inferred), event.date.date, number, lang))
    return doc.render()


@lru_cache(maxsize=64)
def _arrow(number: int) -> str:
    x = STEP * number + STEP / 2
    return tag("line", x1=x + 14, y1=MARK_Y, x2=x + STEP - 14, y2=MARK_Y, stroke="#78909c",
               **{"stroke-width": 2, "marker-end": "url(#strip-arrow)"})


def _heading(kind: str, status: str | None, lang: str) -> str:
    if kind == "made":
        return label("event.made", lang)
    return status_word(status or "unresolved", lang)


@lru_cache(maxsize=1 << 14)
def _words(kind: str, status: str | None, date: FuzzyDate, lang: str) -> str:
    return label("strip.step", lang, what=_heading(kind, status, lang), date=date_label(date, lang))


# Many claims share a step's kind, status and date at the same place in their story: each node is drawn once.
@lru_cache(maxsize=1 << 15)
def _node(kind: str, status: str | None, hollow: bool, date: FuzzyDate, number: int, lang: str) -> str:
    """One event: its mark, what it is in words, its date, and how well the date is known."""
    x = STEP * number + STEP / 2
    colour = colour_of(kind, status)
    lines = [date_label(date, lang, short=True)]
    if date.precision != "day":
        lines.append(label("legend.period", lang))
    if hollow:
        lines.append(label("legend.inferred", lang))
    parts = [title(_words(kind, status, date, lang)), shape(kind, x, MARK_Y, colour, hollow, size=7),
             text(x, MARK_Y + 32, _heading(kind, status, lang), lang, fill=colour,
                  **{"font-size": 14, "font-weight": 700, "text-anchor": "middle"})]
    parts += [text(x, MARK_Y + 50 + 16 * n, line, lang, fill="#37474f", **{"font-size": 13, "text-anchor": "middle"})
              for n, line in enumerate(lines)]
    return link(FRAGMENTS[kind], [tag("g", parts, class_=f"strip__step strip__step--{kind}")])
