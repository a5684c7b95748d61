"""Problems are values: every check yields them, one formatter prints them.

Positions are 1-based (line, column), converted once from PyYAML's 0-based marks.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

MESSAGE_LIMIT = 200
HINT_LIMIT = 140
"""Characters of a message and of a hint as printed: a pack's own text quoted in them
(an id thousands of characters long, say) never makes a problem longer than one line."""
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e"
                          "\u2066-\u2069\ufeff]")


def printable(text: str, limit: int) -> str:
    """`text` as one line of plain characters, at most `limit` long (then cut with …).

    Line breaks, terminal escapes and bidirectional controls a pack or a file name may
    hold are written as escapes (`\\x1b`, `\\u202e`), so they cannot break the line, drive
    the terminal, or reorder what a reader sees.
    """
    text = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"),
                            text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


HIDDEN = "(a value that may identify a patient, not shown)"


def quote(value: object, limit: int = 60) -> str:
    """Untrusted input quoted for a message: in quotes when short, else a prefix and its
    length; always one plain line (an answers file's 50,000-character value, say).

    What would be shown is scanned by the PHI guard first: a message (which may end up in
    a CI log or a terminal recording) never repeats an identifier someone typed.
    """
    from decision_aid.core import phi

    text = str(value)
    shown = text if len(text) <= limit else text[:limit - 16]
    if phi.scan(shown).flagged:
        return HIDDEN
    if len(text) <= limit:
        return f"'{printable(text, limit * 4)}'"
    return f"'{printable(shown, limit * 4)}…' ({len(text)} characters)"


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
                "code": self.code, "severity": self.severity.value,
                "message": printable(self.message, MESSAGE_LIMIT),
                "hint": printable(self.hint, HINT_LIMIT) if self.hint else self.hint}

    def format(self) -> str:
        """`path:line:col: CODE message (hint)` — one line, parsable by editors and CI."""
        where = printable(str(self.span), MESSAGE_LIMIT)
        message = printable(self.message, MESSAGE_LIMIT)
        text = f"{where}: {self.code} {message}"
        if self.severity is Severity.WARNING:
            text = f"{where}: {self.code} warning: {message}"
        if self.hint:
            text += f" ({printable(self.hint, HINT_LIMIT)})"
        return text


def did_you_mean(name: str, candidates: Iterable[object]) -> str | None:
    """A "did you mean" hint for a misspelt id, or None when nothing is close."""
    import difflib

    names = [str(c) for c in candidates]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def topic_hint(typed: str, topics: Iterable[object]) -> str:
    """What follows an id no topic has, in every command and the core's own errors: the
    closest topic, or where to look."""
    return did_you_mean(typed, topics) or "run `decision-aid topics` to list them"
