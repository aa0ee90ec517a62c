"""The pictures as drawn for the mini site: well-formed, deterministic, honest about dates, matched by their text."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import Project

from site_builder.i18n import load_edition
from site_builder.model import Site
from site_builder.pictures.chart import verdict_chart
from site_builder.pictures.graph import MOST_BOXES, relation_graph
from site_builder.pictures.labels import LABELS, label
from site_builder.pictures.relations import edges
from site_builder.pictures.svg import Document, is_arabic, text
from site_builder.plugin import PACKAGE_TEMPLATES
from site_builder.project import load_site
from site_builder.render import Renderer
from site_builder.views import TIMELINE_PAGE_CLAIMS, story

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from generate import generate

NS = {"svg": "http://www.w3.org/2000/svg"}
SETTINGS = {"title": "Mini fact-check", "organisation": "Mini fact-check desk", "repository": None,
            "site_url": "https://factcheck.example.org/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PICTURE = re.compile(r'<svg [^>]*class="picture__svg[^"]*".*?</svg>', re.DOTALL)


def pages(root: Path, lang: str = "en") -> dict[str, str]:
    """Every generated page body of a project in an edition, by src_uri."""
    renderer = Renderer(load_site(root), [PACKAGE_TEMPLATES], SETTINGS, load_edition(lang, [PACKAGE_TEMPLATES]))
    return {page.src_uri: page.html for page in renderer.pages()}


def pictures(html: str) -> list[ET.Element]:
    """Every picture of a page, parsed as XML (a parse error fails the test)."""
    return [ET.fromstring(svg) for svg in PICTURE.findall(html)]


def marks(svg: ET.Element) -> dict[str, ET.Element]:
    """The timeline's marks and flags by their event key."""
    return {g.attrib["data-event"]: g for g in svg.iter(f"{{{NS['svg']}}}g") if "data-event" in g.attrib}


def listed(html: str, attribute: str) -> list[str]:
    """The keys of the text alternative's list items, in the order they are listed."""
    return re.findall(rf'<li[^>]* {attribute}="([^"]+)"', html)


