"""The interview flow: choose a topic, answer, go back or change, conclude, act on the result.

The core decides everything (which question, what it concludes, the words); this module
only holds the current session (which itself remembers the answers stepped back over and
what a change dropped) and tells the face what to show. Free text goes to the core's
intake and is dropped; it is never stored, echoed or logged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from decision_aid.core import (
    Ask,
    Refusal,
    answer,
    asked_line,
    back,
    begin,
    explain,
    intake,
    next_step,
    start,
)
from decision_aid.result_file import check_place, check_target, write_result, write_text
from decision_aid.terminal.face import Description, Face, Menu, Nav

if TYPE_CHECKING:
    from decision_aid.core import Candidate, KnowledgeBase, Result, Router, Session, Topic


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
    force: bool = False
    """--force: `save` may replace a file that was there before the interview wrote it."""
    save_failed: bool = False  # a --save that could not be written makes the exit non-zero
    _saved: bool = field(default=False, init=False)  # `save` holds this interview's result

    def run(self, topic: str | None = None) -> Outcome:
        """Run until the user quits; KeyboardInterrupt/EOFError pass through to the caller."""
        self.face.welcome([self.kb.wording("welcome"), self.kb.wording("privacy")])
        session = start(self.kb, topic) if topic else None
        while True:
            try:
                if session is None:
                    session = self._choose_topic()
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
                self.face.note(self.kb.wording("starting_over"))

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
        """Guard, route and confirm (the core's intake); None goes back to the topic list."""
        while True:
            if not text.strip():
                return None
            outcome = intake(self.kb, text, route=self.router)
            if not isinstance(outcome, Refusal):
                break
            self.face.refuse(outcome.message)
            text = self.face.describe()
        del text
        if not outcome.candidates:
            self.face.note(self.kb.wording("no_match"))
            return None
        candidate = self.face.pick_match(outcome.candidates)
        if candidate is None:
            return None
        return self._prefilled(candidate)

    def _prefilled(self, candidate: Candidate) -> Session:
        lines = [item.line for item in candidate.prefill]
        confirmed = bool(lines) and self.face.confirm_prefill(
            self.kb.wording("prefill_heading"), lines)
        return begin(self.kb, candidate, prefill=confirmed)

    # -- questions -------------------------------------------------------------------------

    def _ask(self, step: Ask) -> Session | None:
        """One question; the new session, or None to go back to the topic list.

        What to pre-select and what a change dropped come from the session itself.
        """
        session, question = step.session, step.question
        progress = self.kb.wording("progress", number=step.number, at_most=step.at_most)
        got = self.face.ask(question, progress, session.previous(question.id))
        if got is Nav.RESTART:
            raise _Restart
        if got is Nav.BACK:
            return back(session) if session.answers else None
        assert not isinstance(got, Nav)
        changed = answer(self.kb, session, question.id, got)
        self._say_dropped(changed)
        return changed

    def _say_dropped(self, session: Session) -> None:
        if not session.dropped:
            return
        topic = self.kb.topics[session.topic]
        prompts = [q.prompt for qid in session.dropped if (q := topic.question(qid)) is not None]
        self.face.note(self.kb.wording("dropped", questions="; ".join(prompts)))

    # -- result ----------------------------------------------------------------------------

    def _conclude(self, result: Result) -> None:
        self.face.show_result(explain(self.kb, result))
        if self.save is None:
            return
        try:
            check_target(self.save, force=self.force or self._saved, words=self.kb.wording)
        except ValueError as err:
            self.face.warn(self.kb.wording("save.failed", reason=err))
            self.save_failed = True
            return
        written = self._write(result, self.save, case=False)
        self._saved = self._saved or written
        self.save_failed = not written

    def _menu(self, result: Result, session: Session) -> Session | None:
        """Act on the result until the user quits (None) or changes an answer."""
        while True:
            choice = self.face.menu()
            if choice is Menu.QUIT:
                return None
            if choice is Menu.RESTART:
                raise _Restart
            if choice is Menu.DETAILS:
                self.face.show_details(explain(self.kb, result))
            elif choice is Menu.WHY:
                self.face.show_trace(explain(self.kb, result))
            elif choice is Menu.CHANGE:
                changed = self._change(result, session)
                if changed is not None:
                    return changed
            else:
                self._save_from_menu(result, case=choice is Menu.CASE)

    def _change(self, result: Result, session: Session) -> Session | None:
        asked = self.face.pick_asked([(a, asked_line(a, self.kb.wording))
                                      for a in result.asked])
        if asked is None:
            return None
        question = self.kb.topics[session.topic].question(asked.id)
        assert question is not None
        got = self.face.ask(question, self.kb.wording("interview.change_answer"),
                           session.get(asked.id))
        if got is Nav.RESTART:
            raise _Restart
        if got is Nav.BACK:
            return None
        assert not isinstance(got, Nav)
        changed = answer(self.kb, session, asked.id, got)
        self._say_dropped(changed)
        return changed

    def _save_from_menu(self, result: Result, *, case: bool) -> None:
        from decision_aid.cases.writer import case_id

        default = Path(f"{case_id(result)}.yaml" if case else f"{result.topic}-result.md")
        words = self.kb.wording
        path = self.face.ask_path(words("save.prompt_case" if case else "save.prompt"), default)
        if path is None:
            return
        try:
            check_place(path, words, result=not case)
        except ValueError as err:  # before asking to overwrite what is not a file
            self.face.warn(words("save.failed", reason=err))
            return
        if path.exists() and not self.face.confirm(words("save.overwrite", path=path)):
            return
        self._write(result, path, case=case)

    def _write(self, result: Result, path: Path, *, case: bool) -> bool:
        """A result document by extension (.md, .json, .txt), or a trainer case."""
        from decision_aid.cases.writer import case_yaml

        words = self.kb.wording
        try:
            if case:
                write_text(path, case_yaml(result), words)
            else:
                write_result(self.kb, result, path)
        except ValueError as err:
            self.face.warn(words("save.failed", reason=err))
            return False
        self.face.note(words("save.saved_case" if case else "save.saved", path=path))
        return True
