"""The built sites (the real one and the mini fixture): every internal link and anchor resolves, and every page
is well-formed HTML.

Well-formed means: html5lib, the WHATWG parsing algorithm browsers use, reports no parse error at all for any page
(it reports the same conditions as its strict mode, collected rather than raised at the first), and no page uses an
id twice, which would make an #anchor ambiguous. None of html5lib's errors is waived: the current pages have none.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import html5lib
import pytest
import yaml
from conftest import AS_OF_EPOCH, MINI

from site_builder.building import build_site

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = {"real": ROOT, "mini": MINI}
# Elements whose URL a browser fetches on its own, without a click.
LOADED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src",
          "embed": "src", "object": "data", "track": "src", "input": "src"}
LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon"}


@dataclass
class Page:
    """One built HTML page, parsed once."""

    path: Path
    relative: str
    errors: list[tuple[Any, str, Any]] = field(default_factory=list)

    @cached_property
    def document(self) -> Any:
        parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
        document = parser.parse(self.path.read_bytes())
        self.errors = list(parser.errors)
        return document

    @cached_property
    def ids(self) -> list[str]:
        return [element.get("id") for element in self.document.iter() if element.get("id")]


@dataclass
class Built:
    """A built site and where it is published (the path part of its site_url)."""

    name: str
    folder: Path
    base: str

    @cached_property
    def pages(self) -> dict[str, Page]:
        return {p.relative_to(self.folder).as_posix(): Page(p, p.relative_to(self.folder).as_posix())
                for p in sorted(self.folder.rglob("*.html"))}

    def resolve(self, page: Page, url: str) -> tuple[str, str] | None:
        """The site file and fragment an internal URL leads to; None for a link leaving the site."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None
        path = unquote(parts.path)
        if path.startswith("/"):
            if not path.startswith(self.base):
                return ("<outside the site's base " + self.base + ">" + path, parts.fragment)
            target = path[len(self.base):]
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page.relative), path)) if path else \
                page.relative
        if target in (".", ""):
            target = ""
        if path.endswith("/") or not target or (self.folder / target).is_dir():
            target = posixpath.join(target, "index.html")
        return target, parts.fragment


@pytest.fixture(scope="module", params=list(PROJECTS))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """Each project, built with the real build command's code."""
    root = PROJECTS[request.param]
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    base = urlsplit(config.get("site_url") or "/").path or "/"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.setenv("SOURCE_DATE_EPOCH", AS_OF_EPOCH)
        folder = build_site(root, tmp_path_factory.mktemp(request.param) / "site")
    yield Built(request.param, folder, base)


def _links(page: Page) -> Iterator[tuple[str, str]]:
    for element in page.document.iter():
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value is not None and not value.startswith(("mailto:", "tel:")):
                yield str(element.tag), value


def broken_links(built: Built) -> list[str]:
    """Every internal href or src whose file, or whose #anchor in that file, does not exist."""
    broken = []
    for page in built.pages.values():
        for tag, url in _links(page):
            resolved = built.resolve(page, url)
            if resolved is None or (tag == "a" and url == "#"):
                continue
            target, fragment = resolved
            if not (built.folder / target).is_file():
                broken.append(f"{page.relative}: <{tag}> {url} -> no file {target}")
            elif fragment and target.endswith(".html") and fragment not in built.pages[target].ids:
                broken.append(f"{page.relative}: <{tag}> {url} -> no id '{fragment}' in {target}")
    return broken


def test_every_internal_link_and_anchor_resolves(built: Built) -> None:
    assert len(built.pages) >= 15
    assert broken_links(built) == []


def test_the_mini_site_has_the_editorial_guide_its_pages_link_to(built: Built) -> None:
    # home.html and status.html link to editorial-guide/: every project, the mini fixture too, needs the page.
    assert "editorial-guide/index.html" in built.pages


def test_every_page_is_well_formed_html(built: Built) -> None:
    errors = {}
    for name, page in built.pages.items():
        _ = page.document
        duplicates = sorted({i for i in page.ids if page.ids.count(i) > 1})
        if page.errors or duplicates:
            errors[name] = [f"line {position[0]}, column {position[1]}: {code} {data or ''}"
                            for position, code, data in page.errors] + [f"id used twice: {i}" for i in duplicates]
    assert errors == {}


def test_every_data_file_parses(built: Built) -> None:
    for path in sorted(built.folder.rglob("*.xml")):
        ElementTree.parse(path)
    for path in sorted(built.folder.rglob("*.json")):
        json.loads(path.read_bytes())


def test_pages_load_nothing_from_outside_the_site(built: Built) -> None:
    outside = []
    for page in built.pages.values():
        for element in page.document.iter():
            tag = str(element.tag).rpartition("}")[2]
            rels = set((element.get("rel") or "").lower().split())
            url = element.get(LOADED[tag]) if tag in LOADED else element.get("href") if rels & LOADED_LINK_RELS \
                else None
            if url is not None and built.resolve(page, url) is None:
                outside.append(f"{page.relative}: <{tag}> {url}")
    assert outside == []
