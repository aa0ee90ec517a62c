"""Every SVG picture of a project, both editions, written to a folder: to compare two versions with diff -r.

    python bench/dump_pictures.py --root bench/out/n2000/project --out /tmp/pictures-before [--as-of 2026-01-15]

Draws the pictures as the pages ask for them (home, the whole timeline, each timeline month, each actor, each
claim) and writes each one to its own file, with the counts the page shows beside a graph. Prints the seconds
spent drawing, by kind of picture.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from site_builder.model import Claim
from site_builder.pictures.pages import actor_pictures, home_pictures, timeline_pictures
from site_builder.pictures.strip import story_strip
from site_builder.project import load_site
from site_builder.render import relative_link
from site_builder.views import timeline_months


def _write(out: Path, name: str, pictures: dict[str, Any]) -> None:
    for key, picture in pictures.items():
        if picture is None:
            text = "None"
        elif hasattr(picture, "svg"):
            extra = {k: getattr(picture, k) for k in ("shown", "joined") if hasattr(picture, k)}
            events = [e.key for e in getattr(picture, "events", [])]
            facts = [f"{f.source.id} {f.kind} {f.target.id}" for f in getattr(picture, "facts", [])]
            text = f"{picture.svg}\n{json.dumps(extra)}\n{events}\n{facts}\n"
        else:
            text = str(picture)
        (out / f"{name}.{key}.svg").write_text(text, encoding="utf-8")


def _strip(claim: Claim, lang: str) -> dict[str, Any]:
    return {"strip": story_strip(claim, lang)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 1, 15))
    args = parser.parse_args(argv)
    site = load_site(args.root.resolve(), args.as_of)
    args.out.mkdir(parents=True, exist_ok=True)
    seconds: dict[str, float] = {}

    def timed(kind: str, draw: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        start = time.perf_counter()
        pictures = draw()
        seconds[kind] = seconds.get(kind, 0.0) + time.perf_counter() - start
        return pictures

    for lang in ("en", "ar"):
        out = args.out / lang
        out.mkdir(exist_ok=True)
        _write(out, "home", timed("home", partial(home_pictures, site, relative_link(""), lang)))
        _write(out, "timeline", timed("timeline", partial(timeline_pictures, site, relative_link("timeline/"), lang)))
        for month in timeline_months(site):
            _write(out, f"month-{month.key}", timed("months", partial(
                timeline_pictures, site, relative_link(month.url), lang, month.claims)))
        for actor in site.actors.values():
            _write(out, f"actor-{actor.id}", timed("actors", partial(
                actor_pictures, site, actor, relative_link(actor.url), lang)))
        for claim in site.claims.values():
            _write(out, f"claim-{claim.id}", timed("strips", partial(_strip, claim, lang)))
    print(json.dumps({k: round(v, 3) for k, v in seconds.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
