"""The interview over clicks: each click's value holds the state, the core says what next.

`Interview.click` maps one button to one core call (answer, back, start) and renders the
core's next step; it decides nothing about guidance. Every state is read back through the
codec (signature, version, answers), so a forged, stale or older-version click restarts
cleanly with a one-line note instead of failing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from decision_aid.core import (
    Ask,
    KnowledgeBase,
    KnowledgeBaseHolder,
    Refusal,
    Session,
    SessionError,
    answer,
    back,
    begin,
    intake,
    next_step,
    start,
)
from decision_aid.slack import ids, payloads, screens
from decision_aid.slack.logs import log_event
from decision_aid.slack.metrics import Metrics
from decision_aid.slack.result_blocks import result_screen
from decision_aid.slack.screens import Screen
from decision_aid.slack.values import Codec, StaleState


@dataclass(frozen=True, slots=True)
class Where:
    """Where the interview is shown: a message (ephemeral or DM) or a modal."""

    modal: bool = False
    can_share: bool = False


class Interview:
    """Screens for a start, a description and every click; holds no interview state."""

    def __init__(self, holder: KnowledgeBaseHolder, codec: Codec, metrics: Metrics, *,
                 jurisdiction: str | None = None) -> None:
        self.holder = holder
        self.codec = codec
        self.metrics = metrics
        self.jurisdiction = jurisdiction
        self._pickers: dict[bool, tuple[KnowledgeBase, Screen]] = {}

    @property
    def kb(self) -> KnowledgeBase:
        return self.holder.kb

    # -- starting ---------------------------------------------------------------------------
    def picker(self, where: Where, note: str | None = None) -> Screen:
        """The topic picker; without a note it depends only on the packs, so it is built
        once per packs loaded (a reload swaps them) and shared: screens are read, never
        changed, once made. It is the first screen of every slash command."""
        kb = self.kb
        if note is not None:
            return screens.picker(kb, note=note, modal=where.modal)
        made = self._pickers.get(where.modal)
        if made is None or made[0] is not kb:
            made = (kb, screens.picker(kb, modal=where.modal))
            self._pickers[where.modal] = made
        return made[1]

    def describe(self, text: str, where: Where, *, delete_hint: bool = False) -> Screen:
        """Free text through the intake: a refusal, a confirmed start, or the candidates."""
        kb = self.kb
        found = intake(kb, text)
        del text
        if isinstance(found, Refusal):
            log_event("intake.refused")
            return screens.refusal(kb, found.message, modal=where.modal,
                                   delete_hint=delete_hint)
        if not found.candidates:
            log_event("intake.unmatched")
            return self.picker(where, note=kb.wording("no_match"))
        best = found.candidates[0]
        if not found.confident:
            log_event("intake.candidates", count=len(found.candidates))
            return screens.candidates(kb, found.candidates)
        log_event("intake.routed", topic=best.topic.id, prefilled=len(best.prefill))
        empty = begin(kb, best, prefill=False)
        if not best.prefill:
            return self.step(empty, where)
        return screens.prefill(self.codec, kb, best, begin(kb, best), empty)

    def start_topic(self, topic: str, where: Where) -> Screen:
        try:
            session = start(self.kb, topic)
        except SessionError as err:
            return self.picker(where, note=err.message)
        return self.step(session, where)

    # -- steps ------------------------------------------------------------------------------
    def step(self, session: Session, where: Where, *, why: bool = False,
             note: str | None = None, page: int = 0, voted: bool = False,
             fresh: bool = True) -> Screen:
        kb = self.kb
        try:
            step = next_step(kb, session, jurisdiction=self.jurisdiction)
        except SessionError as err:
            return self.picker(where, note=err.message)
        if isinstance(step, Ask):
            log_event("interview.ask", level=10, topic=session.topic,
                      question=step.question.id, number=step.number)
            return screens.question(self.codec, kb, step, why=why,
                                    note=note or self._dropped_note(session),
                                    modal=where.modal,
                                    preselect=session.previous(step.question.id))
        result = step.result
        if fresh:
            self.metrics.verdicts.labels(result.topic, result.verdict.value).inc()
            log_event("interview.result", topic=result.topic, rule=result.rule,
                      verdict=result.verdict.value, answers=len(session.answers))
        return result_screen(self.codec, kb, result, session, page=page, modal=where.modal,
                             can_share=where.can_share and not where.modal, voted=voted)

    def click(self, action_id: str, value: Any, body: Mapping[str, Any],
              where: Where) -> Screen | None:
        """The next screen for one click; None for clicks that change nothing."""
        kind = action_id.split(".")[0]
        if kind.startswith(ids.MULTI) or kind == ids.LINK:
            return None
        if kind == ids.RESTART:
            return self.picker(where)
        try:
            argument, session = self.codec.read(value if value is not None else "", self.kb)
        except StaleState as stale:
            log_event("interview.stale_state", action=kind)
            return self.picker(where, note=stale.note)
        if kind in (ids.TOPIC, ids.START_PRIVATE):
            return self.start_topic(argument, where) if argument else self.picker(where)
        if session is None:
            return self.picker(where)
        if kind == ids.ANSWER:
            qid, _, option = argument.partition("=")
            return self._answer(session, qid, option, where)
        if kind == ids.CONTINUE:
            picked = payloads.selected_options(body, ids.MULTI_BLOCK + argument)
            return self._answer(session, argument, picked, where)
        if kind == ids.BACK:
            if not session.answers:
                return self.picker(where)
            return self.step(back(session), where, fresh=False)
        if kind == ids.WHY:
            return self.step(session, where, why=argument == "show", fresh=False)
        if kind == ids.PAGE:
            # ASCII digits only: "²".isdigit() is True, and int("²") raises
            page = int(argument) if argument.isascii() and argument.isdigit() and \
                len(argument) <= 6 else 0
            return self.step(session, where, page=page, fresh=False)
        if kind == ids.HELPFUL:
            vote = "yes" if argument == "yes" else "no"
            self.metrics.helpful.labels(session.topic, vote).inc()
            log_event("interview.helpful", topic=session.topic, vote=vote)
            return self.step(session, where, voted=True, fresh=False)
        return self.step(session, where)  # RESUME

    def continue_modal(self, metadata: str, body: Mapping[str, Any]) -> Screen:
        """A modal's submit on a multi-choice question: selection + state in metadata."""
        qid, _, state = metadata.partition(" ")
        where = Where(modal=True)
        try:
            session = self.codec.read_state(state, self.kb)
        except StaleState as stale:
            return self.picker(where, note=stale.note)
        picked = payloads.selected_options(body, ids.MULTI_BLOCK + qid)
        return self._answer(session, qid, picked, where)

    def _dropped_note(self, session: Session) -> str | None:
        """What the last change made irrelevant, in the core's words."""
        topic = self.kb.topics.get(session.topic)
        if not session.dropped or topic is None:
            return None
        prompts = [q.prompt for qid in session.dropped if (q := topic.question(qid))]
        return self.kb.wording("dropped", questions="; ".join(prompts))

    def _answer(self, session: Session, qid: str, value: Any, where: Where) -> Screen:
        try:
            changed = answer(self.kb, session, qid, value)
        except SessionError as err:
            return self.step(session, where, note=err.message, fresh=False)
        return self.step(changed, where)

