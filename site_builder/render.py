"""Render every page of the site from the resolved model with Jinja2 templates."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .citing import cite_box
from .markup import to_html
from .model import VERDICT_WORDS, Site
from .pictures.pages import actor_pictures, home_pictures, timeline_pictures
from .pictures.strip import story_strip
from .schema import STATUSES
from .views import deadline_status, home_view, segments, speakers, story


@dataclass(frozen=True)
class Rendered:
    """One generated page: where it goes, its title, description and HTML body."""

    src_uri: str
    title: str
    description: str
    html: str

    @property
    def url(self) -> str:
        return page_url(self.src_uri)


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

    def link(target: str) -> str:
        path, _, fragment = target.partition("#")
        relative = posixpath.relpath("/" + path, base if base.endswith("/") else posixpath.dirname(base))
        if (path == "" or path.endswith("/")) and not relative.endswith("/"):
            relative += "/"
        return f"{relative}#{fragment}" if fragment else relative

    return link


class Renderer:
    """Renders the pages of one site."""

    def __init__(self, site: Site, template_dirs: list[Path], settings: dict[str, Any]) -> None:
        self.site = site
        self.env = environment(template_dirs)
        self.settings = settings

    def render(self, template: str, src_uri: str, title: str, description: str, **context: Any) -> Rendered:
        """Render one page's body."""
        page = Rendered(src_uri, title, description, "")
        html = self.env.get_template(template).render(
            site=self.site, settings=self.settings, link=relative_link(page.url), page_url=page.url, **context)
        return Rendered(src_uri, title, description, html)

    def pages(self) -> Iterator[Rendered]:
        """Every generated page, in a stable order."""
        site = self.site
        yield self.render("home.html", "index.md", self.settings["title"],
                          "Verdicts on who said what about the end of the coalition mission in Iraq.",
                          view=home_view(site), **home_pictures(site, relative_link("")))
        yield self.render("claims_index.html", "claims/index.md", "All claims", "Every claim and its verdict.")
        yield self.render("actors_index.html", "actors/index.md", "Who said what", "Every speaker, with their claims.")
        yield self.render("deadlines_index.html", "deadlines/index.md", "Deadlines", "Every date the claims name.")
        yield self.render("sources_index.html", "sources/index.md", "Sources", "The articles the claims come from.")
        yield self.render("status_index.html", "status/index.md", "Verdicts", "Claims grouped by verdict.")
        yield self.render("timeline.html", "timeline.md", "Timeline", "Every statement, verdict and deadline in time.",
                          **timeline_pictures(site, relative_link("timeline/")))
        for status, claims in site.by_status().items():
            yield self.render("status.html", f"status/{status}.md", f"{VERDICT_WORDS[status]} claims",
                              f"Every claim with the status {status}.", status=status, claims=claims)
        for claim in site.claims.values():
            yield self.render("claim.html", f"claims/{claim.id}.md", claim.data.statement.en,
                              f"{claim.verdict_word}: {claim.data.statement.en}", claim=claim,
                              speakers=speakers(claim), story=story(claim), strip=story_strip(claim),
                              cite=cite_box(claim, self.settings))
        for actor in site.actors.values():
            yield self.render("actor.html", f"actors/{actor.id}.md", actor.data.name.en,
                              f"Claims by {actor.data.name.en}, with their verdicts.", actor=actor,
                              **actor_pictures(site, actor, relative_link(actor.url)))
        for deadline in site.deadlines.values():
            yield self.render("deadline.html", f"deadlines/{deadline.id}.md", deadline.data.label.en,
                              f"Deadline: {deadline.data.label.en}.", deadline=deadline,
                              status=deadline_status(deadline))
        for source in site.sources.values():
            yield self.render("source.html", f"sources/{source.id}.md", source.entry.outlet.en + ": " +
                              source.entry.headline.en, f"Source article: {source.entry.headline.en}",
                              source=source)
