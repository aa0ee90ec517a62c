"""sitemap.xml with each page's last change taken from the content's own dates, never the build time."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from xml.sax.saxutils import escape

from .dates import FuzzyDate
from .model import Site, per_site
from .webdates import latest, w3c_date


@per_site
def content_dates(site: Site) -> dict[str, FuzzyDate | None]:
    """The last content change of each generated page, by src_uri; hand-written pages are not listed."""
    every = latest(c.updated for c in site.claims.values())
    dates: dict[str, FuzzyDate | None] = {page: every for page in (
        "index.md", "claims/index.md", "actors/index.md", "deadlines/index.md", "sources/index.md",
        "status/index.md")}
    dates.update({f"status/{s}.md": latest(c.updated for c in claims) for s, claims in site.by_status().items()})
    dates.update({f"claims/{c.id}.md": c.updated for c in site.claims.values()})
    dates.update({f"actors/{a.id}.md": latest(c.updated for c in a.claims) for a in site.actors.values()})
    dates.update({f"deadlines/{d.id}.md": latest(c.updated for c in d.claims) for d in site.deadlines.values()})
    for source in site.sources.values():
        quoted = [q.claim.updated for q in source.quotes if q.claim is not None]
        dates[f"sources/{source.id}.md"] = latest([source.entry.published.date, *quoted])
    return dates


def sitemap(pages: list[tuple[str, FuzzyDate | None]]) -> str:
    """The sitemap of (absolute URL, last change) pairs, sorted by URL."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, date in sorted(pages, key=lambda page: page[0]):
        lastmod = f"<lastmod>{w3c_date(date)}</lastmod>" if date else ""
        lines.append(f"  <url><loc>{escape(url)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(site_dir: Path, text: str) -> None:
    """Write sitemap.xml and a byte-for-byte reproducible sitemap.xml.gz in place of MkDocs' own."""
    data = text.encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(data)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=buffer, mtime=0) as packed:
        packed.write(data)
    (site_dir / "sitemap.xml.gz").write_bytes(buffer.getvalue())
