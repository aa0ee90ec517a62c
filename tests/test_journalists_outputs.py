"""Feeds, open data, sitemap, the cite box and the update log, on real builds of the mini site."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import feedparser  # type: ignore[import-untyped]
import jsonschema  # type: ignore[import-untyped]
import pytest

from site_builder.building import build_site
from site_builder.citing import update_log
from site_builder.exportschema import export_schema
from site_builder.model import Site
from site_builder.project import load_site
from site_builder.webdates import w3c_date

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
EPOCH = "1767225600"
SITE_URL = "https://factcheck.example.org/"
PUBLISHED = ("feeds", "api", "sitemap.xml", "sitemap.xml.gz")


def _build(root: Path, target: Path) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        return build_site(root, target)


@pytest.fixture(scope="module")
def site() -> Site:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return load_site(MINI)


@pytest.fixture(scope="module")
def claims(site: Site) -> list[dict[str, Any]]:
    """Each claim's facts as plain values: a failing assert on a model object would print the whole graph."""
    return [{"id": c.id, "url": c.url, "status": c.status, "word": c.verdict_word, "en": c.data.statement.en,
             "ar": c.data.statement.ar, "actors": [a.id for a in c.actors], "updated": w3c_date(c.updated),
             "updated_label": c.updated.label(), "verdict_label": c.data.verdict.date.date.label(),
             "anchors": [u.anchor for u in update_log(c)], "changes": len(update_log(c))}
            for c in site.claims.values()]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two builds of the same mini project into different folders."""
    base = tmp_path_factory.mktemp("builds")
    return _build(MINI, base / "one"), _build(MINI, base / "two")


@pytest.fixture(scope="module")
def built(builds: tuple[Path, Path]) -> Path:
    return builds[0]


def _digests(folder: Path) -> dict[str, str]:
    files = [p for name in PUBLISHED for p in ([folder / name] if (folder / name).is_file() else
                                                sorted((folder / name).rglob("*")))]
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}


def test_two_builds_publish_identical_feeds_data_and_sitemap(builds: tuple[Path, Path]) -> None:
    first, second = _digests(builds[0]), _digests(builds[1])
    assert len(first) > 15
    assert first == second


def test_feed_and_entry_ids_are_the_same_in_two_builds(builds: tuple[Path, Path]) -> None:
    def ids(folder: Path) -> dict[str, list[str]]:
        parsed = {p.name: feedparser.parse(p.read_bytes()) for p in sorted((folder / "feeds").rglob("*.xml"))}
        return {name: [feed.feed.id] + [e.id for e in feed.entries] for name, feed in parsed.items()}
    assert ids(builds[0]) == ids(builds[1])


def test_every_feed_is_valid_atom_with_one_entry_per_verdict_change(built: Path, site: Site,
                                                                    claims: list[dict[str, Any]]) -> None:
    feeds = sorted((built / "feeds").rglob("*.xml"))
    verdicts = ("confirmed", "denied", "superseded", "unresolved")
    expected = {"updates.xml"} | {f"{name}.xml" for name in [*site.actors, *site.deadlines, *verdicts]}
    assert {p.name for p in feeds} == expected
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10"
        assert parsed.feed.id == SITE_URL + path.relative_to(built).as_posix()
        assert len({e.id for e in parsed.entries}) == len(parsed.entries)
        for entry in parsed.entries:
            assert entry.id.startswith(SITE_URL + "claims/") and "#update-" in entry.id
            assert entry.link == entry.id
    updates = feedparser.parse((built / "feeds" / "updates.xml").read_bytes())
    assert len(updates.entries) == sum(c["changes"] for c in claims) > len(claims)
    dates = [e.updated_parsed for e in updates.entries]
    assert dates == sorted(dates, reverse=True)
    # "on" only before a day: "on 27 September 2024", "in September 2024"
    spans = [re.search(r" (on \d{1,2}|in) [\w ]*\d{4}\. ", e.summary) for e in updates.entries]
    assert all(spans), [e.summary for e, span in zip(updates.entries, spans) if not span]


def test_a_history_step_and_the_verdict_are_two_entries_dated_by_the_content(built: Path) -> None:
    feed = feedparser.parse((built / "feeds" / "updates.xml").read_bytes())
    claim_url = SITE_URL + "claims/coalition-mission-ends-by-september-2025/"
    entries = {e.id: e for e in feed.entries if e.id.startswith(claim_url)}
    assert sorted(entries) == [claim_url + "#update-2024-09-27-unresolved", claim_url + "#update-2025-09-07-superseded"]
    assert entries[claim_url + "#update-2025-09-07-superseded"].updated == "2025-09-07T00:00:00Z"
    assert entries[claim_url + "#update-2025-09-07-superseded"].title.startswith("Superseded: ")
    verdict_feed = feedparser.parse((built / "feeds" / "verdicts" / "superseded.xml").read_bytes())
    assert [e.id for e in verdict_feed.entries] == [claim_url + "#update-2025-09-07-superseded"]


def test_the_entry_ids_point_at_the_update_log_on_the_claim_page(built: Path, claims: list[dict[str, Any]]) -> None:
    for claim in claims:
        html = (built / claim["url"] / "index.html").read_text(encoding="utf-8")
        for anchor in claim["anchors"]:
            assert f'id="{anchor}"' in html


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.alternates: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "alternate" and values.get("type") == "application/atom+xml":
            self.alternates.append(values.get("href") or "")


def _feed_links(page: Path) -> list[str]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.alternates


def test_pages_link_to_the_feeds_that_concern_them(built: Path, site: Site) -> None:
    everything = SITE_URL + "feeds/updates.xml"
    assert _feed_links(built / "index.html") == [everything]
    assert _feed_links(built / "about" / "index.html") == [everything]
    for actor in list(site.actors):
        own = f"{SITE_URL}feeds/actors/{actor}.xml"
        assert _feed_links(built / "actors" / actor / "index.html") == [everything, own]
    for deadline in list(site.deadlines):
        own = f"{SITE_URL}feeds/deadlines/{deadline}.xml"
        assert _feed_links(built / "deadlines" / deadline / "index.html") == [everything, own]
    assert _feed_links(built / "status" / "denied" / "index.html")[1] == SITE_URL + "feeds/verdicts/denied.xml"
    for href in {h for page in built.rglob("index.html") for h in _feed_links(page)}:
        assert (built / href.removeprefix(SITE_URL)).is_file(), href


def test_api_claims_json_is_exactly_the_export_and_follows_its_schema(
        built: Path, run_cli: Callable[..., Any]) -> None:
    exported = run_cli("--root", MINI, "export")
    assert exported.code == 0
    published = (built / "api" / "claims.json").read_text(encoding="utf-8")
    assert published == exported.out
    schema = json.loads((built / "api" / "schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.loads(published))


def test_the_schema_rejects_a_document_that_drifts(built: Path) -> None:
    schema = json.loads((built / "api" / "schema.json").read_text(encoding="utf-8"))
    document = json.loads((built / "api" / "claims.json").read_text(encoding="utf-8"))
    document["claims"][0]["verdict_word"] = "Confirmed"
    with pytest.raises(jsonschema.ValidationError, match="verdict_word"):
        jsonschema.validate(document, schema)
    del document["claims"][0]["verdict_word"]
    del document["claims"][0]["status"]
    with pytest.raises(jsonschema.ValidationError, match="status"):
        jsonschema.validate(document, schema)


def test_one_document_per_claim_follows_the_claim_schema(built: Path, site: Site) -> None:
    ids = sorted(site.claims)
    schema = json.loads((built / "api" / "schema.json").read_text(encoding="utf-8"))
    whole = json.loads((built / "api" / "claims.json").read_text(encoding="utf-8"))
    by_id = {claim["id"]: claim for claim in whole["claims"]}
    validator = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/claimDocument"})
    assert sorted(p.stem for p in (built / "api" / "claims").glob("*.json")) == ids
    for claim_id in ids:
        document = json.loads((built / "api" / "claims" / f"{claim_id}.json").read_text(encoding="utf-8"))
        validator.validate(document)
        assert document == {"schema_version": whole["schema_version"], "claim": by_id[claim_id]}


def test_the_csv_has_one_row_per_claim_and_keeps_the_arabic(built: Path, claims: list[dict[str, Any]]) -> None:
    raw = (built / "api" / "claims.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == [c["id"] for c in claims]
    for row, claim in zip(rows, claims, strict=True):
        assert (row["statement_ar"], row["status"]) == (claim["ar"], claim["status"])
        assert row["url"] == SITE_URL + claim["url"]
        assert row["actors"].split(";") == claim["actors"]


def test_the_sitemap_dates_pages_by_their_content(built: Path, claims: list[dict[str, Any]]) -> None:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring((built / "sitemap.xml").read_bytes())
    lastmod = {u.findtext("s:loc", namespaces=namespace): u.findtext("s:lastmod", namespaces=namespace)
               for u in root.findall("s:url", namespace)}
    for claim in claims:
        assert lastmod[SITE_URL + claim["url"]] == claim["updated"]
    assert lastmod[SITE_URL + "about/"] is None  # a hand-written page: the content gives no date
    assert SITE_URL in lastmod and SITE_URL + "./" not in lastmod
    assert not any(url.startswith(SITE_URL + "claims/") and url.count("/") > 5 for url in lastmod if url)
    assert gzip.decompress((built / "sitemap.xml.gz").read_bytes()) == (built / "sitemap.xml").read_bytes()


class CiteBox(HTMLParser):
    """The textarea, the permalink and the report link of a claim page."""

    def __init__(self) -> None:
        super().__init__()
        self.textarea: dict[str, str | None] | None = None
        self.text = ""
        self.hrefs: dict[str, str] = {}
        self.buttons = 0
        self._in_textarea = False
        self._in_box = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "textarea" and values.get("class") == "cite__text":
            self.textarea, self._in_textarea = values, True
        if tag == "a" and values.get("class") in ("cite__permalink", "report__link"):
            self.hrefs[values["class"] or ""] = values.get("href") or ""
        if tag == "section":
            self._in_box = values.get("class") == "cite"
        if tag == "button" and self._in_box:
            self.buttons += 1

    def handle_data(self, data: str) -> None:
        if self._in_textarea:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._in_textarea = False


def test_every_claim_page_has_a_cite_box_that_works_without_javascript(built: Path,
                                                                       claims: list[dict[str, Any]]) -> None:
    for claim in claims:
        box = CiteBox()
        box.feed((built / claim["url"] / "index.html").read_text(encoding="utf-8"))
        permalink = SITE_URL + claim["url"]
        assert box.hrefs["cite__permalink"] == permalink
        assert box.textarea is not None and "readonly" in box.textarea
        assert box.text == (f"Mini fact-check desk. \u201c{claim['en']}\u201d Verdict: {claim['word']} "
                            f"({claim['verdict_label']}; last updated {claim['updated_label']}). {permalink}")
        assert box.buttons == 0  # the copy button is added by script only


def test_the_report_link_opens_a_prefilled_issue_in_the_configured_repository(built: Path) -> None:
    claim = "us-forces-leave-ain-al-asad-after-election"
    box = CiteBox()
    box.feed((built / "claims" / claim / "index.html").read_text(encoding="utf-8"))
    link = urlsplit(box.hrefs["report__link"])
    assert (link.scheme, link.netloc, link.path) == ("https", "github.com", "/example/mini-fact-check/issues/new")
    query = parse_qs(link.query)
    assert query["title"] == [f"Error report: {claim}"]
    assert query["body"][0].startswith(f"Claim: {SITE_URL}claims/{claim}/\nVerdict: Denied (2025-09-07)\n")
    assert " " not in link.query and "\n" not in link.query


def test_the_update_log_lists_each_status_with_what_changed(built: Path) -> None:
    html = (built / "claims" / "coalition-mission-ends-by-september-2025" / "index.html").read_text(encoding="utf-8")
    first = html.index('id="update-2024-09-27-unresolved"')
    second = html.index('id="update-2025-09-07-superseded"')
    assert first < second
    assert "Rated unresolved" in html[first:second]
    assert "Changed from unresolved to superseded" in html[second:second + 400]


def test_the_real_sites_export_follows_the_published_schema(run_cli: Callable[..., Any]) -> None:
    exported = run_cli("--root", ROOT, "export")
    assert exported.code == 0, exported.err
    document = exported.json()
    assert len(document["claims"]) >= 20
    jsonschema.Draft202012Validator(export_schema()).validate(document)


@pytest.mark.parametrize("made_on, verdict, updated", [
    ("2025-09", "2025-09-07", "7 September 2025"),  # the day within the month says more
    ("2025-Q3", "2025-09-07", "7 September 2025"),
    ("2025-09-07", "2025-10", "October 2025"),  # a later month is later, however precise the day before it
    ("2025-09-07", "2026", "2026"),
])
def test_last_updated_is_the_latest_and_most_precise_date(project: Any, made_on: str, verdict: str,
                                                          updated: str) -> None:
    path = "claims/baghdad-anbar-missions-end-september-2025.yml"
    project.replace(path, "made_on: 2025-09-07", f"made_on: {made_on}")
    project.replace(path, "verdict:\n  date: 2025-09-07", f"verdict:\n  date: {verdict}")
    claim = load_site(project.root).claims["baghdad-anbar-missions-end-september-2025"]
    assert claim.updated.label() == updated
