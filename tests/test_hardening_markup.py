"""Editors' text to HTML: hostile Markdown and HTML come out inert, and check names what it refuses."""

from __future__ import annotations

import json
import re
from typing import Any

import html5lib
import pytest

from site_builder.markup import ALLOWED_TAGS, for_theme, hidden_character, shown, to_html, unsafe_links
from site_builder.plugin import PACKAGE_TEMPLATES
from site_builder.render import environment

# Every hostile payload in the tests carries one of these markers where it would act:
# a dialog, a request to a /pwned path, a flag on window, or a site the page must never load.
MARKERS = ("alert(", "pwned", "evil.example")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "style", "poster", "background",
                  "xlink:href", "srcset", "ping", "codebase", "cite"}
NEVER_IN_A_PAGE = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
DATA_SCRIPTS = {"application/json", "application/ld+json"}


def _name(tag: Any) -> str:
    return str(tag).rpartition("}")[2].lower()


def _attribute(name: str) -> str:
    local = name.rpartition("}")[2].lower()
    return "xlink:href" if name.startswith("{http://www.w3.org/1999/xlink}") and local == "href" else local


def injected(html: str) -> list[str]:
    """What in a page could act on a reader: a live script or style, an event handler, a hostile URL or frame."""
    found = []
    for element in html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False).iter():
        tag, text = _name(element.tag), "".join(element.itertext())
        if tag == "script" and element.get("type", "").lower() in DATA_SCRIPTS:
            json.loads(text)  # data only: it must still parse, or a payload broke out of it
        elif tag in ("script", "style") and any(marker in text for marker in MARKERS):
            found.append(f"<{tag}> running {text[:60]!r}")
        if tag in NEVER_IN_A_PAGE or (tag == "meta" and element.get("http-equiv")):
            found.append(f"<{tag}> element {dict(element.attrib)}")
        for name, value in element.attrib.items():
            attribute = _attribute(name)
            if attribute.startswith("on"):
                found.append(f"event handler {attribute}={value[:60]!r} on <{tag}>")
            elif attribute in URL_ATTRIBUTES and any(marker in value for marker in MARKERS) or attribute in URL_ATTRIBUTES and re.match(r"\s*(javascript|vbscript|data):", value, re.IGNORECASE):
                found.append(f"{attribute}={value[:60]!r} on <{tag}>")
    return found


def fragment_tags(html: str) -> set[str]:
    """The element names of an HTML fragment."""
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    return {_name(element.tag) for element in fragment.iter()} - {"document_fragment"}


HOSTILE_MARKUP = {
    "script tag": "<script>window.__pwned=1;alert(1)</script>",
    "script src": '<script src="/pwned.js"></script>',
    "uppercase script": "<SCRIPT>alert(1)</SCRIPT>",
    "split script": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "img onerror": '<img src=x onerror="window.__pwned=1;alert(1)">',
    "attribute breakout": '"><img src=x onerror=alert(1)>',
    "single-quote breakout": "'><svg onload=alert(1)>",
    "svg onload": "<svg/onload=alert(1)>",
    "svg script": "<svg><script>alert(1)</script></svg>",
    "svg animate": "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "svg xlink": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "mathml mutation": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "noscript mutation": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "iframe srcdoc": '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
    "object": '<object data="/pwned.swf"></object>',
    "base href": '<base href="https://evil.example/">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "form action": '<form action="/pwned"><button formaction="/pwned">go</button></form>',
    "style element": "<style>body{display:none;background:url(/pwned.png)}</style>",
    "style attribute": '<p style="background:url(/pwned.png)">x</p>',
    "link stylesheet": "<link rel=stylesheet href=/pwned.css>",
    "javascript link": '<a href="javascript:alert(1)">x</a>',
    "entity javascript link": '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "markdown javascript link": "[x](javascript:alert(1))",
    "markdown entity link": "[x](javascript&#58;alert(1))",
    "markdown data link": "[x](data:text/html,<script>alert(1)</script>)",
    "markdown image": "![x](/pwned.png)",
    "markdown image breakout": '![x" onerror="alert(1)](/pwned.png)',
    "markdown title breakout": '[x](https://example.org "a\\" onmouseover=\\"alert(1)")',
    "reference link": "[x][1]\n\n[1]: javascript:alert(1)",
    "html comment": "<!-- --><script>alert(1)</script> -->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "template": "<template><script>alert(1)</script></template>",
    "title breakout": "</title><script>alert(1)</script>",
    "textarea breakout": "</textarea><script>alert(1)</script>",
}


