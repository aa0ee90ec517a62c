"""Which content lacks the Arabic the Arabic edition needs.

Text fields (statements, names, labels, roles) must have Arabic: the schema makes a missing `ar:` an error.
Longer texts (rationales, notes, descriptions) may wait for a translator: a missing `ar:` there is a warning,
and the Arabic edition shows the English text, marked as English, in its place.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from .diagnostics import Diagnostic
from .schema import TextArOptional
from .yaml_reader import Located

Loc = tuple[str | int, ...]


def missing_arabic(item: BaseModel, located: Located) -> list[Diagnostic]:
    """A warning for every optional Arabic text a file leaves out, at the line of the text it should translate
    (worked out as the file is read, while the positions of its values are at hand)."""
    found = []
    for loc in untranslated(item):
        line, column = located.where(loc, key=True)
        field = ".".join(str(part) for part in loc)
        found.append(Diagnostic(
            located.path, line, column,
            f"'{field}' has no Arabic: the Arabic edition shows the English text here, marked as English",
            f"add a line 'ar: \"...\"' under '{loc[-1]}:', beside 'en:', with a faithful Arabic rendering "
            "(the terms to use are in docs/ar/.terms.md)",
            "missing-arabic", "warning"))
    return found


def untranslated(value: Any, loc: Loc = ()) -> Iterator[Loc]:
    """Where, inside a validated file, an optional Arabic text is missing (as YAML key paths)."""
    if isinstance(value, TextArOptional):
        if not value.ar:
            yield loc
    elif isinstance(value, BaseModel):
        for name, key in _keys(type(value)):
            item = getattr(value, name)
            if isinstance(item, (BaseModel, list)):  # only these can hold a text
                yield from untranslated(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, (BaseModel, list)):
                yield from untranslated(item, loc + (index,))


@cache
def _keys(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """Each field's attribute name and the key that files write it under."""
    return tuple((name, info.alias or name) for name, info in model.model_fields.items())
