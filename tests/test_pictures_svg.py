"""The pictures as drawn for the mini site: well-formed, deterministic, honest about dates, matched by their text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import Project

from site_builder.model import Site
from site_builder.pictures.labels import label
from site_builder.pictures.svg import Document, text
from site_builder.plugin import PACKAGE_TEMPLATES
from site_builder.project import load_site
from site_builder.render import Renderer
from site_builder.views import story

NS = {"svg": "http://www.w3.org/2000/svg"}
SETTINGS = {"title": "Mini fact-check", "organisation": "Mini fact-check desk", "repository": None,
            "site_url": "https://factcheck.example.org/"}
PICTURE = re.compile(r'<svg [^>]*class="picture__svg[^"]*".*?</svg>', re.DOTALL)


def pages(root: Path) -> dict[str, str]:
    """Every generated page body of a project, by src_uri."""
    return {page.src_uri: page.html for page in Renderer(load_site(root), [PACKAGE_TEMPLATES], SETTINGS).pages()}


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


def test_every_label_goes_through_the_label_function_and_falls_back_to_english() -> None:
    assert label("deadline.moved", target="During 2026") == "Moved to During 2026"
    assert label("deadline.moved", "ar", target="2026") == "Moved to 2026"  # not yet translated
    with pytest.raises(KeyError):
        label("no.such.label")


def _chart_words(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{{{NS['svg']}}}text")]


def _site() -> Site:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        return load_site(Path(__file__).parent / "fixtures" / "mini")


