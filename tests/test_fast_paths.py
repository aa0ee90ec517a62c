"""The build's fast paths give what the plain definitions they stand in for give."""

from __future__ import annotations

import gc
import random
import re
import sys
import weakref
from pathlib import Path

import pytest
import yaml
from markupsafe import Markup

from site_builder.arabic import normalise
from site_builder.i18n import Edition
from site_builder.model import Site, retire
from site_builder.pictures.events import all_events
from site_builder.pictures.graph import strongest
from site_builder.pictures.relations import KINDS, Edge, edges, facts, facts_among, facts_of
from site_builder.pictures.svg import _fragment, attrs
from site_builder.pictures.textfit import fit, width_of, wrap
from site_builder.pictures.timeline import _level, _lines_under, timeline_picture
from site_builder.plugin import PACKAGE_TEMPLATES
from site_builder.project import load_site
from site_builder.render import NOT_SEARCHED, PLACEHOLDER, relative_link, set_apart
from site_builder.searchfold import _trim, folded_words
from site_builder.views import timeline_months

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from generate import generate

CATALOGUE = PACKAGE_TEMPLATES / "i18n" / "ar.yml"
SEED = Path(__file__).resolve().parent.parent / "seeds"


def _catalogue() -> dict[str, str]:
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    return {str(key): str(value) for key, value in data.items() if value}


@pytest.mark.parametrize("value", ["<b>&'\"", Markup("<i>kept</i>"), 3, None, 2.5, True])
def test_interface_strings_fill_as_markup_format_does(value: object) -> None:
    """Every catalogue string, English and Arabic, with its fields filled by values of each kind."""
    catalogue = _catalogue()
    for edition in (Edition("en"), Edition("ar", catalogue)):
        for english in catalogue:
            template = edition.lookup(english)
            values = {name: value for name in re.findall(r"\{(\w+)\}", english + template)}
            assert edition.t(english, **values) == Markup(template).format(**values), (edition.code, english)
            assert type(edition.t(english, **values)) is Markup


def test_a_field_the_values_lack_is_still_reported() -> None:
    with pytest.raises(Exception, match="fields"):
        Edition("en").t("Made on {date}.")
    assert Edition("en").t("Braces {{kept}}") == Markup("Braces {kept}")


def _folded_one_word_at_a_time(text: str) -> str:
    """The definition: each run between white space and hyphens, trimmed as lunr trims, folded."""
    words = set()
    for token in re.split(r"[\s\-]+", re.sub(r"<[^>]+>", " ", text)):
        word = _trim(token)
        folded = _trim(normalise(word))
        if folded and folded != word and re.search(r"[\u0621-\u064a]", folded):
            words.add(folded)
    return " ".join(sorted(words))


def test_search_folding_matches_its_definition_on_the_seed_articles() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEED.glob("*.txt"))]
    texts += ["ٱلله x-ٱ «أعلنت» ٣٤ a\u200bأ -أ- ـــ \u064bأ <b>أ</b>ة ۀ", "English only, no Arabic.", ""]
    assert texts[0]
    known: dict[str, str] = {}
    for text in texts:
        assert folded_words(text, known) == _folded_one_word_at_a_time(text)
        assert folded_words(text) == _folded_one_word_at_a_time(text)


def _set_apart_by_regex(html: str) -> tuple[str, tuple[str, ...]]:
    """The definition: each <svg>...</svg> and each marked list, first come first, the shortest that closes."""
    pattern = re.compile(rf"(?P<svg><svg\b.*?</svg>)|{NOT_SEARCHED[0]}(?P<inner>.*?){NOT_SEARCHED[1]}", re.DOTALL)
    parts: list[str] = []

    def keep(match: re.Match[str]) -> str:
        parts.append(match.group("svg") or match.group("inner"))
        return PLACEHOLDER.format(len(parts) - 1)

    return pattern.sub(keep, html), tuple(parts)


@pytest.mark.parametrize("html", [
    "<p>plain</p>", "<svg", "<svg></svg>", "<svgx></svg>", "<svg></svg><svg>a</svg>", "x<svg_></svg><svg>",
    "<svg a <!--not-searched-->x<!--/not-searched--></svg>", "<!--not-searched-->x",
    "<!--not-searched--><svg></svg><!--/not-searched-->", "a<svg\u00e9</svg><svg-</svg>",
    "<!--not-searched--><!--/not-searched-->", "<svg>no end <!--not-searched-->y<!--/not-searched-->",
    "<p>a</p><svg viewBox='0 0 1 1'><g/></svg><ul><!--not-searched--><li>b</li><!--/not-searched--></ul>",
])
def test_set_apart_matches_its_definition(html: str) -> None:
    assert set_apart(html) == _set_apart_by_regex(html)


Placed = tuple[int, float, float, float]


def _clashes(level: int, left: float, right: float, x: float, other: Placed, lines: bool = True) -> bool:
    """The definition: a label at this level touches another label on it, or (with lines) crosses or is crossed."""
    o_level, o_left, o_right, o_x = other
    if o_level == level:
        return left < o_right + 10 and o_left < right + 10
    if not lines:
        return False
    if o_level < level:
        return o_left - 3 <= x <= o_right + 3
    return left - 3 <= o_x <= right + 3


def _level_by_trying_each(left: float, right: float, x: float, placed: list[Placed]) -> int:
    """The definition: each level from 0 up, checked against every placed label."""
    levels = range(len(placed) + 1)
    return next((n for n in levels if not any(_clashes(n, left, right, x, o) for o in placed)),
                next(n for n in levels if not any(_clashes(n, left, right, x, o, lines=False) for o in placed)))


