"""schema.org ClaimReview data for claim pages, on a published rating scale where higher means truer."""

from __future__ import annotations

import json
from typing import Any

from .citing import absolute
from .i18n import Edition
from .model import Actor, Claim
from .seeds import Source
from .views import role_on
from .webdates import w3c_date

# The published scale (docs/open-data.md): 1 denied, 2 superseded, 3 confirmed. Superseded sits in the middle
# because the claim was neither borne out nor shown false: a later statement replaced it. 2 does not mean
# "half true"; the verdict word in alternateName says what it means. Unresolved claims get no ClaimReview.
RATING_SCALE = {"denied": 1, "superseded": 2, "confirmed": 3}
WORST_RATING, BEST_RATING = 1, 3
CLAIM_REVIEWED_LIMIT = 74  # Google asks for fewer than 75 characters
ELLIPSIS = "\u2026"


def claim_reviewed(statement: str, limit: int = CLAIM_REVIEWED_LIMIT) -> str:
    """The statement, cut at a word boundary with an ellipsis when longer than the limit."""
    text = " ".join(statement.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS) + 1]
    words = cut[: cut.rfind(" ")] if " " in cut else cut[: limit - len(ELLIPSIS)]
    return words.rstrip(" ,;:.\u2013\u2014-") + ELLIPSIS


def claim_review(claim: Claim, organisation: str, site_url: str,
                 edition: Edition | None = None) -> dict[str, Any] | None:
    """The ClaimReview of a claim with a verdict; None for an unresolved claim.

    It was published when the claim was first rated (its oldest history step, else the verdict) and last
    modified by the current verdict, which the checker keeps the latest step of the history.
    """
    if claim.status not in RATING_SCALE:
        return None
    edition = edition or Edition("en")
    data = claim.data
    sources = list({quote.source.id: quote.source for quote in claim.appearances}.values())
    first = min(sources, key=lambda source: source.entry.published.date.start)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute(site_url, edition.prefix + claim.url),
        "claimReviewed": claim_reviewed(edition.plain(data.statement)),
        "inLanguage": edition.code,
        "author": {"@type": "Organization", "name": organisation, "url": absolute(site_url, "")},
        "datePublished": w3c_date(data.history[0].date.date if data.history else data.verdict.date.date),
        "dateModified": w3c_date(data.verdict.date.date),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_SCALE[claim.status],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": edition.plain_t(claim.verdict_word),
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": _one_or_list([_author(actor, claim) for actor in claim.actors]),
            **({"about": _one_or_list([_author(actor, claim) for actor in claim.about])} if claim.about else {}),
            "datePublished": w3c_date(data.made_on.date),
            "appearance": [_work(source, site_url) for source in sources],
            "firstAppearance": _work(first, site_url),
        },
    }


def _author(actor: Actor, claim: Claim) -> dict[str, Any]:
    """A Person for people and unnamed sources, an Organization for institutions and governments."""
    kind = "Person" if actor.data.kind in ("person", "anonymous") else "Organization"
    author: dict[str, Any] = {"@type": kind, "name": actor.data.name.en}
    role = role_on(actor, claim.data.made_on.date)
    if kind == "Person" and role:
        author["jobTitle"] = role.title.en
    if actor.data.wikidata:
        author["sameAs"] = f"https://www.wikidata.org/wiki/{actor.data.wikidata}"
    return author


def _one_or_list(items: list[dict[str, Any]]) -> dict[str, Any] | list[dict[str, Any]]:
    return items[0] if len(items) == 1 else items


def _work(source: Source, site_url: str) -> dict[str, Any]:
    """A source article as a CreativeWork, with our archived copy of it."""
    entry = source.entry
    return {
        "@type": "CreativeWork",
        "headline": entry.headline.ar,
        "alternativeHeadline": entry.headline.en,
        "inLanguage": "ar",
        "datePublished": w3c_date(entry.published.date),
        "publisher": {"@type": "Organization", "name": entry.outlet.en},
        "archivedAt": absolute(site_url, source.url),
    }


def json_ld(data: dict[str, Any]) -> str:
    """A <script> element holding the data as JSON-LD, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'
