"""The pictures each page shows, as template context: the one place render.py asks for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Actor, Claim, Site
from .chart import verdict_chart
from .graph import relation_graph
from .relations import STRONG
from .timeline import Lanes, timeline_picture

Link = Callable[[str], str]


def home_pictures(site: Site, link: Link, lang: str = "en") -> dict[str, Any]:
    """The verdict chart of the home page; its bars link to the verdict pages."""
    counts = {status: len(claims) for status, claims in site.by_status().items()}
    return {"verdict_chart": verdict_chart("verdicts", counts, lambda status: link(f"status/{status}/"), lang)}


def actor_pictures(site: Site, actor: Actor, link: Link, lang: str = "en") -> dict[str, Any]:
    """An actor's verdict chart (bars link to the lists below it) and its part of the relation graph."""
    counts = {status: len(claims) for status, claims in actor.by_status.items()}
    return {"verdict_chart": verdict_chart(f"verdicts-{actor.id}", counts, lambda status: f"#{status}", lang),
            "graph": relation_graph(site, link, actor, lang=lang)}


def timeline_pictures(site: Site, link: Link, lang: str = "en", claims: list[Claim] | None = None,
                      lanes: Lanes | None = None) -> dict[str, Any]:
    """The timeline (of every claim, or of the given ones), and the graph of which claims replaced or decided
    which: the many 'related' links would tangle it, so they are drawn on actor pages and listed on claim pages."""
    return {"timeline": timeline_picture(site, link, lang, claims, lanes),
            "graph": relation_graph(site, link, kinds=STRONG, lang=lang, among=claims)}
