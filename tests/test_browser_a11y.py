"""Accessibility in headless Chromium: axe-core (pinned in tests/browser/package-lock.json, installed from npm by
scripts/browser-setup) over each kind of page in every edition of the built site, and every control worked with
real key presses."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import AS_OF_EPOCH
from test_browser_reader import ARTIFACTS, ROOT, chromium, screenshot, serve, watching

from site_builder.building import build_site
from site_builder.model import VERDICT_WORDS, Site
from site_builder.project import load_site
from site_builder.schema import STATUSES
from site_builder.views import TIMELINE_PAGE_CLAIMS

__all__ = ["chromium"]  # the fixture, shared with the reader's tests

AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1 at levels A and AA, and axe's best practices (landmarks, heading order, names of dialogs).
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# An edition is the English site at the root, or a translation under its language code once the build makes one.
EDITIONS = {"en": "", "ar": "ar/"}
MIN_PAGES = 12
MAX_TABS = 250


@dataclass
class Built:
    """The real project, built once and served."""

    site: Site
    folder: Path
    base: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.setenv("SOURCE_DATE_EPOCH", AS_OF_EPOCH)
        folder = build_site(ROOT, tmp_path_factory.mktemp("a11y") / "site")
        site = load_site(ROOT)
    with serve(folder) as base:
        yield Built(site, folder, base)


def pages_to_check(site: Site) -> list[str]:
    """One page of every kind; the claim, actor and deadline are the richest of their kind."""
    claim = max(site.claims.values(), key=lambda c: (len(c.evidence) + len(c.history) + len(c.related)
                                                     + bool(c.superseded_by) + len(c.supersedes), c.id))
    actor = max(site.actors.values(), key=lambda a: (len(a.claims), a.id))
    deadline = max(site.deadlines.values(), key=lambda d: (bool(d.data.outcome), len(d.claims), d.id))
    source = max(site.sources.values(), key=lambda s: (len(s.quotes), s.id))
    status = max(site.by_status().items(), key=lambda item: (len(item[1]), item[0]))[0]
    return ["", "claims/", claim.url, "actors/", actor.url, "deadlines/", deadline.url, "sources/", source.url,
            "timeline/", "status/", f"status/{status}/"]


def editions(folder: Path) -> list[str]:
    """English always; each translation the build wrote."""
    return ["en"] + [code for code, prefix in EDITIONS.items() if prefix and (folder / prefix / "index.html").exists()]


def describe(violations: list[dict[str, Any]]) -> str:
    """axe's findings as a reader can act on them: rule, impact, where, and what to do."""
    lines = []
    for rule in violations:
        lines.append(f"  {rule['id']} ({rule['impact']}): {rule['help']} [{rule['helpUrl']}]")
        for node in rule["nodes"][:8]:
            lines.append(f"      at {' '.join(map(str, node['target']))}: {node['failureSummary'].splitlines()[-1].strip()}")
        if len(rule["nodes"]) > 8:
            lines.append(f"      … and {len(rule['nodes']) - 8} more")
    return "\n".join(lines)


