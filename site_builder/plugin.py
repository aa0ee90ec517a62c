"""The MkDocs plugin: load, validate and link the claims, then generate every page in memory."""

from __future__ import annotations

import gc
import hashlib
import json
import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import forked
from .cards import CARDS_FOLDER, CardCache
from .deferred import DEFERRED, attach
from .diagnostics import ContentError
from .editions import (
    ARABIC,
    Twins,
    add_switcher,
    alternates,
    arabic_config,
    build_edition,
    search_plugin,
    shared_links,
    switcher,
    tool_module,
)
from .feeds import Entries as AtomEntries
from .fragments import Rows
from .i18n import CatalogueError, Edition, load_edition, missing_report
from .inputs import Node, Snapshot, complete, folder_state, forget, snapshot, stale
from .markup import for_theme
from .meta import add_to_head, insert_in_head, og_locale
from .model import Site, retire
from .opendata import Records
from .permalinks import ManifestError, check_manifest, path, published
from .pictures.timeline import Lanes
from .project import large_blocks_apart, load_site, settle
from .publication import Publication
from .render import Planned, Rendered, Renderer, put_back
from .searchfold import Entries, PageEntries, fold_index
from .sitemap import write_sitemap
from .watching import watch

log = logging.getLogger("mkdocs.plugins.factcheck")
PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ASSETS = ("assets/factcheck.css", "assets/factcheck.js", "assets/cite.css", "assets/cite.js",
          "assets/fonts/noto-naskh-arabic-arabic-400-normal.woff2", "assets/fonts/noto-naskh-arabic-arabic-700-normal.woff2",
          "assets/fonts/OFL.txt")
WATCHED = ("claims", "seeds", "templates")
ARABIC_DOCS = ARABIC + "/"


# The warning MkDocs (and ProperDocs) logs at the start of every --dirty build.
DIRTY_WARNING = "A 'dirty' build is being performed"
BUILD_LOGGERS = ("mkdocs.commands.build", "properdocs.commands.build")


