"""Permanent links: the manifest, redirects for renamed claims, and citation anchors that never move."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from site_builder.building import BuildFailed, build_site

OLD, NEW = "timetable-set-by-2024-joint-statement", "timetable-from-2024-joint-statement"


def _build(root: Path, target: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return build_site(root, target)


def _rename(project: Any, former_ids: bool) -> None:
    """Rename the claim OLD to NEW everywhere, as an editor would; optionally keep the old id in former_ids."""
    project.path(f"claims/{OLD}.yml").rename(project.path(f"claims/{NEW}.yml"))
    for other in project.path("claims").glob("*.yml"):
        other.write_text(other.read_text(encoding="utf-8").replace(f"- {OLD}", f"- {NEW}"), encoding="utf-8")
    text = project.read(f"claims/{NEW}.yml").replace(f"id: {OLD}", f"id: {NEW}")
    project.write(f"claims/{NEW}.yml", text + (f"former_ids:\n  - {OLD}\n" if former_ids else ""))


def test_update_records_every_page_feed_and_data_file(project: Any, run_cli: Callable[..., Any]) -> None:
    first = run_cli("--root", project.root, "permalinks")
    assert (first.code, first.out.strip()) == (
        0, "there is no permalinks.json yet: run 'site-builder permalinks --update' to start one")
    update = run_cli("--root", project.root, "permalinks", "--update")
    assert update.code == 0, update.err
    urls = json.loads(project.read("permalinks.json"))["urls"]
    assert update.out.strip() == f"permalinks.json: {len(urls)} URLs, {len(urls)} new, 0 forgotten"
    for url in ("/", "/about/", f"/claims/{OLD}/", "/feeds/updates.xml", "/api/claims.json", "/api/schema.json",
                "/api/claims.csv", f"/api/claims/{OLD}.json", "/feeds/verdicts/denied.xml"):
        assert url in urls
    assert urls == sorted(urls)
    again = run_cli("--root", project.root, "permalinks")
    assert again.out.strip() == f"permalinks.json: all {len(urls)} URLs resolve; 0 new URLs are not recorded yet"


def test_a_renamed_claim_without_former_ids_stops_the_build_and_the_check(
        project: Any, run_cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_cli("--root", project.root, "permalinks", "--update").code == 0
    _rename(project, former_ids=False)
    with pytest.raises(BuildFailed):
        _build(project.root, tmp_path / "site", monkeypatch)
    check = run_cli("--root", project.root, "permalinks")
    assert check.code == 1
    assert check.err.startswith("permalinks.json lists 3 published URLs that this build no longer produces, "
                                "and no redirect covers them:\n"
                                f"  /api/claims/{OLD}.json\n  /ar/claims/{OLD}/\n  /claims/{OLD}/\n")
    assert "list its old id under 'former_ids'" in check.err
    update = run_cli("--root", project.root, "permalinks", "--update")
    assert update.code == 1 and f"/claims/{OLD}/" in update.err  # --update never drops a URL silently


def test_the_build_error_names_the_broken_url(project: Any, run_cli: Callable[..., Any], tmp_path: Path) -> None:
    assert run_cli("--root", project.root, "permalinks", "--update").code == 0
    _rename(project, former_ids=False)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "-m", "site_builder.cli", "--root", str(project.root), "build",
                            "--site-dir", str(tmp_path / "site")], capture_output=True, text=True, env=env,
                           timeout=300, check=False)
    assert built.returncode == 1
    assert "ERROR   -  permalinks.json lists 2 published URLs that this build no longer produces" in built.stderr
    assert f"  /claims/{OLD}/\n" in built.stderr and "former_ids" in built.stderr
    assert not (tmp_path / "site").exists()


def test_a_renamed_claim_with_former_ids_redirects_its_old_address(
        project: Any, run_cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_cli("--root", project.root, "permalinks", "--update").code == 0
    _rename(project, former_ids=True)
    site = _build(project.root, tmp_path / "site", monkeypatch)
    redirect = (site / "claims" / OLD / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../timetable-from-2024-joint-statement/">' in redirect
    assert f'<link rel="canonical" href="https://factcheck.example.org/claims/{NEW}/">' in redirect
    assert f'<a href="../{NEW}/">' in redirect
    assert "<script" not in redirect
    assert (site / "claims" / NEW / "index.html").is_file()
    documents = site / "api" / "claims"
    assert (documents / f"{OLD}.json").read_bytes() == (documents / f"{NEW}.json").read_bytes()
    assert f"claims/{OLD}/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert run_cli("--root", project.root, "permalinks").code == 0


def test_forget_drops_a_withdrawn_url_on_purpose(project: Any, run_cli: Callable[..., Any]) -> None:
    assert run_cli("--root", project.root, "permalinks", "--update").code == 0
    _rename(project, former_ids=False)
    forget = run_cli("--root", project.root, "permalinks", "--update", "--forget", f"/claims/{OLD}/",
                     "--forget", f"api/claims/{OLD}.json")
    assert forget.code == 0, forget.err
    assert ", 3 forgotten" in forget.out  # the claim's Arabic twin goes with it
    urls = json.loads(project.read("permalinks.json"))["urls"]
    assert f"/claims/{OLD}/" not in urls and f"/claims/{NEW}/" in urls
    assert f"/ar/claims/{OLD}/" not in urls and f"/ar/claims/{NEW}/" in urls
    unknown = run_cli("--root", project.root, "permalinks", "--update", "--forget", "/no/such/page/")
    assert (unknown.code, unknown.err.strip()) == (
        2, "site-builder: error: not in permalinks.json, so nothing to forget: /no/such/page/")
    alone = run_cli("--root", project.root, "permalinks", "--forget", "/about/")
    assert (alone.code, alone.err.strip()) == (2, "site-builder: error: --forget only works with --update")


def test_an_unreadable_manifest_is_a_clear_error(project: Any, run_cli: Callable[..., Any]) -> None:
    project.write("permalinks.json", '["/"]\n')
    check = run_cli("--root", project.root, "permalinks")
    assert (check.code, check.err.strip()) == (
        1, 'site-builder: permalinks.json: expected an object with "urls": a list of strings')


class Citations(HTMLParser):
    """Each citation's anchor, its Arabic quote, and its "link to this" control."""

    def __init__(self) -> None:
        super().__init__()
        self.quotes: dict[str, str] = {}
        self.controls: dict[str, dict[str, str | None]] = {}
        self.control_text: dict[str, str] = {}
        self._figure: str | None = None
        self._where: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "figure" and values.get("class") == "citation":
            self._figure = values["id"]
            self.quotes[self._figure or ""] = ""
        elif self._figure and tag == "blockquote":
            self._where = "quote"
        elif self._figure and tag == "a" and values.get("class") == "anchor-link":
            self.controls[self._figure] = values
            self._where = "control"

    def handle_data(self, data: str) -> None:
        if self._figure and self._where == "quote":
            self.quotes[self._figure] += data
        elif self._figure and self._where == "control":
            self.control_text[self._figure] = self.control_text.get(self._figure, "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("blockquote", "a"):
            self._where = None
        elif tag == "figure":
            self._figure = None


def _citations(site: Path, claim_id: str) -> Citations:
    parser = Citations()
    parser.feed((site / "claims" / claim_id / "index.html").read_text(encoding="utf-8"))
    return parser


def test_every_citation_has_a_visible_labelled_link_to_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              project: Any) -> None:
    site = _build(project.root, tmp_path / "site", monkeypatch)
    for page in (site / "claims").glob("*/index.html"):
        parser = _citations(site, page.parent.name)
        assert parser.quotes
        for anchor in parser.quotes:
            control = parser.controls[anchor]
            assert control["href"] == f"#{anchor}"
            assert "aria-label" not in control  # the visible words are its accessible name
            assert re.sub(r"\s+", " ", parser.control_text[anchor]).strip() == "# Link to this quote"


def test_adding_evidence_never_changes_existing_anchors(project: Any, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    claim = "us-forces-leave-ain-al-asad-after-election"
    before = _citations(_build(project.root, tmp_path / "before", monkeypatch), claim).quotes
    new_evidence = (
        "  evidence:\n"
        "    - source: alaraby-aljadeed-2025-09-07\n"
        "      anchor: harir-base\n"
        "      quote: وقاعدة حرير في أربيل\n"
        "      translation: and Harir base in Erbil\n")
    project.replace(f"claims/{claim}.yml", "  evidence:\n", new_evidence)
    after = _citations(_build(project.root, tmp_path / "after", monkeypatch), claim).quotes
    assert {anchor: after[anchor] for anchor in before} == before
    assert set(after) - set(before) == {"harir-base"}
    assert list(after).index("harir-base") < list(after).index("three-sites")  # added first, yet nothing moved