def run_axe(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", RULES)
    return list(result["violations"])


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_axe_finds_no_wcag_21_aa_violation(built: Built, chromium: Any, edition: str) -> None:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run ./scripts/browser-setup")
    found = editions(built.folder)
    assert found[0] == "en" and (built.folder / "index.html").exists()
    # The site is built in both editions (plugin option arabic_edition, on by default): a missing one is a failure.
    assert edition in found, f"the build has no {edition!r} edition (no {EDITIONS[edition]}index.html)"
    pages = [EDITIONS[edition] + url for url in pages_to_check(built.site)]
    missing = [url for url in pages if not (built.folder / url / "index.html").exists()]
    assert missing == [], f"pages the {edition} edition lacks"
    assert len(pages) >= MIN_PAGES
    report, checked = {}, 0
    ARTIFACTS.mkdir(exist_ok=True)
    with watching(chromium, built.base) as (page, watch):
        for url in pages:
            page.goto(built.base + url, wait_until="load")
            violations = run_axe(page)
            checked += 1
            name = f"a11y-{edition}-{url.strip('/').replace('/', '-') or 'home'}"
            if violations:
                report[url or "(home)"] = describe(violations)
                screenshot(page, name)  # the whole page
            else:
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"))  # what the reader sees first
        assert watch.problems() == {}
    assert checked >= MIN_PAGES
    if report:
        pytest.fail("axe found violations:\n" + "\n".join(f"{url}\n{text}" for url, text in report.items()), False)


def test_every_verdict_badge_says_its_verdict_in_words(built: Built, chromium: Any) -> None:
    words = {f"verdict--{status}": word for status, word in VERDICT_WORDS.items()}
    seen: set[str] = set()
    with watching(chromium, built.base) as (page, watch):
        for url in pages_to_check(built.site):
            page.goto(built.base + url, wait_until="load")
            # The words a reader who cannot tell the colours apart sees, without the icon (hidden from screen readers).
            badges = page.locator(".verdict").evaluate_all(
                "bs => bs.map(b => [b.className, b.innerText.replace(b.querySelector('[aria-hidden]').innerText, '')])")
            for classes, text in badges:
                kind = next(c for c in classes.split() if c in words)
                assert text.strip() == words[kind], f"{url}: a {kind} badge reads {text!r}"
                seen.add(kind)
        assert watch.problems() == {}
    assert seen == set(words)


# ---- Keyboard: real key presses in Chromium ----

def tab_to(page: Any, selector: str, *, backwards: bool = False) -> Any:
    """Press Tab until the focused element matches selector; fail if Tab never reaches it."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return page.locator(":focus")
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {selector} on {page.url}")


def around(box: dict[str, float] | None, margin: float = 6) -> dict[str, float]:
    """The part of the viewport that holds a box and its focus ring."""
    assert box is not None, "the element has no box"
    return {"x": max(box["x"] - margin, 0), "y": max(box["y"] - margin, 0), "width": box["width"] + 2 * margin,
            "height": box["height"] + 2 * margin}


def assert_focus_visible(page: Any, name: str, before: bytes | None = None) -> None:
    """The focused element looks different, in pixels, from the same element unfocused (or from `before`, what
    its place looked like before it took focus)."""
    focused = page.evaluate_handle("document.activeElement")
    clip = around(focused.bounding_box())
    with_focus = page.screenshot(clip=clip)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"keyboard-{name}.png"))
    if before is None:
        page.evaluate("document.activeElement.blur()")
        before = page.screenshot(clip=clip)
        focused.focus()
    changed = with_focus != before  # not compared in the assert: pytest would diff the two images byte by byte
    assert changed, f"{name}: nothing shows where the keyboard focus is"


def _claim_with_evidence(site: Site) -> str:
    return next(c.url for c in site.claims.values() if c.evidence)


def test_the_claims_filter_works_by_keyboard(built: Built, chromium: Any) -> None:
    site = built.site
    denied = len(site.by_status()["denied"])
    with watching(chromium, built.base) as (page, watch):
        page.goto(built.base + "claims/", wait_until="load")
        tab_to(page, "#claim-filter select[name=status]")
        assert_focus_visible(page, "claims-filter")
        shown = page.locator("#claim-list .claim-item:visible")
        for _ in STATUSES:
            if page.locator("#claim-filter select[name=status]").input_value() == "denied":
                break
            page.keyboard.press("ArrowDown")
        assert shown.count() == denied < len(site.claims)
        page.keyboard.press("Home")
        assert shown.count() == len(site.claims)
        tab_to(page, "#claim-filter select[name=actors]")
        assert_focus_visible(page, "claims-filter-actor")
        assert watch.problems() == {}


def test_the_copy_citation_button_works_by_keyboard(built: Built, chromium: Any) -> None:
    chromium.grant_permissions(["clipboard-read", "clipboard-write"], origin=built.base.rstrip("/"))
    with watching(chromium, built.base) as (page, watch):
        page.goto(built.base + _claim_with_evidence(built.site), wait_until="load")
        text = page.locator("#cite-text").input_value()
        for key in ("Enter", " "):
            page.evaluate("navigator.clipboard.writeText('')")
            page.evaluate("document.querySelector('.cite__status').textContent = ''")
            page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
            tab_to(page, ".cite__copy")
            assert_focus_visible(page, "copy-citation")
            page.keyboard.press(key)
            page.get_by_role("status").filter(has_text="Copied.").wait_for()
            assert page.evaluate("navigator.clipboard.readText()") == text, key
        assert watch.problems() == {}


def test_link_to_this_quote_works_by_keyboard(built: Built, chromium: Any) -> None:
    claim = next(c for c in built.site.claims.values() if c.evidence)
    anchor = (claim.appearances + claim.evidence)[0].anchor
    with watching(chromium, built.base) as (page, watch):
        page.goto(built.base + claim.url, wait_until="load")
        tab_to(page, f"#{anchor} a.anchor-link")
        assert_focus_visible(page, "link-to-this")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(f"#{re.escape(anchor)}$"))
        assert page.evaluate("location.hash") == f"#{anchor}"
        assert watch.problems() == {}


def test_every_picture_link_has_a_keyboard_twin(built: Built, chromium: Any) -> None:
    """Marks in a picture are links for the mouse, kept out of the tab order; the list beside each picture repeats
    every one of them as a link that Tab reaches and Enter follows."""
    pages = ["", "timeline/", max(built.site.actors.values(), key=lambda a: len(a.claims)).url]
    with watching(chromium, built.base) as (page, watch):
        for url in pages:
            page.goto(built.base + url, wait_until="load")
            drawn = set(page.eval_on_selector_all("svg.picture__svg a", "as => as.map(a => a.href.baseVal)"))
            assert drawn, f"{url}: no links in its pictures"
            listed = set(page.eval_on_selector_all(
                ".md-content a[href]:not([tabindex='-1'])", "as => as.map(a => a.getAttribute('href'))"))
            drawn, listed = ({href.split("#")[0] or href for href in hrefs} for hrefs in (drawn, listed))
            assert sorted(drawn - listed) == [], f"{url}: picture links with no keyboard twin"
        page.goto(built.base + "timeline/", wait_until="load")
        link = tab_to(page, ".timeline-list a")
        target = link.get_attribute("href")
        assert_focus_visible(page, "picture-twin")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(built.base) + r"claims/[a-z0-9-]+/(#[a-z0-9-]+)?$"))
        assert page.url.endswith(target.removeprefix("../"))
        assert watch.problems() == {}


def test_search_works_by_keyboard(built: Built, chromium: Any) -> None:
    claim = next(c for c in built.site.claims.values() if c.evidence)
    word = max(re.findall(r"[A-Za-z]{6,}", claim.data.statement.en), key=len)
    with watching(chromium, built.base) as (page, watch):
        page.goto(built.base, wait_until="load")
        field = page.locator("input.md-search__input")
        before = page.screenshot(clip=around(field.bounding_box()))
        tab_to(page, "input.md-search__input")
        assert_focus_visible(page, "search", before)  # the theme opens its search box on focus, until Escape
        # One search, as when a reader pastes the word and presses a key: typed letter by letter, each key-up is a
        # search of its own, and an answer arriving after ArrowDown redraws the results and drops the focus.
        page.keyboard.insert_text(word)
        page.keyboard.press("End")
        page.locator(".md-search-result__link").first.wait_for()
        page.keyboard.press("ArrowDown")  # the theme moves through its results with the arrow keys
        assert page.evaluate("document.activeElement.matches('.md-search-result__link')")
        assert_focus_visible(page, "search-result")
        href = page.evaluate("document.activeElement.href")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(href.split("#")[0])))
        assert watch.problems() == {}


def test_a_translated_edition_is_checked_once_the_build_makes_it(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html>")
    assert editions(tmp_path) == ["en"]
    (tmp_path / "ar").mkdir()
    (tmp_path / "ar" / "index.html").write_text("<!doctype html>")
    assert editions(tmp_path) == ["en", "ar"]


def test_axe_on_the_pages_only_a_large_site_has(tmp_path: Path, chromium: Any) -> None:
    """The timeline's overview and month pages, and a relation graph too crowded to draw whole."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run ./scripts/browser-setup")
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    generate(TIMELINE_PAGE_CLAIMS + 40, tmp_path / "big")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.setenv("SOURCE_DATE_EPOCH", AS_OF_EPOCH)
        folder = build_site(tmp_path / "big", tmp_path / "site")
    month = min(p.parent.name for p in (folder / "timeline").glob("*/index.html"))
    crowded = next(p.parent.name for p in sorted((folder / "actors").glob("*/index.html"))
                   if "relation-note" in p.read_text(encoding="utf-8"))
    urls = [prefix + url for prefix in EDITIONS.values()
            for url in ("timeline/", f"timeline/{month}/", f"actors/{crowded}/")]
    report = {}
    with serve(folder) as base, watching(chromium, base) as (page, watch):
        for url in urls:
            page.goto(base + url, wait_until="load")
            violations = run_axe(page)
            if violations:
                report[url] = describe(violations)
        assert watch.problems() == {}
    assert report == {}, "axe found violations:\n" + "\n".join(f"{url}\n{text}" for url, text in report.items())
