"""The search index made through site_builder.searchparse holds what the theme's own parser makes of each page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from material.plugins.search.plugin import Parser

from site_builder.i18n import load_edition
from site_builder.plugin import PACKAGE_TEMPLATES
from site_builder.project import load_site
from site_builder.render import Renderer
from site_builder.searchparse import feed, tokens

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = {"title": "Iraq withdrawal claims", "organisation": "Fact-check desk", "repository": "example/claims",
            "site_url": "https://factcheck.example.org/", "feed_title": "Iraq withdrawal claims"}


def _sections(parser: Any) -> list[tuple[Any, ...]]:
    return [(s.el.tag, s.id, s.depth, s.is_excluded(), "".join(s.title), "".join(s.text)) for s in parser.data]


def _theme(html: str) -> list[tuple[Any, ...]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return _sections(parser)


def _ours(html: str) -> list[tuple[Any, ...]] | None:
    events = tokens(html)
    if events is None:
        return None
    parser = Parser()
    feed(parser, events)
    return _sections(parser)


def _bodies() -> list[tuple[str, str]]:
    """What search reads of every generated page of the shipped site (pictures and lists set apart), and each
    whole page body, in both editions."""
    site = load_site(ROOT)
    found = []
    for code in ("en", "ar"):
        renderer = Renderer(site, [PACKAGE_TEMPLATES], SETTINGS, load_edition(code, [PACKAGE_TEMPLATES]))
        for page in renderer.pages():
            found += [(f"{code}:{page.src_uri}", page.body), (f"{code}:{page.src_uri} whole", page.html)]
    return found


def test_every_page_of_the_shipped_site_is_divided_into_the_sections_the_theme_makes() -> None:
    bodies = _bodies()
    assert len(bodies) > 100
    for name, html in bodies:
        ours = _ours(html)
        assert ours is not None, f"{name}: the tokenizer gave up"
        assert ours == _theme(html), name


@pytest.mark.parametrize("html", [
    '<h2 id="a">Title &amp; <em>more</em></h2>\n<p>Text <a class="headerlink" href="#a">¶</a> &lt;b&gt;</p>',
    '<section><h2 id="x">In</h2><p>one</p></section>\n  <p>after</p><br/><img src="a.png"/>',
    '<p data-search-exclude>hidden</p><div class="linenodiv">1</div><p>seen\n\n</p><span> </span> <span>x</span>',
    '<ul><li>a</li><li>  </li></ul><pre>  keep\n  spaces</pre><!-- a comment --><P CLASS=\'q\'>upper</P>',
    '<h1>no id</h1><h3 id=bare>bare id</h3><p title="a > b">quoted bracket</p>',
])
def test_markup_of_every_kind_is_divided_as_the_theme_divides_it(html: str) -> None:
    assert _ours(html) == _theme(html)


@pytest.mark.parametrize("html", ["<p>a < b</p>", "<script>var a = '<p>';</script>", "<style>p{}</style>",
                                  "<!DOCTYPE html><p>x</p>", "<p>open <!-- comment", "<![CDATA[x]]>"])
def test_markup_the_tokenizer_does_not_handle_goes_to_the_theme(html: str) -> None:
    assert tokens(html) is None
