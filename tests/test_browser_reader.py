"""What a reader sees, in headless Chromium: clicking through the site, evidence links, the claims filter,
and no page that logs an error or fetches anything from outside the site."""

from __future__ import annotations

import functools
import json
import re
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import AS_OF_EPOCH, MINI

from site_builder.building import build_site
from site_builder.project import load_site

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PROJECTS = {"real": ROOT, "mini": MINI}
TARGET_OUTLINE = "rgb(255, 152, 0)"  # factcheck.css: .seed__line:target { outline: 3px solid #ff9800 }
# Requests the pages once made because of the theme (both fixed: no repo_url; factcheck.js holds feed links out of
# the theme's sitemap scan). They stay blocked and out of the general checks; each has its own test below.
KNOWN_REQUESTS = {
    r"/feeds/(.+/)?sitemap\.xml$": "Material fetches sitemap.xml beside every <link rel=alternate>: here the Atom "
                                   "feed links meta.py adds, so every page view requests feeds/…/sitemap.xml, which "
                                   "does not exist",
    r"^https://api\.github\.com/": "mkdocs.yml sets repo_url, so Material's header asks the GitHub API for the "
                                    "repository's stars and forks from every reader's browser",
}
FEED_SITEMAP, GITHUB_API = KNOWN_REQUESTS


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser closing a connection early (a blocked or cancelled request) is not a server error."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 from a thread; yield its base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, with a fresh profile; never a downloaded browser."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (./scripts/browser-setup installs it)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900}, service_workers="block")
        try:
            yield context
        finally:
            context.close()


