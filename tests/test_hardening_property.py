"""Whatever text editors write into any field, rendered pages gain no script, event handler or script link."""

from __future__ import annotations

import os
import re
from collections import Counter
from typing import Any

import html5lib
import pytest
from conftest import AS_OF_EPOCH, MINI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hardening_markup import fragment_tags

from site_builder.markup import ALLOWED_TAGS, to_html
from site_builder.model import Site
from site_builder.plugin import PACKAGE_TEMPLATES
from site_builder.project import load_site
from site_builder.render import Renderer
from site_builder.schema import Text, TextArOptional

FRAGMENTS = [
    "<", ">", "</", "/>", '"', "'", "=", "&", "&#", "&#x", ";", " ", "\n", "\n\n", "script", "SCRIPT", "onerror",
    "onload", "on", "img", "svg", "math", "style", "iframe", "a", "p", "href", "src", "javascript:", "java", "&#58;",
    "data:", "alert(1)", "[", "](", ")", "![", "`", "*", "<!--", "-->", "<![CDATA[", "]]>", "{{", "}}", "{%", "%}",
    "\\", ":", "#", "x", "<script>", "</script>", "<a href=", "<img src=x onerror=", "<svg/onload=", "\u202e",
]
hostile_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), min_size=1, max_size=40).map(
    "".join)
SETTINGS = {"title": "Mini fact-check", "organisation": "Mini fact-check desk", "repository": None,
            "site_url": "https://factcheck.example.org/"}
SAFE_SCHEMES = {"http", "https", "mailto"}


def live_parts(html: str, fragment: bool = False) -> Counter[str]:
    """Scripts, styles, event handlers and non-web links in HTML, counted by kind."""
    parse = html5lib.parseFragment if fragment else html5lib.parse
    found: Counter[str] = Counter()
    for element in parse(html, treebuilder="etree", namespaceHTMLElements=False).iter():
        tag = str(element.tag).rpartition("}")[2].lower()
        if tag in ("script", "style", "iframe", "object", "embed", "base"):
            found[f"<{tag} type={element.get('type', '')}>"] += 1
        for name, value in element.attrib.items():
            local = name.rpartition("}")[2].lower()
            if local.startswith("on") or local in ("style", "srcdoc"):
                found[f"{local}= on <{tag}>"] += 1
            scheme = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):", re.sub(r"[\t\n\r]", "", value))
            if local in ("href", "src", "action", "formaction") and scheme and scheme[1].lower() not in SAFE_SCHEMES:
                found[f"{scheme[1].lower()}: link on <{tag}>"] += 1
    return found


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_markup_of_any_text_holds_only_allowed_tags_and_no_live_parts(text: str) -> None:
    html = str(to_html(text))
    assert live_parts(html, fragment=True) == Counter()
    assert fragment_tags(html) <= ALLOWED_TAGS


def _load_mini() -> Site:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = AS_OF_EPOCH
    try:
        return load_site(MINI)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _render(site: Site) -> dict[str, str]:
    return {page.src_uri: page.html for page in Renderer(site, [PACKAGE_TEMPLATES], SETTINGS).pages()}


@pytest.fixture(scope="module")
def baseline() -> dict[str, Counter[str]]:
    """The live parts of each page of the mini site as the templates make them."""
    return {uri: live_parts(html) for uri, html in _render(_load_mini()).items()}


def _put(model: Any, **fields: Any) -> Any:
    """A copy of a frozen model with fields replaced, unvalidated: the templates must cope with any string."""
    return model.model_copy(update=fields)


def _fill(site: Site, text: str) -> None:
    """Put text into every kind of editor field the pages show, as the check would never let it through."""
    both, optional = Text.model_construct(en=text, ar=text), TextArOptional.model_construct(en=text, ar=text)
    for claim in site.claims.values():
        data = claim.data
        claim.data = _put(data, statement=both, verdict=_put(data.verdict, rationale=optional),
                          history=[_put(step, note=optional) for step in data.history])
        for quote in claim.appearances + claim.evidence:
            quote.data = _put(quote.data, translation=text)
    for actor in site.actors.values():
        actor.data = _put(actor.data, name=both, description=optional, relayed_by=[text])
    for deadline in site.deadlines.values():
        deadline.data = _put(deadline.data, label=both)
    for source in site.sources.values():
        source.entry = _put(source.entry, outlet=both, headline=both, notes=text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hostile_text)
def test_pages_with_any_text_in_every_field_gain_no_live_parts(baseline: dict[str, Counter[str]], text: str) -> None:
    site = _load_mini()
    _fill(site, text)
    pages = _render(site)
    assert pages.keys() == baseline.keys()
    for uri, html in pages.items():
        assert live_parts(html) == baseline[uri], uri
