"""Share cards: a PNG per claim showing its verdict, named in every claim page's preview tags."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops, features

from site_builder.building import build_site
from site_builder.cards import SIZE, CardCache, CardText, _font, card_text, draw
from site_builder.project import load_site

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
ARTIFACTS = ROOT / "tests" / "artifacts" / "cards"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("cards") / "mini"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns(".cache"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        target = build_site(root, root / "site")
    return root, target


def _meta(html: str, name: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    assert found, f"no {name} tag"
    return found.group(1)


def test_every_claim_page_names_its_own_card_and_the_card_exists(built: tuple[Path, Path]) -> None:
    root, target = built
    site = load_site(root)
    assert site.claims
    for claim in site.claims.values():
        html = (target / "claims" / claim.id / "index.html").read_text(encoding="utf-8")
        image = _meta(html, "og:image")
        assert image == f"https://factcheck.example.org/cards/{claim.id}.png"
        assert _meta(html, "twitter:image") == image
        assert _meta(html, "twitter:card") == "summary_large_image"
        alt = _meta(html, "og:image:alt")
        assert alt.startswith(f"{claim.verdict_word}:" if claim.has_verdict else "No verdict yet:"), alt
        with Image.open(target / "cards" / f"{claim.id}.png") as card:
            assert card.format == "PNG" and card.size == SIZE


def test_pages_other_than_claims_have_no_card(built: tuple[Path, Path]) -> None:
    _, target = built
    html = (target / "index.html").read_text(encoding="utf-8")
    assert 'property="og:image"' not in html
    assert _meta(html, "twitter:card") == "summary"


def test_cards_differ_by_verdict_and_the_verdict_band_is_coloured(built: tuple[Path, Path]) -> None:
    root, _ = built
    claim = next(iter(load_site(root).claims.values()))
    text = card_text(claim, "Site")
    pictures = {status: Image.open(io.BytesIO(draw(CardText(text.site, status, text.statement_en, text.statement_ar,
                                                            text.byline)))).convert("RGB")
                for status in ("confirmed", "denied", "superseded", "unresolved")}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for status, picture in pictures.items():
        picture.save(ARTIFACTS / f"{status}.png")  # kept for looking at
    colours = {picture.getpixel((70, 120)) for picture in pictures.values()}
    assert len(colours) == 4  # each verdict its own badge colour (and its own words, drawn beside it)
    first, second = pictures["confirmed"], pictures["denied"]
    assert ImageChops.difference(first, second).getbbox() is not None


def test_arabic_is_shaped_by_a_layout_engine() -> None:
    # Unshaped, each Arabic letter keeps its isolated form; joined forms take a different width.
    assert features.check("raqm")
    word = "التحالف"
    shaped = _font("NotoNaskhArabic-Regular.ttf", 34, True).getlength(word, direction="rtl")
    unshaped = _font("NotoNaskhArabic-Regular.ttf", 34, False).getlength(word)
    assert shaped != unshaped


def test_a_cached_card_is_not_drawn_again_and_a_changed_claim_is(tmp_path: Path) -> None:
    cache = CardCache(tmp_path / "cards")
    text = CardText("Site", "confirmed", "A claim.", "ادعاء", "Someone · 2025")
    first = cache.card(text)
    assert cache.card(text) == first and cache.drawn == 1
    changed = CardText("Site", "denied", "A claim.", "ادعاء", "Someone · 2025")
    assert changed.digest != text.digest
    assert cache.card(changed) != first and cache.drawn == 2
    assert sorted(p.suffix for p in (tmp_path / "cards").iterdir()) == [".png", ".png"]
