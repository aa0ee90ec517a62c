"""The resolved content graph: claims, actors, deadlines and sources, linked both ways."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, wraps
from typing import ClassVar, Literal, TypeVar
from weakref import WeakKeyDictionary

from .dates import FuzzyDate
from .schema import STATUSES, ActorFile, Citation, ClaimFile, DeadlineFile, HistoryStep
from .seeds import Paragraph, Source

QuoteRole = Literal["appearance", "evidence", "history", "outcome"]
VERDICT_WORDS = {
    "confirmed": "Confirmed",
    "denied": "Denied",
    "superseded": "Superseded",
    "unresolved": "Unresolved",
}
# What each verdict means, as the verdicts index and each verdict's page say it.
STATUS_MEANINGS = {
    "confirmed": "Claims that later or more authoritative evidence in the sources establishes.",
    "denied": "Claims that evidence in the sources contradicts.",
    "superseded": "Claims overtaken by a later statement or plan; each links to what replaced it.",
    "unresolved": "Claims the sources neither confirm nor deny. This is not a verdict.",
}
KIND_WORDS = {
    "person": "Person",
    "institution": "Institution",
    "government": "Government",
    "anonymous": "Anonymous source",
}
# As docs/ar/.terms.md settles them.
VERDICT_WORDS_AR = {
    "confirmed": "مؤكَّد",
    "denied": "غير صحيح",
    "superseded": "مُستبدَل",
    "unresolved": "غير محسوم",
}


@dataclass(eq=False)
class Quote:
    """A citation, resolved to the paragraph of the source it quotes."""

    data: Citation
    source: Source
    paragraph: Paragraph
    span: tuple[int, int]
    role: QuoteRole
    claim: Claim | None = None
    deadline: Deadline | None = None

    @property
    def anchor(self) -> str:
        return self.data.anchor

    @property
    def link(self) -> str:
        """Site-relative URL of the quoted paragraph."""
        return f"{self.source.url}#{self.paragraph.anchor}"

    @property
    def before(self) -> str:
        return self.paragraph.text[: self.span[0]]

    @property
    def after(self) -> str:
        return self.paragraph.text[self.span[1]:]


@dataclass(eq=False)
class Step:
    """An earlier status of a claim, with its evidence."""

    data: HistoryStep
    evidence: list[Quote]


class Item:
    """What claims, actors and deadlines share: an id and a URL, read from their data once (they are read so
    often that properties cost), and a short repr (the graph links both ways: a dataclass repr would run
    through all of it)."""

    folder: ClassVar[str]
    data: ActorFile | DeadlineFile | ClaimFile
    id: str
    url: str

    def __post_init__(self) -> None:
        self.id = self.data.id
        self.url = f"{self.folder}/{self.id}/"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id!r})"


@dataclass(eq=False, repr=False)
class Actor(Item):
    """A speaker, with the claims attributed to it and the claims others made about it."""

    data: ActorFile
    path: str
    claims: list[Claim] = field(default_factory=list)
    about: list[Claim] = field(default_factory=list)
    folder: ClassVar[str] = "actors"

    @property
    def by_status(self) -> dict[str, list[Claim]]:
        return {status: [c for c in self.claims if c.status == status] for status in STATUSES}


@dataclass(eq=False, repr=False)
class Deadline(Item):
    """A date or period named by claims, and where it stands on the as-of date."""

    data: DeadlineFile
    path: str
    as_of: dt.date
    claims: list[Claim] = field(default_factory=list)
    evidence: list[Quote] = field(default_factory=list)
    moved_to: Deadline | None = None
    folder: ClassVar[str] = "deadlines"

    @property
    def date(self) -> FuzzyDate:
        return self.data.date

    @property
    def falls_on(self) -> dt.date:
        """The day the deadline passes: the end of its period."""
        return self.date.end

    @property
    def passed(self) -> bool:
        return self.as_of > self.falls_on

    @property
    def days(self) -> int:
        """Days from the as-of date to the deadline (negative once passed)."""
        return (self.falls_on - self.as_of).days


@dataclass(eq=False, repr=False)
class Claim(Item):
    """A claim with everything it points to and everything pointing at it."""

    data: ClaimFile
    path: str
    actors: list[Actor] = field(default_factory=list)
    about: list[Actor] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    appearances: list[Quote] = field(default_factory=list)
    evidence: list[Quote] = field(default_factory=list)
    history: list[Step] = field(default_factory=list)
    superseded_by: Claim | None = None
    supersedes: list[Claim] = field(default_factory=list)
    related: list[Claim] = field(default_factory=list)
    folder: ClassVar[str] = "claims"

    @property
    def status(self) -> str:
        return self.data.status

    @property
    def verdict_word(self) -> str:
        return VERDICT_WORDS[self.status]

    @property
    def has_verdict(self) -> bool:
        return self.status != "unresolved"

    @cached_property
    def updated(self) -> FuzzyDate:
        """The latest date in the claim's record; of a month and a day in it, the day (it says more)."""
        data = self.data
        dates = [data.made_on.date, data.verdict.date.date] + [step.date.date for step in data.history]
        return max(dates, key=lambda d: (d.start, -d.end.toordinal()))

    @property
    def sources(self) -> list[Source]:
        seen: dict[str, Source] = {}
        for quote in self.appearances + self.evidence:
            seen.setdefault(quote.source.id, quote.source)
        return list(seen.values())


@dataclass(eq=False)
class Site:
    """The whole graph, ready to render."""

    claims: dict[str, Claim]
    actors: dict[str, Actor]
    deadlines: dict[str, Deadline]
    sources: dict[str, Source]
    as_of: dt.date

    def by_status(self) -> dict[str, list[Claim]]:
        return _by_status(self)


T = TypeVar("T")


def per_site(compute: Callable[[Site], T]) -> Callable[[Site], T]:
    """compute(site), worked out once for each loaded site: both editions, and every page, are made from one
    site, which is not changed once resolved."""
    found: WeakKeyDictionary[Site, T] = WeakKeyDictionary()

    @wraps(compute)
    def once(site: Site) -> T:
        if site not in found:
            found[site] = compute(site)
        return found[site]

    return once


@per_site
def _by_status(site: Site) -> dict[str, list[Claim]]:
    found: dict[str, list[Claim]] = {status: [] for status in STATUSES}
    for claim in site.claims.values():
        found[claim.status].append(claim)
    return found


def retire(site: Site) -> None:
    """Unlink a site no one will use again (the last one `mkdocs serve` built), so that reference counting frees
    it at once: claims, actors, deadlines, sources and quotes point at each other, and only the cycle collector,
    scanning everything the process holds, would otherwise find them."""
    for source in site.sources.values():
        for quote in source.quotes:  # a quote and its paragraph point at each other
            vars(quote).clear()
    for group in (site.claims, site.actors, site.deadlines, site.sources):
        for item in group.values():
            vars(item).clear()
        group.clear()
