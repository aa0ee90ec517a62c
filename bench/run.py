"""Measure the build at N claims: our own stage, the full MkDocs build, the MkDocs floor, memory,
and the time from editing a claim to seeing it served.

    python bench/run.py                      # N = 1000 and 10000
    python bench/run.py --claims 1000        # one N (repeat --claims for several)
    python bench/run.py --claims 1000 --json # one JSON object per N on stdout

Every stage runs in a fresh subprocess; its wall time is taken around the whole process with
time.perf_counter and its peak resident memory comes from os.wait4 (that child's ru_maxrss).
Results are merged into bench/results.json (latest run per N) and bench/RESULTS.md is rewritten
from it; see bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
from floor import built_pages, write_floor
from generate import _read_loose, dump, generate

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

PYTHON = sys.executable
AS_OF_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: deadlines fall on both sides of it
TARGETS = {
    "own_share": 0.10,  # own stage <= 10% of the full build
    "full_vs_floor": 1.0,  # full build <= floor
    "rss_mb": 1024.0,  # peak RSS <= 1 GB
    "edit_s": 2.0,  # edit-to-page <= 2 s
    "linear_slack": 1.5,  # memory above the baseline grows at most 1.5x as fast as N
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- processes

@dataclass
class Measure:
    seconds: float
    rss_mb: float
    cpu_s: float  # user + system CPU time of the process: less sensitive than wall time to a busy machine
    returncode: int
    stdout: str
    log: Path
    timed_out: bool = False
    tree_mb: float = 0.0  # peak of the summed proportional set size (PSS) of the process and its children

    def problem(self, what: str) -> str | None:
        """Why the run did not succeed, or None."""
        if self.timed_out:
            return f"{what} did not finish within {self.seconds:.0f} s (killed; {self.cpu_s:.0f} s of CPU)"
        if self.returncode != 0:
            return f"{what} failed (exit {self.returncode}): {_tail(self.log, 6)}"
        return None


def _kill_group(pid: int, sig: int = signal.SIGTERM) -> None:
    try:
        os.killpg(pid, sig)  # the group of a process this script started (start_new_session)
    except ProcessLookupError:
        pass


def _wait(process: subprocess.Popen[bytes]) -> tuple[int, float, float]:
    """Reap one child; return its exit code, peak RSS in MiB and CPU seconds."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime  # Linux: KiB


def measure(cmd: list[str], *, env: dict[str, str], cwd: Path, timeout: float, log_path: Path) -> Measure:
    """Run cmd to completion in a fresh process: wall time, peak RSS, exit code, stdout."""
    out_path = log_path.with_suffix(".out")
    with open(out_path, "wb") as out, open(log_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, start_new_session=True)
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            _kill_group(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, expire)
        timer.start()
        sampler = TreeMemory(process.pid)
        sampler.start()
        try:
            code, rss, cpu = _wait(process)
        finally:
            timer.cancel()
            sampler.stop()
        seconds = time.perf_counter() - start
    return Measure(seconds, rss, cpu, code, out_path.read_text(encoding="utf-8", errors="replace"), log_path,
                   expired.is_set(), sampler.peak_mb)


class TreeMemory(threading.Thread):
    """Samples, every 0.2 s, the memory of a process group (a build and the process it forks to render
    ahead): the sum of each process's proportional set size, so that pages shared between them count once."""

    def __init__(self, group: int) -> None:
        super().__init__(daemon=True)
        self.group, self.peak_mb, self._done = group, 0.0, threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.2):
            self.peak_mb = max(self.peak_mb, _group_pss_mb(self.group))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _group_pss_mb(group: int) -> float:
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[2]) != group:
                continue
            for line in (entry / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return total / 1024.0


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=max(0.1, timeout)) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


# ---------------------------------------------------------------- stages

def own_stage(project: Path, env: dict[str, str], work: Path, timeout: float, profile: bool = False,
              bodies: bool = True) -> dict[str, Any]:
    cmd = [PYTHON, str(BENCH / "own_stage.py"), "--root", str(project)]
    if profile:
        cmd += ["--profile", str(work / "own_stage.profile.txt")]
    if not bodies:
        cmd.append("--no-bodies")
    run = measure(cmd, env=env, cwd=project, timeout=timeout, log_path=work / "own_stage.log")
    problem = run.problem("the own stage")
    if problem:
        return {"error": problem, "own_stage_s": None, "load_s": None, "render_s": None, "import_s": None,
                "render": "failed", "wall_s": run.seconds, "rss_mb": run.rss_mb, "cpu_s": run.cpu_s}
    result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    result["wall_s"] = run.seconds
    result["rss_mb"] = run.rss_mb
    result["cpu_s"] = run.cpu_s
    return result


