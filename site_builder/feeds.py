"""Atom feeds of verdict changes: all of them, and per actor, per deadline and per verdict."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Iterable

from .citing import Update, absolute, update_log
from .dates import FuzzyDate
from .model import VERDICT_WORDS, Claim, Site
from .schema import STATUSES
from .webdates import atom_time, latest

ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"
ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Feed:
    """One feed: where it is published, what it is about, the page it belongs to, and its updates."""

    path: str
    title: str
    page: str
    updates: list[Update]


def newest_first(claims: Iterable[Claim]) -> list[Update]:
    """Every status the claims have had, newest first, in a stable order."""
    updates = [u for claim in claims for u in update_log(claim)]
    updates.sort(key=lambda u: (u.claim.id, u.anchor))
    updates.sort(key=lambda u: (u.date.date.end, u.date.date.start), reverse=True)
    return updates


def feeds(site: Site, title: str) -> list[Feed]:
    """The site-wide feed, then one per actor, per deadline and per verdict."""
    updates = newest_first(site.claims.values())
    result = [Feed("feeds/updates.xml", f"{title}: all verdict changes", "", updates)]
    result += [Feed(f"feeds/actors/{actor.id}.xml", f"{title}: claims by {actor.data.name.en}", actor.url,
                    newest_first(actor.claims)) for actor in site.actors.values()]
    result += [Feed(f"feeds/deadlines/{deadline.id}.xml", f"{title}: claims naming {deadline.data.label.en}",
                    deadline.url, newest_first(deadline.claims)) for deadline in site.deadlines.values()]
    result += [Feed(f"feeds/verdicts/{status}.xml", f"{title}: claims rated {VERDICT_WORDS[status].lower()}",
                    f"status/{status}/", [u for u in updates if u.status == status]) for status in STATUSES]
    return result


def atom(feed: Feed, site_url: str, organisation: str, fallback: FuzzyDate | None) -> bytes:
    """The feed as an Atom document; ids and dates come from the content, never from the build.

    An empty feed is dated by `fallback`, the site's newest update.
    """
    root = ET.Element(f"{{{ATOM}}}feed", {f"{{{XML}}}lang": "en"})
    _text(root, "id", absolute(site_url, feed.path))
    _text(root, "title", feed.title)
    newest = latest(u.date.date for u in feed.updates) or fallback
    _text(root, "updated", atom_time(newest) if newest else "1970-01-01T00:00:00Z")
    _link(root, "self", absolute(site_url, feed.path), "application/atom+xml")
    _link(root, "alternate", absolute(site_url, feed.page), "text/html")
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", organisation)
    _text(author, "uri", absolute(site_url, ""))
    for update in feed.updates:
        _entry(root, update, site_url)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def entry_id(update: Update, site_url: str) -> str:
    """The entry's permanent id: the claim's permanent URL with the update's anchor on the claim page."""
    return absolute(site_url, f"{update.claim.url}#{update.anchor}")


def _entry(root: ET.Element, update: Update, site_url: str) -> None:
    entry = ET.SubElement(root, f"{{{ATOM}}}entry")
    _text(entry, "id", entry_id(update, site_url))
    _text(entry, "title", f"{VERDICT_WORDS[update.status]}: {update.claim.data.statement.en}")
    _text(entry, "updated", atom_time(update.date.date))
    _text(entry, "published", atom_time(update.date.date))
    _link(entry, "alternate", entry_id(update, site_url), "text/html")
    ET.SubElement(entry, f"{{{ATOM}}}category", {"term": update.status, "label": VERDICT_WORDS[update.status]})
    _text(entry, "summary", f"{update.change} on {update.date.date.label()}. {update.note}")


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = text


def _link(parent: ET.Element, rel: str, href: str, kind: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "href": href, "type": kind})
