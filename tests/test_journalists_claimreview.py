"""ClaimReview JSON-LD and link-preview tags on every page of the mini site and of the real site."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.building import build_site
from site_builder.claimreview import BEST_RATING, RATING_SCALE, WORST_RATING, claim_reviewed
from site_builder.model import VERDICT_WORDS, Site
from site_builder.project import load_site

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
EPOCH = "1767225600"
W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
RATING_WORDS = {w.lower() for w in VERDICT_WORDS.values()} | {"true", "false", "mostly", "misleading"}


class Head(HTMLParser):
    """The meta, link and JSON-LD script elements of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.json_ld: list[Any] = []
        self._in_json_ld = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in values or "name" in values):
            key = values.get("property") or values["name"]
            self.meta.setdefault(key, []).append(values.get("content", ""))
        elif tag == "link":
            self.links.append(values)
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in_json_ld, self._buffer = True, []

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_json_ld:
            self.json_ld.append(json.loads("".join(self._buffer)))
            self._in_json_ld = False


def parse(page: Path) -> Head:
    head = Head()
    head.feed(page.read_text(encoding="utf-8"))
    return head


def claimreview_problems(data: Any, page_url: str) -> list[str]:
    """Everything missing or wrong in one ClaimReview, by Google's required and recommended properties."""
    problems: list[str] = []

    def need(condition: bool, message: str) -> None:
        if not condition:
            problems.append(message)

    need(data.get("@context") in ("https://schema.org", "http://schema.org"), "@context is not schema.org")
    need(data.get("@type") == "ClaimReview", "@type is not ClaimReview")
    need(data.get("url") == page_url, f"url {data.get('url')!r} is not the page's canonical URL {page_url!r}")
    reviewed = data.get("claimReviewed")
    need(isinstance(reviewed, str) and 0 < len(reviewed) < 75, "claimReviewed is missing or 75 characters or more")
    if isinstance(reviewed, str):
        first = reviewed.split()[0].strip(":").lower() if reviewed.split() else ""
        need(first not in RATING_WORDS, f"claimReviewed starts with a rating word: {reviewed!r}")
    rating = data.get("reviewRating") or {}
    need(rating.get("@type") == "Rating", "reviewRating is not a Rating")
    need(isinstance(rating.get("alternateName"), str) and bool(rating.get("alternateName")),
         "reviewRating.alternateName is missing")
    worst, best, value = rating.get("worstRating"), rating.get("bestRating"), rating.get("ratingValue")
    if isinstance(worst, int) and isinstance(best, int) and isinstance(value, int):
        need(worst >= 1 and best > worst and worst <= value <= best, f"rating {value} is off the scale {worst}-{best}")
    else:
        problems.append("the rating scale is not numeric")
    author = data.get("author") or {}
    need(author.get("@type") in ("Organization", "Person") and bool(author.get("name")), "author has no name")
    need(urlsplit(author.get("url", "")).scheme == "https", "author.url is not an absolute https URL")
    for key in ("datePublished", "dateModified"):
        need(bool(W3C_DATE.match(str(data.get(key, "")))), f"{key} is not a W3C date")
    need(str(data.get("dateModified", "")) >= str(data.get("datePublished", "")),
         "dateModified is before datePublished")
    item = data.get("itemReviewed") or {}
    need(item.get("@type") == "Claim", "itemReviewed is not a Claim")
    authors = item.get("author")
    authors = authors if isinstance(authors, list) else [authors]
    need(all(isinstance(a, dict) and a.get("@type") in ("Person", "Organization") and a.get("name") for a in authors),
         "itemReviewed.author is not a named Person or Organization")
    subjects = item.get("about", [])
    subjects = subjects if isinstance(subjects, list) else [subjects]
    need(all(isinstance(a, dict) and a.get("@type") in ("Person", "Organization") and a.get("name") for a in subjects),
         "itemReviewed.about is not a named Person or Organization")
    need(bool(W3C_DATE.match(str(item.get("datePublished", "")))), "itemReviewed.datePublished is not a W3C date")
    works = item.get("appearance") or []
    need(bool(works), "itemReviewed.appearance is empty")
    for work in works + [item.get("firstAppearance") or {}]:
        need(work.get("@type") == "CreativeWork" and bool(work.get("headline")), "an appearance has no headline")
        need(bool((work.get("publisher") or {}).get("name")), "an appearance has no publisher name")
        need(bool(W3C_DATE.match(str(work.get("datePublished", "")))), "an appearance has no W3C datePublished")
    need(item.get("firstAppearance") in works, "firstAppearance is not one of the appearances")
    if works and item.get("firstAppearance") in works:
        need(min(str(w["datePublished"]) for w in works) == item["firstAppearance"]["datePublished"],
             "firstAppearance is not the earliest appearance")
    return problems


def _build(root: Path, target: Path) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        return build_site(root, target)


