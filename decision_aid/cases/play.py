"""`cases play`: walk a class through cases, or quiz a learner, on plain lines.

The walk-through shows the narrative, each question with the case's answer and why it is
asked, then the result and the teaching. The quiz asks the learner each question first
(numbers, `b` to go back), gives feedback from the teaching points tied to it, asks for a
predicted verdict, then reveals. Both follow the case's own answers, so the class always
reaches the case's result. Works on a pipe: one numbered answer per line.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from decision_aid.cases.handout import LABELS, handout
from decision_aid.cases.model import Case
from decision_aid.core import KnowledgeBase, Question, QuestionKind, Verdict


@dataclass
class Score:
    """One learner's result for one case (what `--scores` appends, no names)."""

    case: str
    predicted: str | None
    actual: str
    matched: int
    asked: int
    answers: dict[str, bool] = field(default_factory=dict)

    def line(self) -> str:
        return json.dumps({"case": self.case, "predicted": self.predicted,
                           "actual": self.actual, "answers_matched": self.matched,
                           "answers_asked": self.asked, "by_question": self.answers})


class Player:
    """Reads and writes through the terminal's plain face (numbered lines, long lines
    dropped, end of input raised as EOFError), so a class sees one way of answering."""

    def __init__(self, kb: KnowledgeBase, stdin: TextIO, stdout: TextIO) -> None:
        from decision_aid.terminal.plain import PlainFace

        self.kb = kb
        self.lines = PlainFace(stdin, stdout, kb.wording)
        self.say = self.lines.say
        self.read = self.lines.read

    # -- the parts of a case -------------------------------------------------------------

    def _opening(self, case: Case, n: int, total: int) -> None:
        level = f" ({LABELS['level']}: {case.level})" if case.level else ""
        self.say("", f"Case {n} of {total}: {case.title}{level}", "")
        if case.narrative:
            self.say(case.narrative, "")
        if case.objectives:
            self.say(f"{LABELS['objectives']}:", *(f"  - {o}" for o in case.objectives), "")

    def _reveal(self, case: Case) -> str:
        h = handout(self.kb, case)
        if h.outline is None:
            self.say("This case does not reach a result: " + "; ".join(h.problems))
            return ""
        view = h.outline
        if view.notice:
            self.say(view.notice)
        self.say(f"{view.word}: {view.headline}", "")
        for section in h.result_sections:
            self.say(section.title)
            self.say(*(f"  {f'{i}.' if section.numbered else '-'} {item.text}"
                       for i, item in enumerate(section.items, 1)))
        points = case.general_points or tuple(p.text for p in case.teaching_points)
        if points:
            self.say("", f"{LABELS['teaching']}:", *(f"  - {p}" for p in points))
        if case.discussion:
            self.say("", f"{LABELS['discussion']}:", *(f"  - {q}" for q in case.discussion))
        return view.verdict

    # -- walk-through --------------------------------------------------------------------

    def walk(self, cases: Sequence[Case]) -> None:
        for n, case in enumerate(cases, 1):
            self._opening(case, n, len(cases))
            h = handout(self.kb, case)
            topic = self.kb.topics[case.topic]
            items = h.interview.items if h.interview else ()
            for i, (qid, item) in enumerate(zip(h.asked, items, strict=False), 1):
                question = topic.question(qid)
                self.say(f"Question {i}: {item.text}")
                if question is not None:
                    self.say("  " + self.kb.wording("interview.why_asked", why=question.why))
                for point in case.points_for(qid):
                    self.say(f"  Teaching point: {point}")
            self.say("")
            self._reveal(case)
            if n < len(cases):
                with contextlib.suppress(EOFError):  # the end of a pipe: just carry on
                    self.read("\nPress Enter for the next case: ")

    # -- quiz ----------------------------------------------------------------------------

    def quiz(self, cases: Sequence[Case], scores: Path | None = None) -> list[Score]:
        results = []
        for n, case in enumerate(cases, 1):
            self._opening(case, n, len(cases))
            score = self._quiz_case(case)
            results.append(score)
            if scores is not None:
                with scores.open("a", encoding="utf-8") as out:
                    out.write(score.line() + "\n")
        right = sum(s.predicted == s.actual for s in results)
        matched, asked = sum(s.matched for s in results), sum(s.asked for s in results)
        self.say("", f"Score: {right} of {len(results)} verdicts predicted; "
                     f"{matched} of {asked} answers matched the cases'.")
        return results

    def _quiz_case(self, case: Case) -> Score:
        topic = self.kb.topics[case.topic]
        h = handout(self.kb, case)
        scripted = case.answer_map
        order = [q for qid in h.asked if (q := topic.question(qid)) is not None]
        mine: dict[str, bool] = {}
        i = 0
        while i < len(order):
            question = order[i]
            got = self._ask(question, i + 1)
            if got is None:  # back
                i = max(i - 1, 0)
                continue
            right = got == scripted.get(question.id)
            mine[question.id] = right
            self._feedback(case, question, right)
            i += 1
        predicted = self._predict()
        self.say("")
        actual = self._reveal(case)
        word = self.kb.wording(f"verdicts.{predicted}")
        said = self.kb.wording(f"verdicts.{actual}") if actual else "nothing"
        self.say("", f"You predicted {word}: " + ("right." if predicted == actual else
                                                  f"the guidance says {said}."))
        return Score(case.id, predicted, actual, sum(mine.values()), len(mine), mine)

    def _ask(self, question: Question, number: int) -> str | tuple[str, ...] | None:
        multi = question.kind is QuestionKind.MULTI
        self.say(f"Question {number}: {question.prompt}" + (" (choose any)" if multi else ""))
        self.say(*(f"  {k}. {o.label}" for k, o in enumerate(question.options, 1)))
        hint = "numbers separated by spaces, 0 for none" if multi else "a number"
        while True:
            text = self.read(f"Your answer ({hint}; b back): ")
            if text.lower() in ("b", "back"):
                return None
            picked = _numbers(text, len(question.options), multi=multi)
            if picked is not None:
                ids = tuple(question.options[k - 1].id for k in picked)
                return ids if multi else ids[0]
            self.say(f"Type {hint}.")

    def _feedback(self, case: Case, question: Question, right: bool) -> None:
        scripted = case.answer_map.get(question.id)
        labels = [o.label for o in question.options
                  if o.id in (scripted if isinstance(scripted, tuple) else (scripted,))]
        self.say("  Same as the case." if right else
                 f"  The case answers: {', '.join(labels) or 'none of these'}.")
        for point in case.points_for(question.id):
            self.say(f"  Teaching point: {point}")
        self.say("")

    def _predict(self) -> str:
        verdicts = list(Verdict)
        self.say("What will the guidance say?",
                 *(f"  {k}. {self.kb.wording(f'verdicts.{v.value}')}"
                   for k, v in enumerate(verdicts, 1)))
        while True:
            picked = _numbers(self.read("Your prediction (a number): "), len(verdicts),
                              multi=False)
            if picked:
                return verdicts[picked[0] - 1].value
            self.say(f"Type a number from 1 to {len(verdicts)}.")


def _numbers(text: str, high: int, *, multi: bool) -> tuple[int, ...] | None:
    tokens = text.replace(",", " ").split()
    if multi and tokens == ["0"]:
        return ()
    if not tokens or (not multi and len(tokens) != 1):
        return None
    if not all(t.isascii() and t.isdigit() and len(t) <= 3 and 1 <= int(t) <= high
               for t in tokens):
        return None
    return tuple(sorted({int(t) for t in tokens}))


