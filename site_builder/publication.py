"""Everything the site publishes beside its pages: feeds, open data, redirects, head tags and the sitemap."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import jinja2

from .cards import CardCache, card_alt, card_path, card_text
from .citing import absolute, site_path
from .claimreview import claim_review, json_ld
from .dates import FuzzyDate
from .feeds import AtomWriter, Entries, Feed, feeds
from .i18n import Edition
from .meta import FeedLink, Head, Image
from .model import Claim, Site
from .opendata import Records, api_files, api_paths
from .permalinks import Redirect, redirects
from .render import relative_link
from .sitemap import content_dates, sitemap
from .webdates import latest


class Publication:
    """The files, head tags and sitemap of one site, computed once per build."""

    def __init__(self, site: Site, settings: dict[str, Any], env: jinja2.Environment, locale: str,
                 edition: Edition | None = None, cards: CardCache | None = None, records: Records | None = None,
                 entries: Entries | None = None, reached: Collection[tuple[str, str]] | None = None) -> None:
        self.site = site
        self.edition = edition or Edition("en")
        self.prefix = self.edition.prefix  # pages of an edition other than English live under it
        self.site_url: str = settings["site_url"]
        self.organisation: str = settings["organisation"]
        self.title: str = settings["title"]
        self.env = env
        self.locale = locale
        self.feeds = feeds(site, settings.get("feed_title", self.title))  # the feeds are in English
        self.redirects = redirects(site)
        self.claims = {f"claims/{claim.id}.md": claim for claim in site.claims.values()}
        self.page_feeds = {feed.page: feed for feed in self.feeds}
        self.cards = cards
        self.records = records
        self.entries = entries  # Atom entries kept by a --dirty build
        # After an edit, the items it reached (inputs.stale): only their files are made again.
        self.reached = reached
        self.claims_reached = None if reached is None else {item for kind, item in reached if kind == "claim"}

    def files(self, later: bool = False) -> dict[str, str | bytes | None]:
        """Feeds, open-data files and redirect pages, by the path they are published at; after an edit, a file
        it did not reach is listed with None: the last build wrote it as it still is. With `later`, every feed
        and open-data file is listed with None: later_files() makes them (serve writes them after the pages).

        The Arabic edition gets only its own redirect pages: feeds and open data are published once.
        """
        redirects: dict[str, str | bytes | None] = {
            r.src_uri: self.redirect_page(r) if self._made_again(r.claim) else None for r in self.redirects}
        if self.prefix:
            return redirects
        files: dict[str, str | bytes | None]
        if later:
            files = dict.fromkeys([feed.path for feed in self.feeds] + api_paths(self.site))
        else:
            files = self._feeds_and_data()
        files.update(redirects)
        if self.cards is not None:
            files.update({card_path(claim): self.cards.card(card_text(claim, self.title))
                          if self._made_again(claim) else None for claim in self.site.claims.values()})
        return files

    def shared(self) -> list[str]:
        """The paths of the files both editions link to and the English build publishes once: the feeds, open data
        and share cards (known without making them)."""
        paths = [feed.path for feed in self.feeds] + api_paths(self.site)
        if self.cards is not None:
            paths += [card_path(claim) for claim in self.site.claims.values()]
        return paths

    def later_files(self) -> dict[str, str | bytes]:
        """The feeds and open-data files that files(later=True) left out and an edit may have changed."""
        return {path: content for path, content in self._feeds_and_data().items() if content is not None}

    def _feeds_and_data(self) -> dict[str, str | bytes | None]:
        writer = AtomWriter(self.site_url, self.organisation, latest(c.updated for c in self.site.claims.values()),
                            self.entries)
        files: dict[str, str | bytes | None] = {
            feed.path: writer.feed(feed) if self._feed_reached(feed) else None for feed in self.feeds}
        files.update(api_files(self.site, self.site_url, self.records, self.claims_reached))
        return files

    def _made_again(self, claim: Claim) -> bool:
        return self.claims_reached is None or claim.id in self.claims_reached

    def _feed_reached(self, feed: Feed) -> bool:
        """A feed changes with its actor or deadline (each linked to its claims), the others with any claim:
        an entry shows only its own claim's data, and an empty feed the date of the newest claim."""
        if self.reached is None:
            return True
        return feed.about in self.reached if feed.about else bool(self.claims_reached)

    def redirect_page(self, redirect: Redirect) -> str:
        """A page sending readers from a claim's former address to its current one, without JavaScript."""
        claim = redirect.claim
        return self.env.get_template("redirect.html").render(
            title=self.edition.plain(claim.data.statement), target=relative_link(redirect.url)(claim.url),
            canonical=absolute(self.site_url, self.prefix + claim.url), site_name=self.title)

    def head(self, src_uri: str, url: str, title: str, description: str) -> Head:
        """What the page at src_uri tells previews, feed readers and search engines."""
        claim = self.claims.get(src_uri)
        review = claim_review(claim, self.organisation, self.site_url, self.edition) if claim else None
        return Head(title=title, description=description,
                    url=absolute(self.site_url, self.prefix + url) if self.site_url else None,
                    site_name=self.title, locale=self.locale, kind="article" if claim else "website",
                    feeds=[self._link(feed) for feed in self._feeds_of(url)],
                    data=[json_ld(review)] if review else [], image=self._card(claim))

    def sitemap(self, pages: list[tuple[str, str]], generated: Collection[str]) -> str:
        """The sitemap of the built pages, given as (src_uri, url) pairs.

        A generated page without dates of its own (a timeline, say) changes with the newest claim;
        hand-written pages get no date: the content does not say when they changed.
        """
        dates = content_dates(self.site)
        newest = latest(c.updated for c in self.site.claims.values())
        entries: list[tuple[str, FuzzyDate | None]] = [
            (absolute(self.site_url, url), dates.get(src_uri, newest if src_uri in generated else None))
            for src_uri, url in pages]
        return sitemap(entries)

    def _card(self, claim: Claim | None) -> Image | None:
        if claim is None or self.cards is None or not self.site_url:
            return None
        return Image(absolute(self.site_url, card_path(claim)), card_alt(claim, self.edition.code))

    def _feeds_of(self, url: str) -> list[Feed]:
        own = self.page_feeds.get(site_path(url))
        site_wide = self.page_feeds[""]
        return [site_wide] if own is None or own is site_wide else [site_wide, own]

    def _link(self, feed: Feed) -> FeedLink:
        return FeedLink(feed.title, absolute(self.site_url, feed.path))

