"""Pictures in real MkDocs builds: every link in them resolves, and deadline states follow outcome and build date."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from conftest import Project

from site_builder.building import build_site
from site_builder.project import load_site
from site_builder.views import deadline_status

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
EPOCH = "1767225600"  # 2026-01-01
PICTURE = re.compile(r'<svg [^>]*class="picture__svg[^"]*".*?</svg>', re.DOTALL)
PAGES_WITH_PICTURES = ("index.html", "timeline/index.html")


def _build(root: Path, target: Path, epoch: str = EPOCH) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        return build_site(root, target)


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(MINI, tmp_path_factory.mktemp("pictures-mini") / "site")


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(ROOT, tmp_path_factory.mktemp("pictures-real") / "site")


def svg_links(site: Path) -> list[tuple[str, str]]:
    """(page, href) for every link inside every picture of the built site."""
    found = []
    for page in sorted(site.rglob("index.html")):
        for svg in PICTURE.findall(page.read_text(encoding="utf-8")):
            found += [(page.relative_to(site).as_posix(), href) for href in re.findall(r'<a href="([^"]*)"', svg)]
    return found


def target(page: str, href: str) -> str:
    """The file a link on a page leads to, relative to the site."""
    path = href.partition("#")[0]
    found = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    return found + "/index.html" if path.endswith("/") else found


def broken(site: Path, links: list[tuple[str, str]]) -> list[str]:
    """Links whose page is not in the built site, or whose #fragment is not an id on that page."""
    bad = []
    for page, href in links:
        fragment = href.partition("#")[2]
        file = site / target(page, href)
        if not file.is_file():
            bad.append(f"{page}: {href} (no page)")
        elif fragment and f'id="{fragment}"' not in file.read_text(encoding="utf-8"):
            bad.append(f"{page}: {href} (no #{fragment})")
    return bad


@pytest.mark.parametrize("edition", ["", "ar/"])
@pytest.mark.parametrize("which", ["mini_site", "real_site"])
def test_every_link_in_every_picture_resolves(which: str, edition: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    links = [(page, href) for page, href in svg_links(site) if page.startswith("ar/") == (edition == "ar/")]
    content = load_site(MINI if which == "mini_site" else ROOT)
    assert len({href for _, href in links}) >= len(content.claims)
    assert broken(site, links) == []
    assert {target(page, href).startswith("ar/") for page, href in links} == {bool(edition)}


@pytest.mark.parametrize("edition", ["", "ar/"])
@pytest.mark.parametrize("which", ["mini_site", "real_site"])
def test_the_timeline_page_is_built_and_its_list_matches_its_marks(which: str, edition: str,
                                                                   request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    html = (site / edition / "timeline" / "index.html").read_text(encoding="utf-8")
    timeline = PICTURE.findall(html)[0]
    drawn = re.findall(r'<g class="timeline__(?:mark|flag)[^"]*" data-event="([^"]+)"', timeline)
    assert sorted(drawn) == sorted(re.findall(r'<li class="timeline-list__item[^"]*" data-event="([^"]+)"', html))
    content = load_site(MINI if which == "mini_site" else ROOT)
    events = sum(2 + len(c.history) for c in content.claims.values()) + len(content.deadlines) + 1
    assert len(drawn) == events


def test_the_timeline_is_in_the_navigation_of_the_real_site(real_site: Path) -> None:
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="timeline/" class="md-nav__link">\s*<span class="md-ellipsis">\s*Timeline', home)


def test_deadline_states_follow_the_build_date(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    site = load_site(project.root)  # as of 2026-01-01
    states = {d.id: (deadline_status(d).state, deadline_status(d).summary) for d in site.deadlines.values()}
    assert states == {"end-of-september-2025": ("passed", "Passed; outcome not reported"),
                      "year-2026": ("upcoming", "Upcoming: 364 days left")}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1748736000")  # 2025-06-01
    earlier = load_site(project.root).deadlines["end-of-september-2025"]
    assert (deadline_status(earlier).state, deadline_status(earlier).days) == ("upcoming", 121)


@pytest.mark.parametrize(("outcome", "state", "summary"), [
    ("state: met", "met", "Passed and met"),
    ("state: missed", "missed", "Passed and missed"),
    ("state: moved\n  moved_to: year-2026", "moved", "Moved to During 2026"),
    ("state: open", "passed", "Passed; outcome not reported"),
])
def test_deadline_states_follow_the_recorded_outcome(project: Project, outcome: str, state: str, summary: str) -> None:
    _record_outcome(project, outcome)
    status = deadline_status(load_site(project.root).deadlines["end-of-september-2025"])
    assert (status.state, status.summary) == (state, summary)


def test_a_moved_deadline_shows_its_new_date_on_its_page_and_on_the_timeline(project: Project, tmp_path: Path) -> None:
    _record_outcome(project, "state: moved\n  moved_to: year-2026")
    site = _build(project.root, tmp_path / "site")
    page = (site / "deadlines" / "end-of-september-2025" / "index.html").read_text(encoding="utf-8")
    assert '<span class="deadline-status deadline-status--moved"><strong>Moved to During 2026</strong>' in page
    assert "(as of 1 January 2026)" in page
    timeline = PICTURE.findall((site / "timeline" / "index.html").read_text(encoding="utf-8"))[0]
    flag = re.search(r'<g class="timeline__flag timeline__flag--moved" data-event="deadline/end-of-september-2025">'
                     r'.*?</g>', timeline, re.DOTALL)
    assert flag is not None and "Moved to During 2026" in flag.group(0)
    assert broken(site, svg_links(site)) == []


def _record_outcome(project: Project, outcome: str) -> None:
    path = "claims/deadlines/end-of-september-2025.yml"
    project.write(path, project.read(path) + f"outcome:\n  {outcome}\n  note:\n    en: What the sources say.\n")


def test_the_arabic_pictures_of_the_real_site_draw_no_english(real_site: Path) -> None:
    """Every drawn word, tooltip, title and description of an Arabic page's pictures is Arabic (digits and
    symbols aside): the content has Arabic for everything the pictures draw."""
    drawn = [(page.relative_to(real_site).as_posix(), svg) for page in sorted((real_site / "ar").rglob("index.html"))
             for svg in PICTURE.findall(page.read_text(encoding="utf-8"))]
    assert len(drawn) >= 20
    words = [(page, found) for page, svg in drawn
             for found in re.findall(r"<(?:text|title|desc)[^>]*>([^<]*)<", svg) if re.search("[A-Za-z]", found)]
    assert words == []
    assert all('xml:lang="ar" direction="rtl"' in svg[:600] for _, svg in drawn)
