"""Building SVG as strings: escaped attributes and text, elements, and the accessible document."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

# Attribute values: text or numbers, None to leave one out. Typed as object so that mixed dicts unpack.
Attr = object

ARABIC = range(0x0600, 0x0700)
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_LATIN_LETTER = re.compile("[A-Za-z]")
SWAPPED = {"start": "end", "end": "start", "middle": "middle"}


@lru_cache(maxsize=1 << 16)  # the same coordinates recur in every picture
def number(value: float) -> str:
    """A coordinate as short, stable text: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_PLAIN = re.compile(r"[^&<>\"'\n\r\t]*")  # values quoteattr would only wrap in double quotes
_NAMES: dict[str, str] = {}


def _name(name: str) -> str:
    _NAMES[name] = name.rstrip("_").replace("__", ":")
    return _NAMES[name]


# The text of each (name, value) pair met before: pictures repeat the same colours, sizes, classes and
# coordinates many times over. Keyed by the pair, so an int and an equal float share an entry: both print the
# same digits. Values of other types (a bool equals 0 or 1 but prints as a word) are not kept.
_FRAGMENTS: dict[tuple[str, Attr], str] = {}
_KEPT = frozenset({str, float, int, type(None)})


def attrs(values: dict[str, Attr]) -> str:
    """Attributes in the given order; None leaves one out; names ending in _ lose the _ (class_)."""
    out = ""
    for item in values.items():
        if item[1].__class__ not in _KEPT:
            out += _fragment(*item)
            continue
        found = _FRAGMENTS.get(item)
        if found is None:
            if len(_FRAGMENTS) >= 1 << 17:
                _FRAGMENTS.clear()
            found = _FRAGMENTS[item] = _fragment(*item)
        out += found
    return out


def _fragment(name: str, value: Attr) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        quoted = f'"{number(value)}"'  # digits, a sign and a point: nothing to escape
    elif type(value) is int:
        quoted = f'"{value}"'
    else:
        text = str(value)
        quoted = f'"{text}"' if _PLAIN.fullmatch(text) else quoteattr(text)
    return f" {_NAMES.get(name) or _name(name)}={quoted}"


def tag(name: str, children: Iterable[str] = (), /, **values: Attr) -> str:
    """An element with attributes and already-built children."""
    inner = "".join(children)
    return f"<{name}{attrs(values)}>{inner}</{name}>" if inner else f"<{name}{attrs(values)}/>"


@lru_cache(maxsize=1 << 16)  # the same words are drawn in many pictures
def is_arabic(text: str) -> bool:
    """True when the text holds Arabic letters."""
    return _ARABIC_LETTER.search(text) is not None


@lru_cache(maxsize=1 << 16)
def _escaped_str(text: str) -> str:
    return escape(text)


def _escaped(text: str) -> str:
    # Only plain str is cached: a Markup equal to it would be escaped differently (its replace escapes too).
    return _escaped_str(text) if type(text) is str else escape(text)


@lru_cache(maxsize=1 << 16)
def is_latin(text: str) -> bool:
    """True when the text holds Latin letters and no Arabic ones: English drawn where a translation is missing."""
    return _LATIN_LETTER.search(text) is not None and not is_arabic(text)


def text(x: float, y: float, content: str, lang: str = "en", /, **values: Attr) -> str:
    """A text element; Arabic runs are marked right to left so that they shape and order correctly.

    In the Arabic edition (lang "ar") text-anchor keeps its meaning on the page, start for the left end at x and
    end for the right end: it is swapped for right-to-left text, whose start is its right end."""
    if lang == "ar":
        values = _in_arabic_edition(content, values)
    elif is_arabic(content):
        values = {"direction": "rtl", "xml__lang": "ar", "unicode-bidi": "embed", **values}
    if "x" in values or "y" in values:  # given twice: the later value, in the first place
        return f"<text{attrs({'x': float(x), 'y': float(y), **values})}>{_escaped(content)}</text>"
    return f'<text x="{number(float(x))}" y="{number(float(y))}"{attrs(values)}>{_escaped(content)}</text>'


def _in_arabic_edition(content: str, values: dict[str, Attr]) -> dict[str, Attr]:
    if is_latin(content):
        return {"direction": "ltr", "xml__lang": "en", **values}
    anchor = SWAPPED[str(values.get("text-anchor") or "start")]
    return {"direction": "rtl", "unicode-bidi": "embed", **values, "text-anchor": anchor}


def title(content: str) -> str:
    """A tooltip and accessible name for the element it sits in."""
    return f"<title>{escape(content)}</title>"


def link(href: str, children: Iterable[str], /, **values: Attr) -> str:
    """A link around marks; out of the tab order, because the text alternative repeats every link."""
    return tag("a", children, href=href, tabindex="-1", **values)


@dataclass
class Document:
    """One SVG picture: its size, its accessible title and description, and its body."""

    key: str
    width: float
    height: float
    title: str
    desc: str
    lang: str = "en"
    body: list[str] = field(default_factory=list)
    defs: list[str] = field(default_factory=list)
    min_width: float | None = None

    def add(self, *parts: str) -> None:
        self.body.extend(parts)

    def render(self) -> Markup:
        """The <svg> element: scales to the width of its box, keeps legible text through min-width."""
        ids = f"{self.key}-title {self.key}-desc"
        style = f"max-width:{number(self.width)}px"
        if self.min_width:
            style += f";min-width:{number(min(self.min_width, self.width))}px"
        head = (f"<title id={quoteattr(self.key + '-title')}>{escape(self.title)}</title>"
                f"<desc id={quoteattr(self.key + '-desc')}>{escape(self.desc)}</desc>")
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        # Not role="img": an image may hold no links. A group named by the title and description, whose drawing is
        # hidden from assistive technology because the text alternative beside it says and links everything.
        root = attrs({"xmlns": "http://www.w3.org/2000/svg", "class": f"picture__svg picture__svg--{self.key}",
                      "viewBox": f"0 0 {number(self.width)} {number(self.height)}", "width": "100%",
                      "style": style, "role": "group", "aria-labelledby": ids, "xml__lang": self.lang,
                      "direction": "rtl" if self.lang == "ar" else "ltr", "font-size": 12})
        body = f'<g aria-hidden="true">{defs}{"".join(self.body)}</g>'
        return Markup(f"<svg{root}>{head}{body}</svg>")
