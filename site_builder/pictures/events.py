"""The dated events the timeline draws and lists: statements, status changes, deadlines, the build date."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import FuzzyDate
from ..model import Claim, Deadline, Site
from ..views import DeadlineStatus, Event, claims_in_order, deadline_status, story
from .labels import date_label, label, local, status_word

KIND_ORDER = {"made": 0, "step": 1, "verdict": 2, "deadline": 3, "as_of": 4}
FRAGMENTS = {"made": "#appearances", "step": "#story", "verdict": "#verdict"}


@dataclass(frozen=True)
class TimelineEvent:
    """One mark of the timeline and one item of its text alternative."""

    key: str
    kind: str
    date: FuzzyDate
    inferred: str | None
    state: str
    what: str
    text: str
    url: str
    who: str
    claim: Claim | None = None
    deadline: DeadlineStatus | None = None
    lang: str = "en"

    @property
    def when(self) -> str:
        """The date as the list and the tooltips show it."""
        words = date_label(self.date, self.lang)
        return label("date.inferred", self.lang, date=words) if self.inferred else words

    @property
    def tooltip(self) -> str:
        key = "event.tooltip.who" if self.who else "event.tooltip"
        return label(key, self.lang, date=self.when, what=self.what, text=self.text, who=self.who)


def claim_events(claim: Claim, lang: str = "en") -> list[TimelineEvent]:
    """A claim's story as timeline events: made, each earlier status, the verdict."""
    who = label("list.and", lang).join(local(actor.data.name, lang) for actor in claim.actors)
    steps = 0
    events = []
    for event in story(claim):
        steps += event.kind == "step"
        key = f"{claim.id}/step-{steps}" if event.kind == "step" else f"{claim.id}/{event.kind}"
        events.append(TimelineEvent(key, event.kind, event.date.date, event.date.inferred, _state(event),
                                    _what(event, lang), local(claim.data.statement, lang),
                                    claim.url + FRAGMENTS[event.kind], who, claim=claim, lang=lang))
    return events


def deadline_event(deadline: Deadline, lang: str = "en") -> TimelineEvent:
    """A deadline as a timeline marker, with its state on the build date."""
    status = deadline_status(deadline)
    what = label("event.deadline", lang, state=status.summary_in(lang))
    return TimelineEvent(f"deadline/{deadline.id}", "deadline", deadline.date, None, status.state, what,
                         local(deadline.data.label, lang), deadline.url, "", deadline=status, lang=lang)


def as_of_event(site: Site, lang: str = "en") -> TimelineEvent:
    """The build date, which decides which deadlines have passed."""
    day = FuzzyDate(site.as_of, "day")
    return TimelineEvent("as-of", "as_of", day, None, "as_of", label("as_of", lang, date=date_label(day, lang)),
                         label("as_of.short", lang, date=date_label(day, lang)), "", "", lang=lang)


def deadlines_in_order(site: Site, claims: list[Claim] | None = None) -> list[Deadline]:
    """The deadlines by the day they pass: all of them, or those the given claims name."""
    named = site.deadlines.values() if claims is None else {d.id: d for c in claims for d in c.deadlines}.values()
    return sorted(named, key=lambda d: (d.falls_on, d.date.start, d.id))


def all_events(site: Site, lang: str = "en", claims: list[Claim] | None = None) -> list[TimelineEvent]:
    """Every event of the site (or of some of its claims, with the deadlines they name) in date order: the
    order of the text alternative."""
    events = [e for claim in (claims_in_order(site) if claims is None else claims) for e in claim_events(claim, lang)]
    events += [deadline_event(d, lang) for d in deadlines_in_order(site, claims)]
    events.append(as_of_event(site, lang))
    return in_date_order(events)


def in_date_order(events: list[TimelineEvent]) -> list[TimelineEvent]:
    """Events in the order of the text alternative: by date, then made, steps, verdicts, deadlines, build date."""
    return sorted(events, key=lambda e: (e.date.start, e.date.end, KIND_ORDER[e.kind], e.key))


def _state(event: Event) -> str:
    return event.status or "made"


def _what(event: Event, lang: str) -> str:
    if event.kind == "made":
        return label("event.made", lang)
    if event.kind == "step":
        return label("event.step", lang, status=status_word(event.status or "unresolved", lang))
    if event.status == "unresolved":
        return label("event.review", lang)
    return label("event.verdict", lang, status=status_word(event.status or "unresolved", lang))
