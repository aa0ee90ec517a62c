"""Render every page of the site from the resolved model with Jinja2 templates."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .citing import cite_box
from .i18n import Edition
from .markup import to_html
from .model import VERDICT_WORDS, Site
from .pictures.pages import actor_pictures, home_pictures, timeline_pictures
from .pictures.strip import story_strip
from .schema import STATUSES
from .views import deadline_status, home_view, segments, speakers, story

# What MkDocs and its search index need not parse: SVG pictures (never nested), and the lists that repeat
# what other pages say, which templates mark with NOT_SEARCHED; and the comment standing in for each.
NOT_SEARCHED = ("<!--not-searched-->", "<!--/not-searched-->")
APART = re.compile(rf"(?P<svg><svg\b.*?</svg>)|{NOT_SEARCHED[0]}(?P<inner>.*?){NOT_SEARCHED[1]}", re.DOTALL)
PLACEHOLDER = "<!--factcheck-apart-{}-->"


@dataclass(frozen=True)
class Rendered:
    """One generated page: where it goes, its title, description and HTML body.

    The pictures and repeated lists are kept `apart`, each replaced by a comment in `body`, so that what
    MkDocs and its search index parse is the page's own text; `html` is the whole body, all in place."""

    src_uri: str
    title: str
    description: str
    body: str
    apart: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return page_url(self.src_uri)

    @property
    def html(self) -> str:
        return put_back(self.body, self.apart)


def set_apart(html: str) -> tuple[str, tuple[str, ...]]:
    """The body with each picture and marked list replaced by a placeholder, and those parts in order."""
    parts: list[str] = []

    def keep(match: re.Match[str]) -> str:
        parts.append(match.group("svg") or match.group("inner"))
        return PLACEHOLDER.format(len(parts) - 1)

    return APART.sub(keep, html), tuple(parts)


def put_back(html: str, parts: tuple[str, ...]) -> str:
    """Put the parts set apart back in place of their placeholders."""
    for number, part in enumerate(parts):
        html = html.replace(PLACEHOLDER.format(number), part, 1)
    return html


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a page: claims/x.md -> claims/x/, index.md -> ''."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def environment(template_dirs: list[Path]) -> jinja2.Environment:
    """A Jinja2 environment: autoescaped, failing on any undefined name."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["markup"] = to_html
    env.globals["segments"] = segments
    env.globals["STATUSES"] = STATUSES
    env.globals["VERDICT_WORDS"] = VERDICT_WORDS
    return env


def relative_link(page_url: str) -> Callable[[str], str]:
    """A function turning site-relative URLs into links relative to page_url."""
    base = "/" + page_url
    start = base if base.endswith("/") else posixpath.dirname(base)
    start_parts = [part for part in start.split("/") if part]
    plain = "." not in start  # no "." or ".." to normalise: segments can be compared as they are
    found: dict[str, str] = {}  # a page links to the same few URLs many times

    def relpath(path: str) -> str:
        if not plain or "." in path:
            return posixpath.relpath("/" + path, start)
        parts = [part for part in path.split("/") if part]
        common = 0
        for mine, theirs in zip(parts, start_parts):
            if mine != theirs:
                break
            common += 1
        return "/".join([".."] * (len(start_parts) - common) + parts[common:]) or "."

    def link(target: str) -> str:
        if target not in found:
            path, _, fragment = target.partition("#")
            relative = relpath(path)
            if (path == "" or path.endswith("/")) and not relative.endswith("/"):
                relative += "/"
            found[target] = f"{relative}#{fragment}" if fragment else relative
        return found[target]

    return link


def edition_globals(edition: Edition) -> dict[str, Any]:
    """What templates use to write in the edition's language: t() for interface strings, text() for content."""
    return {"edition": edition, "t": edition.t, "text": edition.text, "other_text": edition.other_text,
            "plain": edition.plain, "date": edition.date, "day": edition.day, "as_of": edition.as_of,
            "LANG_EN": Markup('lang="en"' if edition.code == "en" else 'lang="en" dir="ltr"'),
            "LANG_OTHER": Markup(f'lang="{edition.other}" dir="{edition.other_direction}"')}


class Renderer:
    """Renders the pages of one site in one edition."""

    def __init__(self, site: Site, template_dirs: list[Path], settings: dict[str, Any],
                 edition: Edition | None = None) -> None:
        self.site = site
        self.edition = edition or Edition("en")
        self.env = environment(template_dirs)
        self.env.globals.update(edition_globals(self.edition))
        self.settings = settings

    def render(self, template: str, src_uri: str, title: str, description: str, **context: Any) -> Rendered:
        """Render one page's body."""
        page = Rendered(src_uri, title, description, "")
        html = self.env.get_template(template).render(
            site=self.site, settings=self.settings, link=relative_link(page.url), page_url=page.url, **context)
        body, apart = set_apart(html)
        return Rendered(src_uri, title, description, body, apart)

    def pages(self) -> Iterator[Rendered]:
        """Every generated page, in a stable order."""
        site, t, plain = self.site, self.edition.plain_t, self.edition.plain
        lang = self.edition.code
        yield self.render("home.html", "index.md", self.settings["title"],
                          t("Verdicts on who said what about the end of the coalition mission in Iraq."),
                          view=home_view(site), **home_pictures(site, relative_link(""), lang))
        yield self.render("claims_index.html", "claims/index.md", t("All claims"), t("Every claim and its verdict."))
        yield self.render("actors_index.html", "actors/index.md", t("Who said what"),
                          t("Every speaker, with their claims."))
        yield self.render("deadlines_index.html", "deadlines/index.md", t("Deadlines"),
                          t("Every date the claims name."))
        yield self.render("sources_index.html", "sources/index.md", t("Sources"),
                          t("The articles the claims come from."))
        yield self.render("status_index.html", "status/index.md", t("Verdicts"), t("Claims grouped by verdict."))
        yield self.render("timeline.html", "timeline.md", t("Timeline"),
                          t("Every statement, verdict and deadline in time."),
                          **timeline_pictures(site, relative_link("timeline/"), lang))
        for status, claims in site.by_status().items():
            word = t(VERDICT_WORDS[status])
            yield self.render("status.html", f"status/{status}.md", t("{word} claims", word=word),
                              t("Every claim with the status {status}.", status=status, word=word), status=status, claims=claims)
        for claim in site.claims.values():
            statement = plain(claim.data.statement)
            yield self.render("claim.html", f"claims/{claim.id}.md", statement,
                              f"{t(claim.verdict_word)}: {statement}", claim=claim,
                              speakers=speakers(claim), story=story(claim), strip=story_strip(claim, lang),
                              cite=cite_box(claim, self.settings))
        for actor in site.actors.values():
            name = plain(actor.data.name)
            yield self.render("actor.html", f"actors/{actor.id}.md", name,
                              t("Claims by {name}, with their verdicts.", name=name), actor=actor,
                              **actor_pictures(site, actor, relative_link(actor.url), lang))
        for deadline in site.deadlines.values():
            label = plain(deadline.data.label)
            yield self.render("deadline.html", f"deadlines/{deadline.id}.md", label,
                              t("Deadline: {label}.", label=label), deadline=deadline,
                              status=deadline_status(deadline))
        for source in site.sources.values():
            entry = source.entry
            yield self.render("source.html", f"sources/{source.id}.md",
                              f"{plain(entry.outlet)}: {plain(entry.headline)}",
                              t("Source article: {headline}", headline=plain(entry.headline)), source=source)
