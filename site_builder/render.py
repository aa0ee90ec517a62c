"""Render every page of the site from the resolved model with Jinja2 templates."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from .citing import cite_box
from .fragments import Fragments, Rows
from .i18n import Edition
from .markup import to_html
from .model import KIND_WORDS, STATUS_MEANINGS, VERDICT_WORDS, Actor, Claim, Deadline, Site
from .pictures.pages import actor_pictures, home_pictures, timeline_pictures
from .pictures.strip import story_strip
from .pictures.timeline import Lanes
from .schema import STATUSES
from .views import Month, deadline_status, home_view, speakers, story, timeline_months

# What MkDocs and its search index need not parse: SVG pictures (never nested), and the lists that repeat
# what other pages say, which templates mark with NOT_SEARCHED; and the comment standing in for each.
NOT_SEARCHED = ("<!--not-searched-->", "<!--/not-searched-->")
APART = re.compile(rf"<svg\b|{NOT_SEARCHED[0]}")  # where each starts; it ends at the first </svg> or end mark after
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
    pieces: list[str] = []
    done = at = 0
    while (found := APART.search(html, at)) is not None:
        svg = found.group() == "<svg"
        close = "</svg>" if svg else NOT_SEARCHED[1]
        end = html.find(close, found.end())
        if end < 0:  # never closed: not one
            at = found.start() + 1
            continue
        pieces += [html[done:found.start()], PLACEHOLDER.format(len(parts))]
        parts.append(html[found.start():end + len(close)] if svg else html[found.end():end])
        done = at = end + len(close)
    pieces.append(html[done:])
    return "".join(pieces), tuple(parts)


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
    env.globals["STATUSES"] = STATUSES
    env.globals["VERDICT_WORDS"] = VERDICT_WORDS
    env.globals["KIND_WORDS"] = KIND_WORDS
    env.globals["STATUS_MEANINGS"] = STATUS_MEANINGS
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


def edition_globals(edition: Edition, rows: Rows | None = None, drawn: Lanes | None = None) -> dict[str, Any]:
    """What templates use to write in the edition's language: t() for interface strings, text() for content."""
    return {"edition": edition, "t": edition.t, "text": edition.text, "other_text": edition.other_text,
            "plain": edition.plain, "date": edition.date, "day": edition.day, "as_of": edition.as_of,
            **Fragments(edition, rows, drawn).globals()}


@dataclass(frozen=True)
class Planned:
    """A page to render: its template, where it goes, its title and description, and a function giving
    its template context; `about` names the claim, actor, deadline or source the page is about (None for
    the pages that list the whole site)."""

    template: str
    src_uri: str
    title: str
    description: str
    context: Callable[[], dict[str, Any]] = dict
    about: tuple[str, str] | None = None


