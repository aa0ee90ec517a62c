"""The Arabic edition in headless Chromium: search that forgives diacritics and hamza forms, offline, in both
editions; the bundled Arabic font; the language switcher by keyboard."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import AS_OF_EPOCH, MINI
from test_browser_reader import chromium, screenshot, serve, type_search, watching

from site_builder.building import build_site

__all__ = ["chromium"]  # the browser fixture, shared with the reader tests

CLAIM = "claims/coalition-mission-ends-by-september-2025/"  # "… في موعد أقصاه نهاية سبتمبر 2025."
QUOTED = "claims/coalition-mission-ends-by-september-2025/"  # quotes «أعلنت الولايات المتحدة والعراق في بيان مشترك»
FONT = "Noto Naskh Arabic"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The mini project built (both editions) and served on 127.0.0.1."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.setenv("SOURCE_DATE_EPOCH", AS_OF_EPOCH)
        folder = build_site(MINI, tmp_path_factory.mktemp("arabic-browser") / "site")
    with serve(folder) as base:
        yield folder, base


FOUND = ("want => [...document.querySelectorAll('.md-search-result__link')]"
         ".some(a => a.href.split('?')[0].split('#')[0].endsWith(want))")
NOTHING = "qqqqzzzz"  # a query no page matches: clears the results between two queries


def open_search(page: Any, base: str, start: str) -> None:
    """Open a page and wait until the theme's search worker has indexed the edition (routing slows it down)."""
    page.goto(base + start, wait_until="load")
    page.locator("input.md-search__input").click(timeout=5_000)
    type_search(page, NOTHING)
    page.wait_for_function("!/(Initializing|بدء البحث)/.test(document.querySelector('.md-search-result__meta')"
                           ".textContent)", timeout=120_000)


def search(page: Any, base: str, query: str, want: str) -> list[str]:
    """Type a query into the search box as a reader would; the result links once `want` is among them (or what
    the search shows instead after waiting for it)."""
    type_search(page, NOTHING)
    page.wait_for_function("document.querySelectorAll('.md-search-result__link').length === 0", timeout=15_000)
    type_search(page, query)
    for _ in range(150):  # up to 15 s; the caller's assertion says what was found instead
        if page.evaluate(FOUND, want):
            break
        page.wait_for_timeout(100)
    assert page.locator("input.md-search__input").input_value() == query  # the reader's text stays as typed
    links = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    return [re.sub(r"[?#].*$", "", link).removeprefix(base) for link in links]


ARABIC_QUERIES = [
    "أقصاه",        # as the statement writes it: alef with hamza above
    "اقصاه",        # bare alef
    "إقصاه",        # hamza below
    "آقصاه",        # alef with madda
    "أَقْصَاهُ",     # with diacritics (tashkeel)
    "المُهِمَّة العَسْكَرِيَّة",  # diacritics and shadda, two words
    "المهمه العسكريه",  # ta marbuta written as ha
]
QUOTE_QUERIES = ["أعلنت الولايات", "اعلنت الولايات", "أَعْلَنَت", "إعلنت"]


def test_an_arabic_query_finds_the_claim_on_the_arabic_edition(site: tuple[Path, str], chromium: Any) -> None:
    _, base = site
    missed = {}
    with watching(chromium, base) as (page, watch):
        open_search(page, base, "ar/")
        for query in ARABIC_QUERIES:
            found = search(page, base, query, "ar/" + CLAIM)
            if "ar/" + CLAIM not in found or not all(link.startswith("ar/") for link in found):
                missed[query] = found
        screenshot(page, "arabic-edition-search")
        assert missed == {}
        assert watch.problems() == {}


def test_an_arabic_quote_is_found_on_the_english_edition(site: tuple[Path, str], chromium: Any) -> None:
    _, base = site
    missed = {}
    with watching(chromium, base) as (page, watch):
        open_search(page, base, "")
        for query in QUOTE_QUERIES:
            found = search(page, base, query, QUOTED)
            if QUOTED not in found or any(link.startswith("ar/") for link in found):
                missed[query] = found
        screenshot(page, "english-edition-arabic-search")
        assert missed == {}
        assert watch.problems() == {}


