"""Arabic search that forgives diacritics, hamza forms and alef variants, with the theme's own search.

lunr matches words exactly (our pipeline keeps no stemmer: lunr's Arabic stemmer loses whole words under the
theme's prefix queries). So each entry of the built search index gets a hidden field, `folded`, holding the
normalised form (site_builder.arabic.normalise) of every Arabic word whose form changes under it, and
assets/factcheck.js normalises the reader's query the same way before the theme's search worker sees it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

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


# The search entries of each page (by URL), as the JSON they take in the index, that a --dirty build keeps for
# the next: the index is written again with only the pages rebuilt encoded anew.
Entries = dict[str, str]
_HOLE = "\0"  # stands for the entries in the encoded index until they are put in


def fold_index(site_dir: Path, kept: Entries | None = None, pages: list[str] | None = None,
               rebuilt: Collection[str] = ()) -> bool:
    """Add the folded field to the search index of a built site; False when the site has no such index.
    After a --dirty build, which indexed only the pages it `rebuilt`, the entries `kept` for the other pages
    are put back, so that the index covers every page, in their order, as a clean build's does."""
    path = site_dir / INDEX
    if not path.is_file():
        return False
    index: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    fresh = index.get("docs", [])
    index.setdefault("config", {}).setdefault("fields", {})[FIELD] = {"boost": 1.0}
    known: dict[str, str] = {}
    for doc in fresh:
        words = folded_words(f"{doc.get('title', '')} {doc.get('text', '')}", known)
        if words:
            doc[FIELD] = words
    if kept is None or pages is None:
        path.write_text(_dumps(index), encoding="utf-8")
        return True
    index["docs"] = _HOLE
    before, after = _dumps(index).split(_dumps(_HOLE))
    path.write_text(f"{before}[{merged(fresh, kept, pages, rebuilt)}]{after}", encoding="utf-8")
    return True


def merged(docs: list[dict[str, Any]], kept: Entries, pages: list[str], rebuilt: Collection[str]) -> str:
    """The encoded entries of every page: those just indexed and, for the pages not rebuilt, those kept
    (which are updated)."""
    fresh: dict[str, list[str]] = {url: [] for url in rebuilt}
    for doc in docs:
        fresh.setdefault(str(doc.get("location", "")).partition("#")[0], []).append(_dumps(doc))
    kept.update({url: ",".join(encoded) for url, encoded in fresh.items()})
    for url in kept.keys() - set(pages):
        del kept[url]
    return ",".join(encoded for url in pages if (encoded := kept.get(url)))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _trim(word: str) -> str:
    """A word without the punctuation around it (what lunr's trimmer removes)."""
    start, end = 0, len(word)
    while start < end and not word[start].isalnum():
        start += 1
    while end > start and not (word[end - 1].isalnum() or "\u064b" <= word[end - 1] <= "\u065f"):
        end -= 1
    return word[start:end]