class DirtyBuilds(logging.Filter):
    """Drops the warning a --dirty build starts with, which `strict: true` would make fatal, and notes that the
    build is dirty. The plugin learns it so rather than from on_startup: defining that hook makes MkDocs keep
    one instance of the plugin for every configuration loaded in the process, the Arabic edition's included."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith(DIRTY_WARNING):
            self.seen = True
            return False
        return True


DIRTY = DirtyBuilds()


@dataclass
class Kept:
    """What a --dirty build leaves for the next: what it rendered, its pages' digests, its Jinja environment, and
    what it made of each claim (list items, open-data records, Atom entries, timeline rows) for the claims the
    next edit does not reach; each page's search entries and each file's URL."""

    snapshot: Snapshot | None = None
    digests: dict[str, str] = field(default_factory=dict)
    env: jinja2.Environment | None = None
    rows: Rows = field(default_factory=dict)
    records: Records = field(default_factory=dict)
    search: Entries = field(default_factory=dict)
    entries: AtomEntries = field(default_factory=dict)
    lanes: Lanes = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)  # the URL of every file the plugin generated, by src_uri


# The site the last --dirty build loaded, unlinked when the next build loads its own.
_SERVED: list[Site] = []

# What the last successful --dirty build of each (config file, site folder) kept: each edition has its own folder.
_KEPT: dict[tuple[str, str], Kept] = {}


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory, each used again while its source is unchanged."""

    def __init__(self) -> None:
        self.codes: dict[str, tuple[str, Any]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        kept = self.codes.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = (bucket.checksum, bucket.code)


THEME_CODE = CompiledTemplates()


class GeneratedFile(File):
    """An in-memory file that counts as modified only when its content changed since the last build."""

    digest: str = ""
    previous: str | None = None

    def is_modified(self) -> bool:
        return self.digest != self.previous

    def copy_file(self, dirty: bool = False) -> None:
        """Write the file, then let go of its content (open data runs to megabytes) for the rest of the build."""
        super().copy_file(dirty)
        self._content = b""


class FactCheckConfig(Config):  # type: ignore[no-untyped-call]
    """Options of the factcheck plugin in mkdocs.yml."""

    root = c.Optional(c.Type(str))
    templates = c.ListOfItems(c.Type(str), default=["templates"])
    organisation = c.Type(str, default="Fact-check desk")
    repository = c.Optional(c.Type(str))
    locale = c.Optional(c.Type(str))  # Open Graph locale, e.g. en_GB; default: from the theme language
    cards = c.Type(bool, default=True)  # a share card (PNG) per claim for link previews
    cards_cache = c.Type(str, default=".cache/factcheck/cards")  # where drawn cards are kept, under the root
    arabic_edition = c.Type(bool, default=True)  # also build the Arabic edition from docs/ar/ into <site>/ar/
    watcher = c.Choice(("system", "polling"), default="system")  # how serve learns of edits (see watching.py)


class FactCheckPlugin(BasePlugin[FactCheckConfig]):  # type: ignore[no-untyped-call]
    """Generates claim, actor, deadline, source, verdict and index pages."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.handed: Site | None = None  # the site the English build loaded, handed to the Arabic edition's
        self.renderer: Renderer | None = None
        self.pages: dict[str, Planned] = {}
        self.rendered: dict[str, Rendered] = {}  # bodies rendered ahead of MkDocs asking for them
        self.apart: dict[str, tuple[str, ...]] = {}  # what each page body set apart, until on_post_page
        self.incremental = False  # --dirty: render again only what an edit can change
        self.reached: set[Node] | None = None  # --dirty: the items the edit reached (None: every item)
        self.keeping: tuple[tuple[str, str], Kept] | None = None  # kept once the build succeeds
        self.paused_collector = False  # this build paused the cycle collector (see _pause_collector)
        self.digests: dict[str, str] = {}
        self.publication: Publication | None = None
        self.published: list[str] = []
        self.extras: list[str] = []  # the feeds, open data and redirects of this build, by src_uri
        self.check_permalinks = True
        self.page_files: list[tuple[str, str]] = []
        self.edition = Edition("en")
        self.twin_edition = Edition(ARABIC)
        self.twins: Twins | None = None  # set once both editions' pages are known
        self.child: forked.Child | None = None  # the process building the Arabic edition meanwhile
        self.shared: list[str] = []  # files the English build publishes for both editions (feeds, open data)
        self.feed_title = ""  # the English site name, which names the feeds both editions link to
        self.indexed: tuple[list[str], set[str]] = ([], set())  # under --dirty: every page's URL, those rendered
        self.search_entries: PageEntries | None = None  # each built page's search entries (the theme's search)
        # Under serve, after an edit: the pages left for after the English pages about the edited items are shown
        # (src_uri), and what building them then needs of this build (its files, navigation and theme).
        self.later: list[str] = []
        self.nav: Any = None
        self.built: tuple[Files, Any, jinja2.Environment] | None = None

    @property
    def root(self) -> Path:
        return self._root

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Resolve the project folder and add the site's own stylesheet and script."""
        large_blocks_apart()
        base = Path(config.config_file_path).resolve().parent
        self._root = (base / self.config.root).resolve() if self.config.root else base
        config.extra_css.extend(a for a in ASSETS if a.endswith(".css") and a not in config.extra_css)
        config.extra_javascript.extend(a for a in ASSETS if a.endswith(".js") and a not in config.extra_javascript)
        if self.edition.code == "en" and self.config.arabic_edition:
            self.twin_edition = self._load_edition(ARABIC)
        config.theme.static_templates.discard("sitemap.xml")  # this plugin writes it, with the content's dates
        for other in config.plugins.values():
            # The theme's search plugin is one object for every configuration of the process (it has on_startup):
            # under serve --dirty it would carry one edition's entries into the other's index. The entries of the
            # pages a --dirty build skips are put back by this plugin instead (on_post_build).
            if hasattr(other, "search_index_prev") and hasattr(other, "is_dirty"):
                other.is_dirty, other.search_index_prev = False, None
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Listen for the warning that starts a --dirty build."""
        DIRTY.seen = False
        for name in BUILD_LOGGERS:
            logger = logging.getLogger(name)
            # First in line: the command line's filter drops any message it has seen before, the dirty warning
            # of every rebuild after the first included, and the filters after a refusal are not asked.
            if DIRTY in logger.filters:
                logger.removeFilter(DIRTY)
            logger.filters.insert(0, DIRTY)

    def _load_edition(self, code: str) -> Edition:
        try:
            return load_edition(code, self.template_dirs())
        except CatalogueError as error:
            raise PluginError(str(error)) from None

    def template_dirs(self) -> list[Path]:
        dirs = [self._root / d for d in self.config.templates]
        return [d for d in dirs if d.is_dir()] + [PACKAGE_TEMPLATES]

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Load and validate the content, render every page, and add the pages as in-memory files."""
        arabic_docs = [f for f in files if f.src_uri.startswith(ARABIC_DOCS)]
        for edition_file in arabic_docs:
            files.remove(edition_file)  # docs/ar/ holds the Arabic edition's pages, built separately
        self.site = self.handed
        if self.site is None:
            if DIRTY.seen and _SERVED:  # the last build under serve is over: free its site before loading anew
                retire(_SERVED.pop())
            try:
                self.site = load_site(self._root)
                if DIRTY.seen:
                    _SERVED.append(self.site)
            except ContentError as error:
                raise PluginError("the claims have errors; nothing was built:\n" + error.report()) from None
        settings = self._settings(config)
        self.incremental = DIRTY.seen
        key = (config.config_file_path, config.site_dir)
        kept = _KEPT.pop(key, Kept()) if self.incremental else Kept()
        # Under serve --dirty the environment is kept: it recompiles a template only when its file changes.
        renderer = self.renderer = Renderer(self.site, self.template_dirs(), settings, self.edition, kept.env, kept.rows,
                                            kept.lanes if self.incremental else None)
        try:
            self.pages = {page.src_uri: page for page in renderer.plan()}
        except CatalogueError as error:
            raise PluginError(str(error)) from None
        previous, self.digests, self.rendered = kept.digests, {}, {}
        if self.incremental:
            self._render_changed(config, settings, kept)
            kept.digests, kept.env = self.digests, renderer.env
            self.keeping = (key, kept)
        # After an edit MkDocs is handed only the pages rendered again and those the navigation names: it would
        # otherwise make a page object and a URL for each of thousands of files it then skips.
        handed = self._handed(files, config, kept)
        for page in self.pages.values():
            if handed is None or page.src_uri in handed:
                self._add(files, config, page.src_uri, _stub(page), None, previous)
        for asset in ASSETS:
            self._add(files, config, asset, self._asset(asset), "", previous)
        publication = self._publication(config, settings, renderer, kept if self.incremental else None,
                                        handed is not None)
        if self.edition.code == "en":
            self.shared = publication.shared()
            self._pair(self._documentation(files), config, arabic_docs)
            if self.config.arabic_edition and not self.incremental and forked.can_fork():
                # The Arabic edition is built on another core while this build goes on. It is forked before the
                # feeds and open data are made, which it does not need (300 MB at 10,000 claims).
                self.child = forked.start(lambda: self._build_arabic(config).page_files)
        self._publish(files, config, publication, previous, handed is not None)
        urls = self._urls(files, kept.urls if handed is not None else {})
        docs = {src_uri: urls[src_uri] for src_uri in self._documentation(files)}
        self._keep_digests(previous, urls)
        kept.urls = urls
        self.page_files = [(src_uri, self.edition.prefix + url) for src_uri, url in docs.items()]
        self._check_permalinks(docs, urls)
        if self.incremental:  # which pages the search index will hold entries of, by URL as Page has it
            rebuilt = {f.src_uri for f in files.documentation_pages() if f.is_modified()}
            self.indexed = ([_page_url(url) for url in docs.values()], {_page_url(docs[s]) for s in rebuilt})
        self.search_entries = PageEntries.of(search_plugin(config), spool=not self.incremental)
        return files

    @property
    def rebuild_all(self) -> bool:
        """--dirty, but every page may have changed (a first build, or a change to templates, seeds or settings)."""
        return self.incremental and self.reached is None

    def _pause_collector(self) -> None:
        """Pause the cycle collector for the rest of a --dirty rebuild after an edit. What it makes lives until
        it ends, so the collector's passes over it free nothing: at 10,000 claims they took 0.6 to 0.9 s of each
        rebuild. What it leaves is collected when the next build loads the content (project.collect). A build
        of every page (the first) keeps the collector: the garbage of thousands of pages would pile up."""
        if gc.isenabled():
            gc.disable()
            self.paused_collector = True

    def _resume_collector(self) -> None:
        if self.paused_collector:
            gc.enable()
            self.paused_collector = False

    def _render_changed(self, config: MkDocsConfig, settings: dict[str, Any], kept: Kept) -> None:
        """Render now the pages an edit may have changed; the others keep their digest and are not rebuilt.
        When every page may have changed, none is rendered now: each is rebuilt, and rendered when MkDocs asks."""
        assert self.site is not None and self.renderer is not None
        fingerprint = (repr(settings), self.site.as_of, self.edition.code,
                       folder_state(self.template_dirs() + [self._root / "seeds"]))
        site, old, new = self.site, kept.snapshot, snapshot(self.site, fingerprint)
        reached, kept.snapshot = stale(old, new, site), new
        if not DEFERRED.defer(lambda: complete(new, site), "the links between items"):
            complete(new, site)
        self.reached = reached
        if reached is not None:
            self._pause_collector()
        forget(kept.rows, reached)
        forget(kept.records, reached)
        forget(kept.entries, reached)
        forget(kept.lanes, reached)
        # Under serve, the pages of the edited items are shown first; the others the edit reached (lists, months,
        # linked items) are built right after, their requests held meanwhile.
        later = self.edition.code == "en" and DEFERRED.active and _tool_builds_pages(config)
        for page in self.pages.values():
            if reached is not None and (not kept.digests.get(page.src_uri) or (
                    page.about in reached if page.about else bool(reached))):
                edited = page.about is not None and old is not None and (
                    old.versions.get(page.about) is not new.versions.get(page.about))
                if later and kept.digests.get(page.src_uri) and not edited:
                    self.later.append(page.src_uri)
                else:
                    self.rendered[page.src_uri] = self._render(page)
        if reached is None:
            log.info("Rendering every page of the %s edition again", self.edition.code)
        else:
            log.info("Rendering %d of %d pages of the %s edition again (%d items changed or linked to a change)%s",
                     len(self.rendered) + len(self.later), len(self.pages), self.edition.code, len(reached),
                     f", {len(self.later)} of them once the others are shown" if self.later else "")

    def _render(self, page: Planned) -> Rendered:
        assert self.renderer is not None
        try:
            return self.renderer.render_planned(page)
        except jinja2.TemplateError as error:
            raise PluginError(f"template error: {_describe(error)}") from None
        except CatalogueError as error:
            raise PluginError(str(error)) from None

    def _settings(self, config: MkDocsConfig) -> dict[str, Any]:
        """What templates and publication need from the configuration, in this edition's language."""
        return {"title": config.site_name, "organisation": self.edition.plain_t(self.config.organisation),
                "repository": self.config.repository, "site_url": config.site_url or "",
                "feed_title": self.feed_title or config.site_name}

    def _handed(self, files: Files, config: MkDocsConfig, kept: Kept) -> set[str] | None:
        """The generated pages to hand MkDocs after an edit: those rendered again and the navigation's (the others
        are already written); None when it needs every page: a first or whole rebuild, or a hand-written page
        changed, whose links MkDocs checks against every file."""
        if not self.incremental or self.rebuild_all or not kept.urls:
            return None
        if any(f.is_documentation_page() and f.is_modified() for f in files):
            return None
        return set(self.rendered) | set(self.later) | set(_nav_pages(config.nav))

    def _documentation(self, files: Files) -> list[str]:
        """The src_uri of every page of this edition, in the order MkDocs has them: hand-written, then generated."""
        return [f.src_uri for f in files.documentation_pages() if f.src_uri not in self.pages] + list(self.pages)

    def _urls(self, files: Files, kept: dict[str, str]) -> dict[str, str]:
        """The URL of every file of this build, by src_uri: those handed to MkDocs from their File, the others
        as the last build had them."""
        urls = {f.src_uri: f.url for f in files}
        generated = set(self.pages) | set(self.extras)
        urls.update({src_uri: url for src_uri, url in kept.items() if src_uri in generated and src_uri not in urls})
        # A feed or data file first made after the pages (under serve) is no page: its URL is its path.
        urls.update({src_uri: src_uri for src_uri in self.extras if src_uri not in urls})
        return urls

    def _keep_digests(self, previous: dict[str, str], urls: dict[str, str]) -> None:
        """Files not handed to MkDocs this time keep the digest of what was last written for them."""
        for src_uri in urls.keys() - self.digests.keys():
            if src_uri in previous:
                self.digests[src_uri] = previous[src_uri]

    def _check_permalinks(self, docs: dict[str, str], urls: dict[str, str]) -> None:
        """Fail if a URL of permalinks.json no longer resolves."""
        assert self.publication is not None
        prefix = self.edition.prefix
        # Share cards are pictures for previews, not addresses anyone links to: they are not permalinks.
        linked = [urls[uri] for uri in self.extras if not uri.startswith(CARDS_FOLDER)]
        self.published = [path(prefix + url.lstrip("/")) for url in published([*docs.values(), *linked])]
        try:
            if self.check_permalinks:
                check_manifest(self._root, self.published, within=prefix, skip=(ARABIC_DOCS,) if not prefix else ())
        except ManifestError as error:
            raise PluginError(str(error)) from None

    def _pair(self, docs: list[str], config: MkDocsConfig, arabic_docs: list[File]) -> None:
        """Record which pages the Arabic edition will have, so that every page can link to its twin."""
        english = frozenset(docs)
        arabic: set[str] = set()
        if self.config.arabic_edition:
            arabic = set(self.pages) | {f.src_uri.removeprefix(ARABIC_DOCS) for f in arabic_docs
                                        if f.is_documentation_page() and f.inclusion != InclusionLevel.EXCLUDED}
        self.twins = Twins(english, frozenset(arabic), config.site_url or "")

    def _publication(self, config: MkDocsConfig, settings: dict[str, Any], renderer: Renderer, kept: Kept | None,
                     partial: bool) -> Publication:
        """What this edition publishes besides its pages: feeds, open data, redirects, head tags, the sitemap."""
        locale = self.config.locale or og_locale(str(config.theme.get("language") or config.theme.locale))
        if self.edition.code != "en":
            locale = og_locale(self.edition.code)
        site_url = self.twins.site_url if self.twins else settings["site_url"]
        cards = CardCache(self._root / self.config.cards_cache) if self.config.cards else None
        self.publication = Publication(renderer.site, {**settings, "site_url": site_url}, renderer.env, locale,
                                       self.edition, cards, kept.records if kept else None,
                                       kept.entries if kept else None, self.reached if partial else None)
        return self.publication

    def _publish(self, files: Files, config: MkDocsConfig, publication: Publication, previous: dict[str, str],
                 partial: bool) -> None:
        """Add feeds, open data and redirects; after an edit (`partial`), only those that changed."""
        # Under serve, the feeds and open data are made after the English pages are shown.
        later = partial and self.edition.code == "en" and DEFERRED.defer(lambda: self._write_later(config),
                                                                             "the feeds and open data")
        extra = publication.files(later)
        self.extras = list(extra)
        for src_uri, content in extra.items():
            if content is None:
                continue
            content = _bytes(content)  # encoded once, for its digest and for writing (open data: megabytes)
            digest = _digest(content, "") if self.incremental else None
            if not partial or digest != previous.get(src_uri):
                self._add(files, config, src_uri, content, "", previous, digest)
        if self.edition.code != "en" and not partial:
            # Links to them from hand-written pages validate; the files are written once, in English.
            for src_uri in self.shared:
                _replace(files, File.generated(config, src_uri, content=b"", inclusion=InclusionLevel.EXCLUDED))

    def _write_later(self, config: MkDocsConfig) -> None:
        """Write the feeds and open-data files whose content changed, as MkDocs would have written them, and keep
        their digests for the next rebuild."""
        assert self.publication is not None
        for src_uri, content in self.publication.later_files().items():
            data = _bytes(content)
            digest = _digest(data, "")
            if digest != self.digests.get(src_uri):
                target = Path(config.site_dir, src_uri)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                self.digests[src_uri] = digest

    def _add(self, files: Files, config: MkDocsConfig, src_uri: str, content: str | bytes, body: str | None,
             previous: dict[str, str], digest: str | None = None) -> None:
        """Add a generated file. Under --dirty its digest (given, or worked out here) covers its content and
        body (a page's body is None when it is rendered later, or was not rendered again because nothing it
        shows changed)."""
        file = GeneratedFile.generated(config, src_uri, content=content)
        assert isinstance(file, GeneratedFile)
        if self.incremental:
            rendered = self.rendered.get(src_uri)
            if rendered is not None:
                digest = _digest(content, rendered.body + "".join(rendered.apart))
            elif digest is None and body is not None:
                digest = _digest(content, body)
            elif digest is None:  # not known before the page is rendered (on_page_content), or unchanged
                digest = "" if self.rebuild_all else previous[src_uri]
            file.digest = self.digests[src_uri] = digest
            file.previous = previous.get(src_uri)
        _replace(files, file)

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Fail on interface strings the edition's catalogue lacks; under --dirty, keep what this build rendered
        for the next; build the Arabic edition; write the sitemap. (On a failure, on_build_error resumes the
        cycle collector.)"""
        if self.edition.missing:  # known once every page is rendered
            raise PluginError(missing_report(self.edition))
        if self.keeping is not None:
            key, kept = self.keeping
            DEFERRED.hold(_page_url(kept.urls[src_uri]) for src_uri in self.later if src_uri in kept.urls)
            # The pages left for later come first: readers wait for them, not for the files covering every claim.
            if not DEFERRED.defer(lambda: self._finish_pages(config, key, kept), "the pages linked to the edit",
                                  first=True):
                self._finish_pages(config, key, kept)
            _KEPT[key], self.keeping = kept, None
        else:
            self._write_index(config)
        arabic_pages: list[tuple[str, str]] = []
        if self.child is not None:
            child, self.child = self.child, None
            try:
                arabic_pages = [(src_uri, url) for src_uri, url in forked.result(child)]
            except forked.ChildFailed as error:
                raise PluginError(str(error)) from None
        elif self.edition.code == "en" and self.config.arabic_edition:
            if DEFERRED.defer(lambda: self._finish_arabic(config), "the Arabic edition"):  # after the English
                DEFERRED.defer(_settle, "the memory of the last rebuild")
                return
            arabic_pages = self._build_arabic(config).page_files
        self._write_sitemap(config, arabic_pages)
        self._resume_collector()

    def _finish_pages(self, config: MkDocsConfig, key: tuple[str, str], kept: Kept) -> None:
        """Build the pages left for later, then put back in the search index the entries of the pages this rebuild
        did not index. If building them fails, the next rebuild renders every page again."""
        pages, rebuilt = self.indexed
        try:
            rebuilt = rebuilt | self._build_later(config)
        except Exception:
            _KEPT.pop(key, None)
            raise
        finally:
            DEFERRED.release_pages()
            self._write_index(config, kept.search, pages, rebuilt)
            self.built, self.nav, self.later = None, None, []

    def _build_later(self, config: MkDocsConfig) -> set[str]:
        """Build the pages left for after the others, as MkDocs builds a page, those whose content changed; their
        search entries are added to the index. The URLs of the pages written."""
        if not self.later or self.built is None:
            return set()
        files, nav, env = self.built
        tool = tool_module(config, "commands.build")
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        written: set[str] = set()
        for src_uri in self.later:
            planned, file = self.pages[src_uri], files.get_file_from_path(src_uri)
            if file is None or file.page is None:
                continue
            rendered = self._render(planned)
            digest = _digest(_stub(planned), rendered.body + "".join(rendered.apart))
            if digest == self.digests.get(src_uri):
                continue  # what is written stands
            self.rendered[src_uri] = rendered
            tool._populate_page(file.page, config, files)
            excluded = file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
            tool._build_page(file.page, config, doc_files, nav, env, excluded=excluded)
            self.digests[src_uri] = digest
            written.add(_page_url(file.url))
        search = search_plugin(config) if written and self.search_entries is None else None
        if search is not None:  # the index again, with the entries of these pages (else they were taken)
            search.on_post_build(config=config)
        return written

    def _write_index(self, config: MkDocsConfig, kept: Entries | None = None, pages: list[str] | None = None,
                     rebuilt: Collection[str] = ()) -> None:
        """Write the search index with the folded field, from the entries taken of each page (or by rewriting
        the index the search plugin wrote); under --dirty, with those kept of the pages not rebuilt."""
        site_dir = Path(config.site_dir)
        if self.search_entries is None:
            fold_index(site_dir, kept, pages, rebuilt)
        else:
            self.search_entries.write(site_dir, kept, pages, rebuilt)
            self.search_entries = None

    def _write_sitemap(self, config: MkDocsConfig, arabic_pages: list[tuple[str, str]]) -> None:
        if self.publication is not None:
            write_sitemap(Path(config.site_dir), self.publication.sitemap(self.page_files + arabic_pages, self.pages))

    def _finish_arabic(self, config: MkDocsConfig) -> None:
        """Build the Arabic edition and write the sitemap, after serve has shown the English edition."""
        try:
            self._write_sitemap(config, self._build_arabic(config).page_files)
        finally:
            self._resume_collector()

    def _build_arabic(self, config: MkDocsConfig) -> FactCheckPlugin:
        """Build the Arabic edition into <site_dir>/ar/ with the tool that is running this build."""
        arabic, plugin = self.editions(config)[0]
        log.info("Building the Arabic edition into %s", arabic.site_dir)
        build_edition(arabic, dirty=self.incremental)
        return plugin

    def editions(self, config: MkDocsConfig) -> list[tuple[MkDocsConfig, FactCheckPlugin]]:
        """The configuration and plugin of each further edition this English build makes (none when disabled)."""
        if self.edition.code != "en" or not self.config.arabic_edition:
            return []
        arabic = arabic_config(config, self.twin_edition)
        plugin = next(p for p in arabic.plugins.values() if isinstance(p, FactCheckPlugin))
        plugin.edition, plugin.twins, plugin.shared = self.twin_edition, self.twins, self.shared
        plugin.handed = self.site
        plugin.feed_title = config.site_name
        plugin.check_permalinks = self.check_permalinks
        if self.twin_edition.missing:  # the site name or a nav title
            raise PluginError(missing_report(self.twin_edition))
        return [(arabic, plugin)]

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the Arabic edition's build if it is still going; after a failed --dirty build, the next renders
        every page again."""
        self.keeping, self.search_entries = None, None  # (the spool of search entries is removed with it)
        self._resume_collector()
        if self.child is not None:
            forked.stop(self.child)
            self.child = None

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Add link-preview tags, feed links, ClaimReview data and the other edition's links to the page."""
        if self.search_entries is not None:
            self.search_entries.take(page.url)
        if self.publication is None:
            return output
        # Titles and descriptions reach the theme as HTML (markup.for_theme); the head tags escape text themselves.
        description = unescape(str(page.meta.get("description") or config.site_description or ""))
        head = self.publication.head(page.file.src_uri, page.url, unescape(page.title or config.site_name), description)
        apart = self.apart.pop(page.file.src_uri, None)
        if apart is not None:
            page.content = ""  # built: its body need not stay in memory until the whole site is
        output = add_to_head(put_back(output, apart) if apart else output, head)
        if self.twins is None:
            return output
        src_uri, url = page.file.src_uri, page.url
        output = insert_in_head(output, alternates(self.twins, self.edition, src_uri, url))
        return add_switcher(output, switcher(self.twins, self.edition, src_uri, url))

    def _asset(self, name: str) -> bytes:
        for folder in self.template_dirs():
            if (folder / name).is_file():
                return (folder / name).read_bytes()
        raise PluginError(f"the asset {name} is missing from the templates folders")

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page's body is rendered later, when its page is built (on_page_context): MkDocs converts
        every page before it builds any, and would otherwise hold every body at once."""
        if page.file.src_uri in self.pages:
            return ""
        return shared_links(html, page.url, self.shared) if self.edition.code != "en" else html

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self.nav = nav if self.later else None
        return nav

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Compile the theme's templates once per process, not once per edition and per rebuild; keep what
        building the pages left for later needs."""
        env.bytecode_cache = THEME_CODE
        if self.later:
            self.built = (files, self.nav, env)
        return env

    @event_priority(50)  # before the search plugin indexes the page's content
    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Put the page's body, rendered now if not already, in place of the stub's HTML; what it set apart is
        put back in on_post_page."""
        planned = self.pages.get(page.file.src_uri)
        if planned:
            page.meta.setdefault("description", for_theme(planned.description))
            rendered = self.rendered.pop(planned.src_uri, None) or self._render(planned)
            self.apart[planned.src_uri] = rendered.apart
            if self.incremental and not self.digests.get(planned.src_uri):
                whole = _stub(planned) + rendered.body + "".join(rendered.apart)
                self.digests[planned.src_uri] = hashlib.sha256(whole.encode()).hexdigest()
            page.content = rendered.body
        return context

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when claims, seeds or templates change; show the English edition of a rebuild before the
        Arabic one is rebuilt (site_builder/deferred.py)."""
        folders = [self._root / folder for folder in WATCHED if (self._root / folder).is_dir()]
        watch(server, folders, polling=self.config.watcher == "polling")
        _settle(baseline=True)  # before the first request: the first build is over
        if self.edition.code == "en" and self.config.arabic_edition:
            mount = str(getattr(server, "mount_path", "/"))
            attach(server, tuple(mount + path for path in (f"{ARABIC}/", "sitemap.xml", "feeds/", "api/", "search/")))
        return server


def _describe(error: jinja2.TemplateError) -> str:
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}: {error.message}"
    return str(error.message or error)


