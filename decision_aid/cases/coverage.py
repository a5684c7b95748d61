"""Which rules, questions and options the passing cases exercise, counted, with file:line.

Only the packs are content to cover; case files are what covers them. A rule is covered
when a passing case ends on it, a question when a passing case's interview asks it, an
option when a passing case chooses it. Failing cases are counted apart and cover nothing:
a case that does not pass shows nothing about the guidance it reaches.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from decision_aid.cases.runner import CaseOutcome
from decision_aid.core import KnowledgeBase, QuestionKind, Span

KINDS = ("rules", "questions", "options")


@dataclass(frozen=True, slots=True)
class Item:
    kind: str
    topic: str
    name: str
    """`rule-id`, `question-id`, or `question-id=option-id`."""
    span: Span
    covered: bool


@dataclass(frozen=True, slots=True)
class Coverage:
    items: tuple[Item, ...]
    passing: int
    failing: int

    def count(self, kind: str | None = None) -> tuple[int, int]:
        """(covered, total) of one kind of item, or of all."""
        chosen = [i for i in self.items if kind is None or i.kind == kind]
        return sum(i.covered for i in chosen), len(chosen)

    @property
    def missing(self) -> list[Item]:
        return [i for i in self.items if not i.covered]

    def meets(self, percent: float) -> bool:
        """Exact: covered/total >= percent/100, compared in whole numbers (no rounding)."""
        covered, total = self.count()
        return covered * 100 >= percent * total


def coverage(kb: KnowledgeBase, outcomes: Sequence[CaseOutcome]) -> Coverage:
    rules: set[tuple[str, str]] = set()
    asked: set[tuple[str, str]] = set()
    chosen: set[tuple[str, str, str]] = set()
    for o in outcomes:
        if not (o.passed and o.shown):
            continue
        rules.add((o.case.topic, o.shown.rule))
        answers = o.case.answer_map
        for qid in o.shown.asked:
            asked.add((o.case.topic, qid))
            value = answers.get(qid)
            for option in value if isinstance(value, tuple) else (value,):
                if option is not None:
                    chosen.add((o.case.topic, qid, option))
    items: list[Item] = []
    for topic in kb.topics.values():
        items += [Item("rules", topic.id, r.id, r.span, (topic.id, r.id) in rules)
                  for r in topic.rules]
        items += [Item("questions", topic.id, q.id, q.span, (topic.id, q.id) in asked)
                  for q in topic.questions]
        for q in topic.questions:
            ids = ("yes", "no") if q.kind is QuestionKind.YES_NO and not q.options else (
                q.option_ids)
            spans = {o.id: o.span for o in q.options}
            items += [Item("options", topic.id, f"{q.id}={oid}", spans.get(oid, q.span),
                           (topic.id, q.id, oid) in chosen) for oid in ids]
    passing = sum(o.passed for o in outcomes)
    return Coverage(tuple(items), passing, len(outcomes) - passing)


_WHY = {"rules": "no passing case ends on this rule",
        "questions": "no passing case is asked this question",
        "options": "no passing case chooses this option"}


def as_text(cov: Coverage, broken: int = 0) -> str:
    lines = [f"Cases: {cov.passing} passing, {cov.failing + broken} failing "
             "(failing cases cover nothing)"]
    for kind in KINDS:
        covered, total = cov.count(kind)
        lines.append(f"  {kind:<10} {covered}/{total} covered")
    covered, total = cov.count()
    lines.append(f"  {'all':<10} {covered}/{total} covered, {total - covered} not")
    for item in cov.missing:
        lines.append(f"{item.span}: not covered: {item.topic} {item.kind[:-1]} {item.name} "
                     f"({_WHY[item.kind]})")
    return "\n".join(lines)


def as_json(cov: Coverage, broken: int = 0) -> str:
    return json.dumps({
        "cases": {"passing": cov.passing, "failing": cov.failing + broken},
        "counts": {kind or "all": dict(zip(("covered", "total"), cov.count(kind), strict=True))
                   for kind in (*KINDS, None)},
        "missing": [{"kind": i.kind[:-1], "topic": i.topic, "name": i.name,
                     "path": i.span.path, "line": i.span.line, "col": i.span.col}
                    for i in cov.missing],
    }, indent=2)