class Renderer:
    """Renders the pages of one site in one edition."""

    def __init__(self, site: Site, template_dirs: list[Path], settings: dict[str, Any],
                 edition: Edition | None = None, env: jinja2.Environment | None = None,
                 rows: Rows | None = None, lanes: Lanes | None = None) -> None:
        self.site = site
        self.lanes = lanes  # timeline rows kept across --dirty rebuilds
        self.edition = edition or Edition("en")
        self.env = env or environment(template_dirs)  # an environment reused keeps its compiled templates
        self.env.globals.update(edition_globals(self.edition, rows, lanes))
        self.settings = settings

    def render(self, template: str, src_uri: str, title: str, description: str, **context: Any) -> Rendered:
        """Render one page's body."""
        url = page_url(src_uri)
        html = self.env.get_template(template).render(
            site=self.site, settings=self.settings, link=relative_link(url), page_url=url, **context)
        body, apart = set_apart(html)
        return Rendered(src_uri, title, description, body, apart)

    def render_planned(self, page: Planned) -> Rendered:
        """Render a page of the plan."""
        return self.render(page.template, page.src_uri, page.title, page.description, **page.context())

    def pages(self) -> Iterator[Rendered]:
        """Every generated page, rendered, in a stable order."""
        return (self.render_planned(page) for page in self.plan())

    def plan(self) -> Iterator[Planned]:
        """Every generated page, in a stable order, to be rendered when its body is wanted."""
        site, t, plain, plan = self.site, self.edition.plain_t, self.edition.plain, Planned
        lang = self.edition.code
        yield plan("home.html", "index.md", self.settings["title"],
                   t("Verdicts on who said what about the end of the coalition mission in Iraq."),
                   lambda: dict(view=home_view(site), **home_pictures(site, relative_link(""), lang)))
        yield plan("claims_index.html", "claims/index.md", t("All claims"), t("Every claim and its verdict."))
        yield plan("actors_index.html", "actors/index.md", t("Who said what"), t("Every speaker, with their claims."))
        yield plan("deadlines_index.html", "deadlines/index.md", t("Deadlines"), t("Every date the claims name."))
        yield plan("sources_index.html", "sources/index.md", t("Sources"), t("The articles the claims come from."))
        yield plan("status_index.html", "status/index.md", t("Verdicts"), t("Claims grouped by verdict."))
        months = timeline_months(site)
        if not months:
            yield plan("timeline.html", "timeline.md", t("Timeline"), t("Every statement, verdict and deadline in time."),
                       lambda: dict(period=None, **timeline_pictures(site, relative_link("timeline/"), lang)))
        else:
            yield plan("timeline_months.html", "timeline.md", t("Timeline"), t("Every statement, verdict and deadline in time."),
                       partial(dict, months=months))
        for number, month in enumerate(months):
            when = self.edition.date(month.date)
            yield plan("timeline.html", f"timeline/{month.key}.md", t("Timeline: {month}", month=when),
                       t("The claims made in {month}: their statements, verdicts and deadlines in time.", month=when),
                       partial(self._month_context, months, number), ("month", month.key))
        for status, claims in site.by_status().items():
            word = t(VERDICT_WORDS[status])
            yield plan("status.html", f"status/{status}.md", t("{word} claims", word=word),
                       t("Every claim with the status {status}.", status=status, word=word),
                       partial(dict, status=status, claims=claims))
        for claim in site.claims.values():
            statement = plain(claim.data.statement)
            yield plan("claim.html", f"claims/{claim.id}.md", statement, f"{t(claim.verdict_word)}: {statement}",
                       partial(self._claim_context, claim), ("claim", claim.id))
        for actor in site.actors.values():
            name = plain(actor.data.name)
            yield plan("actor.html", f"actors/{actor.id}.md", name, t("Claims by {name}, with their verdicts.", name=name),
                       partial(self._actor_context, actor), ("actor", actor.id))
        for deadline in site.deadlines.values():
            label = plain(deadline.data.label)
            yield plan("deadline.html", f"deadlines/{deadline.id}.md", label, t("Deadline: {label}.", label=label),
                       partial(self._deadline_context, deadline), ("deadline", deadline.id))
        for source in site.sources.values():
            entry = source.entry
            yield plan("source.html", f"sources/{source.id}.md", f"{plain(entry.outlet)}: {plain(entry.headline)}",
                       t("Source article: {headline}", headline=plain(entry.headline)),
                       partial(dict, source=source), ("source", source.id))

    def _actor_context(self, actor: Actor) -> dict[str, Any]:
        return {"actor": actor, **actor_pictures(self.site, actor, relative_link(actor.url), self.edition.code)}

    def _month_context(self, months: list[Month], number: int) -> dict[str, Any]:
        month = months[number]
        return {"period": month, "previous": months[number - 1] if number else None,
                "next": months[number + 1] if number + 1 < len(months) else None,
                **timeline_pictures(self.site, relative_link(month.url), self.edition.code, month.claims, self.lanes)}

    def _deadline_context(self, deadline: Deadline) -> dict[str, Any]:
        return {"deadline": deadline, "status": deadline_status(deadline)}

    def _claim_context(self, claim: Claim) -> dict[str, Any]:
        return {"claim": claim, "speakers": speakers(claim), "story": story(claim), "strip": story_strip(claim, self.edition.code),
                "cite": cite_box(claim, self.settings)}
