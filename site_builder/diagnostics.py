"""Diagnostics: what is wrong, where, and how to fix it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file, at a line and column (1-based)."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    code: str = "invalid"
    severity: Severity = "error"

    def text(self) -> str:
        """The `path:line:column: error: message` form, with the hint below."""
        head = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{head}\n    hint: {self.hint}" if self.hint else head

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the line."""
        body = self.message + (f"\n{self.hint}" if self.hint else "")
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.path},line={self.line},col={self.column},title={self.code}::{body}"


class ContentError(Exception):
    """The content has problems; carries every diagnostic found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__(f"{len(self.errors)} error(s) in the content")

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def report(self) -> str:
        """Every diagnostic as text, then a count."""
        return format_text(self.diagnostics)


def format_text(diagnostics: list[Diagnostic]) -> str:
    """Diagnostics as lines of text, with a closing count."""
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    lines = [d.text() for d in diagnostics]
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


def format_github(diagnostics: list[Diagnostic]) -> str:
    """Diagnostics as GitHub Actions annotations."""
    return "\n".join(d.github() for d in diagnostics)


def format_json(diagnostics: list[Diagnostic]) -> str:
    """Diagnostics as a JSON array."""
    return json.dumps([asdict(d) for d in diagnostics], ensure_ascii=False, indent=2)
