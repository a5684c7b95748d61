"""Problems are values: every check yields them, one formatter prints them.

Positions are 1-based (line, column), converted once from PyYAML's 0-based marks.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Where something stands in a file (1-based line and column)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with a pack: where, a stable kebab-case code, what, and how to fix it."""

    span: Span
    code: str
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of `rules lint --format json`."""
        return {"path": self.span.path, "line": self.span.line, "col": self.span.col,
                "code": self.code, "severity": self.severity.value, "message": self.message,
                "hint": self.hint}

    def format(self) -> str:
        """`path:line:col: CODE message (hint)` — one line, parsable by editors and CI."""
        text = f"{self.span}: {self.code} {self.message}"
        if self.severity is Severity.WARNING:
            text = f"{self.span}: {self.code} warning: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


def did_you_mean(name: str, candidates: Iterable[object]) -> str | None:
    """A "did you mean" hint for a misspelt id, or None when nothing is close."""
    import difflib

    names = [str(c) for c in candidates]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