def test_english_search_still_works_on_both_editions(site: tuple[Path, str], chromium: Any) -> None:
    _, base = site
    with watching(chromium, base) as (page, watch):
        open_search(page, base, "")
        assert CLAIM in search(page, base, "twelve months", CLAIM)
        open_search(page, base, "ar/")
        assert "ar/" + CLAIM in search(page, base, "twelve months", "ar/" + CLAIM)
        assert watch.problems() == {}


def test_search_needs_nothing_from_outside_the_site(site: tuple[Path, str], chromium: Any) -> None:
    _, base = site
    with watching(chromium, base) as (page, watch):
        open_search(page, base, "ar/")
        search(page, base, "أقصاه", "ar/" + CLAIM)
        assert watch.outside == []  # (watch.known: requests test_browser_reader checks on their own)
        assert not [url for url in watch.requested if url.endswith("/sitemap.xml") and "/feeds/" not in url]
        assert any(url.startswith(base + "ar/search/search_index.json") for url in watch.requested)
        assert any("lunr.ar.min.js" in url and url.startswith(base + "ar/") for url in watch.requested)


def _font_of(page: Any, selector: str) -> list[str]:
    """The fonts Chromium actually drew the element's text with (DevTools' "rendered fonts")."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return [font["familyName"] for font in fonts]


def test_arabic_text_is_drawn_with_the_bundled_font_fetched_from_the_site(site: tuple[Path, str],
                                                                         chromium: Any) -> None:
    _, base = site
    with watching(chromium, base) as (page, watch):
        page.goto(base + "ar/" + CLAIM, wait_until="load")
        page.evaluate("document.fonts.ready")
        assert page.evaluate(f"document.fonts.check('16px \"{FONT}\"', 'عربي')")
        assert FONT in _font_of(page, "h1.claim__statement")
        fonts = [url for url in watch.requested if url.endswith(".woff2")]
        assert fonts and all(url.startswith(base + "ar/assets/fonts/noto-naskh-arabic-") for url in fonts)
        screenshot(page, "arabic-edition-claim")
        page.goto(base + CLAIM, wait_until="load")  # English pages draw their Arabic quotes with it too
        page.evaluate("document.fonts.ready")
        assert FONT in _font_of(page, ".citation__ar")
        assert watch.outside == [] and watch.problems() == {}


def test_the_switcher_works_by_keyboard_both_ways(site: tuple[Path, str], chromium: Any) -> None:
    _, base = site
    with watching(chromium, base) as (page, watch):
        page.goto(base + CLAIM, wait_until="load")
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('language-switch__link')"):
                break
        else:
            pytest.fail("the language switcher is never reached with the Tab key")
        page.keyboard.press("Enter")
        page.wait_for_url(base + "ar/" + CLAIM)
        assert page.locator("html").get_attribute("lang") == "ar"
        assert page.locator("body").get_attribute("dir") == "rtl"
        page.locator(".language-switch__link").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(base + CLAIM)
        assert page.locator("html").get_attribute("lang") == "en"
        assert watch.problems() == {}


def test_no_arabic_page_logs_an_error_or_fetches_anything_outside_the_site(site: tuple[Path, str],
                                                                          chromium: Any) -> None:
    folder, base = site
    problems = {}
    urls = [p.relative_to(folder).as_posix().removesuffix("index.html") for p in sorted((folder / "ar").rglob("*.html"))]
    assert len(urls) >= 15
    with watching(chromium, base) as (page, watch):
        for url in urls:
            page.goto(base + url, wait_until="load")
            if watch.problems() or watch.outside:
                problems[url] = {**watch.problems(), "outside": list(watch.outside)}
                watch.clear()
    assert problems == {}
