"""Smoke test of the benchmark tools: the generator writes a project the checker accepts, and
bench/run.py runs end to end at a tiny N. No timing is asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PLUGIN = ROOT / "site_builder" / "plugin.py"
KEYS = {"claims", "own_stage_s", "full_build_s", "floor_build_s", "peak_rss_mb", "edit_to_page_s"}


def _env() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT), env.get("PYTHONPATH", "")] if p)
    return env


def test_generated_project_passes_check(tmp_path: Path) -> None:
    out = tmp_path / "project"
    subprocess.run([sys.executable, str(BENCH / "generate.py"), "--claims", "30", "--out", str(out)],
                   check=True, env=_env(), capture_output=True, text=True)
    assert len(list((out / "claims").glob("*.yml"))) == 30
    assert list((out / "claims" / "actors").glob("*.yml"))
    assert list((out / "claims" / "deadlines").glob("*.yml"))
    assert (out / "seeds" / "sources.yml").is_file()
    assert (out / "mkdocs.yml").is_file() and (out / "docs" / "index.md").is_file()
    check = subprocess.run([sys.executable, "-m", "site_builder.cli", "--root", str(out), "check"],
                           check=False, env=_env(), capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_generator_is_deterministic(tmp_path: Path) -> None:
    texts = []
    for name in ("a", "b"):
        out = tmp_path / name
        subprocess.run([sys.executable, str(BENCH / "generate.py"), "--claims", "12", "--out", str(out),
                        "--default-config"], check=True, env=_env(), capture_output=True)
        texts.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert texts[0] == texts[1]


@pytest.mark.skipif(not PLUGIN.exists(), reason="site_builder/plugin.py does not exist yet: nothing to build")
def test_run_prints_the_figures(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--claims", "30", "--json", "--repeat", "1", "--edits", "1",
         "--out", str(tmp_path / "out"), "--no-write"],
        check=False, env=_env(), capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert KEYS <= result.keys()
    assert result["claims"] == 30
    # The own stage is also run without rendering page bodies, and the bodies are timed by edition.
    assert result["own_without_bodies_s"] > 0
    assert set(result["own_render_by_edition_s"]) == {"en", "ar"}
