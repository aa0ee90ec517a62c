"""The built site: every page type exists, builds are reproducible, golden output is unchanged."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from site_builder.building import build_site
from site_builder.i18n import load_edition
from site_builder.model import STATUS_MEANINGS
from site_builder.plugin import PACKAGE_TEMPLATES
from site_builder.project import load_site
from site_builder.render import Renderer

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
GOLDEN = ROOT / "tests" / "golden" / "mini"
EPOCH = "1767225600"  # 2026-01-01: a fixed "as of" date
SETTINGS = {"title": "Mini fact-check", "organisation": "Mini fact-check desk", "repository": None,
            "site_url": "https://factcheck.example.org/"}


def _build(root: Path, target: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return build_site(root, target)


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        return _build(ROOT, tmp_path_factory.mktemp("real") / "site", patch)


def test_every_page_type_exists_for_the_shipped_content(real_site: Path) -> None:
    site = load_site(ROOT)
    expected = ["index.html", "claims/index.html", "actors/index.html", "deadlines/index.html",
                "sources/index.html", "status/index.html", "about/index.html", "editorial-guide/index.html"]
    expected += [f"status/{s}/index.html" for s in ("confirmed", "denied", "superseded", "unresolved")]
    expected += [f"{item.url}index.html" for group in (site.claims, site.actors, site.deadlines, site.sources)
                 for item in group.values()]
    missing = [page for page in expected if not (real_site / page).is_file()]
    assert not missing
    assert len(site.claims) >= 20 and len(site.sources) == 5


def test_each_claim_page_shows_its_verdict_quotes_and_links(real_site: Path) -> None:
    site = load_site(ROOT)
    for claim in site.claims.values():
        html = (real_site / claim.url / "index.html").read_text(encoding="utf-8")
        assert f'class="verdict verdict--{claim.status}"' in html
        assert claim.verdict_word in html
        for quote in claim.appearances:
            assert f'id="{quote.anchor}"' in html
            assert 'lang="ar" dir="rtl"' in html
        for actor in claim.actors:
            assert f'href="../../{actor.url}"' in html


def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _build(MINI, tmp_path / "one", monkeypatch)
    second = _build(MINI, tmp_path / "two", monkeypatch)
    assert _digest(first) == _digest(second)


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def rendered_pages() -> dict[str, str]:
    """The mini site's generated page bodies in both editions (Arabic under ar/), as the golden files hold them."""
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        site = load_site(MINI)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    pages = {}
    for code in ("en", "ar"):
        dirs = [MINI / "templates", PACKAGE_TEMPLATES]
        edition = load_edition(code, dirs)
        settings = {**SETTINGS, "title": edition.plain_t(SETTINGS["title"]),
                    "site_url": SETTINGS["site_url"] + edition.prefix}
        renderer = Renderer(site, dirs, settings, edition)
        pages.update({edition.prefix + page.src_uri.removesuffix(".md") + ".html": page.html
                      for page in renderer.pages()})
        assert not edition.missing
    return pages


def test_golden_output_of_the_mini_site_is_unchanged() -> None:
    pages = rendered_pages()
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, html in pages.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(html, encoding="utf-8")
    stored = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.html")}
    assert sorted(stored) == sorted(pages), "pages added or removed: run scripts/update-golden if intended"
    changed = [name for name in pages if stored[name] != pages[name]]
    assert not changed, f"golden pages differ: {changed}; run scripts/update-golden if intended"


def test_actor_pages_list_the_claims_others_made_about_them_apart(real_site: Path) -> None:
    site = load_site(ROOT)
    about = [claim for claim in site.claims.values() if claim.about]
    assert about, "the shipped claims name no actor under 'about'"
    for claim in about:
        for edition in ("", "ar/"):
            page = (real_site / edition / claim.url / "index.html").read_text(encoding="utf-8")
            shown = page.split('<p class="claim__about">')[1].split("</p>")[0]
            assert all(f'href="../../{actor.url}"' in shown for actor in claim.about)
    for actor in {actor for claim in about for actor in claim.about}:
        for edition in ("", "ar/"):
            page = (real_site / edition / actor.url / "index.html").read_text(encoding="utf-8")
            own, listed = page.split('<h2 id="about">')
            listed = listed.split("<h2 ")[0]
            assert [f'href="../../{c.url}"' in listed for c in actor.about] == [True] * len(actor.about)
            assert not any(f'href="../../{c.url}"' in listed for c in actor.claims)
            assert f"({len(actor.claims)})</h2>" in own  # its own claims, counted without the others'
    index = (real_site / "actors" / "index.html").read_text(encoding="utf-8")
    for actor in site.actors.values():
        row = index.split(f'<a href="{actor.id}/">')[1].split("</tr>")[0]
        assert row.endswith(f"<td>{len(actor.about)}</td>"), row


def test_the_verdicts_index_says_what_each_verdict_means_as_its_page_does(real_site: Path) -> None:
    index = (real_site / "status" / "index.html").read_text(encoding="utf-8")
    meanings = index.split('<dl class="verdict-meanings">')[1].split("</dl>")[0]
    for status, meaning in STATUS_MEANINGS.items():
        assert f"verdict--{status}" in meanings and f"<dd>{meaning}</dd>" in meanings
        assert meaning in (real_site / "status" / status / "index.html").read_text(encoding="utf-8")
