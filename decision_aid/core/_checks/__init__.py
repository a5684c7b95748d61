"""Checks over a built knowledge base: one concern a module, each yielding Problems.

Each module has a docstring with a bad and a good example, a `CODES` tuple and
`check(kb, context) -> Iterator[Problem]`. The registry keeps them in the order they run;
`cycles` runs first because the decision search cannot run on circular facts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from types import ModuleType

from decision_aid.core._checks import (
    balance,
    cycles,
    decisions,
    hard_points,
    references,
    review,
    scope,
    usage,
)
from decision_aid.core._model import KnowledgeBase
from decision_aid.core._problems import Problem
from decision_aid.core._rule_keys import RuleKeys


@dataclass(frozen=True, slots=True)
class CheckContext:
    today: date = field(default_factory=date.today)
    keys: RuleKeys = field(default_factory=RuleKeys)
    """Where rules' keys were written (the loader's); empty, a problem points at its rule."""


CHECKS: tuple[ModuleType, ...] = (cycles, references, usage, review, balance, scope, hard_points,
                                  decisions)
# Safe on a knowledge base built from files that had other errors: they only look things up.
SAFE_WITH_ERRORS: tuple[ModuleType, ...] = (references, review, balance, scope, hard_points)


def run_checks(kb: KnowledgeBase, context: CheckContext | None = None, *,
               clean: bool = True) -> Iterator[Problem]:
    """Run the checks; when the files had errors (`clean=False`) only the look-up checks run,
    since a rule dropped for a broken condition would make others report false problems."""
    context = context or CheckContext()
    if not clean:
        for module in SAFE_WITH_ERRORS:
            yield from module.check(kb, context)
        return
    cyclic = list(cycles.check(kb, context))
    yield from cyclic
    for module in CHECKS[1:]:
        if module is decisions and cyclic:
            continue
        yield from module.check(kb, context)
