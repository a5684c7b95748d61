"""The trainer case format: a scenario, its answers and what the guidance should conclude.

A case is a session written by hand plus expectations and teaching material; see the
"Trainer cases" section of docs/pack-format.md. Reading files is cases/load.py's job;
checking ids against the packs is cases/check.py's.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from decision_aid.core import Answer, Span


class Level(enum.StrEnum):
    """Who the case is written for."""

    STUDENT = "student"
    RESIDENT = "resident"
    ATTENDING = "attending"


@dataclass(frozen=True, slots=True)
class TeachingPoint:
    """A point to make; `question` ties it to one question, for a quiz's feedback."""

    text: str
    question: str | None = None


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    title: str
    topic: str
    answers: tuple[tuple[str, Any], ...]
    """Question id and answer (option ids once checked against the packs; labels before)."""
    verdict: str
    rules: tuple[str, ...] = ()
    asked: tuple[str, ...] | None = None
    narrative: str = ""
    teaching_points: tuple[TeachingPoint, ...] = ()
    not_offered: tuple[str, ...] = ()
    """Ids of the topic's options_considered the result must not list."""
    description: str | None = None
    """Free text a learner would type; run through the core intake (routing is tested)."""
    objectives: tuple[str, ...] = ()
    discussion: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    level: Level | None = None
    span: Span = field(default_factory=lambda: Span(""))

    @property
    def answer_map(self) -> dict[str, Answer]:
        return dict(self.answers)

    def points_for(self, qid: str) -> tuple[str, ...]:
        """The teaching points tied to one question."""
        return tuple(p.text for p in self.teaching_points if p.question == qid)

    @property
    def general_points(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.teaching_points if p.question is None)


def case_from_data(item: dict[str, Any], span: Span) -> Case:
    """A schema-valid case mapping as a Case (answers as written: ids or labels)."""
    expect = item["expect"]
    asked = expect.get("asked")
    level = item.get("level")
    return Case(
        id=item["id"], title=item["title"], topic=item["topic"],
        answers=tuple((str(k), tuple(v) if isinstance(v, list) else v)
                      for k, v in item["answers"].items()),
        verdict=expect["verdict"], rules=tuple(expect.get("rules", ())),
        asked=tuple(asked) if asked is not None else None,
        not_offered=tuple(expect.get("not_offered", ())),
        narrative=item.get("narrative", ""),
        teaching_points=tuple(_point(p) for p in item.get("teaching_points", ())),
        description=item.get("description"),
        objectives=tuple(item.get("objectives", ())),
        discussion=tuple(item.get("discussion", ())),
        sources=tuple(item.get("sources", ())),
        tags=tuple(item.get("tags", ())),
        level=Level(level) if level else None,
        span=span,
    )


def _point(item: str | dict[str, str]) -> TeachingPoint:
    if isinstance(item, str):
        return TeachingPoint(item)
    return TeachingPoint(item["point"], item.get("question"))