def type_search(page: Any, text: str) -> None:
    """Type into the search box as a reader does. The theme reads the box only on a key-up (or once its index is
    ready), and Playwright enters letters missing from its US keyboard without key events, so a last key press
    stands in for the key-up an Arabic keyboard would give."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(text, delay=10)
    box.press("End")


@dataclass
class Watch:
    """Everything a page did that a reader must never see: errors, dialogs, and requests leaving the site."""

    base: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)

    def clear(self) -> None:
        """Forget the problems seen so far (not the requests)."""
        for kind in (self.console_errors, self.page_errors, self.dialogs, self.outside, self.failed, self.known):
            kind.clear()

    def problems(self) -> dict[str, list[str]]:
        found = {"console errors": self.console_errors, "page errors": self.page_errors, "dialogs": self.dialogs,
                 "requests outside the site": self.outside, "failed requests": self.failed}
        return {kind: list(items) for kind, items in found.items() if items}


@contextmanager
def watching(context: Any, base: str) -> Iterator[tuple[Any, Watch]]:
    """A new page whose console, dialogs and every request (from the page or its workers) are recorded;
    requests for anything outside the site are recorded and blocked."""
    watch = Watch(base)

    def on_request(request: Any) -> None:
        watch.requested.append(request.url)
        if _known(request.url):
            watch.known.append(request.url)
        elif not request.url.startswith((base, "data:", "blob:", "about:")):
            watch.outside.append(request.url)

    def on_response(response: Any) -> None:
        if response.status >= 400 and not _known(response.url):
            watch.failed.append(f"{response.status} {response.url}")

    def on_console(message: Any) -> None:
        where = str(message.location.get("url", ""))
        if message.type == "error" and not _known(where):
            watch.console_errors.append(f"{message.text} at {where}")

    def route(route: Any) -> None:
        route.abort() if not route.request.url.startswith(base) or _known(route.request.url) else route.continue_()

    context.on("request", on_request)
    context.on("response", on_response)
    context.route("**/*", route)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.on("dialog", lambda dialog: (watch.dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
    try:
        yield page, watch
    finally:
        page.close()
        context.unroute("**/*", route)
        context.remove_listener("request", on_request)
        context.remove_listener("response", on_response)


def _known(url: str) -> bool:
    return any(re.search(pattern, url) for pattern in KNOWN_REQUESTS)


def screenshot(page: Any, name: str) -> None:
    """Keep what the reader saw as a test artifact (tests/artifacts/, not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def html_pages(folder: Path) -> list[str]:
    """The site-relative URL of every HTML page of a built site."""
    urls = []
    for path in sorted(folder.rglob("*.html")):
        relative = path.relative_to(folder).as_posix()
        urls.append(relative.removesuffix("index.html"))
    return urls


@dataclass
class Served:
    """A built project, being served."""

    name: str
    root: Path
    folder: Path
    base: str


@pytest.fixture(scope="module", params=list(PROJECTS))
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Each project built with the build command's code, then served on 127.0.0.1."""
    root = PROJECTS[request.param]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.setenv("SOURCE_DATE_EPOCH", AS_OF_EPOCH)
        folder = build_site(root, tmp_path_factory.mktemp(f"browse-{request.param}") / "site")
    with serve(folder) as base:
        yield Served(request.param, root, folder, base)


def _path(page: Any, base: str) -> str:
    return str(page.url).removeprefix(base).split("#")[0]


def _click(page: Any, locator: Any, expected: str, base: str) -> None:
    """Click a link as a reader would and wait until the page it leads to has loaded."""
    assert locator.count() > 0, f"no link to click on {page.url} (wanted {expected})"
    locator.first.click()
    page.wait_for_url(re.compile(re.escape(base) + expected))
    page.wait_for_load_state("load")


def test_a_reader_clicks_from_home_to_claim_actor_deadline_and_source(served: Served, chromium: Any) -> None:
    base = served.base
    with watching(chromium, base) as (page, watch):
        page.goto(base)
        screenshot(page, f"{served.name}-home")
        _click(page, page.locator(".md-content a[href*='claims/']:not([href$='claims/'])"), r"claims/[a-z0-9-]+/",
               base)
        assert page.locator("h1.claim__statement").count() == 1
        screenshot(page, f"{served.name}-claim")
        _click(page, page.locator(".speakers a"), r"actors/[a-z0-9-]+/", base)
        assert page.locator("#claims").count() == 1
        screenshot(page, f"{served.name}-actor")
        _click(page, page.locator("nav.md-nav--primary a.md-nav__link", has_text=re.compile(r"^\s*Deadlines\s*$")),
               r"deadlines/$", base)
        _click(page, page.locator(".md-content table.index-table a"), r"deadlines/[a-z0-9-]+/", base)
        screenshot(page, f"{served.name}-deadline")
        _click(page, page.locator(".md-content .claim-list a"), r"claims/[a-z0-9-]+/", base)
        _click(page, page.locator(".citation__source a:not(.anchor-link)"), r"sources/[a-z0-9-]+/#line-\d+", base)
        screenshot(page, f"{served.name}-source")
        assert page.locator(".seed").count() == 1
        assert watch.problems() == {}


def test_an_evidence_link_lands_on_the_highlighted_paragraph(served: Served, chromium: Any) -> None:
    site = load_site(served.root)
    claim = next(c for c in site.claims.values() if c.evidence)
    quote = claim.evidence[0]
    with watching(chromium, served.base) as (page, watch):
        page.goto(served.base + claim.url)
        link = page.locator(f"#{quote.anchor} .citation__source a:not(.anchor-link)")
        _click(page, link, re.escape(quote.link), served.base)
        target = page.locator(":target")
        assert target.count() == 1
        assert target.get_attribute("id") == quote.paragraph.anchor
        assert "seed__line" in (target.get_attribute("class") or "")
        assert target.locator("mark").count() >= 1  # the quoted words are highlighted in it
        assert target.evaluate("e => getComputedStyle(e).outlineColor") == TARGET_OUTLINE
        other = page.locator(f".seed__line:not([id='{quote.paragraph.anchor}'])").first
        assert other.evaluate("e => getComputedStyle(e).outlineStyle") == "none"
        box, viewport, header = target.bounding_box(), page.viewport_size, page.locator("header").first.bounding_box()
        covered = header["y"] + header["height"] if header else 0  # the theme's sticky header hides what is under it
        assert box is not None and viewport is not None and covered <= box["y"] < viewport["height"]
        screenshot(page, f"{served.name}-evidence-target")
        assert watch.problems() == {}


def test_the_claims_filter_shows_only_the_chosen_verdict(served: Served, chromium: Any) -> None:
    site = load_site(served.root)
    counts = {status: len(claims) for status, claims in site.by_status().items()}
    with watching(chromium, served.base) as (page, watch):
        page.goto(served.base + "claims/")
        visible = page.locator("#claim-list .claim-item:visible")
        assert page.locator("#claim-filter").is_visible()
        assert visible.count() == len(site.claims)
        for status, count in counts.items():
            page.select_option("#claim-filter select[name=status]", status)
            assert visible.count() == count, status
            assert all(s == status for s in visible.evaluate_all("items => items.map(i => i.dataset.status)"))
            assert page.locator("#claim-filter output").inner_text() == f"{count} of {len(site.claims)} claims shown"
        page.select_option("#claim-filter select[name=status]", "confirmed")
        screenshot(page, f"{served.name}-claims-filtered")
        page.select_option("#claim-filter select[name=status]", "")
        assert visible.count() == len(site.claims)
        assert watch.problems() == {}


@pytest.mark.parametrize("query", ["military", "withdrawal", "الأنبار"])
def test_site_search_finds_every_page_with_a_word_typed_in_full(served: Served, chromium: Any, query: str) -> None:
    # The theme searches as you type, with a trailing wildcard that is not stemmed: a stemmed index found nothing.
    index = json.loads((served.folder / "search/search_index.json").read_text(encoding="utf-8"))
    word = re.compile(r"(?<!\w)" + re.escape(query), re.IGNORECASE)
    pages = {doc["location"].split("#")[0] for doc in index["docs"] if word.search(doc["title"] + " " + doc["text"])}
    assert pages, f"no page of {served.name} holds {query!r}: the test needs one"
    with watching(chromium, served.base) as (page, watch):
        page.goto(served.base + "claims/")
        page.keyboard.press("s")  # the theme's search shortcut opens the search box
        type_search(page, query)
        meta = page.locator(".md-search-result__meta")
        expected = f"{len(pages)} matching documents" if len(pages) > 1 else "1 matching document"
        page.wait_for_function("([m, e]) => document.querySelector(m).innerText === e",
                               arg=[".md-search-result__meta", expected], timeout=60_000)  # indexing first
        assert meta.inner_text() == expected
        assert watch.problems() == {}


def test_no_page_logs_an_error_or_fetches_anything_outside_the_site(served: Served, chromium: Any) -> None:
    problems = {}
    pages = html_pages(served.folder)
    assert len(pages) >= 15
    with watching(chromium, served.base) as (page, watch):
        for url in pages:
            page.goto(served.base + url, wait_until="load")
            if watch.problems():
                problems[url] = watch.problems()
                watch.clear()
        hosts = {re.sub(r"^(https?://[^/]+)/.*$", r"\1", url) for url in watch.requested if not _known(url)}
    assert problems == {}
    assert hosts == {served.base.rstrip("/")}


def _known_requests(served: Served, chromium: Any, pattern: str) -> list[str]:
    with watching(chromium, served.base) as (page, watch):
        page.goto(served.base, wait_until="load")
        page.wait_for_load_state("networkidle")
        return [url for url in watch.known if re.search(pattern, url)]


def test_no_page_requests_a_sitemap_beside_the_feed(served: Served, chromium: Any) -> None:
    assert _known_requests(served, chromium, FEED_SITEMAP) == []


def test_no_page_calls_the_github_api(served: Served, chromium: Any) -> None:
    assert _known_requests(served, chromium, GITHUB_API) == []
