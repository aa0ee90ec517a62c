"""Editors' short texts to safe HTML, and the checks that keep hostile text out of content files."""

from __future__ import annotations

import re
import unicodedata
from html import escape
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "em", "strong", "a", "code", "ul", "ol", "li", "blockquote", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
_MARKDOWN_SIGNS = re.compile(r"[*_`\[\]<>&#\n\\]|^\s*[-+]\s|^\s*\d+\.\s", re.MULTILINE)
_converter = markdown.Markdown(extensions=[], output_format="html")

# Bidirectional overrides, embeddings and isolates reorder what a reader sees ("Trojan Source");
# zero-width and tag characters hide text; control characters have no place in prose.
# Left-to-right/right-to-left marks and the zero-width (non-)joiner stay allowed: Arabic-script text needs them.
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff\u180e\U000e0000-\U000e007f"
                     "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINK_SIGNS = re.compile(r"\]\s*[(:]|<")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "cite"}
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def to_html(text: str | None) -> Markup:
    """A paragraph of HTML from an editor's text; raw HTML and unsafe links never survive."""
    if not text:
        return Markup("")
    if not _MARKDOWN_SIGNS.search(text):
        return Markup(f"<p>{escape(text, quote=False)}</p>")
    html = _converter.reset().convert(text)
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                            link_rel="noopener noreferrer"))


def for_theme(text: str) -> str:
    """Plain text as HTML for the MkDocs theme, whose templates print titles and descriptions unescaped."""
    return escape(text, quote=True)


def hidden_character(text: str) -> str | None:
    """The first bidirectional control, invisible or control character in text, named; None when there is none."""
    found = _HIDDEN.search(text)
    return describe(found.group()) if found else None


def describe(char: str) -> str:
    """A character as an editor can search for it: U+202E RIGHT-TO-LEFT OVERRIDE."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL CHARACTER')}"


def unsafe_links(text: str) -> list[str]:
    """Links in an editor's Markdown or HTML whose scheme is not http, https or mailto (javascript:, data: …)."""
    if not _LINK_SIGNS.search(text):
        return []
    parser = _LinkCollector()
    parser.feed(_converter.reset().convert(text))
    parser.close()
    return [url for url in parser.urls if _scheme(url) not in URL_SCHEMES | {""}]


def shown(text: str, limit: int = 60) -> str:
    """A short excerpt of text with hidden and control characters spelled out, safe to print in a message."""
    excerpt = text if len(text) <= limit else text[:limit] + "…"
    return _HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", excerpt.replace("\t", "\\t").replace("\n", "\\n"))


def _scheme(url: str) -> str:
    # Browsers drop tabs and newlines anywhere in a URL and control characters or spaces around it.
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))
    found = _SCHEME.match(cleaned)
    return found.group(1).lower() if found else ""


class _LinkCollector(HTMLParser):
    """Every URL an HTML fragment links to or loads, with character references decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in _URL_ATTRIBUTES and value is not None]
