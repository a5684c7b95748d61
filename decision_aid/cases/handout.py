"""A handout's content for one case: the scenario, the interview, the result, the teaching.

Built once from the case and the core's outline of its result, so the HTML and Markdown
handouts say the same things in the same order (the core's order for the result).
"""

from __future__ import annotations

from dataclasses import dataclass

from decision_aid.cases.model import Case
from decision_aid.cases.runner import play_core
from decision_aid.core import KnowledgeBase, Outline, Section, explain

RESULT_SECTIONS = ("reasons", "actions", "reply", "gap", "disagreement", "sources")
"""The parts of the result a handout keeps (the full result is one command away)."""
LABELS = {"objectives": "Learning objectives", "interview": "The questions and answers",
          "result": "What the guidance says", "teaching": "Teaching points",
          "discussion": "For discussion", "level": "Level"}


@dataclass(frozen=True, slots=True)
class Handout:
    case: Case
    outline: Outline | None
    """None when the case does not reach a result (it is then marked, not left out)."""
    problems: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()
    """The ids of the questions the interview asks, in its order."""

    @property
    def interview(self) -> Section | None:
        return self.outline.section("asked") if self.outline else None

    @property
    def result_sections(self) -> tuple[Section, ...]:
        if self.outline is None:
            return ()
        return tuple(s for s in self.outline.sections if s.key in RESULT_SECTIONS)


def handout(kb: KnowledgeBase, case: Case) -> Handout:
    played = play_core(kb, case)
    if played.result is None:
        return Handout(case, None, played.failures)
    return Handout(case, explain(kb, played.result), played.failures,
                   tuple(a.id for a in played.result.asked))


def safe_url(url: str | None) -> str | None:
    """Only plain web links become links; anything else stays text."""
    return url if url and url.startswith(("https://", "http://")) else None
