"""What pages show that is derived from the model: orderings, stories, counts."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from .dates import FuzzyDate
from .model import VERDICT_WORDS, Actor, Claim, Deadline, Quote, Site, per_site
from .pictures.labels import day_label, label, local
from .schema import Dated, Role, TextArOptional
from .seeds import Paragraph


@dataclass(frozen=True)
class Speaker:
    """An actor and the role it held when it made a claim."""

    actor: Actor
    role: Role | None


@dataclass(frozen=True)
class Event:
    """One dated step in a claim's story: made, an earlier status, the current verdict."""

    date: Dated
    kind: str
    status: str | None
    note: TextArOptional | None
    evidence: list[Quote] = field(default_factory=list)


@dataclass(frozen=True)
class HomeView:
    """The figures and lists of the home page."""

    counts: dict[str, int]
    latest: list[tuple[Dated, Claim, str]]
    upcoming: list[Deadline]
    passed: list[Deadline]


def role_on(actor: Actor, when: FuzzyDate) -> Role | None:
    """The role the actor held on a date, or its only role when the dates are unknown."""
    for role in actor.data.roles:
        starts = role.start.start if role.start else None
        ends = role.end.end if role.end else None
        if (starts is None or starts <= when.end) and (ends is None or ends >= when.start):
            return role
    return None


def speakers(claim: Claim) -> list[Speaker]:
    """Who made the claim, each in the role held at the time."""
    return [Speaker(actor, role_on(actor, claim.data.made_on.date)) for actor in claim.actors]


def story(claim: Claim) -> list[Event]:
    """The claim's record in date order: made, each earlier status, the verdict."""
    events = [Event(claim.data.made_on, "made", None, None, claim.appearances)]
    events += [Event(s.data.date, "step", s.data.status, s.data.note, s.evidence) for s in claim.history]
    events.append(Event(claim.data.verdict.date, "verdict", claim.status, claim.data.verdict.rationale,
                        claim.evidence))
    return events


HOME_ITEMS = 8  # the latest verdict changes and the deadlines listed on the home page


@per_site
def home_view(site: Site) -> HomeView:
    """Counts per verdict, the latest verdict changes, upcoming and recently passed deadlines (once per site:
    both editions show them)."""
    size = HOME_ITEMS
    changes: list[tuple[Dated, Claim, str]] = []
    for claim in site.claims.values():
        if claim.has_verdict:
            changes.append((claim.data.verdict.date, claim, claim.status))
        changes += [(step.data.date, claim, step.data.status) for step in claim.history
                    if step.data.status != "unresolved"]
    changes.sort(key=lambda item: (item[0].date.end, item[1].id), reverse=True)
    deadlines = sorted(site.deadlines.values(), key=lambda d: (d.falls_on, d.id))
    return HomeView(
        counts={status: len(claims) for status, claims in site.by_status().items()},
        latest=changes[:size],
        upcoming=[d for d in deadlines if not d.passed][:size],
        passed=[d for d in reversed(deadlines) if d.passed][:size],
    )


@dataclass(frozen=True)
class Segment:
    """A run of a paragraph's text, and the quotes that cover it (none for plain text)."""

    text: str
    quotes: tuple[Quote, ...]
    ending: tuple[Quote, ...]


def segments(paragraph: Paragraph) -> list[Segment]:
    """Split a paragraph at every quote boundary, so overlapping quotes highlight cleanly."""
    cuts = sorted({0, len(paragraph.text)} | {q.span[0] for q in paragraph.quotes} | {q.span[1] for q in paragraph.quotes})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        covering = tuple(q for q in paragraph.quotes if q.span[0] <= start and end <= q.span[1])
        ending = tuple(q for q in covering if q.span[1] == end)
        pieces.append(Segment(paragraph.text[start:end], covering, ending))
    return pieces


@dataclass(frozen=True)
class DeadlineStatus:
    """Where a deadline stands on the build date: its recorded outcome, else upcoming or passed."""

    deadline: Deadline
    state: str
    days: int
    moved_to: Deadline | None

    @property
    def word(self) -> str:
        """Upcoming, Met, Missed, Moved or Passed."""
        return label(f"deadline.word.{self.state}")

    @property
    def summary(self) -> str:
        """The state in a few words: "passed and missed", "upcoming, 273 days left"."""
        return self.summary_in("en")

    def summary_in(self, lang: str) -> str:
        """The summary in a language of the pictures."""
        if self.state == "upcoming":
            return (label("deadline.upcoming.one", lang) if self.days == 1
                    else label("deadline.upcoming", lang, days=self.days))
        if self.state == "moved":
            target = local(self.moved_to.data.label, lang) if self.moved_to else None
            return label("deadline.moved", lang, target=target) if target else label("deadline.moved.nowhere", lang)
        if self.state == "met" and self.days >= 0:
            return label("deadline.met.early", lang)
        return label(f"deadline.{self.state}", lang)

    @property
    def as_of(self) -> str:
        """The build date the state is computed on, as readers see it."""
        return day_label(self.deadline.as_of)


def deadline_status(deadline: Deadline) -> DeadlineStatus:
    """The deadline's state: met, missed or moved as its outcome records, else upcoming or passed by date."""
    outcome = deadline.data.outcome
    state: str = "passed" if deadline.passed else "upcoming"
    if outcome is not None and outcome.state != "open":
        state = outcome.state
    return DeadlineStatus(deadline, state, deadline.days, deadline.moved_to)


# Past this many claims the timeline is split into a page per month (an overview lists the months): one picture
# of thousands of rows can be neither read nor drawn quickly.
TIMELINE_PAGE_CLAIMS = 150


@dataclass(frozen=True)
class Month:
    """The claims made in one calendar month (by the first day their date can stand for), for its timeline page."""

    key: str  # 2025-03
    date: FuzzyDate
    claims: list[Claim]

    @property
    def url(self) -> str:
        return f"timeline/{self.key}/"

    def counts(self) -> dict[str, int]:
        return {status: sum(c.status == status for c in self.claims) for status in VERDICT_WORDS}


@per_site  # asked for by the plan of each edition and by what a dirty rebuild must render again
def timeline_months(site: Site) -> list[Month]:
    """The months in which claims were made, earliest first; none when the whole timeline fits on one page."""
    if len(site.claims) <= TIMELINE_PAGE_CLAIMS:
        return []
    months: dict[str, list[Claim]] = {}
    for claim in claims_in_order(site):
        months.setdefault(claim.data.made_on.date.start.strftime("%Y-%m"), []).append(claim)
    return [Month(key, FuzzyDate(claims[0].data.made_on.date.start.replace(day=1), "month"), claims)
            for key, claims in months.items()]


def claims_in_order(site: Site) -> list[Claim]:
    """Claims by the date they were made, earliest first."""
    return sorted(site.claims.values(), key=lambda c: (c.data.made_on.date.start, c.data.made_on.date.end, c.id))
