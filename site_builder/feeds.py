"""Atom feeds of verdict changes: all of them, and per actor, per deadline and per verdict."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from xml.sax.saxutils import escape, quoteattr

from .citing import Update, absolute, update_log
from .dates import FuzzyDate
from .model import VERDICT_WORDS, Claim, Site, per_site
from .schema import STATUSES
from .webdates import atom_time, latest

EPOCH = "1970-01-01T00:00:00Z"  # the date of a feed on a site without a single claim


@dataclass(frozen=True)
class Feed:
    """One feed: where it is published, what it is about, the page it belongs to, its updates, and the actor
    or deadline it follows (None for the site-wide and verdict feeds). The updates are worked out when first
    asked for: pages link to every feed, and a rebuild under serve writes the feeds after its pages."""

    path: str
    title: str
    page: str
    made: Callable[[], list[Update]] = field(repr=False, compare=False)
    about: tuple[str, str] | None = None

    @cached_property
    def updates(self) -> list[Update]:
        return self.made()


def newest_first(updates: Iterable[Update]) -> list[Update]:
    """Updates newest first, in a stable order."""
    ordered = sorted(updates, key=lambda u: (u.claim.id, u.anchor))
    ordered.sort(key=lambda u: (u.date.date.end, u.date.date.start), reverse=True)
    return ordered


# Each claim's Atom entries by update anchor: a --dirty build keeps those of the claims an edit did not reach.
Entries = dict[str, dict[str, str]]


@per_site
def _made(site: Site) -> dict[str, list[Feed]]:
    return {}


def feeds(site: Site, title: str) -> list[Feed]:
    """The site-wide feed, then one per actor, per deadline and per verdict (worked out once per site and title:
    both editions link to the same feeds)."""
    made = _made(site)
    if title not in made:
        made[title] = _feeds(site, title)
    return made[title]


def _feeds(site: Site, title: str) -> list[Feed]:
    logs: dict[str, list[Update]] = {}

    def log_of(claim: Claim) -> list[Update]:
        if claim.id not in logs:
            logs[claim.id] = update_log(claim)
        return logs[claim.id]

    def of(claims: Iterable[Claim]) -> Callable[[], list[Update]]:
        return lambda: newest_first(u for claim in claims for u in log_of(claim))

    def rated(status: str) -> Callable[[], list[Update]]:
        return lambda: [u for u in everything.updates if u.status == status]

    everything = Feed("feeds/updates.xml", f"{title}: all verdict changes", "", of(site.claims.values()))
    result = [everything]
    result += [Feed(f"feeds/actors/{actor.id}.xml", f"{title}: claims by {actor.data.name.en}", actor.url,
                    of(actor.claims), ("actor", actor.id)) for actor in site.actors.values()]
    result += [Feed(f"feeds/deadlines/{deadline.id}.xml", f"{title}: claims naming {deadline.data.label.en}",
                    deadline.url, of(deadline.claims), ("deadline", deadline.id)) for deadline in site.deadlines.values()]
    result += [Feed(f"feeds/verdicts/{status}.xml", f"{title}: claims rated {VERDICT_WORDS[status].lower()}",
                    f"status/{status}/", rated(status)) for status in STATUSES]
    return result


def entry_id(update: Update, site_url: str) -> str:
    """The entry's permanent id: the claim's permanent URL with the update's anchor on the claim page."""
    return absolute(site_url, f"{update.claim.url}#{update.anchor}")


class AtomWriter:
    """Writes Atom documents; ids and dates come from the content, never from the build.

    An entry appears in several feeds (all updates, its actors', its deadlines', its verdict's): it is
    written once and reused, and under --dirty kept (`entries`) until an edit reaches its claim.
    """

    def __init__(self, site_url: str, organisation: str, fallback: FuzzyDate | None,
                 entries: Entries | None = None) -> None:
        self.site_url = site_url
        self.organisation = organisation
        self.fallback = atom_time(fallback) if fallback else EPOCH
        self.entries: Entries = {} if entries is None else entries

    def feed(self, feed: Feed) -> bytes:
        """The feed as an Atom document (an empty feed is dated by the site's newest update)."""
        newest = latest(u.date.date for u in feed.updates)
        url = absolute(self.site_url, feed.path)
        head = [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
            f"  <id>{escape(url)}</id>",
            f"  <title>{escape(feed.title)}</title>",
            f"  <updated>{atom_time(newest) if newest else self.fallback}</updated>",
            f'  <link rel="self" type="application/atom+xml" href={quoteattr(url)}/>',
            f'  <link rel="alternate" type="text/html" href={quoteattr(absolute(self.site_url, feed.page))}/>',
            f"  <author><name>{escape(self.organisation)}</name><uri>{escape(absolute(self.site_url, ''))}</uri></author>",
        ]
        body = [self.entry(update) for update in feed.updates]
        return "\n".join(head + body + ["</feed>", ""]).encode("utf-8")

    def entry(self, update: Update) -> str:
        """One update as an <entry>."""
        own = self.entries.setdefault(update.claim.id, {})
        if update.anchor not in own:
            key = entry_id(update, self.site_url)
            when = atom_time(update.date.date)
            word = VERDICT_WORDS[update.status]
            summary = f"{update.change} {update.date.date.preposition} {update.date.date.label()}. {update.note}"
            own[update.anchor] = "\n".join([
                "  <entry>",
                f"    <id>{escape(key)}</id>",
                f"    <title>{escape(f'{word}: {update.claim.data.statement.en}')}</title>",
                f"    <updated>{when}</updated>",
                f"    <published>{when}</published>",
                f'    <link rel="alternate" type="text/html" href={quoteattr(key)}/>',
                f"    <category term={quoteattr(update.status)} label={quoteattr(word)}/>",
                f"    <summary>{escape(summary)}</summary>",
                "  </entry>",
            ])
        return own[update.anchor]
