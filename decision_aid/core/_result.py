"""What a finished interview concludes, with everything that backs it.

Faces render a Result; they never decide anything themselves. `to_dict()` is the one
JSON shape used by `ask --format json`, saved files and the Slack face.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from decision_aid.core._model import (
    Answer,
    ConsideredOption,
    Contact,
    Evidence,
    Figure,
    Gap,
    Reply,
    Scope,
    Source,
    Verdict,
)


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    """A question and its answer, with labels; for multi-choice also what was not chosen."""

    id: str
    prompt: str
    answer: Answer
    labels: tuple[str, ...]
    not_chosen: tuple[str, ...] = ()
    multi: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "prompt": self.prompt,
                                "answer": list(self.answer) if self.multi else self.answer,
                                "labels": list(self.labels)}
        if self.multi:
            data["not_chosen"] = list(self.not_chosen)
        return data


@dataclass(frozen=True, slots=True)
class TraceEntry:
    """One rule the engine considered: did it hold, and on which answers."""

    rule: str
    layer: str
    priority: int
    verdict: Verdict
    fired: bool
    condition: str
    decided_by: tuple[tuple[str, Answer], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "layer": self.layer, "priority": self.priority,
                "verdict": self.verdict.value, "fired": self.fired,
                "condition": self.condition,
                "decided_by": {q: list(a) if isinstance(a, tuple) else a
                               for q, a in self.decided_by}}


@dataclass(frozen=True, slots=True)
class Result:
    topic: str
    topic_title: str
    version: str
    reviewed: str
    decision: str
    rule: str
    layer: str
    verdict: Verdict
    headline: str
    reasons: tuple[str, ...]
    actions: tuple[str, ...]
    reply: Reply | None
    sources: tuple[Source, ...]
    figures: tuple[Figure, ...]
    evidence: Evidence
    limits: str
    disagreement: str | None
    contact: Contact | None
    policy: tuple[str, ...]
    options: tuple[ConsideredOption, ...]
    trace: tuple[TraceEntry, ...]
    asked: tuple[AskedQuestion, ...]
    scope: Scope = Scope.COVERED
    gap: Gap | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": "result",
            "topic": self.topic,
            "topic_title": self.topic_title,
            "version": self.version,
            "reviewed": self.reviewed,
            "decision": self.decision,
            "rule": self.rule,
            "layer": self.layer,
            "verdict": self.verdict.value,
            "scope": self.scope.value,
            "gap": self.gap.value if self.gap else None,
            "headline": self.headline,
            "reasons": list(self.reasons),
            "actions": list(self.actions),
            "reply": {"id": self.reply.id, "title": self.reply.title, "text": self.reply.text}
            if self.reply else None,
            "sources": [
                {"key": s.key, "citation": s.citation, "url": s.url, "year": s.year,
                 "kind": s.kind, "jurisdiction": s.jurisdiction, "checked": s.checked}
                for s in self.sources
            ],
            "figures": [{"id": f.id, "source": f.source, "text": f.text, "limits": f.limits}
                        for f in self.figures],
            "evidence": {"strength": self.evidence.strength,
                         "certainty": self.evidence.certainty,
                         "scale": self.evidence.scale, "basis": self.evidence.basis},
            "limits": self.limits,
            "disagreement": self.disagreement,
            "contact": {"id": self.contact.id, "role": self.contact.role,
                        "how": self.contact.how, "placeholder": self.contact.placeholder}
            if self.contact else None,
            "policy": list(self.policy),
            "options": [{"id": o.id, "label": o.label, "benefits": list(o.benefits),
                         "harms": list(o.harms)} for o in self.options],
            "trace": [t.to_dict() for t in self.trace],
            "asked": [a.to_dict() for a in self.asked],
        }
