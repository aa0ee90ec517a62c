"""The theme's search index, made faster: its own parser is fed by a tokenizer written with regular expressions.

Material's search plugin divides each page into sections with a parser built on html.parser, whose pure-Python
tokenizing is a fifth of a build of this site. Here the same parser class gets the same calls (start tag, end
tag, text) from a tokenizer that does the scanning in C, so the entries are those the theme would make
(tests/test_search_parse.py compares them on every page of the shipped site). Markup the tokenizer does not
handle (scripts, styles, CDATA, processing instructions, a stray "<") goes to the theme's parser unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser
from typing import Any, Protocol

_TOKEN = re.compile(r"""<!--.*?-->|<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+""", re.DOTALL)
_ATTR = re.compile(r"""([^\s=/>][^\s=>]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
# Elements whose content html.parser reads as raw text (script and style; newer Pythons add title and textarea).
_RAW = sorted({*HTMLParser.CDATA_CONTENT_ELEMENTS, *getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ())})
_UNHANDLED = re.compile(rf"<(?:{'|'.join(_RAW)})\b|<!\[|<!(?!--)|<\?", re.IGNORECASE)


class Handler(Protocol):
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None: ...
    def handle_endtag(self, tag: str) -> None: ...
    def handle_data(self, data: str) -> None: ...


def tokens(html: str) -> list[tuple[str, Any]] | None:
    """The HTML as ("start", (tag, attrs, closed)), ("end", tag) and ("data", text) events, as html.parser
    reports them; None when the markup needs the full parser."""
    if _UNHANDLED.search(html):
        return None
    events: list[tuple[str, Any]] = []
    at = 0
    for match in _TOKEN.finditer(html):
        if match.start() != at:  # a "<" that starts no tag or comment
            return None
        at = match.end()
        slash, name, rest = match.group(1, 2, 3)
        if name is None:
            if not match.group().startswith("<!--"):
                events.append(("data", unescape(match.group())))
        elif slash:
            events.append(("end", name.lower()))
        else:
            closed = rest.endswith("/")
            events.append(("start", (name.lower(), _attrs(rest[:-1] if closed else rest), closed)))
    return events if at == len(html) else None


def _attrs(text: str) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for match in _ATTR.finditer(text):
        name, double, single, bare = match.groups()
        value = next((v for v in (double, single, bare) if v is not None), None)
        found.append((name.lower(), None if value is None else unescape(value)))
    return found


def feed(parser: Handler, events: list[tuple[str, Any]]) -> None:
    """Give the parser the events, as html.parser would (a self-closed tag is a start and an end)."""
    for kind, value in events:
        if kind == "data":
            parser.handle_data(value)
        elif kind == "end":
            parser.handle_endtag(value)
        else:
            tag, attrs, closed = value
            parser.handle_starttag(tag, attrs)
            if closed:
                parser.handle_endtag(tag)


def speed_up(plugins: Any) -> bool:
    """Make the theme's search plugin, if it is Material's, index pages through the tokenizer."""
    for plugin in plugins.values():
        index: Any = getattr(plugin, "search_index", None)
        module = type(index).__module__
        if module.startswith("material.") and hasattr(index, "create_entry_for_section"):
            parser_class = getattr(__import__(module, fromlist=["Parser"]), "Parser", None)
            if parser_class is not None:
                index.add_entry_from_context = _indexer(index, parser_class, index.add_entry_from_context)
                return True
    return False


def _indexer(index: Any, parser_class: type, whole: Callable[[Any], None]) -> Callable[[Any], None]:
    def add_entry_from_context(page: Any) -> None:
        if (page.meta.get("search") or {}).get("exclude"):
            return
        events = tokens(page.content or "")
        if events is None:
            whole(page)
            return
        parser = parser_class()
        feed(parser, events)
        for section in parser.data:
            if not section.is_excluded():
                index.create_entry_for_section(section, page.toc, page.url, page)

    return add_entry_from_context
