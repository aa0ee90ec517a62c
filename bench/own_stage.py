"""Our own stage alone, in memory: load + validate + link + render every page of a project.

    python bench/own_stage.py --root bench/out/n1000/project [--profile FILE] [--no-bodies]

Prints one JSON object. It does what the factcheck plugin does in `on_files`, without MkDocs
building anything: the plugin's configuration is read from the project's mkdocs.yml, then
`on_config` and `on_files` run (load_site, the in-memory MkDocs files), then the body of every page is
rendered as the plugin renders it when MkDocs asks for it (Renderer.render_planned). `load_s` is `site_builder.project.load_site` alone (read + validate + link),
`render_s` the rest of `on_files` plus rendering every body, in every edition the build makes (English and Arabic); `import_s` is importing our package (pydantic included) once
MkDocs, Jinja2 and Markdown are imported, as they are in any build (`mkdocs_import_s`, not ours).
`own_stage_s` = import_s + on_files (load + render).
`render_by_edition_s` is the time spent rendering the bodies of each edition's pages.
With --no-bodies, everything runs but the rendering of page bodies: what our stage costs however fast pages render.
Without a plugin it measures load_site alone and reports render as missing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

T_START = time.perf_counter()


def run(root: Path, bodies: bool = True) -> dict[str, Any]:
    result: dict[str, Any] = {"render": "missing", "bodies": bodies}
    # What MkDocs imports anyway (not our cost): its configuration and files, Jinja2, Markdown.
    t0 = time.perf_counter()
    import jinja2  # noqa: F401
    import markdown  # noqa: F401
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files
    result["mkdocs_import_s"] = time.perf_counter() - t0
    # Our own modules (and what only they need: pydantic, nh3, ...).
    t0 = time.perf_counter()
    from site_builder import project

    try:
        import site_builder.plugin as plugin_module
    except ImportError as error:
        plugin_module = None  # type: ignore[assignment]
        result["render_missing_reason"] = f"no plugin: {error}"
    result["import_s"] = time.perf_counter() - t0

    timings: dict[str, float] = {}
    real_load_site = project.load_site

    def timed_load_site(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return real_load_site(*args, **kwargs)
        finally:
            timings["load_s"] = timings.get("load_s", 0.0) + time.perf_counter() - start

    if plugin_module is None:
        timed_load_site(root)
        result["load_s"] = timings["load_s"]
        result["render_s"] = None
        result["own_stage_s"] = result["import_s"] + result["load_s"]
        return result

    t0 = time.perf_counter()
    try:  # our stage is measured in this one process: no edition is built aside in a forked one
        from site_builder import forked
        setattr(forked, "can_fork", lambda: False)  # noqa: B010
    except ImportError:
        pass
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / ".bench-unused-site"))
    result["config_s"] = time.perf_counter() - t0
    name, plugin = next(((n, p) for n, p in config.plugins.items() if isinstance(p, plugin_module.FactCheckPlugin)),
                        ("", None))
    if plugin is None:
        raise SystemExit("the project's mkdocs.yml does not use the factcheck plugin")
    setattr(plugin_module, "load_site", timed_load_site)  # noqa: B010 - the plugin calls load_site by this name
    config.plugins._current_plugin = name  # as PluginCollection.run_event sets it; File.generated reads it
    t0 = time.perf_counter()
    plugin.on_config(config)
    files = plugin.on_files(Files([]), config)
    # The plugin renders a page's body when MkDocs asks for it (on_page_content): render them all here.
    planned = getattr(plugin, "pages", {}) or {}
    renderer = getattr(plugin, "renderer", None)
    by_edition: dict[str, float] = {}
    if renderer is not None and hasattr(renderer, "render_planned"):
        by_edition[renderer.edition.code] = render_bodies(renderer, planned.values(), bodies)
    # Every further edition (the Arabic one) is rendered too, as the full build renders it.
    editions = plugin.editions(config) if hasattr(plugin, "editions") else []
    for edition_config, edition_plugin in editions:
        edition_config.plugins._current_plugin = name
        edition_plugin.on_config(edition_config)
        edition_plugin.on_files(Files([]), edition_config)
        edition_renderer = edition_plugin.renderer
        assert edition_renderer is not None, "on_files made no renderer"
        by_edition[edition_renderer.edition.code] = render_bodies(edition_renderer, edition_plugin.pages.values(), bodies)
        result["pages_per_edition"] = len(planned)
        planned = {**planned, **{edition_config.site_dir + uri: page for uri, page in edition_plugin.pages.items()}}
    result["editions"] = 1 + len(editions)
    hook = time.perf_counter() - t0
    result["load_s"] = timings.get("load_s", 0.0)
    result["render_s"] = hook - result["load_s"]
    result["on_files_s"] = hook
    result["render"] = "plugin.on_files"
    result["render_by_edition_s"] = by_edition
    result["pages"] = len(planned)
    result["files"] = len(files)
    result["own_stage_s"] = result["import_s"] + hook
    return result


def render_bodies(renderer: Any, pages: Any, bodies: bool) -> float:
    """Render every planned page's body (or none, with bodies off); the seconds it took."""
    start = time.perf_counter()
    if bodies:
        for page in pages:
            renderer.render_planned(page)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--profile", type=Path, help="write a cProfile report (text) to this file")
    parser.add_argument("--no-bodies", action="store_true", help="run everything but the rendering of page bodies")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.profile:
        import cProfile
        import io
        import pstats

        profiler = cProfile.Profile()
        result = profiler.runcall(run, root, not args.no_bodies)
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(30)
        args.profile.write_text(text.getvalue(), encoding="utf-8")
        result["profile"] = str(args.profile)
    else:
        result = run(root, not args.no_bodies)
    result["process_s"] = time.perf_counter() - T_START
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
