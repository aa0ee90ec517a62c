"""Editors' short texts to safe HTML: plain text fast, Markdown sanitised by an allow-list."""

from __future__ import annotations

import re
from html import escape

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "em", "strong", "a", "code", "ul", "ol", "li", "blockquote", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
_MARKDOWN_SIGNS = re.compile(r"[*_`\[\]<>&#\n\\]|^\s*[-+]\s|^\s*\d+\.\s", re.MULTILINE)
_converter = markdown.Markdown(extensions=[], output_format="html")


def to_html(text: str | None) -> Markup:
    """A paragraph of HTML from an editor's text; raw HTML and unsafe links never survive."""
    if not text:
        return Markup("")
    if not _MARKDOWN_SIGNS.search(text):
        return Markup(f"<p>{escape(text, quote=False)}</p>")
    html = _converter.reset().convert(text)
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                            link_rel="noopener noreferrer"))
