"""The interview flow: choose a topic, answer, go back or change, conclude, act on the result.

The core decides everything (which question, what it concludes); this module only keeps
the session and the answers the user stepped back over, so they can be pre-selected, and
tells the face what to show. Free text is scanned for identifiers, routed, and dropped;
it is never stored, echoed or logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from decision_aid.core import (
    Ask,
    QuestionKind,
    SessionError,
    answer,
    back,
    dropped,
    next_step,
    start,
)
from decision_aid.terminal.face import Answer, Description, Face, Menu, Nav

if TYPE_CHECKING:
    from decision_aid.core import KnowledgeBase, Question, Result, Session, Topic
    from decision_aid.terminal.matching import MatchLike, Router


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a finished interview ended: the last result and the session behind it."""

    result: Result
    session: Session


class _Restart(Exception):
    """The user asked to start over (raised from deep in the flow, caught by `run`)."""


@dataclass
class Interview:
    kb: KnowledgeBase
    face: Face
    jurisdiction: str | None = None
    save: Path | None = None
    router: Router | None = None
    remembered: dict[str, Answer] = field(default_factory=dict)

    def run(self, topic: str | None = None) -> Outcome:
        """Run until the user quits; KeyboardInterrupt/EOFError pass through to the caller."""
        self.face.welcome()
        session = start(self.kb, topic) if topic else None
        while True:
            try:
                if session is None:
                    session = self._choose_topic()
                    self.remembered.clear()
                step = next_step(self.kb, session, jurisdiction=self.jurisdiction)
                if isinstance(step, Ask):
                    session = self._ask(step)
                    continue
                result = step.result
                self._conclude(result)
                changed = self._menu(result, session)
                if changed is None:
                    return Outcome(result, session)
                session = changed
            except _Restart:
                session = None
                self.face.note("Starting over.")

    # -- topic -----------------------------------------------------------------------------

    def _topics(self) -> list[Topic]:
        return list(self.kb.topics.values())

    def _choose_topic(self) -> Session:
        while True:
            choice = self.face.start(self._topics())
            if not isinstance(choice, Description):
                return start(self.kb, choice.id)
            picked = self._from_description(choice.text)
            if picked is not None:
                return picked

    def _from_description(self, text: str) -> Session | None:
        """Guard, route and confirm; None goes back to the topic list."""
        from decision_aid.core.phi import scan

        while True:
            if not text.strip():
                return None
            report = scan(text)
            if not report.flagged:
                break
            self.face.refuse(report.warning())
            text = self.face.describe()
        matches = self.router(self.kb, text) if self.router is not None else ()
        del text
        if not matches:
            self.face.note("No topic matched that description; pick one from the list.")
            return None
        match = self.face.pick_match(matches)
        if match is None:
            return None
        return self._prefilled(match)

    def _prefilled(self, match: MatchLike) -> Session:
        session = start(self.kb, match.topic.id)
        values = _group_prefill(match)
        lines = []
        for qid, value in values.items():
            question = match.topic.question(qid)
            if question is not None:
                lines.append((question.prompt, _labels(question, value)))
        if not lines or not self.face.confirm_prefill(lines):
            return session
        for qid, value in values.items():
            try:
                session = answer(self.kb, session, qid, value)
            except SessionError:
                continue  # a stale or odd prefill is simply asked instead
        return session

    # -- questions -------------------------------------------------------------------------

    def _ask(self, step: Ask) -> Session | None:
        """One question; the new session, or None to go back to the topic list."""
        session, question = step.session, step.question
        progress = f"Question {step.number} of at most {step.at_most}"
        got = self.face.ask(question, progress, self.remembered.get(question.id))
        if got is Nav.RESTART:
            raise _Restart
        if got is Nav.BACK:
            if not session.answers:
                return None
            qid, previous = session.answers[-1]
            self.remembered[qid] = previous
            return back(session)
        assert not isinstance(got, Nav)
        self._note_dropped(session, question.id, got)
        self.remembered.pop(question.id, None)
        return answer(self.kb, session, question.id, got)

    def _note_dropped(self, session: Session, qid: str, value: Answer) -> None:
        """Answers stepped back over that this new answer makes irrelevant: forget, say so."""
        ahead = tuple((q, a) for q, a in self.remembered.items() if q not in session.answered)
        if not ahead:
            return
        full = replace(session, answers=(*session.answers, *ahead))
        old = self.remembered.get(qid)
        # Answers the old answer had already ruled out are stale, not dropped by this change.
        stale = set(dropped(full, answer(self.kb, full, qid, old), qid)) if old else set()
        gone = [q for q in dropped(full, answer(self.kb, full, qid, value), qid)
                if q not in stale]
        for q in (*stale, *gone):
            self.remembered.pop(q, None)
        self._say_dropped(session, gone)

    def _say_dropped(self, session: Session, gone: Sequence[str]) -> None:
        if not gone:
            return
        topic = self.kb.topics[session.topic]
        prompts = [q.prompt for qid in gone if (q := topic.question(qid)) is not None]
        self.face.note("No longer applies, so dropped: " + "; ".join(prompts))

    # -- result ----------------------------------------------------------------------------

    def _conclude(self, result: Result) -> None:
        self.face.show_result(result)
        if self.save is not None:
            self._write(result, self.save, case=False)

    def _menu(self, result: Result, session: Session) -> Session | None:
        """Act on the result until the user quits (None) or changes an answer."""
        while True:
            choice = self.face.menu()
            if choice is Menu.QUIT:
                return None
            if choice is Menu.RESTART:
                raise _Restart
            if choice is Menu.WHY:
                self.face.show_trace(result)
            elif choice is Menu.CHANGE:
                changed = self._change(result, session)
                if changed is not None:
                    return changed
            else:
                self._save_from_menu(result, case=choice is Menu.CASE)

    def _change(self, result: Result, session: Session) -> Session | None:
        asked = self.face.pick_asked(result.asked)
        if asked is None:
            return None
        question = self.kb.topics[session.topic].question(asked.id)
        assert question is not None
        got = self.face.ask(question, "Change an answer", session.get(asked.id))
        if got is Nav.RESTART:
            raise _Restart
        if got is Nav.BACK:
            return None
        assert not isinstance(got, Nav)
        changed = answer(self.kb, session, asked.id, got)
        self._say_dropped(session, dropped(session, changed, asked.id))
        return changed

    def _save_from_menu(self, result: Result, *, case: bool) -> None:
        from decision_aid.terminal.save import case_id

        default = Path(f"{case_id(result)}.yaml" if case else f"{result.topic}-result.md")
        prompt = "Save the trainer case to" if case else "Save to (.md, .json or .txt)"
        path = self.face.ask_path(prompt, default)
        if path is None:
            return
        if path.exists() and not self.face.confirm(f"{path} exists. Overwrite it?"):
            return
        self._write(result, path, case=case)

    def _write(self, result: Result, path: Path, *, case: bool) -> None:
        from decision_aid.terminal.save import save_case, save_result

        try:
            (save_case if case else save_result)(result, path)
        except (OSError, ValueError) as err:
            self.face.warn(f"Could not save: {err}")
            return
        self.face.note(f"Saved {'trainer case ' if case else ''}to {path}")


def _group_prefill(match: MatchLike) -> dict[str, Answer]:
    """Prefills by question; several options for one multi question become one answer."""
    values: dict[str, Answer] = {}
    for item in match.prefill:
        question = match.topic.question(item.question)
        if question is None or item.option not in question.option_ids:
            continue
        if question.kind is QuestionKind.MULTI:
            held = values.get(item.question, ())
            assert isinstance(held, tuple)
            if item.option not in held:
                values[item.question] = (*held, item.option)
        else:
            values.setdefault(item.question, item.option)
    return values


def _labels(question: Question, value: Answer) -> str:
    chosen = value if isinstance(value, tuple) else (value,)
    return ", ".join(o.label for o in question.options if o.id in chosen) or "None of these"