@pytest.fixture(scope="module")
def mini() -> dict[str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        return pages(Path(__file__).parent / "fixtures" / "mini")


def test_every_picture_of_every_page_is_well_formed_svg_with_a_title_and_description(mini: dict[str, str]) -> None:
    drawn = {uri: pictures(html) for uri, html in mini.items()}
    assert sum(len(svgs) for svgs in drawn.values()) >= 12
    for svgs in drawn.values():
        for svg in svgs:
            title, desc = svg.find("svg:title", NS), svg.find("svg:desc", NS)
            assert title is not None and desc is not None and title.text and desc.text
            assert svg.attrib["role"] == "group"  # an image (role="img") may not hold the links the marks are
            drawing = svg.find("svg:g", NS)
            assert drawing is not None and drawing.attrib["aria-hidden"] == "true"  # the text alternative says it all
            assert svg.attrib["aria-labelledby"] == f"{title.attrib['id']} {desc.attrib['id']}"
            assert svg.attrib["width"] == "100%" and svg.attrib["viewBox"].startswith("0 0 ")
            assert svg.attrib["direction"] == "ltr"


def test_ids_inside_pictures_are_unique_on_each_page(mini: dict[str, str]) -> None:
    for uri, html in mini.items():
        ids = re.findall(r' id="([^"]+)"', html)
        assert len(ids) == len(set(ids)), uri


def test_the_timeline_lists_exactly_the_events_it_draws(mini: dict[str, str]) -> None:
    html = mini["timeline.md"]
    svg = pictures(html)[0]
    drawn = marks(svg)
    site = _site()
    expected = {f"{c.id}/made" for c in site.claims.values()} | {f"{c.id}/verdict" for c in site.claims.values()}
    expected |= {f"{c.id}/step-{n}" for c in site.claims.values() for n in range(1, len(c.history) + 1)}
    expected |= {f"deadline/{d}" for d in site.deadlines} | {"as-of"}
    assert set(drawn) == expected
    assert sorted(listed(html, "data-event")) == sorted(expected)


def test_the_text_alternative_is_in_date_order(mini: dict[str, str]) -> None:
    dates = re.findall(r'<li class="timeline-list__item[^"]*" data-event="[^"]+"><time datetime="([^"]+)"',
                       mini["timeline.md"])
    starts = [d if len(d) == 10 else d + "-01" if len(d) == 7 else d + "-01-01" for d in dates]
    assert len(dates) == 12 and starts == sorted(starts)


def test_dates_known_to_the_month_are_bars_and_inferred_dates_are_hollow(mini: dict[str, str]) -> None:
    drawn = marks(pictures(mini["timeline.md"])[0])
    month = drawn["us-forces-leave-ain-al-asad-after-election/made"]  # 2024-09, inferred
    bar = month.find("svg:rect", NS)
    assert bar is not None and bar.attrib["stroke-dasharray"] and float(bar.attrib["width"]) > 15
    assert month.find("svg:circle", NS).attrib["fill"] == "#fff"  # type: ignore[union-attr]
    day_inferred = drawn["coalition-mission-ends-by-september-2025/made"]  # 2024-09-27, inferred
    assert day_inferred.find("svg:rect", NS) is None
    assert day_inferred.find("svg:circle", NS).attrib["fill"] == "#fff"  # type: ignore[union-attr]
    printed = drawn["baghdad-anbar-missions-end-september-2025/made"]  # 2025-09-07, printed in the source
    assert printed.find("svg:circle", NS).attrib["fill"] != "#fff"  # type: ignore[union-attr]
    legend = " ".join(t.text or "" for t in pictures(mini["timeline.md"])[0].iter(f"{{{NS['svg']}}}text"))
    assert "date inferred" in legend and "day not known" in legend


def test_each_mark_says_in_words_what_happened_and_when(mini: dict[str, str]) -> None:
    drawn = marks(pictures(mini["timeline.md"])[0])
    tip = drawn["coalition-mission-ends-by-september-2025/verdict"].find("svg:title", NS)
    assert tip is not None and tip.text == ("7 September 2025: Verdict: Superseded. The military mission of the "
                                            "international coalition against ISIS in Iraq will end within twelve "
                                            "months, by the end of September 2025 at the latest. (United States "
                                            "government, Government of Iraq)")
    flag = drawn["deadline/end-of-september-2025"].find("svg:title", NS)
    assert flag is not None and flag.text == ("September 2025: Deadline, Passed; outcome not reported. "
                                              "End of September 2025")


def test_each_claim_strip_has_one_step_per_event_of_its_story(mini: dict[str, str]) -> None:
    site = _site()
    for claim in site.claims.values():
        strip = pictures(mini[f"claims/{claim.id}.md"])[0]
        steps = [g for g in strip.iter(f"{{{NS['svg']}}}g") if "strip__step" in g.attrib.get("class", "")]
        assert len(steps) == len(story(claim)) == mini[f"claims/{claim.id}.md"].count('class="story__step"')
    coalition = pictures(mini["claims/coalition-mission-ends-by-september-2025.md"])[0]
    words = [t.text for t in coalition.iter(f"{{{NS['svg']}}}text")]
    assert words == ["Made", "27 Sep 2024", "date inferred", "Unresolved", "27 Sep 2024", "Superseded", "7 Sep 2025"]


def test_verdict_charts_carry_each_verdict_word_and_its_count(mini: dict[str, str]) -> None:
    site = _site()
    home = pictures(mini["index.md"])[0]
    assert _chart_words(home) == [w for s, c in site.by_status().items() for w in (label(f"status.{s}"), str(len(c)))]
    for actor in site.actors.values():
        chart = pictures(mini[f"actors/{actor.id}.md"])[0]
        expected = [w for s, c in actor.by_status.items() for w in (label(f"status.{s}"), str(len(c)))]
        assert _chart_words(chart) == expected


def test_the_relation_graph_draws_the_relations_it_lists(mini: dict[str, str]) -> None:
    html = mini["timeline.md"]
    graph = pictures(html)[1]
    drawn = {g.attrib["data-edge"] for g in graph.iter(f"{{{NS['svg']}}}g") if "data-edge" in g.attrib}
    assert drawn == set(listed(html, "data-edge"))
    assert "baghdad-anbar-missions-end-september-2025~coalition-mission-ends-by-september-2025" in drawn
    assert "is superseded by" in html and "is judged on the passage that reports" in html
    nodes = {g.attrib["data-claim"] for g in graph.iter(f"{{{NS['svg']}}}g") if "data-claim" in g.attrib}
    assert nodes == {key for edge in drawn for key in edge.split("~")}


def test_an_actor_page_draws_only_relations_touching_its_claims(mini: dict[str, str]) -> None:
    site = _site()
    alawi = site.actors["hussein-alawi"]
    html = mini["actors/hussein-alawi.md"]
    graph = pictures(html)[1]
    for edge in (g.attrib["data-edge"] for g in graph.iter(f"{{{NS['svg']}}}g") if "data-edge" in g.attrib):
        assert any(alawi in site.claims[key].actors for key in edge.split("~"))
    related = "baghdad-anbar-missions-end-september-2025~us-forces-leave-ain-al-asad-after-election"
    assert related in listed(html, "data-edge")


def test_two_renders_are_identical() -> None:
    mini = Path(__file__).parent / "fixtures" / "mini"
    first, second = pages(mini), pages(mini)
    assert first == second
    assert all(PICTURE.search(first[uri]) for uri in ("timeline.md", "index.md", "actors/hussein-alawi.md"))


def test_text_with_markup_characters_is_escaped(project: Project) -> None:
    path = "claims/timetable-set-by-2024-joint-statement.yml"
    project.replace(path, "  en: The timetable for ending the coalition's mission in Iraq was set by a joint "
                    "statement issued in September 2024.",
                    '  en: \'Timetable <set> by "joint" statement & more\'')
    html = pages(project.root)["timeline.md"]
    texts = [t.text for svg in pictures(html) for t in svg.iter(f"{{{NS['svg']}}}text")]
    assert 'Timetable <set> by "joint" statement & more' in texts


def test_arabic_text_is_marked_right_to_left_inside_a_left_to_right_picture() -> None:
    doc = Document("probe", 100, 40, "Probe", "A probe")
    doc.add(text(90, 20, "حسين علاوي", "en", **{"text-anchor": "end"}), text(10, 30, "Alawi"))
    svg = ET.fromstring(str(doc.render()))
    arabic, english = svg.findall(".//svg:text", NS)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert (arabic.attrib["direction"], arabic.attrib[lang]) == ("rtl", "ar")
    assert "direction" not in english.attrib and svg.attrib["direction"] == "ltr"


def test_every_label_goes_through_the_label_function_and_falls_back_to_english(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert label("deadline.moved", target="During 2026") == "Moved to During 2026"
    assert label("deadline.moved", "ar", target="2026") == "تغيّر إلى: 2026"
    monkeypatch.delitem(LABELS["ar"], "deadline.moved")
    assert label("deadline.moved", "ar", target="2026") == "Moved to 2026"  # not (or no longer) translated
    with pytest.raises(KeyError):
        label("no.such.label")


def test_every_label_has_an_arabic_translation_with_the_same_fields() -> None:
    assert set(LABELS["ar"]) == set(LABELS["en"])
    for key, english in LABELS["en"].items():
        arabic = LABELS["ar"][key]
        assert set(re.findall(r"{(\w+)}", english)) <= set(re.findall(r"{(\w+)}", arabic)) | {"quarter"}, key
        assert not re.search("[A-Za-z]", re.sub(r"{\w+}", "", arabic)), key


@pytest.fixture(scope="module")
def mini_ar() -> dict[str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        return pages(Path(__file__).parent / "fixtures" / "mini", "ar")


def _texts(svg: ET.Element) -> list[ET.Element]:
    return list(svg.iter(f"{{{NS['svg']}}}text"))


def test_arabic_pictures_are_well_formed_and_marked_arabic_and_right_to_left(mini_ar: dict[str, str]) -> None:
    drawn = [svg for html in mini_ar.values() for svg in pictures(html)]
    assert len(drawn) >= 12
    for svg in drawn:
        assert (svg.attrib[XML_LANG], svg.attrib["direction"]) == ("ar", "rtl")
        heading, desc = svg.find("svg:title", NS), svg.find("svg:desc", NS)
        assert heading is not None and desc is not None
        assert is_arabic(heading.text or "") and is_arabic(desc.text or "")
        for words in _texts(svg):
            content = words.text or ""
            if words.attrib.get(XML_LANG) == "en":  # content with no Arabic version, drawn in English
                assert words.attrib["direction"] == "ltr" and not is_arabic(content)
            else:
                assert words.attrib["direction"] == "rtl", content
                assert not re.search("[A-Za-z]", content), content


def test_no_english_label_is_left_in_an_arabic_picture(mini_ar: dict[str, str]) -> None:
    english = {word for key, words in LABELS["en"].items() if "{" not in words
               for word in (words.split("|") if key.startswith("month.") else [words]) if re.search("[A-Za-z]", word)}
    drawn = " ".join(t.text or "" for html in mini_ar.values() for svg in pictures(html)
                     for t in [*_texts(svg), *svg.iter(f"{{{NS['svg']}}}title"), *svg.iter(f"{{{NS['svg']}}}desc")])
    assert is_arabic(drawn)
    assert [word for word in sorted(english) if re.search(rf"\b{re.escape(word)}\b", drawn)] == []


def test_arabic_pictures_draw_the_same_marks_and_links_as_the_english(mini: dict[str, str],
                                                                      mini_ar: dict[str, str]) -> None:
    def shape(html: str) -> list[tuple[int, list[str]]]:
        return [(len(svg.findall(".//svg:a", NS)), sorted(marks(svg))) for svg in pictures(html)]

    assert mini_ar.keys() == mini.keys()
    for uri, html in mini.items():
        assert shape(mini_ar[uri]) == shape(html), uri


def test_in_the_arabic_edition_text_keeps_its_place_and_english_reads_left_to_right() -> None:
    doc = Document("probe", 200, 40, "مسبار", "مسبار", "ar")
    doc.add(text(10, 20, "غير صحيح", "ar"), text(190, 20, "Alawi", "ar", **{"text-anchor": "end"}),
            text(100, 30, "2026", "ar", **{"text-anchor": "middle"}))
    arabic, english, digits = ET.fromstring(str(doc.render())).findall(".//svg:text", NS)
    # Right-to-left text starts at its right end: "end" puts its left end at x, as "start" does for English.
    assert (arabic.attrib["direction"], arabic.attrib["text-anchor"]) == ("rtl", "end")
    assert (english.attrib["direction"], english.attrib[XML_LANG], english.attrib["text-anchor"]) == ("ltr", "en", "end")
    assert (digits.attrib["direction"], digits.attrib["text-anchor"]) == ("rtl", "middle")


def test_a_mirrored_chart_keeps_its_bars_and_words_inside_it() -> None:
    svg = ET.fromstring(str(verdict_chart("probe", {"confirmed": 3, "denied": 1}, lambda s: None, "ar")))
    bars = [(float(r.attrib["x"]), float(r.attrib["width"])) for r in svg.iter(f"{{{NS['svg']}}}rect")]
    assert all(0 <= x and x + width <= 340 - 98 for x, width in bars)
    assert max(bars, key=lambda b: b[1])[0] + max(b[1] for b in bars) == 340 - 106  # bars grow leftwards
    words = [t for t in _texts(svg) if is_arabic(t.text or "")]
    assert {(t.attrib["x"], t.attrib["text-anchor"]) for t in words} == {("242", "end")}  # their right end at x


def _chart_words(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{{{NS['svg']}}}text")]


def _site() -> Site:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        return load_site(Path(__file__).parent / "fixtures" / "mini")




def test_a_crowded_relation_graph_draws_the_strongest_relations_and_says_so(tmp_path: Path) -> None:
    generate(300, tmp_path / "big")
    site = load_site(tmp_path / "big")
    crowded = 0
    for actor in site.actors.values():
        graph = relation_graph(site, lambda url: url, actor)
        assert graph is not None
        drawn_claims = {c.id for e in graph.edges for c in (e.first, e.second)}
        svg = ET.fromstring(graph.svg)
        assert {g.attrib["data-claim"] for g in svg.iter(f"{{{NS['svg']}}}g") if "data-claim" in g.attrib} == drawn_claims
        assert graph.shown == len(drawn_claims) <= MOST_BOXES
        every = edges(graph.facts)
        assert graph.joined == len({c.id for e in every for c in (e.first, e.second)})
        if graph.joined <= MOST_BOXES:
            assert graph.edges == every
            continue
        crowded += 1
        # An edge is left out only when one of its claims is, and the boxes go to the strongest relations first.
        assert all(not {e.first.id, e.second.id} <= drawn_claims for e in every if e not in graph.edges)
        strong = [e for e in every if e.kind == "supersedes"]
        if len({c.id for e in strong for c in (e.first, e.second)}) <= MOST_BOXES:
            assert all(e in graph.edges for e in strong)
        last = actor
    assert crowded  # the generated site is dense enough to need the limit
    html = pages(tmp_path / "big")[f"actors/{last.id}.md"]
    graph = relation_graph(site, lambda url: url, last)
    assert graph is not None
    assert (f"The picture shows {graph.shown} of the {graph.joined} claims these relations join" in html)
    assert len(listed(html, "data-edge")) == len(graph.facts) > len(graph.edges)


def test_a_large_timeline_has_a_page_per_month_and_an_overview(tmp_path: Path) -> None:
    generate(TIMELINE_PAGE_CLAIMS + 60, tmp_path / "big")
    site = load_site(tmp_path / "big")
    rendered = pages(tmp_path / "big")
    months = sorted(uri for uri in rendered if uri.startswith("timeline/"))
    assert len(months) > 3
    overview = rendered["timeline.md"]
    assert not PICTURE.search(overview)  # no picture of every claim
    rows = re.findall(r'<tr><th scope="row"><a href="([^"]+)">[^<]+</a></th><td>(\d+)</td>', overview)
    assert [href for href, _ in rows] == [uri.removesuffix(".md").removeprefix("timeline/") + "/" for uri in months]
    assert sum(int(count) for _, count in rows) == len(site.claims)
    seen: list[str] = []
    for number, uri in enumerate(months):
        html = rendered[uri]
        lanes = [g.attrib["data-claim"] for g in pictures(html)[0].iter(f"{{{NS['svg']}}}g")
                 if g.attrib.get("class") == "timeline__lane"]
        key = uri.removeprefix("timeline/").removesuffix(".md")
        assert all(site.claims[claim].data.made_on.date.start.strftime("%Y-%m") == key for claim in lanes)
        assert len(lanes) == int(rows[number][1])
        seen += lanes
        assert ('rel="prev"' in html) == (number > 0) and ('rel="next"' in html) == (number < len(months) - 1)
    assert sorted(seen) == sorted(site.claims)
