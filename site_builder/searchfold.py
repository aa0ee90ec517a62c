"""Arabic search that forgives diacritics, hamza forms and alef variants, with the theme's own search.

lunr matches words exactly (our pipeline keeps no stemmer: lunr's Arabic stemmer loses whole words under the
theme's prefix queries). So each entry of the built search index gets a hidden field, `folded`, holding the
normalised form (site_builder.arabic.normalise) of every Arabic word whose form changes under it, and
assets/factcheck.js normalises the reader's query the same way before the theme's search worker sees it.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from .arabic import normalise

INDEX = "search/search_index.json"
FIELD = "folded"
_TAG = re.compile(r"<[^>]+>")
# A word is a run between white space and hyphens. Normalisation only changes or yields Arabic letters in words that
# hold a character of the Arabic block, so only those are looked at (matched from the start of each word, linearly).
_ARABIC_WORD = re.compile(r"(?<![^\s\-])[^\s\-\u0600-\u06ff]*[\u0600-\u06ff][^\s\-]*")
_ARABIC = re.compile(r"[\u0621-\u064a]")


def folded_words(text: str, known: dict[str, str] | None = None) -> str:
    """The normalised forms of the Arabic words of a text that normalisation changes, sorted, one space apart.

    known keeps each word's folded form ('' when it has none to add) across calls: pass one dict for a whole index.
    """
    cache: dict[str, str] = {} if known is None else known
    words = set()
    for token in set(_ARABIC_WORD.findall(_TAG.sub(" ", text))):
        folded = cache.get(token)
        if folded is None:
            folded = cache[token] = _folded(token)
        if folded:
            words.add(folded)
    return " ".join(sorted(words))


def _folded(token: str) -> str:
    """The folded form of one word when normalisation changes it and it keeps an Arabic letter, else ''."""
    word = _trim(token)
    folded = _trim(normalise(word))
    return folded if folded and folded != word and _ARABIC.search(folded) else ""


# The search entries of each page (by URL), as the JSON they take in the index, the folded field included.
Entries = dict[str, str]
_HOLE = "\0"  # stands for the entries in the encoded index until they are put in
_INDEX_CONFIG = ("lang", "separator", "pipeline", "fields")  # what the theme writes of its settings


class PageEntries:
    """The entries the theme's search plugin makes of each page, taken out of its index as each page is built and
    encoded with the folded field: the index is then written from them, instead of the theme encoding every entry
    at once and this module reading the whole index back (a few hundred MB at 10,000 claims). A clean build
    spools them to a temporary file in the order the pages are built; a --dirty build keeps them by page."""

    def __init__(self, search: Any, spool: bool) -> None:
        self.index = search.search_index
        self.found: Entries = {}
        self.known: dict[str, str] = {}  # each Arabic word's folded form (folded_words)
        # Closed by write(), or removed with this object if the build fails first.
        self.spool: TextIO | None = tempfile.TemporaryFile("w+", encoding="utf-8") if spool else None  # noqa: SIM115
        self.spooled = False

    @classmethod
    def of(cls, search: Any, *, spool: bool) -> PageEntries | None:
        """Entries taken from a search plugin shaped as the theme's (Material's); None for any other."""
        index = getattr(search, "search_index", None) if search is not None and search.config.get("enabled") else None
        return cls(search, spool) if isinstance(getattr(index, "entries", None), list) else None

    def take(self, url: str) -> None:
        """Take out of the theme's index the entries it just made of the page at url."""
        docs, self.index.entries = self.index.entries, []
        encoded = _encoded(docs, self.known)
        if self.spool is None:
            self.found[url] = encoded
        elif encoded:
            self.spool.write(f",{encoded}" if self.spooled else encoded)
            self.spooled = True

    def write(self, site_dir: Path, kept: Entries | None = None, pages: list[str] | None = None,
              rebuilt: Collection[str] = ()) -> None:
        """Write the index (as fold_index does) from the entries taken; the spool is closed."""
        config = {key: self.index.config[key] for key in _INDEX_CONFIG}
        spool = self.spool
        if spool is None:
            _write(site_dir / INDEX, config, _merged(self.found, kept, pages, rebuilt))
            return
        with spool:
            spool.seek(0)
            _write(site_dir / INDEX, config, iter(lambda: spool.read(1 << 20), ""))  # (one line: no newlines)


def fold_index(site_dir: Path, kept: Entries | None = None, pages: list[str] | None = None,
               rebuilt: Collection[str] = ()) -> bool:
    """Add the folded field to the search index of a built site; False when the site has no such index.
    After a --dirty build, which indexed only the pages it `rebuilt`, the entries `kept` for the other pages
    are put back, so that the index covers every page, in their order, as a clean build's does."""
    path = site_dir / INDEX
    if not path.is_file():
        return False
    index: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    by_page: dict[str, list[dict[str, Any]]] = {}
    for doc in index.get("docs", []):
        by_page.setdefault(str(doc.get("location", "")).partition("#")[0], []).append(doc)
    known: dict[str, str] = {}
    fresh = {url: _encoded(docs, known) for url, docs in by_page.items()}
    _write(path, index.get("config", {}), _merged(fresh, kept, pages, rebuilt))
    return True


def _encoded(docs: list[dict[str, Any]], known: dict[str, str]) -> str:
    """A page's entries as they stand in the index, each with the folded form of its Arabic words."""
    for doc in docs:
        words = folded_words(f"{doc.get('title', '')} {doc.get('text', '')}", known)
        if words:
            doc[FIELD] = words
    return ",".join(_dumps(doc) for doc in docs)


def _merged(fresh: Entries, kept: Entries | None, pages: list[str] | None, rebuilt: Collection[str]) -> Iterator[str]:
    """The encoded entries `fresh` of the pages just built and, under --dirty, those `kept` of the other pages
    (kept is updated now), in the order of `pages`, a comma apart."""
    if kept is None or pages is None:
        kept, pages = fresh, list(fresh)
    else:
        kept.update(dict.fromkeys(rebuilt, ""))
        kept.update(fresh)
        for url in kept.keys() - set(pages):
            del kept[url]
    present = [url for url in pages if kept.get(url)]
    return ((f",{kept[url]}" if at else kept[url]) for at, url in enumerate(present))


def _write(path: Path, config: dict[str, Any], docs: Iterable[str]) -> None:
    """Write an index of these settings (the folded field added) and encoded entries, piece by piece."""
    fields = dict(config.get("fields", {}))
    fields[FIELD] = {"boost": 1.0}
    before, after = _dumps({"config": {**config, "fields": fields}, "docs": _HOLE}).split(_dumps(_HOLE))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(f"{before}[")
        out.writelines(docs)
        out.write(f"]{after}")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)  # default: as the theme writes


def _trim(word: str) -> str:
    """A word without the punctuation around it (what lunr's trimmer removes)."""
    start, end = 0, len(word)
    while start < end and not word[start].isalnum():
        start += 1
    while end > start and not (word[end - 1].isalnum() or "\u064b" <= word[end - 1] <= "\u065f"):
        end -= 1
    return word[start:end]
