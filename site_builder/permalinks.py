"""Permanent URLs: the committed manifest of every URL the site has published, and redirects for renamed claims."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from .citing import site_path
from .model import Claim, Site

MANIFEST = "permalinks.json"
ABOUT = ("Every URL this site has published, relative to site_url. The build fails when one of them no longer "
         "resolves; run 'site-builder permalinks --update' to add new ones.")


class ManifestError(Exception):
    """permalinks.json cannot be read."""


@dataclass(frozen=True)
class Redirect:
    """A former address of a claim, and the claim now there."""

    former_id: str
    claim: Claim

    @property
    def url(self) -> str:
        return f"claims/{self.former_id}/"

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.html"


def redirects(site: Site) -> list[Redirect]:
    """One redirect per former id of every claim."""
    return [Redirect(former, claim) for claim in site.claims.values() for former in claim.data.former_ids]


def path(url: str) -> str:
    """A site-relative URL as the manifest writes it: with a leading slash ('' is '/')."""
    return "/" + site_path(url).lstrip("/")


def published(urls: Iterable[str]) -> list[str]:
    """The manifest form of every URL the build publishes (its pages' and generated files'), sorted."""
    return sorted({path(url) for url in urls})


def edition_twin(url: str) -> str:
    """The manifest URL of the same page in the other edition: /claims/x/ <-> /ar/claims/x/."""
    return url.removeprefix("/ar") if url.startswith("/ar/") else "/ar" + url


def read_manifest(root: Path) -> list[str] | None:
    """The URLs in root/permalinks.json, or None when there is no manifest yet."""
    file = root / MANIFEST
    if not file.is_file():
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ManifestError(f"{MANIFEST}: cannot be read: {error}") from None
    urls = data.get("urls") if isinstance(data, dict) else None
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise ManifestError(f'{MANIFEST}: expected an object with "urls": a list of strings')
    return urls


def manifest_text(urls: Iterable[str]) -> str:
    """The manifest file's text: sorted, one URL a line, stable across runs."""
    return json.dumps({"about": ABOUT, "urls": sorted(set(urls))}, ensure_ascii=False, indent=2) + "\n"


def write_manifest(root: Path, urls: Iterable[str]) -> Path:
    file = root / MANIFEST
    file.write_text(manifest_text(urls), encoding="utf-8")
    return file


def broken(recorded: Iterable[str], published: Iterable[str]) -> list[str]:
    """URLs of the manifest that the build no longer publishes."""
    available = set(published)
    return sorted(u for u in recorded if u not in available)


def broken_message(urls: list[str]) -> str:
    """Why the build stops, and the two ways out."""
    listing = "\n".join(f"  {u}" for u in urls)
    return (f"{MANIFEST} lists {len(urls)} published URL{'s' if len(urls) != 1 else ''} that this build no longer "
            f"produces, and no redirect covers {'them' if len(urls) != 1 else 'it'}:\n{listing}\n"
            "A published link must keep working. If a claim was renamed, list its old id under 'former_ids' in "
            "the renamed claim: a redirect page is then built at the old address. If a page was withdrawn on "
            "purpose, remove its URL with 'site-builder permalinks --update --forget URL'.")


def check_manifest(root: Path, published: Iterable[str], within: str = "", skip: tuple[str, ...] = ()) -> None:
    """Raise ManifestError when a URL of root/permalinks.json is no longer published.

    A build of one edition checks only its own part of the manifest: the URLs under /within, less those under
    any of the skipped folders (the English build skips ar/, which the Arabic build checks).
    """
    recorded = [u for u in read_manifest(root) or [] if u.startswith("/" + within)
                and not u.startswith(tuple("/" + s for s in skip))]
    missing = broken(recorded, published)
    if missing:
        raise ManifestError(broken_message(missing))


def current_urls(root: Path) -> list[str]:
    """The URLs a build of the project publishes, found by running the factcheck plugin without writing a site."""
    config = load_config(config_file=str(root / "mkdocs.yml"))
    plugin = next((p for name, p in config.plugins.items() if name.split(" ")[0] == "factcheck"), None)
    if plugin is None:
        raise ManifestError(f"{root / 'mkdocs.yml'} does not list the factcheck plugin under plugins:")
    return _urls_of(config, plugin) + [url for edition in plugin.editions(config) for url in _urls_of(*edition)]


def _urls_of(config: Any, plugin: Any) -> list[str]:
    """The URLs one edition's build publishes: the plugin's hooks run up to the list of files."""
    plugin.check_permalinks = False
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_files(get_files(config), config=config)
    finally:
        config.plugins.on_shutdown()
    return list(plugin.published)