@pytest.mark.parametrize("payload", HOSTILE_MARKUP.values(), ids=HOSTILE_MARKUP.keys())
def test_hostile_markup_comes_out_inert(payload: str) -> None:
    html = str(to_html(payload))
    assert injected(html) == []
    assert fragment_tags(html) <= ALLOWED_TAGS


def test_safe_markdown_keeps_its_formatting_and_links() -> None:
    html = str(to_html("*Confirmed* by [the statement](https://example.org/a?b=1&c=2) and `code`."))
    assert "<em>Confirmed</em>" in html and "<code>code</code>" in html
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html and 'rel="noopener noreferrer"' in html


def test_plain_text_is_escaped_not_interpreted() -> None:
    assert str(to_html("a < b and c > d")) == "<p>a &lt; b and c &gt; d</p>"
    assert str(to_html("{{ 7*7 }} stays {% raw %}")) == "<p>{{ 7*7 }} stays {% raw %}</p>"


def test_theme_text_is_escaped_for_html_and_attributes() -> None:
    assert for_theme('"><script>alert(1)</script>') == "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert for_theme("Al-Sudani's plan & timetable") == "Al-Sudani&#x27;s plan &amp; timetable"


@pytest.mark.parametrize(("text", "link"), [
    ("[x](javascript:alert(1))", "javascript:alert(1)"),
    ("[x](javascript&#58;alert(1))", "javascript:alert(1)"),
    ("[x](java&#9;script:alert(1))", "java\tscript:alert(1)"),
    ('<a href="  JaVaScRiPt:alert(1)">x</a>', "  JaVaScRiPt:alert(1)"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html;base64,PHNjcmlwdD4="),
    ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "data:image/svg+xml,<svg onload=alert(1)>"),
    ("[x](vbscript:msgbox(1))", "vbscript:msgbox(1)"),
    ("[x][1]\n\n[1]: javascript:alert(1)", "javascript:alert(1)"),
    ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "javascript:alert(1)"),
])
def test_links_that_would_run_or_load_script_are_found(text: str, link: str) -> None:
    assert unsafe_links(text) == [link]


@pytest.mark.parametrize("text", [
    "[the statement](https://example.org/x)", "[write to us](mailto:desk@example.org)", "[the claim](../claims/x/)",
    "[section](#evidence)", "Plain prose: data: figures, javascript: a language.", "a < b",
])
def test_ordinary_links_and_prose_are_not_refused(text: str) -> None:
    assert unsafe_links(text) == []


@pytest.mark.parametrize(("text", "named"), [
    ("abc\u202edcba", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u2067x\u2069", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ("us\u200bgovernment", "U+200B ZERO WIDTH SPACE"),
    ("x\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"),
    ("bell\x07", "U+0007 CONTROL CHARACTER"),
])
def test_hidden_characters_are_named(text: str, named: str) -> None:
    assert hidden_character(text) == named


def test_marks_and_joiners_that_arabic_script_needs_are_allowed() -> None:
    assert hidden_character("العراق\u200f (Iraq)\u200e and کوردستان\u200cی") is None


def test_messages_spell_out_what_they_quote() -> None:
    assert shown("java\tscript:\u202ealert") == "java\\tscript:\\u202ealert"
    assert shown("x" * 100).endswith("…") and len(shown("x" * 100)) == 61


def test_templates_autoescape_and_never_mark_editor_text_safe() -> None:
    env = environment([PACKAGE_TEMPLATES])
    assert env.autoescape is True or env.autoescape("claim.html")
    escape_hatch = re.compile(r"\|\s*safe\b|autoescape\s+false|Markup\(")
    offenders = [f"{path.relative_to(PACKAGE_TEMPLATES)}:{number}: {line.strip()}"
                 for path in sorted(PACKAGE_TEMPLATES.rglob("*.html"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if escape_hatch.search(line)]
    assert offenders == []


def test_the_site_scripts_never_write_html_from_strings() -> None:
    writes_html = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function")
    offenders = [f"{path.name}:{number}" for path in sorted((PACKAGE_TEMPLATES / "assets").glob("*.js"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if writes_html.search(line)]
    assert offenders == []
