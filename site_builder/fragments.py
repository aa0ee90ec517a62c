"""The pieces of HTML that pages repeat most: verdict badges, dates, claim list items, citations, and the long
lists (a claim's story, a source's lines, a timeline's events, the relations under a graph).

They are written here rather than in templates because a page may show hundreds of them, and a call from a
Jinja2 template (a macro's above all) costs many times what the Python does. Each writes exactly what the
template did. Templates call them as globals (see render.edition_globals); t() gives an interface string in the
edition's language, text() content in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup, escape

from .citing import Update
from .dates import FuzzyDate
from .i18n import Bilingual, Edition
from .model import VERDICT_WORDS, Actor, Claim, Quote
from .pictures.events import TimelineEvent
from .pictures.graph import Graph
from .pictures.relations import Fact
from .pictures.timeline import Lanes
from .schema import Dated
from .seeds import Source
from .views import DeadlineStatus, Event, Speaker, segments

ICONS = {"confirmed": "✓", "denied": "✗", "superseded": "↷", "unresolved": "?"}


# Claims' list items by claim id, as the text before and after the link to the claim (which differs from page to
# page): a --dirty rebuild keeps those of the claims no edit reached.
Rows = dict[str, tuple[str, str]]


class Fragments:
    """The pieces, in one edition's language; those that read the same wherever they appear are made once."""

    def __init__(self, edition: Edition, rows: Rows | None = None, drawn: Lanes | None = None) -> None:
        self.edition = edition
        self._drawn = drawn  # under serve --dirty: timeline pieces of each claim, kept across rebuilds
        self.lang_en = Markup('lang="en"' if edition.code == "en" else 'lang="en" dir="ltr"')
        self.lang_other = Markup(f'lang="{edition.other}" dir="{edition.other_direction}"')
        self._badges: dict[str, Markup] = {}
        self._dates: dict[tuple[FuzzyDate, str | None], Markup] = {}
        # A claim's list item, and a relation's, reads the same on every page but for the links in it.
        self._items: Rows = {} if rows is None else rows
        self._relations: dict[Fact, tuple[str, str, str]] = {}

    def badge(self, status: str) -> Markup:
        """A verdict's icon and word."""
        found = self._badges.get(status)
        if found is None:
            t = self.edition.t
            found = self._badges[status] = Markup(
                f'<span class="verdict verdict--{escape(status)}"><span class="verdict__icon" aria-hidden="true">'
                f'{escape(ICONS[status])}</span> {t(VERDICT_WORDS[status])}</span>')
        return found

    def when(self, dated: Dated) -> Markup:
        """A date for readers, in a <time> element, marked as inferred where it is."""
        key = (dated.date, dated.inferred)
        found = self._dates.get(key)
        if found is None:
            t = self.edition.t
            html = f'<time datetime="{escape(dated.date)}">{escape(self.edition.date(dated.date))}</time>'
            if dated.inferred:
                html += (f' <abbr class="inferred" title="{t("Inferred: {how}", how=dated.inferred)}">'
                         f'{t("(inferred)")}</abbr>')
            found = self._dates[key] = Markup(html)
        return found

    def names(self, actors: Iterable[Actor]) -> Markup:
        """Actors' names, separated by commas."""
        return self._listed(actor.data.name for actor in actors)

    def linked_names(self, actors: Iterable[Actor], link: Callable[[str], str]) -> Markup:
        """Actors' names, each a link to its page, separated by commas."""
        text = self.edition.text
        return self._joined(f'<a href="{escape(link(actor.url))}">{text(actor.data.name)}</a>' for actor in actors)

    def outlets(self, sources: Iterable[Source]) -> Markup:
        """Sources' outlets, separated by commas."""
        return self._listed(source.entry.outlet for source in sources)

    def _listed(self, values: Iterable[Bilingual]) -> Markup:
        return self._joined(self.edition.text(value) for value in values)

    def _joined(self, pieces: Iterable[str]) -> Markup:
        """Pieces of HTML separated by the edition's comma."""
        return Markup(self.edition.t(", ").join([Markup(piece) for piece in pieces]))

    def other_language(self, value: Bilingual | None) -> Markup:
        """The other language's version of a text in a <span> marked with its language; nothing where none."""
        other = self.edition.other_text(value)
        return Markup(f"<span {self.lang_other}>{escape(other)}</span>") if other else Markup("")

    def citation(self, quote: Quote, link: Callable[[str], str]) -> Markup:
        """A quote in Arabic beside its English rendering, linked to its line in the source."""
        edition, t = self.edition, self.edition.t
        caption = t("{outlet}, {date}, line {line}", outlet=edition.text(quote.source.entry.outlet),
                    date=edition.date(quote.source.entry.published.date), line=quote.paragraph.line)
        anchor = escape(quote.anchor)
        return Markup(
            f'<figure class="citation" id="{anchor}">\n'
            f'  <div class="citation__pair">\n'
            f'    <blockquote class="citation__ar" lang="ar" dir="rtl">{escape(quote.data.quote)}</blockquote>\n'
            f'    <p class="citation__en" {self.lang_en}>{escape(quote.data.translation)}</p>\n'
            f'  </div>\n'
            f'  <figcaption class="citation__source">\n'
            f'    <a href="{escape(link(quote.link))}">{caption}</a>\n'
            f'    <a class="anchor-link" href="#{anchor}"><span aria-hidden="true">#</span> {t("Link to this quote")}</a>\n'
            f'  </figcaption>\n'
            f'</figure>')

    def claim_item(self, claim: Claim, link: Callable[[str], str]) -> Markup:
        """A claim as an item of a list: its badge, statement, speakers and date; made once, but for its link."""
        parts = self._items.get(claim.id)
        if parts is None:
            actors = " ".join([escape(actor.id) for actor in claim.actors])
            deadlines = " ".join([escape(deadline.id) for deadline in claim.deadlines])
            before = (f'<li class="claim-item" data-status="{escape(claim.status)}" data-actors="{actors}" '
                      f'data-deadlines="{deadlines}">\n  {self.badge(claim.status)}\n  <a href="')
            after = (f'">{self.edition.text(claim.data.statement)}</a>\n'
                     f'  <span class="claim-item__meta">{self.names(claim.actors)} · {self.when(claim.data.made_on)}</span>\n'
                     f'</li>')
            parts = self._items[claim.id] = (before, after)
        return Markup(f"{parts[0]}{escape(link(claim.url))}{parts[1]}")

    def claim_list(self, claims: list[Claim], link: Callable[[str], str]) -> Markup:
        """Claims as a list set apart from what search indexes (other pages say it); "None." where none."""
        if not claims:
            return Markup(f'<p class="empty">{self.edition.t("None.")}</p>\n')
        return Markup(f'<!--not-searched--><ul class="claim-list">\n{self.claim_items(claims, link)}</ul><!--/not-searched-->\n')

    def claim_items(self, claims: Iterable[Claim], link: Callable[[str], str]) -> Markup:
        """The items of a list of claims, each on its own line."""
        return Markup("".join([f"  {self.claim_item(claim, link)}\n" for claim in claims]))

    def speaker_items(self, speakers: list[Speaker], link: Callable[[str], str]) -> Markup:
        """The items of a claim's list of speakers: each linked, named in both languages, with its role then."""
        edition, t = self.edition, self.edition.t
        items = []
        for speaker in speakers:
            name = speaker.actor.data.name
            role = f"{t(', ')}{edition.text(speaker.role.title)}" if speaker.role else ""
            items.append(f'  <li><a href="{escape(link(speaker.actor.url))}">{edition.text(name)}</a> '
                         f"{self.other_language(name)}{role}</li>\n")
        return Markup("".join(items))

    def story_steps(self, claim: Claim, events: list[Event]) -> Markup:
        """The items of a claim's story: when it was made and by whom reported, each earlier status, the verdict."""
        edition, t = self.edition, self.edition.t
        items = []
        for event in events:
            what: str
            if event.kind == "made":
                what = (t("the claim is made, reported by {outlets}.", outlets=self.outlets(claim.sources))
                        if claim.appearances else t("the claim is made.")) + "\n"
            elif event.kind == "step":
                status = event.status or ""
                what = f"{self.badge(status)} {edition.text(event.note)}" + "".join([
                    f' <a href="#{escape(quote.anchor)}">({edition.text(quote.source.entry.outlet)})</a>'
                    for quote in event.evidence])
            else:
                what = (t("the verdict: {badge}.", badge=self.badge(event.status or "")) if claim.has_verdict
                        else t("still unresolved.")) + "\n"
            items.append(f'  <li class="story__step">\n    {self.when(event.date)}{t(":")}\n{what}  </li>\n')
        return Markup("".join(items))

    def update_items(self, updates: list[Update]) -> Markup:
        """The items of a claim's update log: each dated status and how it changed from the one before."""
        t = self.edition.t
        items = []
        for update in updates:
            if self.edition.code == "en":
                change = escape(update.change)
            elif update.previous is None:
                change = t("Rated {word}", word=t(VERDICT_WORDS[update.status]))
            elif update.previous == update.status:
                change = t("Reviewed again: still {word}", word=t(VERDICT_WORDS[update.status]))
            else:
                change = t("Changed from {before} to {after}", before=t(VERDICT_WORDS[update.previous]),
                           after=t(VERDICT_WORDS[update.status]))
            items.append(f'  <li class="updates__item" id="{escape(update.anchor)}">{self.when(update.date)}{t(":")} '
                         f"{change}.</li>\n")
        return Markup("".join(items))

    def relation_items(self, graph: Graph, link: Callable[[str], str]) -> Markup:
        """The items of the list of relations under a relation graph, one line each."""
        text, t, made = self.edition.text, self.edition.t, self._relations
        items = []
        for fact in graph.facts:
            parts = made.get(fact)
            if parts is None:
                parts = made[fact] = (f'  <li data-edge="{escape(graph.key_of(fact))}"><a href="',
                                      f'">{text(fact.source.data.statement)}</a> <em>{t(fact.words)}</em> <a href="',
                                      f'">{text(fact.target.data.statement)}</a></li>\n')
            items.append(f"{parts[0]}{escape(link(fact.source.url))}{parts[1]}{escape(link(fact.target.url))}{parts[2]}")
        return Markup("".join(items))

    def timeline_items(self, events: list[TimelineEvent], link: Callable[[str], str], as_of: dt.date,
                       deadline_summary: Callable[[DeadlineStatus], Markup]) -> Markup:
        """The items of the list under a timeline: each event's date, what happened, to which claim or deadline
        (linked) and who made the claim; deadline_summary words a deadline's state. Under serve --dirty a claim's
        items are kept (in `drawn`) until an edit reaches the claim."""
        items = []
        for event in events:
            if self._drawn is None or event.claim is None:
                items.append(self._timeline_item(event, link, as_of, deadline_summary))
                continue
            drawn = self._drawn.setdefault(event.claim.id, {})
            key = f"item {event.key} {link('')}"
            if key not in drawn:
                drawn[key] = self._timeline_item(event, link, as_of, deadline_summary)
            items.append(drawn[key])
        return Markup("".join(items))

    def _timeline_item(self, event: TimelineEvent, link: Callable[[str], str], as_of: dt.date,
                       deadline_summary: Callable[[DeadlineStatus], Markup]) -> str:
        edition, t = self.edition, self.edition.t
        when = escape(edition.date(event.date))
        if event.inferred:
            when = t("{date} (inferred)", date=edition.date(event.date))
        html = (f'  <li class="timeline-list__item timeline-list__item--{escape(event.kind)}" '
                f'data-event="{escape(event.key)}"><time datetime="{escape(event.date)}">{when}</time>{t(":")} '
                f"{self._event_what(event, as_of, deadline_summary)}")
        if event.url:
            if event.claim:
                what = edition.text(event.claim.data.statement)
            elif event.deadline:
                what = edition.text(event.deadline.deadline.data.label)
            else:
                what = t("As of {date}", date=edition.day(as_of))
            html += f'{t(":")} <a href="{escape(link(event.url))}">{what}</a>'
        if event.who:
            html += f" ({self.names(event.claim.actors if event.claim else [])})"
        return html + "</li>\n"

    def _event_what(self, event: TimelineEvent, as_of: dt.date,
                    deadline_summary: Callable[[DeadlineStatus], Markup]) -> Markup:
        t = self.edition.t
        if event.kind == "made":
            return t("Made")
        if event.kind == "step":
            return t("Then {status}", status=t(VERDICT_WORDS[event.state]))
        if event.kind == "verdict":
            if event.state == "unresolved":
                return t("Reviewed: still unresolved")
            return t("Verdict: {status}", status=t(VERDICT_WORDS[event.state]))
        if event.kind == "deadline":
            assert event.deadline is not None  # a deadline's event always has its status
            return t("Deadline, {state}", state=deadline_summary(event.deadline))
        return t("Build date, {date}", date=self.edition.day(as_of))

    def citing_items(self, source: Source, link: Callable[[str], str]) -> Markup:
        """The items of the list of claims (and deadlines) quoting a source, each with the line it quotes."""
        text, t = self.edition.text, self.edition.t
        items = []
        for quote in source.quotes:
            line = f'({t("line")} <a href="#{escape(quote.paragraph.anchor)}">{quote.paragraph.line}</a>)</li>'
            if quote.claim:
                href = link(quote.claim.url + "#" + quote.anchor)
                items.append(f'<li><a href="{escape(href)}">{text(quote.claim.data.statement)}</a> {line}\n')
            elif quote.deadline:  # as the page always had it: no newline after a deadline's item
                items.append(f'<li><a href="{escape(link(quote.deadline.url))}">{text(quote.deadline.data.label)}</a> {line}')
        return Markup("".join(items))

    def seed_text(self, source: Source, link: Callable[[str], str]) -> Markup:
        """A source's lines, each numbered, the quoted passages highlighted and linked to the claims citing them."""
        edition, t = self.edition, self.edition.t
        lines = []
        for paragraph in source.paragraphs:
            anchor = escape(paragraph.anchor)
            html = [f'<p id="{anchor}" class="seed__line seed__line--{escape(paragraph.kind)}"><a class="seed__number" '
                    + f'href="#{anchor}" aria-label="{t("Line {line}", line=paragraph.line)}">{paragraph.line}</a>\n']
            for segment in segments(paragraph):
                if not segment.quotes:
                    html.append(escape(segment.text))
                    continue
                html.append(f"<mark>{escape(segment.text)}</mark>")
                for quote in segment.ending:
                    if quote.claim:
                        statement = edition.plain(quote.claim.data.statement)
                        html.append(f'<a class="seed__cite" href="{escape(link(quote.claim.url + "#" + quote.anchor))}" '
                                    f'title="{escape(statement)}" aria-label="{t("Cited by: {statement}", statement=statement)}">'
                                    "↩</a>")
            if paragraph.kind != "article":
                html.append(f'<span class="seed__kind" lang="en" dir="ltr">({escape(paragraph.kind)})</span>'
                            if edition.code == "en" else f'<span class="seed__kind">{t("(" + paragraph.kind + ")")}</span>')
            html.append("</p>\n")
            lines.append("".join(html))
        return Markup("".join(lines))

    def globals(self) -> dict[str, Any]:
        """The pieces by the names templates call them."""
        return {"badge": self.badge, "when": self.when, "names": self.names, "linked_names": self.linked_names,
                "outlets": self.outlets,
                "other_language": self.other_language, "citation": self.citation, "claim_item": self.claim_item, "claim_items": self.claim_items,
                "claim_list": self.claim_list, "speaker_items": self.speaker_items, "story_steps": self.story_steps,
                "update_items": self.update_items, "relation_items": self.relation_items,
                "timeline_items": self.timeline_items, "citing_items": self.citing_items, "seed_text": self.seed_text,
                "LANG_EN": self.lang_en, "LANG_OTHER": self.lang_other}
