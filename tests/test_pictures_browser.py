"""The pictures in headless Chromium: legible on a phone, nothing cut off, unchanged in a right-to-left page.

Screenshots of the timeline, a claim page and the home page (and in Arabic an actor page too) at 375 and 1280
pixels wide, in both editions, go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser_reader import serve

from site_builder.building import build_site

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CLAIM = "claims/coalition-mission-ends-by-september-2025/"
PAGES = ("timeline/", CLAIM, "", "actors/hussein-alawi/")
ARABIC_PAGES = tuple(f"ar/{page}" for page in PAGES)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (scripts/browser-setup)")

# Loads a page of the site in a frame of the given width, then reports every picture's text boxes.
MEASURE = """<!doctype html><meta charset="utf-8"><body>
<iframe id="page" src="/{page}" style="border:0;width:{width}px;height:2400px"></iframe><pre id="out">pending</pre>
<script>
document.getElementById("page").addEventListener("load", function () {{
  var doc = this.contentDocument;
  if ({rtl}) {{ doc.documentElement.setAttribute("dir", "rtl"); doc.body.setAttribute("dir", "rtl"); }}
  var root = doc.scrollingElement || doc.documentElement;
  var report = {{overflow: root.scrollWidth - root.clientWidth, pictures: []}};
  doc.querySelectorAll("svg.picture__svg").forEach(function (svg) {{
    var box = svg.viewBox.baseVal, scale = svg.getBoundingClientRect().width / box.width, texts = [];
    svg.querySelectorAll("text").forEach(function (t) {{
      var b = t.getBBox();
      texts.push([t.textContent, b.x, b.y, b.width, b.height, parseFloat(getComputedStyle(t).fontSize) * scale]);
    }});
    var drawn = svg.getBoundingClientRect(), shown = svg.parentNode.getBoundingClientRect();
    report.pictures.push({{key: svg.getAttribute("class"), width: box.width, height: box.height, texts: texts,
                          left: drawn.left - shown.left, right: drawn.right - shown.right}});
  }});
  document.getElementById("out").textContent = JSON.stringify(report);
}});
</script>"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The mini site, built for real and served over HTTP on a free local port."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        site = build_site(MINI, tmp_path_factory.mktemp("pictures-browser") / "site")
    with serve(site) as base:
        yield base, site


def chromium(*args: str, profile: Path) -> str:
    """Run headless Chromium with its own profile folder (others may run it at the same time)."""
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               f"--user-data-dir={profile}", "--virtual-time-budget=10000", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=True).stdout


Measure = Callable[[str, int, bool], dict[str, Any]]


@pytest.fixture(scope="module")
def measured(served: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Measure:
    """measure(), remembering each report: several tests look at the same page at the same width."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    return functools.cache(lambda page, width, rtl: measure(served, page, width, rtl, profile))


def measure(served: tuple[str, Path], page: str, width: int, rtl: bool, profile: Path) -> dict[str, Any]:
    """What the browser reports about the pictures of a page shown in a frame `width` pixels wide."""
    url, site = served
    name = f"_measure-{page.strip('/').replace('/', '-') or 'home'}-{width}-{'rtl' if rtl else 'ltr'}.html"
    (site / name).write_text(MEASURE.format(page=page, width=width, rtl="true" if rtl else "false"), encoding="utf-8")
    dom = chromium("--dump-dom", url + name, profile=profile)
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, re.DOTALL)
    assert found is not None and found.group(1) != "pending", "the measuring page did not finish"
    report: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return report


@pytest.mark.parametrize("page", PAGES + ARABIC_PAGES)
def test_on_a_phone_pictures_scroll_inside_the_page_with_legible_text(measured: Measure, page: str) -> None:
    report = measured(page, 375, False)
    assert report["pictures"], f"no pictures on /{page}"
    assert report["overflow"] <= 0, "the page itself scrolls sideways on a phone"
    small = [(p["key"], t[0], round(t[5], 1)) for p in report["pictures"] for t in p["texts"] if t[5] < 10]
    assert small == []


@pytest.mark.parametrize("page", PAGES + ARABIC_PAGES)
@pytest.mark.parametrize("width", [375, 1280])
def test_no_text_runs_outside_its_picture(measured: Measure, page: str, width: int) -> None:
    report = measured(page, width, False)
    cut = [(p["key"], t[0]) for p in report["pictures"] for t in p["texts"]
           if t[1] < -0.5 or t[2] < -0.5 or t[1] + t[3] > p["width"] + 0.5 or t[2] + t[4] > p["height"] + 0.5]
    assert cut == []


@pytest.mark.parametrize("page", PAGES + ARABIC_PAGES)
def test_a_wide_picture_shows_first_the_end_where_its_words_begin(measured: Measure, page: str) -> None:
    """English pictures start at their left edge; Arabic ones at their right, where claim headings begin."""
    report = measured(page, 375, False)
    edge = "right" if page.startswith("ar/") else "left"
    assert [(p["key"], round(p[edge])) for p in report["pictures"]] == [(p["key"], 0) for p in report["pictures"]]
    if page.endswith("timeline/"):  # the timeline is wider than a phone: the test sees the difference
        assert report["pictures"][0]["right" if edge == "left" else "left"] != pytest.approx(0, abs=50)


@pytest.mark.parametrize("page", ["timeline/", CLAIM])
def test_a_right_to_left_page_draws_the_pictures_the_same(measured: Measure, page: str) -> None:
    ltr, rtl = measured(page, 1280, False), measured(page, 1280, True)
    assert [p["texts"] for p in rtl["pictures"]] == [p["texts"] for p in ltr["pictures"]]


@pytest.mark.parametrize("page", ["timeline/", CLAIM, "", *ARABIC_PAGES])
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_for_review(served: tuple[str, Path], page: str, width: int, tmp_path: Path) -> None:
    url, _ = served
    ARTIFACTS.mkdir(exist_ok=True)
    edition = "ar-" if page.startswith("ar/") else ""
    name = edition + (page.removeprefix("ar/").strip("/").split("/")[-1] or "home") + f"-{width}.png"
    target = ARTIFACTS / f"pictures-{name}"
    target.unlink(missing_ok=True)
    chromium(f"--screenshot={target}", f"--window-size={width},2400", url + page, profile=tmp_path / "profile")
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