@pytest.fixture(scope="module", params=["mini", "real"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Path]:
    """The model and the built site, for the mini fixture and for the real content."""
    root = MINI if request.param == "mini" else ROOT
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        site = load_site(root)
    return site, _build(root, tmp_path_factory.mktemp(request.param) / "site")


def pages(folder: Path) -> Iterator[Path]:
    """Every page MkDocs built (redirect pages and the 404 page excluded)."""
    for page in sorted(folder.rglob("index.html")):
        if "http-equiv=\"refresh\"" not in page.read_text(encoding="utf-8"):
            yield page


def test_every_claim_page_with_a_verdict_has_one_valid_claimreview(built: tuple[Site, Path]) -> None:
    site, folder = built
    assert site.claims
    # Plain strings only in the asserts: a failing assert would print the whole linked model.
    for claim_id, url, status, word in [(c.id, c.url, c.status, c.verdict_word) for c in site.claims.values()]:
        head = parse(folder / url / "index.html")
        reviews = [d for d in head.json_ld if d.get("@type") == "ClaimReview"]
        if status == "unresolved":
            assert reviews == [], f"{claim_id} is unresolved but carries a ClaimReview"
            continue
        assert len(reviews) == 1, f"{claim_id}: {len(reviews)} ClaimReviews"
        problems = claimreview_problems(reviews[0], f"https://factcheck.example.org/{url}")
        assert problems == [], f"{claim_id}: {problems}"
        rating = reviews[0]["reviewRating"]
        assert (rating["alternateName"], rating["ratingValue"]) == (word, RATING_SCALE[status])


def test_the_claim_reviewed_names_the_actors_it_is_about(built: tuple[Site, Path]) -> None:
    site, folder = built
    for claim_id, url, names in [(c.id, c.url, [a.data.name.en for a in c.about]) for c in site.claims.values()
                                 if c.has_verdict]:
        [review] = [d for d in parse(folder / url / "index.html").json_ld if d.get("@type") == "ClaimReview"]
        about = review["itemReviewed"].get("about", [])
        assert [a["name"] for a in (about if isinstance(about, list) else [about])] == names, claim_id
    if "april-2024-joint-statement-review" in site.claims:  # the real site: a confirmed claim about al-Sudani
        [review] = [d for d in parse(folder / "claims/april-2024-joint-statement-review/index.html").json_ld
                    if d.get("@type") == "ClaimReview"]
        assert review["itemReviewed"]["about"] == {"@type": "Person", "name": "Mohammed Shia al-Sudani",
                                                   "jobTitle": "Prime Minister of Iraq"}


def test_no_page_but_a_claim_page_carries_a_claimreview(built: tuple[Site, Path]) -> None:
    site, folder = built
    claim_pages = {folder / edition / c.url / "index.html" for c in site.claims.values() for edition in ("", "ar")}
    with_review = [p for p in pages(folder) if p not in claim_pages and parse(p).json_ld]
    assert with_review == []


def test_every_page_has_preview_tags_with_its_canonical_url(built: tuple[Site, Path]) -> None:
    _, folder = built
    checked = 0
    for page in pages(folder):
        head = parse(page)
        for key in ("og:title", "og:description", "og:url", "og:locale", "og:type", "og:site_name",
                    "twitter:card", "twitter:title", "twitter:description"):
            assert len(head.meta.get(key, [])) == 1, f"{page}: {key} appears {len(head.meta.get(key, []))} times"
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        assert canonical == head.meta["og:url"], page
        relative = page.parent.relative_to(folder).as_posix()
        assert head.meta["og:url"][0] == "https://factcheck.example.org/" + ("" if relative == "." else relative + "/")
        assert re.fullmatch(r"[a-z]{2}_[A-Z]{2}", head.meta["og:locale"][0])
        checked += 1
    assert checked > 10


def test_claim_previews_state_the_verdict(built: tuple[Site, Path]) -> None:
    site, folder = built
    for url, word, statement in [(c.url, c.verdict_word, c.data.statement.en) for c in site.claims.values()]:
        head = parse(folder / url / "index.html")
        assert head.meta["og:type"] == ["article"]
        assert head.meta["og:description"][0].startswith(f"{word}:")
        assert head.meta["twitter:description"] == head.meta["og:description"]
        assert head.meta["og:title"] == [statement]


def test_the_scale_puts_higher_ratings_on_truer_verdicts() -> None:
    assert WORST_RATING == RATING_SCALE["denied"] < RATING_SCALE["superseded"]
    assert RATING_SCALE["superseded"] < RATING_SCALE["confirmed"] == BEST_RATING
    assert "unresolved" not in RATING_SCALE


def test_a_long_statement_is_cut_at_a_word_boundary() -> None:
    statement = ("The military mission of the international coalition against ISIS in Iraq will end within "
                 "twelve months, by the end of September 2025 at the latest.")
    assert claim_reviewed(statement) == "The military mission of the international coalition against ISIS in Iraq…"
    assert claim_reviewed("Short claims stay whole.") == "Short claims stay whole."


@given(st.lists(st.text(alphabet="abcdefghij,.", min_size=1, max_size=30), min_size=1, max_size=20))
def test_claim_reviewed_is_short_and_a_prefix_of_the_statement(words: list[str]) -> None:
    statement = " ".join(words)
    short = claim_reviewed(statement)
    assert 0 < len(short) < 75
    if short.endswith("…"):
        stem = short.removesuffix("…")
        assert statement.startswith(stem)
        assert len(statement) > 74
        assert len(words[0]) > 73 or statement[len(stem):].lstrip(",;:.-")[:1] in (" ", "")
    else:
        assert short == statement
