"""Dirty rebuilds, as `mkdocs serve --dirty` runs them: after an edit, every page of both editions is what a
clean build of the edited content gives (nothing stale), and exactly the pages whose content changed are written."""

from __future__ import annotations

import gc
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from site_builder.deferred import DEFERRED
from site_builder.inputs import Snapshot, complete, snapshot, stale
from site_builder.pictures.relations import STRONG, facts
from site_builder.plugin import FactCheckPlugin
from site_builder.project import load_site
from site_builder.render import page_url
from site_builder.views import timeline_months

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import dump, generate

Files = dict[str, tuple[bytes, int]]
# Files that cover the whole site, each compared with a clean build's after every edit.
WHOLE_SITE = ("search/search_index.json", "ar/search/search_index.json", "api/claims.json", "api/claims.csv",
              "feeds/updates.xml", "sitemap.xml")


def _pages(config: MkDocsConfig) -> list[str]:
    """The built files of the generated pages, in English and in the Arabic edition (under ar/)."""
    plugin = next(p for p in config.plugins.values() if isinstance(p, FactCheckPlugin))
    english = sorted(page_url(src_uri) + "index.html" for src_uri in plugin.pages)
    return english + ["ar/" + page for page in english]


def _read(site: Path, pages: list[str]) -> Files:
    return {page: ((site / page).read_bytes(), (site / page).stat().st_mtime_ns) for page in pages}


def _clean_build(project: Path, site: Path) -> Path:
    """A clean build, as `site-builder build` makes it."""
    subprocess.run([sys.executable, "-m", "site_builder.cli", "--root", str(project), "build", "--site-dir", str(site)],
                   check=True, capture_output=True)
    return site


def _edit(path: Path, change: dict[str, object]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in change.items():
        target = data
        *parents, last = key.split(".")
        for parent in parents:
            target = target[parent]
        target[last] = value
    path.write_text(dump(data), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental") / "project"
    generate(200, root)
    return root


def _rebuild(config: MkDocsConfig, serving: bool) -> None:
    """A --dirty rebuild; `serving` as under serve, which makes the Arabic edition and the files covering every
    claim after the English build (site_builder/deferred.py)."""
    if serving:
        DEFERRED.rebuild(build, config, dirty=True)
        assert DEFERRED.pages, "no page the edit reached was left for after the edited items' pages"
        DEFERRED.wait()
    else:
        build(config, dirty=True)


@pytest.mark.parametrize("serving", [False, True], ids=["in-turn", "as-served"])
def test_a_dirty_rebuild_writes_exactly_the_pages_an_edit_changes(tmp_path: Path, serving: bool) -> None:
    project = tmp_path / "project"  # its own: the edits are made once per way of rebuilding
    generate(200, project)
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "served"))
    assert config.strict  # the warning MkDocs logs on dirty builds must not abort them
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    pages = _pages(config)
    claim = sorted((project / "claims").glob("*.yml"))[7]
    actor = sorted((project / "claims" / "actors").glob("*.yml"))[3]
    deadline = sorted((project / "claims" / "deadlines").glob("*.yml"))[2]
    added = claim.with_name("zz-added-claim.yml")
    speakers = yaml.safe_load(claim.read_text(encoding="utf-8"))["actors"]
    subject = next(path.stem for path in sorted((project / "claims" / "actors").glob("*.yml")) if path.stem not in speakers)
    edits: list[tuple[Path, dict[str, object] | None]] = [
        (claim, {"statement.en": "An edited statement of this claim."}),
        (actor, {"name.en": "An edited actor name"}),
        (claim, {"related": []}),
        (claim, {"about": [subject]}),  # the actor's page now lists the claim, which links to it
        (claim, {"made_on": "2024-01-02"}),  # to the first month of the timeline, from its own
        (deadline, {"label.en": "An edited deadline label"}),
        (added, {"id": added.stem, "statement.en": "A claim added while serving."}),  # a page no build had before
        (added, None)]  # and deleted again
    # A page each edit must change (the site is large enough for a timeline page per month).
    shown = [f"claims/{claim.stem}/index.html", f"actors/{actor.stem}/index.html", f"claims/{claim.stem}/index.html",
             f"actors/{subject}/index.html", "timeline/2024-01/index.html", f"deadlines/{deadline.stem}/index.html", "claims/index.html",
             "claims/index.html"]
    for number, (path, change) in enumerate(edits):
        before = _read(Path(config.site_dir), pages)
        if change is None:
            path.unlink()
        else:
            if not path.exists():
                path.write_text(claim.read_text(encoding="utf-8"), encoding="utf-8")
            _edit(path, change)
        _rebuild(config, serving)
        after = _read(Path(config.site_dir), pages)
        clean_site = _clean_build(project, tmp_path / f"clean-{number}")
        clean = _read(clean_site, pages)
        stale = [page for page in pages if after[page][0] != clean[page][0]]
        assert not stale, f"edit {number}: pages differ from a clean build: {stale[:5]}"
        # The search index keeps the entries of the pages not rebuilt, in the same order; open data re-encodes
        # only the claims an edit reached.
        for whole in WHOLE_SITE:
            assert (Path(config.site_dir) / whole).read_bytes() == (clean_site / whole).read_bytes(), whole
        # Every feed and open-data document is as a clean build makes it (those no edit reached are not made
        # again, and must still be right).
        published = [f.relative_to(clean_site) for folder in ("feeds", "api") for f in (clean_site / folder).rglob("*")
                     if f.is_file()]
        assert len(published) > len(pages) / 10
        differ = [str(f) for f in published if (Path(config.site_dir) / f).read_bytes() != (clean_site / f).read_bytes()]
        assert not differ, f"edit {number}: differ from a clean build: {differ[:5]}"
        changed = {page for page in pages if before[page][0] != clean[page][0]}
        written = {page for page in pages if before[page][1] != after[page][1]}
        assert written == changed, f"edit {number}: written but unchanged {sorted(written - changed)[:5]}"
        assert 0 < len(changed) < len(pages) / 2
        assert {shown[number], "ar/" + shown[number]} <= changed
    # A hand-written page linking to a claim page: MkDocs checks its links against every file of the site
    # (in strict mode a link to a file it was not handed would abort the build).
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\n[An edited link](claims/{claim.stem}.md)\n",
                     encoding="utf-8")
    build(config, dirty=True)
    assert f'href="../claims/{claim.stem}/"' in (Path(config.site_dir) / "about" / "index.html").read_text()


