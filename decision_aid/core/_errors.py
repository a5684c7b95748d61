"""The exceptions of decision-aid, raised only when the caller cannot continue.

    DecisionAidError
     ├── RulePackError        the packs have errors; carries every Problem
     ├── SessionError         a session (or its serialized form) is not valid here
     └── UnknownJurisdiction  --jurisdiction (or its variable) names no source's jurisdiction

Problems in packs are values (core/_problems.py); these wrap them for callers that need
a knowledge base and cannot go on without one.
"""

from __future__ import annotations

from collections.abc import Sequence

from decision_aid.core._problems import Problem


class DecisionAidError(Exception):
    """Base of every error decision-aid raises on purpose."""


class RulePackError(DecisionAidError):
    """The rule packs failed to load; `problems` lists every error found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0].format() if self.problems else "rule packs failed to load"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(first + more)


class SessionError(DecisionAidError):
    """A session is invalid: unknown topic, question or option, stale version, tampering."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} ({hint})" if hint else message)


class UnknownJurisdiction(DecisionAidError):
    """A jurisdiction no source names; its message is the one line every face shows."""

    def __init__(self, value: str, *, where: str, known: Sequence[str],
                 suggestion: str | None) -> None:
        self.value, self.where = value, where
        self.known, self.suggestion = tuple(known), suggestion
        hint = f"did you mean '{suggestion}'? " if suggestion else ""
        super().__init__(f"{where} '{value}' is not one the sources name "
                         f"({hint}known: {', '.join(self.known) or 'none'})")