def _stub(page: Planned) -> str:
    """The Markdown MkDocs reads for a generated page: just its title; the body is added later."""
    return f"---\ntitle: {json.dumps(for_theme(page.title))}\n---\n"


def _settle(baseline: bool = False) -> None:
    """Free the site of a serve build once everything it made is written, and what else it left, rather than
    when the next edit is loaded (after a rebuild, site_builder/deferred.py runs this last)."""
    if _SERVED:
        retire(_SERVED.pop())
    settle(baseline)


def _bytes(content: str | bytes) -> bytes:
    return content.encode() if isinstance(content, str) else content


def _digest(content: str | bytes, body: str) -> str:
    digest = hashlib.sha256(_bytes(content))
    digest.update(body.encode())
    return digest.hexdigest()


def _tool_builds_pages(config: MkDocsConfig) -> bool:
    """Whether the tool running this build (MkDocs 1.6, ProperDocs) lets a page be built on its own."""
    try:
        tool = tool_module(config, "commands.build")
    except ImportError:
        return False
    return callable(getattr(tool, "_populate_page", None)) and callable(getattr(tool, "_build_page", None))


def _page_url(url: str) -> str:
    """A page's URL as MkDocs' Page (and so the search index) has it: the home page's is empty."""
    return "" if url == "./" else url


def _nav_pages(nav: Any) -> list[str]:
    """The src_uri of every page the navigation names."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") and "://" not in nav else []
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
