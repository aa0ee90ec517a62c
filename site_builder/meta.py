"""Tags for every page's <head>: Open Graph and Twitter card previews, feed links, structured data."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

# Open Graph wants language_TERRITORY; a bare language gets its most common territory.
OG_LOCALES = {"en": "en_US", "ar": "ar_AR", "fr": "fr_FR", "de": "de_DE", "es": "es_ES"}


@dataclass(frozen=True)
class FeedLink:
    """An Atom feed a page links to."""

    title: str
    href: str


@dataclass(frozen=True)
class Image:
    """A page's share card: where it is and what it shows, in words."""

    url: str
    alt: str
    width: int = 1200
    height: int = 630


@dataclass(frozen=True)
class Head:
    """What a page says about itself to link previews, feed readers and search engines."""

    title: str
    description: str
    url: str | None
    site_name: str
    locale: str
    kind: str = "website"
    feeds: list[FeedLink] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    image: Image | None = None


def og_locale(language: str) -> str:
    """A theme language (en, en-GB, ar) as an Open Graph locale (en_US, en_GB, ar_AR)."""
    language = language.replace("-", "_")
    return language if "_" in language else OG_LOCALES.get(language, language)


def head_tags(head: Head, has_canonical: bool) -> str:
    """The tags to add to the page's head, escaped, one a line."""
    tags = [_meta("property", "og:type", head.kind), _meta("property", "og:site_name", head.site_name),
            _meta("property", "og:title", head.title), _meta("property", "og:description", head.description),
            _meta("property", "og:locale", head.locale)]
    if head.url:
        tags.append(_meta("property", "og:url", head.url))
        if not has_canonical:
            tags.append(f'<link rel="canonical" href="{escape(head.url)}">')
    if head.image:
        tags += [_meta("property", "og:image", head.image.url), _meta("property", "og:image:type", "image/png"),
                 _meta("property", "og:image:width", str(head.image.width)),
                 _meta("property", "og:image:height", str(head.image.height)),
                 _meta("property", "og:image:alt", head.image.alt), _meta("name", "twitter:image", head.image.url),
                 _meta("name", "twitter:image:alt", head.image.alt)]
    tags += [_meta("name", "twitter:card", "summary_large_image" if head.image else "summary"),
             _meta("name", "twitter:title", head.title), _meta("name", "twitter:description", head.description)]
    tags += [f'<link rel="alternate" type="application/atom+xml" title="{escape(feed.title)}" '
             f'href="{escape(feed.href)}">' for feed in head.feeds]
    return "\n".join(tags + head.data) + "\n"


def add_to_head(html: str, head: Head) -> str:
    """The page with the tags inserted just before </head> (unchanged when it has no head)."""
    end = html.find("</head>")
    return insert_in_head(html, head_tags(head, 'rel="canonical"' in html[:max(end, 0)]))


def insert_in_head(html: str, tags: str) -> str:
    """The page with ready-made tags inserted just before </head> (unchanged when it has no head)."""
    end = html.find("</head>")
    if end < 0 or not tags:
        return html
    return html[:end] + tags + html[end:]


def _meta(attribute: str, name: str, content: str) -> str:
    return f'<meta {attribute}="{name}" content="{escape(content)}">'
