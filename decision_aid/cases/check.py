"""Check a case against the packs: every id it names exists, and labels become ids.

A misspelt rule, question or option is a load error at its `path:line:col` with a
did-you-mean, not a mismatch found later when the case runs. Answers may name an option
by id or by its label (case and surrounding spaces ignored).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from decision_aid.cases.model import Case
from decision_aid.cases.writer import BLANK, NARRATIVE_PLACEHOLDER
from decision_aid.core import (
    Document,
    KnowledgeBase,
    Problem,
    Question,
    QuestionKind,
    Topic,
    did_you_mean,
)

Where = tuple[str | int, ...]


class _Checker:
    def __init__(self, kb: KnowledgeBase, topic: Topic, doc: Document, where: Where) -> None:
        self.kb, self.topic, self.doc, self.where = kb, topic, doc, where
        self.problems: list[Problem] = []

    def add(self, at: Where, code: str, message: str, hint: str | None, *,
            key: bool = False) -> None:
        full = (*self.where, *at)
        span = self.doc.key_span(full) if key else self.doc.span(full)
        self.problems.append(Problem(span, code, message, hint))

    def question(self, qid: str, at: Where, *, key: bool = False) -> Question | None:
        question = self.topic.question(qid)
        if question is None:
            self.add(at, "unknown-question",
                     f"'{qid}' is not a question of topic '{self.topic.id}'",
                     _hint(qid, [q.id for q in self.topic.questions]), key=key)
        return question

    def option(self, question: Question, value: Any, at: Where) -> str | None:
        text = str(value).strip()
        if text in question.option_ids:
            return text
        by_label = {o.label.strip().casefold(): o.id for o in question.options}
        if question.kind is QuestionKind.YES_NO:
            by_label.update({"yes": "yes", "no": "no"})
        found = by_label.get(text.casefold())
        if found is None:
            choices = [*question.option_ids, *(o.label for o in question.options)]
            self.add(at, "unknown-option",
                     f"'{text}' is not an option of '{question.id}' (by id or label)",
                     _hint(text, choices))
        return found

    def answers(self, case: Case) -> tuple[tuple[str, Any], ...]:
        resolved: list[tuple[str, Any]] = []
        for qid, value in case.answers:
            question = self.question(qid, ("answers", qid), key=True)
            if question is None:
                continue
            if isinstance(value, tuple):
                if question.kind is not QuestionKind.MULTI:
                    self.add(("answers", qid), "wrong-answer-kind",
                             f"'{qid}' takes one answer, not a list", "write one option id")
                    continue
                ids = [self.option(question, v, ("answers", qid, i)) for i, v in
                       enumerate(value)]
                resolved.append((qid, tuple(i for i in ids if i is not None)))
            else:
                one = self.option(question, value, ("answers", qid))
                if one is not None:
                    resolved.append((qid, (one,) if question.kind is QuestionKind.MULTI
                                     else one))
        return tuple(resolved)

    def ids(self, values: Iterable[str], known: list[str], at: Where, code: str,
            what: str) -> None:
        for i, value in enumerate(values):
            if value not in known:
                self.add((*at, i), code, f"'{value}' is not {what}", _hint(value, known))


def _hint(name: str, choices: list[str]) -> str:
    return did_you_mean(name, choices) or ("choose one of: " + ", ".join(choices[:12]))


def check_case(kb: KnowledgeBase, case: Case, doc: Document, where: Where
               ) -> tuple[Case | None, list[Problem]]:
    """The case with option ids for labels, and the problems of every id it names."""
    topic = kb.topic(case.topic)
    if topic is None:
        span = doc.span((*where, "topic"))
        return None, [Problem(span, "unknown-topic", f"unknown topic '{case.topic}'",
                              _hint(case.topic, list(kb.topics)))]
    check = _Checker(kb, topic, doc, where)
    answers = check.answers(case)
    check.ids(case.rules, [r.id for r in topic.rules], ("expect", "rules"), "unknown-rule",
              f"a rule of topic '{topic.id}'")
    check.ids(case.asked or (), [q.id for q in topic.questions], ("expect", "asked"),
              "unknown-question", f"a question of topic '{topic.id}'")
    check.ids(case.not_offered, [o.id for o in topic.options_considered],
              ("expect", "not_offered"), "unknown-considered",
              f"one of the options_considered of topic '{topic.id}'")
    check.ids(case.sources, list(kb.sources), ("sources",), "unknown-source",
              "a reference key")
    for i, point in enumerate(case.teaching_points):
        if point.question is not None:
            check.question(point.question, ("teaching_points", i, "question"))
    blanks: list[tuple[Where, str]] = [(("title",), case.title)]
    blanks += [(("objectives", i), t) for i, t in enumerate(case.objectives)]
    blanks += [(("teaching_points", i), p.text) for i, p in enumerate(case.teaching_points)]
    blanks += [(("discussion", i), t) for i, t in enumerate(case.discussion)]
    for at, text in blanks:
        if text.startswith(BLANK):
            check.add(at, "placeholder-text", f"'{at[0]}' still has the {BLANK} placeholder",
                      "write it, or delete the line")
    if case.narrative.strip() == NARRATIVE_PLACEHOLDER:
        check.add(("narrative",), "placeholder-narrative",
                  "the narrative is still the placeholder",
                  "describe the scenario as a learner would meet it, without identifiers")
    return replace(case, answers=answers), check.problems
