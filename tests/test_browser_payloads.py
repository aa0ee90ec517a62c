"""The payload site in headless Chromium: no hostile text in any field runs, loads or fetches anything."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import AS_OF_EPOCH
from test_browser_reader import chromium, html_pages, screenshot, serve, type_search, watching
from test_hardening_payloads import payload_project

from site_builder.building import build_site

__all__ = ["chromium"]  # the browser fixture, shared with the reader tests


@pytest.fixture(scope="module")
def payload_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The payload project built and served; yields its folder and base URL."""
    root = payload_project(tmp_path_factory.mktemp("browse-payloads") / "project")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.setenv("SOURCE_DATE_EPOCH", AS_OF_EPOCH)
        folder = build_site(root, root.parent / "site")
    with serve(folder) as base:
        yield folder, base


def _acted(page: Any, watch: Any) -> dict[str, Any]:
    """What the payloads would have done had any of them run."""
    acted = watch.problems()
    pwned = [url for url in watch.requested if "pwned" in url or "evil.example" in url]
    if pwned:
        acted["payload requests"] = pwned
    if page.evaluate("() => typeof window.__pwned !== 'undefined'"):
        acted["window.__pwned"] = True
    return acted


def test_no_payload_runs_on_any_page(payload_base: tuple[Path, str], chromium: Any) -> None:
    folder, base = payload_base
    acted = {}
    pages = html_pages(folder)
    assert len(pages) >= 20
    with watching(chromium, base) as (page, watch):
        for url in pages:
            page.goto(base + url, wait_until="load")
            page.mouse.move(400, 300)  # hover handlers (onmouseover) would fire now
            if found := _acted(page, watch):
                acted[url] = found
                watch.clear()
                watch.requested.clear()
        page.goto(base + "claims/coalition-mission-ends-by-september-2025/", wait_until="load")
        screenshot(page, "payloads-claim")
    assert acted == {}


def test_searching_for_the_payloads_runs_none_of_them(payload_base: tuple[Path, str], chromium: Any) -> None:
    _, base = payload_base
    with watching(chromium, base) as (page, watch):
        page.goto(base, wait_until="load")
        page.locator("input.md-search__input").click()
        type_search(page, "onerror")  # a value set without a key-up is never searched once the index is ready
        results = page.locator(".md-search-result__item")
        results.first.wait_for(state="attached", timeout=120_000)  # the worker indexes first; this only stops a hang
        assert results.count() >= 1
        screenshot(page, "payloads-search")
        assert _acted(page, watch) == {}