def _span(draw: random.Random, spread: int) -> tuple[float, float, float]:
    """A label's left and right and its line's x, on a coarse grid so that labels often touch exactly."""
    x, wide = draw.randrange(0, spread) / 2, draw.randrange(2, 120) / 2
    return (x, x + wide, x) if draw.random() < 0.5 else (x - wide, x, x)


@pytest.mark.parametrize("seed", range(40))
def test_timeline_flag_levels_match_their_definition(seed: int) -> None:
    draw = random.Random(seed)
    spans = [_span(draw, 400 * 4 ** (seed % 4)) for _ in range(draw.randrange(1, 120))]
    spans.append((5.0, 9.0, 30.0))  # a line away from its label: counted like any other
    placed: list[Placed] = []
    for left, right, x in spans:
        level = _level(left, right, x, placed)
        assert level == _level_by_trying_each(left, right, x, placed)
        placed.append((level, left, right, x))
    assert _lines_under(spans) == [sum(left - 3 <= o[2] <= right + 3 for o in spans if o is not s)
                                   for s in spans for left, right, _ in [s]]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("fast") / "project"
    generate(300, root)
    return load_site(root)


def test_month_pictures_take_their_facts_and_events_as_the_definitions_do(generated: Site) -> None:
    months = timeline_months(generated)
    assert len(months) > 2
    for month in months:
        ids = {claim.id for claim in month.claims}
        assert facts_among(generated, month.claims) == [f for f in facts(generated)
                                                        if f.source.id in ids or f.target.id in ids]
        for lang in ("en", "ar"):
            drawn = timeline_picture(generated, relative_link(month.url), lang, month.claims)
            assert drawn.events == all_events(generated, lang, month.claims)


def test_attributes_kept_per_pair_print_as_each_pair_alone_does() -> None:
    """Equal values of different types (1, 1.0, True, -0.0, 0) and text needing quotes, in both orders."""
    values: list[object] = [1, 1.0, True, False, 0, -0.0, 0.0, 2.5, 2.50, 10**20, 1e20, "1", "a\"b", "<&>", "it's",
                            Markup("<i>"), "<i>", None, "", "a\nb"]
    for order in (values, values[::-1], values):
        for value in order:
            for name in ("x", "class_", "xml__lang"):
                assert attrs({name: value}) == _fragment(name, value), (name, value)
        assert attrs({f"n{n}": v for n, v in enumerate(order)}) == "".join(
            _fragment(f"n{n}", v) for n, v in enumerate(order))
    assert attrs({"x": 1, "y": True, "z": 1.0, "class_": 'a"b'}) == ' x="1" y="True" z="1" class=\'a"b\''


def _wrap_by_measuring_each_line(text: str, width: float, size: float, lines: int) -> list[str]:
    """The definition: each line takes the next word while the whole line, measured again, still fits."""
    out: list[str] = []
    words = text.split(" ")
    while words and len(out) < lines - 1:
        line = words.pop(0)
        while words and width_of(line + " " + words[0], size) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out.append(fit(" ".join(words), width, size))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_wrapping_matches_its_definition(seed: int) -> None:
    draw = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyzMWIl.,:;  عربية؟"
    for _ in range(400):
        text = "".join(draw.choice(letters) for _ in range(draw.randrange(0, 160)))
        for width, size, lines in ((164.0, 11.5, 3), (50.0, 12.0, 2), (400.0, 11.0, 1), (30.0, 14.0, 4)):
            assert wrap(text, width, size, lines) == _wrap_by_measuring_each_line(text, width, size, lines)


def _strongest_by_definition(every: list[Edge], most: int) -> list[Edge]:
    """The definition: every edge ranked, each taken while its claims fit, then those between claims taken."""
    def rank(edge: Edge) -> tuple[int, int, str]:
        latest = max(edge.first.data.made_on.date.start, edge.second.data.made_on.date.start)
        return KINDS.index(edge.kind), -latest.toordinal(), edge.first.id + "~" + edge.second.id

    kept: set[int] = set()
    claims: set[str] = set()
    for edge in sorted(every, key=rank):
        new = {edge.first.id, edge.second.id} - claims
        if len(claims) + len(new) <= most:
            kept.add(id(edge))
            claims |= new
    return [edge for edge in every if id(edge) in kept or {edge.first.id, edge.second.id} <= claims]


def test_the_strongest_edges_are_those_of_the_definition(generated: Site) -> None:
    for actor in generated.actors.values():
        for kinds in (KINDS, ("supersedes", "cites")):
            every = edges([f for f in facts_of(generated, actor) if f.kind in kinds])
            for most in (0, 1, 2, 3, 7, 40, 1000):
                assert strongest(every, most) == _strongest_by_definition(every, most)


def test_a_retired_site_is_freed_by_reference_counting_alone() -> None:
    """Under serve the last site is retired before the next loads: nothing of it may wait for the cycle collector
    (which the loader keeps from scanning what it froze)."""
    site = load_site(SEED.parent)
    claim = next(c for c in site.claims.values() if c.evidence and c.actors and c.deadlines)
    refs = [weakref.ref(thing) for thing in (site, claim, claim.actors[0], claim.deadlines[0], claim.evidence[0],
                                             claim.evidence[0].source, claim.evidence[0].paragraph)]
    del claim
    enabled = gc.isenabled()
    gc.disable()
    try:
        retire(site)
        del site
        assert [ref() for ref in refs] == [None] * len(refs)
    finally:
        if enabled:
            gc.enable()
