"""The MkDocs plugin: load, validate and link the claims, then generate every page in memory."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .diagnostics import ContentError
from .model import Site
from .project import load_site
from .render import Rendered, Renderer

log = logging.getLogger("mkdocs.plugins.factcheck")
PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ASSETS = ("assets/factcheck.css", "assets/factcheck.js")
WATCHED = ("claims", "seeds", "templates")


class FactCheckConfig(Config):
    """Options of the factcheck plugin in mkdocs.yml."""

    root = c.Optional(c.Type(str))
    templates = c.ListOfItems(c.Type(str), default=["templates"])
    organisation = c.Type(str, default="Fact-check desk")
    repository = c.Optional(c.Type(str))


class FactCheckPlugin(BasePlugin[FactCheckConfig]):
    """Generates claim, actor, deadline, source, verdict and index pages."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.pages: dict[str, Rendered] = {}

    @property
    def root(self) -> Path:
        return self._root

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Resolve the project folder and add the site's own stylesheet and script."""
        base = Path(config.config_file_path).resolve().parent
        self._root = (base / self.config.root).resolve() if self.config.root else base
        config.extra_css.extend(a for a in ASSETS if a.endswith(".css") and a not in config.extra_css)
        config.extra_javascript.extend(a for a in ASSETS if a.endswith(".js") and a not in config.extra_javascript)
        return config

    def template_dirs(self) -> list[Path]:
        dirs = [self._root / d for d in self.config.templates]
        return [d for d in dirs if d.is_dir()] + [PACKAGE_TEMPLATES]

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Load and validate the content, render every page, and add the pages as in-memory files."""
        try:
            self.site = load_site(self._root)
        except ContentError as error:
            raise PluginError("the claims have errors; nothing was built:\n" + error.report()) from None
        settings = {"title": config.site_name, "organisation": self.config.organisation,
                    "repository": self.config.repository, "site_url": config.site_url or ""}
        renderer = Renderer(self.site, self.template_dirs(), settings)
        try:
            self.pages = {page.src_uri: page for page in renderer.pages()}
        except jinja2.TemplateError as error:
            raise PluginError(f"template error: {_describe(error)}") from None
        for page in self.pages.values():
            _replace(files, File.generated(config, page.src_uri, content=_stub(page)))
        for asset in ASSETS:
            _replace(files, File.generated(config, asset, content=self._asset(asset)))
        return files

    def _asset(self, name: str) -> bytes:
        for folder in self.template_dirs():
            if (folder / name).is_file():
                return (folder / name).read_bytes()
        raise PluginError(f"the asset {name} is missing from the templates folders")

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put the pre-rendered body in place of the stub's HTML."""
        rendered = self.pages.get(page.file.src_uri)
        return rendered.html if rendered else html

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        rendered = self.pages.get(page.file.src_uri)
        if rendered:
            page.meta.setdefault("description", rendered.description)
        return context

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when claims, seeds or templates change."""
        for folder in WATCHED:
            if (self._root / folder).is_dir():
                server.watch(str(self._root / folder))
        return server


def _describe(error: jinja2.TemplateError) -> str:
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}: {error.message}"
    return str(error.message or error)


def _stub(page: Rendered) -> str:
    """The Markdown MkDocs reads for a generated page: just its title; the body is added later."""
    return f"---\ntitle: {json.dumps(page.title)}\n---\n"


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
