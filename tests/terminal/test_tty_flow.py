"""Whole interviews on the prompt_toolkit face, driven by keys through pipe input.

Assertions are on the returned outcome (result, session) and on what the face printed
as notes, not on screen bytes.
"""

from __future__ import annotations

import io

import pytest

from decision_aid.core import KnowledgeBase, Verdict
from decision_aid.terminal.entry import run_with_face
from decision_aid.terminal.interview import Interview
from decision_aid.terminal.tty import TtyFace, toolkit_reader

from .conftest import CTRL_C, CTRL_D, ENTER, LEFT, FakeRouter, Keys


def interview(kb: KnowledgeBase, out: io.StringIO, router: FakeRouter | None = None
              ) -> Interview:
    return Interview(kb, TtyFace(out, toolkit_reader), router=router)


def test_pick_answer_back_why_change_and_quit(demo: KnowledgeBase, keys: Keys) -> None:
    out = io.StringIO()
    keys.type(
        "1" + ENTER        # topic 1 at the start prompt
        + "1"              # Who sent the request? A patient
        + LEFT             # back from "Which account" to the first question
        + "?" + ENTER      # why, then keep the pre-selected "A patient"
        + "1"              # My personal account
        + "2"              # urgent: No  -> result AVOID
        + "w"              # why: the trace
        + "c" + "1"        # change the first answer ...
        + "2"              # ... to A colleague: platform and urgent no longer apply
        + "1" + "2" + ENTER  # signals: met, named -> ACCEPTABLE
        + "q")
    outcome = interview(demo, out).run()
    assert outcome.result.verdict is Verdict.ACCEPTABLE
    assert outcome.session.answers == (("requester", "colleague"), ("signals", ("met", "named")))
    shown = out.getvalue()
    assert "← back" in shown
    assert ("No longer applies, so dropped: Which account received it?; "
            "Does the message describe urgent symptoms?") in shown
    assert "[held] patient-personal" in shown  # the trace was printed
    assert shown.count(" AVOID ") == 2 and " ACCEPTABLE " in shown  # head and closing line


def test_back_then_a_different_answer_drops_what_no_longer_applies(
        demo: KnowledgeBase, keys: Keys) -> None:
    out = io.StringIO()
    keys.type("1" + ENTER + "1" + "1" + LEFT + LEFT   # back over platform and requester
                   + "2"                                      # now A colleague
                   + ENTER + "q")                             # no signals -> default, quit
    outcome = interview(demo, out).run()
    assert outcome.result.rule == "default"
    assert "No longer applies, so dropped: Which account received it?" in out.getvalue()


def test_back_at_the_first_question_returns_to_the_topic_list(
        demo: KnowledgeBase, keys: Keys) -> None:
    out = io.StringIO()
    keys.type("1" + ENTER + LEFT + "1" + ENTER + "2" + ENTER + "q")
    outcome = interview(demo, out).run()
    assert outcome.result.rule == "default"
    assert out.getvalue().count("Topics:") == 2


def test_restart_starts_over(demo: KnowledgeBase, keys: Keys) -> None:
    out = io.StringIO()
    keys.type("1" + ENTER + "1" + "r" + "1" + ENTER + "2" + ENTER + "q")
    outcome = interview(demo, out).run()
    assert "Starting over." in out.getvalue()
    assert outcome.session.answers == (("requester", "colleague"), ("signals", ()))


def test_description_is_routed_and_prefill_confirmed(demo: KnowledgeBase, keys: Keys,
                                                     router: FakeRouter) -> None:
    out = io.StringIO()
    keys.type("a request from someone I treat" + ENTER
                   + ENTER          # the first (only) match
                   + "y"            # use "Who sent the request? A patient"
                   + "2" + "q")     # professional account -> default
    outcome = interview(demo, out, router).run()
    assert router.calls == 1
    assert outcome.session.answers[0] == ("requester", "patient")
    assert "From your description:\n  Who sent the request? — A patient" in out.getvalue()
    assert "someone I treat" not in out.getvalue()


def test_identifying_description_is_refused_and_never_routed_or_echoed(
        demo: KnowledgeBase, keys: Keys, router: FakeRouter) -> None:
    out = io.StringIO()
    keys.type("My patient John Smith, DOB 03/04/1961, messaged me" + ENTER
                   + "a patient messaged me" + ENTER + ENTER + "n" + "1" + "2" + "q")
    outcome = interview(demo, out, router).run()
    shown = out.getvalue()
    assert "! This looks like it may identify a patient" in shown
    assert "John" not in shown and "1961" not in shown
    assert router.calls == 1
    assert outcome.session.answers[0] == ("requester", "patient")  # answered, not prefilled


@pytest.mark.parametrize(("typed", "code", "message"), [
    pytest.param(CTRL_C, 130, "Interrupted.", id="ctrl-c"),
    pytest.param(CTRL_D, 0, "Left the interview.", id="ctrl-d-is-a-normal-end"),
])
def test_leaving_mid_question_exits_with_a_short_message(
        demo: KnowledgeBase, keys: Keys, typed: str, code: int, message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    keys.type("1" + ENTER + typed)
    assert run_with_face(demo, TtyFace(io.StringIO(), toolkit_reader), topic=None, save=None,
                         jurisdiction=None, plain=False) == code
    err = capsys.readouterr().err
    assert err.strip() == message
    assert "Traceback" not in err
