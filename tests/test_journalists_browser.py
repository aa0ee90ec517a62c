"""The "Cite this claim" box in headless Chromium: a copy button with JavaScript, selectable text without it."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from test_browser_reader import serve

from site_builder.building import build_site

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
CLAIM = "claims/coalition-mission-ends-by-september-2025/"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        site = build_site(MINI, tmp_path_factory.mktemp("browser") / "site")
    with serve(site) as url:
        yield url


@contextmanager
def browser(javascript: bool) -> Iterator[Any]:
    """Debian's Chromium through Playwright, with or without JavaScript; never a downloaded browser."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (./scripts/browser-setup installs it)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=ARGS, java_script_enabled=javascript)
        try:
            yield context
        finally:
            context.close()


def test_the_copy_button_copies_the_citation(base: str) -> None:
    with browser(javascript=True) as context:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        page = context.new_page()
        page.goto(base + CLAIM, wait_until="load")
        text = page.locator("#cite-text").input_value()
        button = page.get_by_role("button", name="Copy citation")
        button.click()
        page.get_by_role("status").filter(has_text="Copied.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == text
        assert text.endswith("https://factcheck.example.org/" + CLAIM)
        assert page.locator(".cite__copy").count() == 1


def test_without_javascript_the_citation_is_selectable_text_and_there_is_no_button(base: str) -> None:
    with browser(javascript=False) as context:
        page = context.new_page()
        page.goto(base + CLAIM, wait_until="load")
        field = page.get_by_label("Citation (select it to copy)")
        assert field.is_visible() and not field.is_editable()
        field.focus()
        page.keyboard.press("Control+A")
        selected = page.evaluate("(() => { const f = document.activeElement;"
                                 " return f.value.slice(f.selectionStart, f.selectionEnd); })()")
        assert selected == field.input_value() and "Verdict: Superseded" in selected
        assert page.locator(".cite__copy").count() == 0


def test_the_link_to_a_quote_is_visible_and_keyboard_reachable(base: str) -> None:
    with browser(javascript=True) as context:
        page = context.new_page()
        page.goto(base + CLAIM, wait_until="load")
        link = page.get_by_role("link", name="Link to this quote").first
        assert link.is_visible()
        box = link.bounding_box()
        assert box is not None and box["width"] >= 24 and box["height"] >= 24  # WCAG 2.2 target size
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**#joint-statement")
        outline = page.evaluate("getComputedStyle(document.querySelector('#joint-statement')).outlineStyle")
        assert outline == "solid"  # the cited passage is highlighted as the link's target