def test_a_dirty_rebuild_after_a_failed_one_leaves_no_stale_page(project: Path, tmp_path: Path) -> None:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "served"))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    pages = _pages(config)
    claim = sorted((project / "claims").glob("*.yml"))[11]
    _edit(claim, {"statement.en": "Edited before a failed build.", "status": "no-such-status"})
    with pytest.raises(Abort):
        build(config, dirty=True)
    _edit(claim, {"status": "denied"})
    build(config, dirty=True)
    clean = _read(_clean_build(project, tmp_path / "clean"), pages)
    after = _read(Path(config.site_dir), pages)
    assert [page for page in pages if after[page][0] != clean[page][0]] == []


def test_the_cycle_collector_runs_again_after_every_dirty_build(project: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A --dirty rebuild after an edit pauses the cycle collector while it renders; it must run again once the
    build is over, whether the build succeeded or failed after the pause (here on a permanent URL it no longer
    publishes). The first build, of every page, does not pause it."""
    paused: list[str] = []
    pause = FactCheckPlugin._pause_collector

    def spy(plugin: FactCheckPlugin) -> None:
        paused.append(plugin.edition.code)
        pause(plugin)

    monkeypatch.setattr(FactCheckPlugin, "_pause_collector", spy)
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "served"))
    config.plugins.on_startup(command="serve", dirty=True)
    claim = sorted((project / "claims").glob("*.yml"))[5]
    manifest = project / "permalinks.json"
    try:
        build(config, dirty=True)
        assert paused == [] and gc.isenabled()
        _edit(claim, {"statement.en": "Edited before a permanent URL went missing."})
        manifest.write_text('{"urls": ["/claims/no-such-claim/"]}', encoding="utf-8")
        with pytest.raises(Abort):
            build(config, dirty=True)
        assert paused == ["en"] and gc.isenabled()
        manifest.unlink()
        build(config, dirty=True)
        # After the failure English renders every page again (no pause); the Arabic edition kept its state.
        assert paused == ["en", "ar"] and gc.isenabled()
    finally:
        manifest.unlink(missing_ok=True)


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, server: subprocess.Popen[bytes], seconds: float = 240) -> None:
    end = time.monotonic() + seconds
    while text not in _fetch(url):
        assert server.poll() is None, "mkdocs serve stopped"
        assert time.monotonic() < end, f"{url} did not show {text!r}"
        time.sleep(0.2)


def test_serve_dirty_from_the_command_line_renders_only_what_each_edit_reaches(project: Path, tmp_path: Path) -> None:
    # The command line adds a filter that drops every message it has logged before: the dirty warning of the
    # second rebuild too, which the plugin must still notice.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path = tmp_path / "serve.log"
    claim = sorted((project / "claims").glob("*.yml"))[19]
    original = claim.read_bytes()
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log_file:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(project / "mkdocs.yml"),
                                   "-a", f"127.0.0.1:{port}"], cwd=project, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        _wait_for(f"{base}/claims/{claim.stem}/", claim.stem, server)
        time.sleep(1.5)  # the watcher's first look at the files
        for number in (1, 2, 3):
            _edit(claim, {"statement.en": f"Edit number {number} in English.", "statement.ar": f"تعديل رقم {number}"})
            _wait_for(f"{base}/claims/{claim.stem}/", f"Edit number {number} in English.", server)
            _wait_for(f"{base}/ar/claims/{claim.stem}/", f"تعديل رقم {number}", server)
            for whole in ("api/claims.json", "feeds/updates.xml"):  # written after the English pages are shown
                _wait_for(f"{base}/{whole}", f"Edit number {number} in English.", server)
    finally:
        server.terminate()
        server.wait(30)
        claim.write_bytes(original)
    log = log_path.read_text(encoding="utf-8")
    for edition in ("en", "ar"):
        partial = re.findall(rf"Rendering (\d+) of (\d+) pages of the {edition} edition again", log)
        assert len(partial) >= 3, log
        assert all(0 < int(done) < int(total) / 2 for done, total in partial), partial
    rebuilds = log.split("Detected file changes")[1:]
    assert len(rebuilds) >= 3, log
    for rebuild in rebuilds:  # the English edition is shown before the Arabic one is rebuilt
        assert rebuild.index("Reloading browsers") < rebuild.index("Building the Arabic edition"), rebuild


def test_what_an_edit_reaches_is_found_from_the_changed_items_links_as_from_every_link(tmp_path: Path) -> None:
    """A rebuild finds what an edit reached from the last build's links and the links the changed items make,
    leaving every link of the new site for later: it must reach exactly what all the links give."""
    project = tmp_path / "project"
    generate(200, project)
    claims = sorted((project / "claims").glob("*.yml"))
    first, second = (yaml.safe_load(path.read_text(encoding="utf-8")) for path in claims[:2])
    deadlines = sorted((project / "claims" / "deadlines").glob("*.yml"))
    moved = next(path for path in deadlines if "moved_to:" in path.read_text(encoding="utf-8"))
    added = claims[0].with_name("zz-added-claim.yml")
    subject = next(path.stem for path in sorted((project / "claims" / "actors").glob("*.yml"))
                   if path.stem not in first["actors"])
    cited = {"source": second["verdict"]["evidence"][0]["source"], "anchor": "appearance-1",
             "quote": second["verdict"]["evidence"][0]["quote"], "translation": "A quote the other claim cites."}
    edits: list[tuple[Path, dict[str, object] | None]] = [
        (claims[5], {"statement.en": "An edited statement."}),
        (claims[6], {"related": [claims[9].stem]}),
        (claims[7], {"made_on": "2024-01-02"}),
        (claims[0], {"appearances": [cited]}),  # the second claim's evidence now quotes where the first appears
        (claims[8], {"actors": first["actors"]}),
        (claims[8], {"about": [subject]}),
        (moved, {"outcome.moved_to": deadlines[-1].stem}),
        (added, {"id": added.stem, "related": [claims[3].stem]}),
        (added, None)]
    before = load_site(project)
    old = snapshot(before, ())
    complete(old, before)
    for number, (path, change) in enumerate(edits):
        if change is None:
            path.unlink()
        else:
            if not path.exists():
                path.write_text(claims[4].read_text(encoding="utf-8"), encoding="utf-8")
            _edit(path, change)
        site = load_site(project)
        partial, whole = snapshot(site, ()), snapshot(site, ())
        complete(whole, site)
        reached = stale(old, partial, site)
        assert reached is not None and reached == stale(old, whole, site), f"edit {number}"
        assert (path.parent.name[:-1] if path.parent.name == "deadlines" else "claim", path.stem) in reached
        if number == 5:
            assert ("actor", subject) in reached
        if number == 3:  # the relation the edit made reaches the claim whose evidence quotes the passage
            assert ("claim", claims[1].stem) in reached
        old = whole
    old.links = None  # a last build whose links were never worked out: every page may have changed
    assert stale(old, snapshot(site, ()), site) is None


def test_an_edit_reaches_the_months_whose_timeline_draws_the_claim_and_no_others(project: Path) -> None:
    """A month's page draws its own claims and those they replaced or decided: a claim merely related to one
    of its claims is not on it, so editing that claim leaves the month alone."""
    site = load_site(project)
    months = {claim.id: month.key for month in timeline_months(site) for claim in month.claims}
    strong = [f for f in facts(site) if f.kind in STRONG]
    drawn_by: dict[str, set[str]] = {}
    for fact in strong:
        drawn_by.setdefault(fact.source.id, set()).add(months[fact.target.id])
        drawn_by.setdefault(fact.target.id, set()).add(months[fact.source.id])
    # A claim related to a claim of another month that no strong relation ties to that month.
    claim = next(c for c in site.claims.values() if any(
        months[other.id] != months[c.id] and months[other.id] not in drawn_by.get(c.id, set()) for other in c.related))
    old = snapshot(site, ())
    complete(old, site)
    new = Snapshot({**old.versions, ("claim", claim.id): object()}, ())
    reached = stale(old, new, site)
    assert reached is not None
    expected = {months[claim.id]} | drawn_by.get(claim.id, set())
    assert {key for kind, key in reached if kind == "month"} == expected
