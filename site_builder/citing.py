"""What a journalist needs from a claim page: its permanent link, a ready citation, the update log, an error report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from .dates import FuzzyDate
from .model import VERDICT_WORDS, Claim
from .schema import Dated


@dataclass(frozen=True)
class Update:
    """One dated status of a claim: an earlier step of its history or its current verdict."""

    claim: Claim
    date: Dated
    status: str
    previous: str | None
    note: str
    anchor: str

    @property
    def change(self) -> str:
        """What happened, in words: rated, re-rated or confirmed again."""
        word = VERDICT_WORDS[self.status].lower()
        if self.previous is None:
            return f"Rated {word}"
        if self.previous == self.status:
            return f"Reviewed again: still {word}"
        return f"Changed from {VERDICT_WORDS[self.previous].lower()} to {word}"


@dataclass(frozen=True)
class CiteBox:
    """The facts of the "Cite this claim" box and the text a reader copies."""

    permalink: str
    title: str
    verdict: str
    verdict_date: Dated
    updated: FuzzyDate
    text: str
    log: list[Update]
    report_url: str | None


def site_path(url: str) -> str:
    """A site-relative URL without the './' MkDocs gives the home page."""
    return "" if url in (".", "./") else url


def absolute(site_url: str, url: str) -> str:
    """A site-relative URL made absolute with site_url (root-relative when no site_url is set)."""
    return (site_url.rstrip("/") + "/" if site_url else "/") + site_path(url)


def update_log(claim: Claim) -> list[Update]:
    """The claim's statuses oldest first, each with a page anchor that never changes for that date and status."""
    steps: list[tuple[Dated, str, str]] = [(s.data.date, s.data.status, s.data.note.en) for s in claim.history]
    steps.append((claim.data.verdict.date, claim.status, claim.data.verdict.rationale.en))
    updates: list[Update] = []
    used: set[str] = set()
    for date, status, note in steps:
        anchor = base = f"update-{date.date}-{status}".lower()
        count = 1
        while anchor in used:
            count += 1
            anchor = f"{base}-{count}"
        used.add(anchor)
        previous = updates[-1].status if updates else None
        updates.append(Update(claim, date, status, previous, note, anchor))
    return updates


def report_url(repository: str | None, claim: Claim, permalink: str) -> str | None:
    """A link opening a new GitHub issue about the claim, its title and body filled in."""
    if not repository:
        return None
    base = repository.rstrip("/") if "://" in repository else f"https://github.com/{repository.strip('/')}"
    title = f"Error report: {claim.id}"
    body = (f"Claim: {permalink}\nVerdict: {claim.verdict_word} ({claim.data.verdict.date.date})\n\n"
            "What is wrong:\n\n\nYour source (a link, a quote or a document):\n")
    return f"{base}/issues/new?" + urlencode({"title": title, "body": body}, quote_via=quote)


def citation_text(claim: Claim, organisation: str, permalink: str) -> str:
    """The plain-text citation: publisher, claim, verdict with its date, last update, permanent link."""
    return (f"{organisation}. \u201c{claim.data.statement.en}\u201d Verdict: {claim.verdict_word} "
            f"({claim.data.verdict.date.date.label()}; last updated {claim.updated.label()}). {permalink}")


def cite_box(claim: Claim, settings: dict[str, Any]) -> CiteBox:
    """Everything the claim page's citation box and update log show."""
    permalink = absolute(settings["site_url"], claim.url)
    return CiteBox(
        permalink=permalink,
        title=claim.data.statement.en,
        verdict=claim.verdict_word,
        verdict_date=claim.data.verdict.date,
        updated=claim.updated,
        text=citation_text(claim, settings["organisation"], permalink),
        log=update_log(claim),
        report_url=report_url(settings["repository"], claim, permalink),
    )