def mkdocs_build(site: Path, env: dict[str, str], work: Path, name: str, timeout: float) -> Measure:
    target = work / f"site-{name}"
    shutil.rmtree(target, ignore_errors=True)
    cmd = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml"), "-d", str(target)]
    return measure(cmd, env=env, cwd=site, timeout=timeout, log_path=work / f"build-{name}.log")


def baseline_rss(env: dict[str, str], work: Path) -> float:
    """Peak RSS of a process that only imports MkDocs, Material and our plugin: the fixed part."""
    code = "import mkdocs.commands.build, material, site_builder.plugin"
    run = measure([PYTHON, "-c", code], env=env, cwd=ROOT, timeout=120, log_path=work / "baseline.log")
    if run.returncode != 0:
        code = "import mkdocs.commands.build, material"
        run = measure([PYTHON, "-c", code], env=env, cwd=ROOT, timeout=120, log_path=work / "baseline.log")
    return run.rss_mb


def plugin_supports_dirty() -> bool:
    """Whether the factcheck plugin does anything about `mkdocs serve --dirty`."""
    plugin = ROOT / "site_builder" / "plugin.py"
    return plugin.is_file() and "dirty" in plugin.read_text(encoding="utf-8")


def edit_to_page(project: Path, claim_id: str, env: dict[str, str], work: Path, timeout: float, edits: int,
                 dirty: bool) -> dict[str, Any]:
    """Serve the site, edit one claim's English statement, time until the served page shows it."""
    port = free_port()
    config = _read_loose(project / "mkdocs.yml")
    mount = urlsplit(str(config.get("site_url") or "/")).path.rstrip("/")
    url = f"http://127.0.0.1:{port}{mount}/claims/{claim_id}/"
    claim_file = project / "claims" / f"{claim_id}.yml"
    original = claim_file.read_bytes()
    cmd = [PYTHON, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    if dirty:
        cmd += ["--dirty"]  # the plugin drops MkDocs' dirty-build warning, which `strict: true` would make fatal
    arabic_url = f"http://127.0.0.1:{port}{mount}/ar/claims/{claim_id}/"
    speaker = yaml.load(original.decode("utf-8"), Loader=Loader)["actors"][0]
    speaker_url = f"http://127.0.0.1:{port}{mount}/actors/{speaker}/"  # lists the claim's statement
    result: dict[str, Any] = {"url": url, "dirty": dirty, "edits_s": [], "arabic_edits_s": [], "speaker_edits_s": [],
                              "serve_cmd": " ".join(cmd[1:])}
    log_path = work / "serve.log"
    with open(log_path, "wb") as server_log:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=project, env=env, stdout=server_log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            while True:
                left = timeout - (time.perf_counter() - start)
                if process.poll() is not None:
                    raise RuntimeError(f"mkdocs serve exited ({process.returncode}):\n{_tail(log_path)}")
                if left <= 0:
                    raise TimeoutError(f"{url} was not served within {timeout:.0f} s")
                status, _ = fetch(url, min(left, 5.0))
                if status == 200:
                    break
                time.sleep(0.1)
            result["first_page_s"] = time.perf_counter() - start
            time.sleep(1.5)  # let the file watcher take its first snapshot
            for number in range(1, edits + 1):
                marker = f"Benchmark edit {number} {os.getpid()}x{int(time.time())}"
                data = yaml.load(original.decode("utf-8"), Loader=Loader)
                data["statement"]["en"] = f"{marker} {data['statement']['en']}"
                data["statement"]["ar"] = f"{marker} {data['statement']['ar']}"
                text = dump(data).encode("utf-8")
                edited = time.perf_counter()
                claim_file.write_bytes(text)
                seen = [_seen(process, log_path, page, marker, edited, timeout)
                        for page in (url, speaker_url, arabic_url)]
                if None in seen:
                    result["error"] = f"edit {number} did not appear within {timeout:.0f} s"
                    break
                result["edits_s"].append(seen[0])
                result["speaker_edits_s"].append(seen[1])
                result["arabic_edits_s"].append(seen[2])
                time.sleep(1.0)  # let the server settle before the next edit
        finally:
            if process.poll() is None:
                _kill_group(process.pid, signal.SIGTERM)
                killer = threading.Timer(15, _kill_group, args=(process.pid, signal.SIGKILL))
                killer.start()
                try:
                    _, rss, _ = _wait(process)
                finally:
                    killer.cancel()
            else:
                rss = float("nan")
            result["serve_rss_mb"] = rss
            claim_file.write_bytes(original)
    result["edit_to_page_s"] = max(result["edits_s"]) if result["edits_s"] and "error" not in result else None
    result["edit_to_speaker_page_s"] = (max(result["speaker_edits_s"]) if result["speaker_edits_s"]
                                        and "error" not in result else None)
    result["edit_to_arabic_page_s"] = (max(result["arabic_edits_s"]) if result["arabic_edits_s"]
                                       and "error" not in result else None)
    return result


def _seen(process: subprocess.Popen[bytes], log_path: Path, url: str, marker: str, edited: float,
          timeout: float) -> float | None:
    """Seconds from the edit until the served page shows the marker, or None after the timeout."""
    while (waited := time.perf_counter() - edited) <= timeout:
        if process.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited ({process.returncode}):\n{_tail(log_path)}")
        status, body = fetch(url, min(timeout - waited, 30.0))
        if status == 200 and marker in body:
            return time.perf_counter() - edited
        time.sleep(0.02)
    return None


# ---------------------------------------------------------------- one N

def bench_one(n: int, args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    work = (args.out / f"n{n}").resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    project, floor_site = work / "project", work / "floor"
    t0 = time.perf_counter()
    summary = generate(n, project)
    log(f"[N={n}] generated the project in {time.perf_counter() - t0:.1f} s (mkdocs.yml {summary['config']})")
    timeout = args.timeout or 300 + 0.12 * n
    repeat = args.repeat or (3 if n <= 1000 else 1)

    result: dict[str, Any] = {"claims": n, "repeat": repeat, "date": dt.datetime.now(dt.UTC).isoformat(
        timespec="seconds"), "load_average": os.getloadavg()[0]}
    owns: list[dict[str, Any]] = []
    builds: dict[str, list[Measure]] = {"full": [], "floor": []}
    errors: dict[str, str] = {}
    for attempt in range(repeat):
        owns.append(own_stage(project, env, work, timeout))
        latest = owns[-1]
        log(f"[N={n}] own stage {_s(latest['own_stage_s'])} s (load {_s(latest['load_s'])} s, "
            f"render {_s(latest['render_s'])} s), {latest['wall_s']:.2f} s and {latest['cpu_s']:.1f} s CPU "
            f"as a process, {latest['rss_mb']:.0f} MB" + (f" ERROR {latest['error']}" if latest.get("error") else ""))
        for name, site in (("full", project), ("floor", floor_site)):
            if name in errors:
                continue
            if name == "floor" and not (floor_site / "mkdocs.yml").is_file():
                # As many floor pages as the real build emitted (one per claim when it failed).
                emitted = built_pages(work / "site-full") if (work / "site-full").is_dir() else None
                result["pages"] = write_floor(project, floor_site, emitted)
                log(f"[N={n}] wrote {result['pages']} floor pages (the full build emitted {emitted})")
            run = mkdocs_build(site, env, work, name, timeout)
            builds[name].append(run)
            problem = run.problem(f"the {name} build")
            if problem:
                errors[name] = problem
            log(f"[N={n}] {name} build {run.seconds:.2f} s, {run.cpu_s:.1f} s CPU, {run.rss_mb:.0f} MB"
                + (f" ERROR {problem}" if problem else ""))
    bare = own_stage(project, env, work, timeout, bodies=False)
    log(f"[N={n}] own stage without page bodies {_s(bare['own_stage_s'])} s"
        + (f" ERROR {bare['error']}" if bare.get("error") else ""))
    if bare.get("error"):
        errors["own without bodies"] = bare["error"]
    good_owns = [o for o in owns if not o.get("error")] or owns
    own = sorted(good_owns, key=lambda o: o["own_stage_s"] or 0)[len(good_owns) // 2]
    if own.get("error"):
        errors["own"] = own["error"]
    fulls, floors = builds["full"], builds["floor"]
    good_fulls = [m for m in fulls if not m.problem("")]
    good_floors = [m for m in floors if not m.problem("")]
    result.update({
        "own_stage_s": own["own_stage_s"],
        "own_load_s": own["load_s"],
        "own_render_s": own["render_s"],
        "own_import_s": own["import_s"],
        "own_render": own["render"],
        "own_pages": own.get("pages"),
        "own_stage_process_s": own["wall_s"],
        "own_stage_process_cpu_s": own["cpu_s"],
        "own_stage_rss_mb": max(o["rss_mb"] for o in owns),
        "own_render_by_edition_s": own.get("render_by_edition_s"),
        "own_without_bodies_s": bare["own_stage_s"],
        "full_build_s": statistics.median(m.seconds for m in good_fulls) if good_fulls else None,
        "full_build_runs_s": [round(m.seconds, 3) for m in fulls],
        "full_build_cpu_s": statistics.median(m.cpu_s for m in good_fulls) if good_fulls else None,
        "floor_build_s": statistics.median(m.seconds for m in good_floors) if good_floors else None,
        "floor_build_runs_s": [round(m.seconds, 3) for m in floors],
        "floor_build_cpu_s": statistics.median(m.cpu_s for m in good_floors) if good_floors else None,
        "peak_rss_mb": max(m.rss_mb for m in fulls),
        "peak_tree_pss_mb": max(m.tree_mb for m in fulls),
        "floor_rss_mb": max(m.rss_mb for m in floors),
        "baseline_rss_mb": baseline_rss(env, work),
    })
    if args.profile:
        own_stage(project, env, work, timeout * 3, profile=True)
        result["own_stage_profile"] = str(work / "own_stage.profile.txt")
        log(f"[N={n}] profile of the own stage: {result['own_stage_profile']}")

    if errors:
        result["build_errors"] = errors
    result["edit_to_page_s"] = None
    if "full" in errors and not args.skip_serve:
        result["edit_error"] = "not measured: the full build did not succeed"
    elif not args.skip_serve:
        dirty = plugin_supports_dirty() if args.dirty == "auto" else args.dirty == "yes"
        claim_id = summary["claim_ids"][n // 2]
        edits = args.edits or 3
        try:
            served = edit_to_page(project, claim_id, env, work, timeout, edits, dirty)
        except (RuntimeError, TimeoutError) as error:
            served = {"error": str(error), "edit_to_page_s": None, "edits_s": []}
        result.update({
            "edit_to_page_s": served.get("edit_to_page_s"),
            "edit_runs_s": [round(s, 3) for s in served.get("edits_s", [])],
            "edit_to_speaker_page_s": served.get("edit_to_speaker_page_s"),
            "speaker_edit_runs_s": [round(s, 3) for s in served.get("speaker_edits_s", [])],
            "edit_to_arabic_page_s": served.get("edit_to_arabic_page_s"),
            "arabic_edit_runs_s": [round(s, 3) for s in served.get("arabic_edits_s", [])],
            "serve_first_page_s": served.get("first_page_s"),
            "serve_rss_mb": served.get("serve_rss_mb"),
            "serve_dirty": served.get("dirty"),
        })
        if served.get("error"):
            result["edit_error"] = served["error"]
        log(f"[N={n}] edit-to-page {result['edit_to_page_s']} s (runs {result['edit_runs_s']}; speaker's page "
            f"{result['edit_to_speaker_page_s']} s, runs {result['speaker_edit_runs_s']}; Arabic page "
            f"{result['edit_to_arabic_page_s']} s, runs {result['arabic_edit_runs_s']}; first page "
            f"after {result['serve_first_page_s']} s){' ERROR ' + served['error'] if served.get('error') else ''}")

    result["load_average_end"] = os.getloadavg()[0]
    full, floor = result["full_build_s"], result["floor_build_s"]
    result["own_over_full"] = result["own_stage_s"] / full if full and result["own_stage_s"] else None
    result["full_over_floor"] = full / floor if full and floor else None
    bare_s = result["own_without_bodies_s"]
    result["own_without_bodies_over_full"] = bare_s / full if full and bare_s else None
    if not args.keep:
        for name in ("site-full", "site-floor"):
            shutil.rmtree(work / name, ignore_errors=True)
    return result


# ---------------------------------------------------------------- report

def machine() -> dict[str, Any]:
    from importlib import metadata

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(), "cpu": cpu, "memory": memory, "os": platform.platform(),
        "python": platform.python_version(), "mkdocs": version("mkdocs"), "material": version("mkdocs-material"),
        "pyyaml": version("PyYAML") + (" (libyaml)" if getattr(yaml, "__with_libyaml__", False) else " (pure Python)"),
        "pydantic": version("pydantic"), "jinja2": version("Jinja2"), "markdown": version("Markdown"),
    }


def verdicts(result: dict[str, Any]) -> dict[str, bool | None]:
    edit = result.get("edit_to_page_s")
    full, floor, share = result.get("full_build_s"), result.get("floor_build_s"), result.get("own_over_full")
    full_failed = "full" in (result.get("build_errors") or {})
    rss_ok = max(_peak(result), result.get("own_stage_rss_mb", 0)) <= TARGETS["rss_mb"]
    return {
        "own": None if share is None else share <= TARGETS["own_share"],
        "floor": False if full_failed else (None if not (full and floor) else full <= floor * TARGETS["full_vs_floor"]),
        # A build that did not finish gives only a lower bound of its peak memory.
        "rss": None if full_failed and rss_ok else rss_ok,
        "edit": None if edit is None and str(result.get("edit_error") or "not measured").startswith("not measured")
        else (edit is not None and edit <= TARGETS["edit_s"]),
    }


def _peak(result: dict[str, Any]) -> float:
    """The full build's peak memory: its largest process, or all its processes together (PSS) if more."""
    return float(max(result["peak_rss_mb"], result.get("peak_tree_pss_mb") or 0.0))


def linearity(results: list[dict[str, Any]]) -> list[tuple[int, int, float, float, bool]]:
    """For each pair of successive N: growth of memory above the baseline vs growth of N."""
    rows = []
    ordered = sorted(results, key=lambda r: r["claims"])
    ordered = [r for r in ordered if "full" not in (r.get("build_errors") or {})]
    for small, large in itertools.pairwise(ordered):
        base = min(small.get("baseline_rss_mb", 0), large.get("baseline_rss_mb", 0))
        grown = (_peak(large) - base) / max(1.0, _peak(small) - base)
        factor = large["claims"] / small["claims"]
        rows.append((small["claims"], large["claims"], grown, factor, grown <= TARGETS["linear_slack"] * factor))
    return rows


def _build(result: dict[str, Any], name: str) -> str:
    if name in (result.get("build_errors") or {}):
        runs = result.get(f"{name}_build_runs_s") or [0]
        return f"> {max(runs):.0f} (did not finish)" if "did not finish" in result["build_errors"][name] else "failed"
    return _s(result.get(f"{name}_build_s"))


def _rss(result: dict[str, Any], value: float | None = None) -> str:
    value = result["peak_rss_mb"] if value is None else value
    return (">= " if "full" in (result.get("build_errors") or {}) else "") + f"{value:.0f}"


def _load(result: dict[str, Any]) -> str:
    start, end = result.get("load_average"), result.get("load_average_end")
    return f"{start:.1f}" + (f" → {end:.1f}" if end is not None else "")


def _mark(value: bool | None) -> str:
    return "n/a" if value is None else ("met" if value else "**not met**")


def _s(value: Any, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _other_edit(r: dict[str, Any], page: str) -> str:
    """Another page's edit-to-page (runs listed), or a dash for runs made before it was measured."""
    if r.get(f"edit_to_{page}_page_s") is None:
        return "—"
    runs = r.get(f"{page}_edit_runs_s") or []
    listed = f" ({', '.join(f'{x:.2f}' for x in runs)})" if len(runs) > 1 else ""
    return _s(r[f"edit_to_{page}_page_s"]) + listed


def bodiless(results: list[dict[str, Any]]) -> list[str]:
    """The own stage with no page body rendered, beside the time the bodies took in each edition."""
    rows = [r for r in results if r.get("own_without_bodies_s") is not None]
    if not rows:
        return []
    lines = ["", ("Our stage with every step but the rendering of page bodies (`own_stage.py --no-bodies`): what it "
                  "would cost if every page's body took no time to render."), "",
             "| claims | own stage, no page bodies (s) | of the full build | page bodies, by edition (s) |",
             "| ---: | ---: | ---: | --- |"]
    for r in rows:
        editions = ", ".join(f"{code} {seconds:.2f}" for code, seconds in (r.get("own_render_by_edition_s") or {}).items())
        lines.append(f"| {r['claims']:,} | {_s(r['own_without_bodies_s'])} | {_pct(r.get('own_without_bodies_over_full'))} "
                     f"| {editions or '—'} |")
    return lines


def render_markdown(results: list[dict[str, Any]], info: dict[str, Any], notes: list[str] | None = None) -> str:
    results = sorted(results, key=lambda r: r["claims"])
    lines = [
        "# Benchmark results",
        "",
        "Written by `bench/run.py` (see `bench/README.md`); do not edit by hand. Each row is the latest run",
        "for that N; its ratios use the floor measured in the same run.",
        "",
        f"Machine: {info['cores']} cores ({info['cpu']}), {info['memory']} RAM, {info['os']}.  ",
        (f"Python {info['python']}, MkDocs {info['mkdocs']}, Material {info['material']}, PyYAML {info['pyyaml']}, "
         f"pydantic {info['pydantic']}, Jinja2 {info['jinja2']}, Markdown {info['markdown']}."),
        "",
        "## Figures",
        "",
        ("| claims | pages per build | run (UTC) | load avg | own stage (s) | load + validate + link (s) | render (s) "
         "| full build (s) | floor build (s) | full / floor CPU (s) | own / full | full / floor | peak RSS full (MB) "
         "| full, all processes, PSS (MB) | own RSS (MB) | floor RSS (MB) | serve RSS (MB) | edit-to-page (s) "
         "| edit-to-speaker-page (s) | edit-to-Arabic-page (s) |"),
        ("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
         "| ---: | ---: | ---: | ---: | ---: |"),
    ]
    for r in results:
        edit = _s(r.get("edit_to_page_s")) if r.get("edit_to_page_s") is not None else (
            "failed" if r.get("edit_error") else "not run")
        runs = r.get("edit_runs_s") or []
        if len(runs) > 1:
            edit += f" ({', '.join(f'{x:.2f}' for x in runs)})"
        lines.append(
            f"| {r['claims']:,} | {r.get('pages') or '—'} | {r['date'][:16].replace('T', ' ')} | {_load(r)} "
            f"| {_s(r['own_stage_s'])} | {_s(r['own_load_s'])} "
            f"| {_s(r['own_render_s']) if r['own_render_s'] is not None else 'missing'} "
            f"| {_build(r, 'full')} | {_build(r, 'floor')} "
            f"| {_s(r.get('full_build_cpu_s'), 1)} / {_s(r.get('floor_build_cpu_s'), 1)} | {_pct(r['own_over_full'])} "
            f"| {_s(r['full_over_floor'])} | {_rss(r)} | {_s(r.get('peak_tree_pss_mb'), 0)} | {r['own_stage_rss_mb']:.0f} "
            f"| {r['floor_rss_mb']:.0f} | {_s(r.get('serve_rss_mb'), 0)} | {edit} | {_other_edit(r, 'speaker')} "
            f"| {_other_edit(r, 'arabic')} |")
    lines += ["", ("Wall times are whole processes; CPU is user + system time of the build process. Load average "
                   "(1 min) at the start → end of the run: on this shared 2-core machine, a load above 2 means other "
                   "work competed with the benchmark and inflated its wall times."), "",
              "Builds are medians of `repeat` runs: "
              + "; ".join(f"N={r['claims']:,}: {r['repeat']}" for r in results) + ".", ""]
    lines += ["## Targets", "",
              "| claims | own stage ≤ 10% of full build | full build ≤ floor | peak RSS ≤ 1 GB | edit-to-page ≤ 2 s |",
              "| ---: | --- | --- | --- | --- |"]
    for r in results:
        v = verdicts(r)
        lines.append(f"| {r['claims']:,} | {_mark(v['own'])} ({_pct(r['own_over_full'])}) "
                     f"| {_mark(v['floor'])} ({_s(r['full_over_floor'])}×) "
                     f"| {_mark(v['rss'])} ({_rss(r, max(_peak(r), r['own_stage_rss_mb']))}) "
                     f"| {_mark(v['edit'])} ({_s(r.get('edit_to_page_s'))} s) |")
    lines += bodiless(results)
    pairs = linearity(results)
    lines += ["", ("Peak RSS linear in N (memory above the import baseline grows at most "
                   f"{TARGETS['linear_slack']}× as fast as N):")]
    if pairs:
        for small, large, grown, factor, ok in pairs:
            lines.append(f"- {small:,} → {large:,} claims (×{factor:g}): memory above the baseline ×{grown:.2f}: "
                         f"{_mark(ok)}")
    else:
        lines.append("- n/a: needs runs at two N or more.")
    lines += ["", "Baseline (a process importing MkDocs, Material and the plugin): "
              + ", ".join(f"{r.get('baseline_rss_mb', 0):.0f} MB" for r in results[:1]) + ".", ""]
    errors = [(r["claims"], text) for r in results
              for text in list((r.get("build_errors") or {}).values()) + [r.get("edit_error")] if text]
    if errors:
        lines += ["## Errors", ""] + [f"- N={n:,}: {text}" for n, text in errors] + [""]
    if notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in notes] + [""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, action="append",
                        help="N (repeatable); default 1000 and 10000")
    parser.add_argument("--json", action="store_true", help="print one JSON object per N on stdout")
    parser.add_argument("--repeat", type=int, help="runs of each stage (median); default 3 up to N=1000, else 1")
    parser.add_argument("--edits", type=int, help="edits timed in the serve test (default 3; the slowest is reported)")
    parser.add_argument("--out", type=Path, default=BENCH / "out", help="work folder (default bench/out)")
    parser.add_argument("--results-dir", type=Path, default=BENCH,
                        help="where results.json and RESULTS.md go (default bench/)")
    parser.add_argument("--no-write", action="store_true", help="do not touch results.json / RESULTS.md")
    parser.add_argument("--skip-serve", action="store_true", help="do not measure edit-to-page")
    parser.add_argument("--dirty", choices=("auto", "yes", "no"), default="auto",
                        help="pass --dirty to mkdocs serve (auto: if the plugin handles it)")
    parser.add_argument("--profile", action="store_true", help="also write a cProfile report of the own stage")
    parser.add_argument("--timeout", type=float, help="seconds before a stage is killed (default 300 + 0.12 N)")
    parser.add_argument("--keep", action="store_true", help="keep the built sites under the work folder")
    parser.add_argument("--note", action="append", default=[],
                        help="add a dated note to results.json / RESULTS.md (e.g. about an aborted run)")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: rewrite RESULTS.md from results.json")
    args = parser.parse_args(argv)
    sizes = args.claims or [1000, 10000]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    if args.report_only:
        store = args.results_dir / "results.json"
        kept = json.loads(store.read_text(encoding="utf-8"))
        kept["notes"] = kept.get("notes", []) + [f"{stamp}: {note}" for note in args.note]
        store.write_text(json.dumps(kept, indent=1) + "\n", encoding="utf-8")
        (args.results_dir / "RESULTS.md").write_text(render_markdown(
            list(kept["runs"].values()), kept["machine"], kept["notes"]), encoding="utf-8")
        return 0

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=AS_OF_EPOCH, PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT), env.get("PYTHONPATH", "")] if p)
    info = machine()
    results = []
    for n in sizes:
        result = bench_one(n, args, env)
        results.append(result)
        if args.json:
            print(json.dumps(result), flush=True)
        else:
            v = verdicts(result)
            print(f"N={n}: own stage {_s(result['own_stage_s'])} s, full build {_build(result, 'full')} s, "
                  f"floor {_build(result, 'floor')} s; own/full {_pct(result['own_over_full'])} "
                  f"({_mark(v['own'])}), full/floor {_s(result['full_over_floor'])} ({_mark(v['floor'])}); "
                  f"peak RSS {_rss(result)} MB ({_mark(v['rss'])}); edit-to-page "
                  f"{_s(result.get('edit_to_page_s'))} s ({_mark(v['edit'])})", flush=True)
            for problem in (result.get("build_errors") or {}).values():
                print(f"  {problem}", flush=True)
    if not args.no_write:
        args.results_dir.mkdir(parents=True, exist_ok=True)
        store = args.results_dir / "results.json"
        stored: dict[str, Any] = {}
        if store.is_file():
            try:
                stored = json.loads(store.read_text(encoding="utf-8"))
            except ValueError:
                stored = {}
        runs = stored.get("runs", {})
        for result in results:
            runs[str(result["claims"])] = result
        notes = stored.get("notes", []) + [f"{stamp}: {note}" for note in args.note]
        stored = {"machine": info, "runs": runs, "notes": notes}
        store.write_text(json.dumps(stored, indent=1) + "\n", encoding="utf-8")
        report = args.results_dir / "RESULTS.md"
        report.write_text(render_markdown(list(runs.values()), info, notes), encoding="utf-8")
        log(f"wrote {store} and {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
