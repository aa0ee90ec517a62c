"""JSON Schema files for editors' editors, generated from the one schema."""

from __future__ import annotations

import json
from pathlib import Path

from .schema import FILE_KINDS, SCHEMA_VERSION

SCHEMA_DIR = "schema"


def schema_for(kind: str) -> dict[str, object]:
    """The JSON Schema of one kind of content file."""
    schema = FILE_KINDS[kind].model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{kind}.schema.json", "x-schema-version": SCHEMA_VERSION, **schema}


def rendered(kind: str) -> str:
    """The schema file's text, exactly as written to disk."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(root: Path) -> list[Path]:
    """Write every schema file; return their paths."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for kind in FILE_KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(rendered(kind), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(root: Path) -> list[str]:
    """Schema files missing or differing from what the schema produces."""
    stale = []
    for kind in FILE_KINDS:
        path = root / SCHEMA_DIR / f"{kind}.schema.json"
        if not path.is_file() or path.read_text(encoding="utf-8") != rendered(kind):
            stale.append(path.relative_to(root).as_posix())
    return stale
