"""The Arabic edition: a second build of the same mkdocs.yml into <site>/ar/ (in a forked process, see
forked.py, where it can run beside the English build), and the links between editions."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .citing import absolute
from .i18n import Edition
from .render import relative_link

ARABIC = "ar"
NAMES = {"en": "English", "ar": "العربية"}
SWITCH_LABELS = {"en": "Read this page in English", "ar": "Read this page in Arabic"}
SEARCH_LANGUAGES = ["ar", "en"]
# Where the switcher goes in a Material page: first thing in the article, before the page's own content.
CONTENT_START = 'class="md-content__inner md-typeset">'


@dataclass(frozen=True)
class Twins:
    """Which pages each edition has, by src_uri, and where the site lives: enough to link any page to its twin."""

    english: frozenset[str]
    arabic: frozenset[str]
    site_url: str

    def has_twin(self, edition: Edition, src_uri: str) -> bool:
        return src_uri in (self.arabic if edition.code == "en" else self.english)


def tool_module(config: MkDocsConfig, name: str) -> Any:
    """A module of the tool running this build (MkDocs or ProperDocs), e.g. 'commands.build'."""
    return importlib.import_module(type(config).__module__.split(".")[0] + "." + name)


def arabic_config(config: MkDocsConfig, edition: Edition) -> MkDocsConfig:
    """The English build's configuration turned into the Arabic edition's: its docs, site folder, URL, language."""
    docs_dir = Path(config.docs_dir) / ARABIC
    if not docs_dir.is_dir():
        raise PluginError(f"the Arabic edition needs the folder {docs_dir} with the Arabic versions of the "
                          "hand-written pages (or set 'arabic_edition: false' under the factcheck plugin)")
    load_config = tool_module(config, "config").load_config
    with _own_plugins(type(config)):
        arabic: MkDocsConfig = load_config(
            config_file=config.config_file_path, docs_dir=str(docs_dir),
            site_dir=str(Path(config.site_dir) / ARABIC), site_url=absolute(config.site_url or "", ARABIC + "/"),
            strict=config.strict, use_directory_urls=config.use_directory_urls)
    arabic.theme["language"] = ARABIC
    arabic.site_name = edition.plain_t(config.site_name)
    if config.site_description:
        arabic.site_description = edition.plain_t(config.site_description)
    arabic.nav = translate_nav(config.nav, edition) if config.nav else None
    english_search = search_plugin(config)
    arabic_search = search_plugin(arabic)
    if arabic_search is not None:
        arabic_search.config.lang = list(SEARCH_LANGUAGES)
        if english_search is not None and english_search.config.get("pipeline") is not None:
            arabic_search.config.pipeline = list(english_search.config.pipeline)
    return arabic


@contextmanager
def _own_plugins(config_class: type[MkDocsConfig]) -> Iterator[None]:
    """Load a configuration with plugin objects of its own. MkDocs keeps one object per process for each plugin
    with an on_startup hook (the theme's search has one): shared, the editions would change each other's
    settings (the search languages) and state."""
    option = dict(getattr(config_class, "_schema", ())).get("plugins")
    cache = getattr(option, "plugin_cache", None)
    if not isinstance(cache, dict):
        yield
        return
    saved = dict(cache)
    cache.clear()
    try:
        yield
    finally:
        cache.clear()
        cache.update(saved)


def search_plugin(config: MkDocsConfig) -> Any:
    """The search plugin of a configuration (MkDocs' own or the theme's), if it has one with languages."""
    return next((plugin for name, plugin in config.plugins.items()
                 if name.split("/")[-1] == "search" and "lang" in plugin.config), None)


def translate_nav(nav: Any, edition: Edition) -> Any:
    """The nav of mkdocs.yml with every title in the edition's language."""
    if isinstance(nav, list):
        return [translate_nav(item, edition) for item in nav]
    if isinstance(nav, dict):
        return {edition.plain_t(str(title)): translate_nav(target, edition) for title, target in nav.items()}
    return nav


def build_edition(config: MkDocsConfig, *, dirty: bool = False) -> None:
    """Build a configuration with the build function of the tool that is running."""
    tool_module(config, "commands.build").build(config, dirty=dirty)


def alternates(twins: Twins, edition: Edition, src_uri: str, url: str) -> str:
    """<link rel="alternate" hreflang> tags for a page in both editions, English being the default (none
    without a site_url: the addresses must be absolute)."""
    if not twins.site_url or not twins.has_twin(edition, src_uri):
        return ""
    pages = {"en": absolute(twins.site_url, url), "ar": absolute(twins.site_url, ARABIC + "/" + url)}
    tags = [f'<link rel="alternate" hreflang="{code}" href="{escape(href)}">' for code, href in pages.items()]
    tags.append(f'<link rel="alternate" hreflang="x-default" href="{escape(pages["en"])}">')
    return "\n".join(tags) + "\n"


def switcher(twins: Twins, edition: Edition, src_uri: str, url: str) -> str:
    """A plain link to the same page in the other edition; empty when that page does not exist."""
    if not twins.has_twin(edition, src_uri):
        return ""
    here = edition.prefix + url
    there = ("" if edition.code == ARABIC else ARABIC + "/") + url
    other = edition.other
    label = edition.plain_t(SWITCH_LABELS[other])
    return (f'<p class="language-switch"><a class="language-switch__link" href="{escape(relative_link(here)(there))}" '
            f'hreflang="{other}" lang="{other}" title="{escape(label)}">'
            f'{escape(NAMES[other])}</a></p>')


def add_switcher(html: str, link: str) -> str:
    """The page with the switcher at the start of its content (after <body> where the theme has no such block)."""
    if not link:
        return html
    at = html.find(CONTENT_START)
    if at >= 0:
        at += len(CONTENT_START)
    else:
        body = html.find("<body")
        at = html.find(">", body) + 1 if body >= 0 else 0
    return html[:at] + link + html[at:]


def shared_links(html: str, page_url: str, shared: Iterable[str]) -> str:
    """Links from an Arabic hand-written page to the open data and feeds, which live once, outside /ar/."""
    full = relative_link(ARABIC + "/" + page_url)
    within = relative_link(page_url)
    for target in shared:
        html = html.replace(f'href="{within(target)}"', f'href="{full(target)}"')
    return html
