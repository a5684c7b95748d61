"""Sessions: flat immutable values changed by pure functions, and validated when untrusted."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from decision_aid.core import (
    Ask,
    KnowledgeBase,
    Session,
    SessionError,
    answer,
    back,
    dropped,
    next_step,
    start,
    validate,
    with_answers,
)

TOPIC = "demo-requests"
PATIENT_PATH = {"requester": "patient", "platform": "personal", "urgent": "no"}


def test_start_records_topic_and_version(demo: KnowledgeBase) -> None:
    assert start(demo, TOPIC) == Session(TOPIC, "1.0.0", ())


def test_start_on_an_unknown_topic_suggests_the_closest(demo: KnowledgeBase) -> None:
    with pytest.raises(SessionError) as caught:
        start(demo, "demo-request")

    assert caught.value.message == "unknown topic 'demo-request'"
    assert caught.value.hint == "did you mean 'demo-requests'?"
    assert str(caught.value) == "unknown topic 'demo-request' (did you mean 'demo-requests'?)"


def test_start_on_a_far_topic_points_to_the_list(demo: KnowledgeBase) -> None:
    with pytest.raises(SessionError) as caught:
        start(demo, "zzz")

    assert caught.value.hint == "run `decision-aid topics` to list them"


def test_answer_appends_in_order_and_leaves_the_old_session_alone(demo: KnowledgeBase) -> None:
    empty = start(demo, TOPIC)
    one = answer(demo, empty, "requester", "patient")
    two = answer(demo, one, "platform", "personal")

    assert empty.answers == ()
    assert one.answers == (("requester", "patient"),)
    assert two.answers == (("requester", "patient"), ("platform", "personal"))
    assert two.get("platform") == "personal"
    assert two.get("urgent") is None
    assert two.answered == ("requester", "platform")
    assert two.as_dict() == {"requester": "patient", "platform": "personal"}


def test_session_is_frozen(demo: KnowledgeBase) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        start(demo, TOPIC).answers = ()  # type: ignore[misc]


def test_changing_an_answer_keeps_its_place(demo: KnowledgeBase) -> None:
    session = with_answers(demo, TOPIC, PATIENT_PATH)

    changed = answer(demo, session, "platform", "personal")
    changed = answer(demo, changed, "urgent", "yes")

    assert changed.answers == (("requester", "patient"), ("platform", "personal"),
                               ("urgent", "yes"))


def test_changing_an_answer_prunes_questions_that_no_longer_apply(demo: KnowledgeBase) -> None:
    before = with_answers(demo, TOPIC, PATIENT_PATH)

    after = answer(demo, before, "requester", "colleague")

    assert after.answers == (("requester", "colleague"),)
    assert dropped(before, after, "requester") == ("platform", "urgent")


def test_pruning_follows_chains_of_relevance(demo: KnowledgeBase) -> None:
    before = with_answers(demo, TOPIC, PATIENT_PATH)

    after = answer(demo, before, "platform", "professional")

    assert after.answers == (("requester", "patient"), ("platform", "professional"))
    assert dropped(before, after, "platform") == ("urgent",)


def test_dropped_is_empty_when_nothing_was_removed(demo: KnowledgeBase) -> None:
    before = with_answers(demo, TOPIC, {"requester": "patient"})

    assert dropped(before, answer(demo, before, "platform", "personal")) == ()


def test_answer_to_a_question_that_does_not_apply_is_dropped(demo: KnowledgeBase) -> None:
    session = with_answers(demo, TOPIC, {"requester": "colleague", "platform": "personal"})

    assert session.answers == (("requester", "colleague"),)


def test_back_undoes_the_last_answer(demo: KnowledgeBase) -> None:
    one = with_answers(demo, TOPIC, {"requester": "patient"})
    two = answer(demo, one, "platform", "personal")

    assert back(two).answers == one.answers
    assert back(two).ahead == (("platform", "personal"),)
    assert back(back(two)).answers == ()
    assert back(back(two)).ahead == (("requester", "patient"), ("platform", "personal"))
    assert back(start(demo, TOPIC)) == start(demo, TOPIC)


def test_back_then_the_same_question_is_asked_again(demo: KnowledgeBase) -> None:
    one = with_answers(demo, TOPIC, {"requester": "patient"})
    asked = next_step(demo, one)

    again = next_step(demo, back(answer(demo, one, "platform", "professional")))

    assert isinstance(asked, Ask) and isinstance(again, Ask)
    assert again.question == asked.question


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param(["named", "met"], ("met", "named"), id="list-in-option-order"),
    pytest.param("verified, met", ("met", "verified"), id="comma-text"),
    pytest.param(("met", "met"), ("met",), id="duplicates"),
    pytest.param([], (), id="empty-list"),
    pytest.param("none", (), id="none-word"),
    pytest.param("", (), id="empty-text"),
    pytest.param(frozenset({"verified"}), ("verified",), id="set"),
])
def test_multi_answers_are_canonical(demo: KnowledgeBase, value: Any,
                                     expected: tuple[str, ...]) -> None:
    session = with_answers(demo, TOPIC, [("requester", "colleague"), ("signals", value)])

    assert session.get("signals") == expected


@pytest.mark.parametrize(("value", "expected"), [(True, "yes"), (False, "no"), ("yes", "yes")])
def test_yes_no_accepts_booleans(demo: KnowledgeBase, value: Any, expected: str) -> None:
    session = with_answers(demo, TOPIC, {"requester": "patient", "platform": "personal",
                                         "urgent": value})

    assert session.get("urgent") == expected


@pytest.mark.parametrize(("qid", "value", "message", "hint"), [
    pytest.param("requestor", "patient", "'requestor' is not a question of topic "
                 "'demo-requests'", "did you mean 'requester'?", id="unknown-question"),
    pytest.param("zzz", "patient", "'zzz' is not a question of topic 'demo-requests'",
                 "run `decision-aid topics` to see the questions of demo-requests",
                 id="far-question"),
    pytest.param("requester", "patent", "'patent' is not an option of 'requester'",
                 "did you mean 'patient'?", id="unknown-option"),
    pytest.param("requester", "zzz", "'zzz' is not an option of 'requester'",
                 "options: patient, colleague", id="far-option"),
    pytest.param("requester", True, "'True' is not an option of 'requester'",
                 "options: patient, colleague", id="boolean-on-single"),
    pytest.param("requester", ["patient"], "'['patient']' is not an option of 'requester'",
                 "did you mean 'patient'?", id="list-on-single"),
    pytest.param("signals", ["met", "nmaed"], "'nmaed' is not an option of 'signals'",
                 "did you mean 'named'?", id="unknown-multi-option"),
    pytest.param("signals", 3, "the answer to 'signals' must be a list of option ids", None,
                 id="number-on-multi"),
])
def test_invalid_answer_is_a_session_error_with_a_hint(
        demo: KnowledgeBase, qid: str, value: Any, message: str, hint: str | None) -> None:
    with pytest.raises(SessionError) as caught:
        answer(demo, start(demo, TOPIC), qid, value)

    assert (caught.value.message, caught.value.hint) == (message, hint)


@pytest.mark.parametrize(("qid", "value"), [
    pytest.param("requester", "x" * 50_000, id="long-single"),
    pytest.param("signals", ["met", "y" * 50_000], id="long-multi-option"),
    pytest.param("requester", {"k": ["z" * 9_000] * 5}, id="long-structure"),
    pytest.param("r" * 20_000, "patient", id="long-question-id"),
    pytest.param("requester", "pat\x1b[2Jient\n\u202e", id="escapes"),
])
def test_an_invalid_answer_is_quoted_briefly_and_plainly(demo: KnowledgeBase, qid: str,
                                                         value: Any) -> None:
    # issue 12 (answers files): a 50,000-character value in --answers came back whole in
    # the one-line error (and a click's value, whole, in the Slack note)
    with pytest.raises(SessionError) as caught:
        answer(demo, start(demo, TOPIC), qid, value)

    for text in (caught.value.message, caught.value.hint or ""):
        assert len(text) < 200 and len(text.splitlines()) <= 1, text[:300]
        assert not any(ord(c) < 32 or c == "\u202e" for c in text), text


def test_with_answers_takes_pairs_or_a_mapping(demo: KnowledgeBase) -> None:
    pairs = with_answers(demo, TOPIC, [("requester", "patient"), ("platform", "personal")])
    mapping = with_answers(demo, TOPIC, {"requester": "patient", "platform": "personal"})

    assert pairs == mapping


# -- validate ----------------------------------------------------------------------------------
def test_validate_returns_a_valid_session_unchanged(demo: KnowledgeBase) -> None:
    session = with_answers(demo, TOPIC, PATIENT_PATH)

    assert validate(demo, session) is session


@pytest.mark.parametrize(("session", "message"), [
    pytest.param(Session("nope", "1.0.0"), "unknown topic 'nope'", id="unknown-topic"),
    pytest.param(Session(TOPIC, "0.9.0"), "this interview was started on version 0.9.0 of "
                 "'demo-requests', which is now 1.0.0 (start the interview again)",
                 id="stale-version"),
    pytest.param(Session(TOPIC, "1.0.0", (("requester", "patient"), ("requester", "patient"))),
                 "question 'requester' is answered twice", id="answered-twice"),
    pytest.param(Session(TOPIC, "1.0.0", (("requester", "colleague"),
                                          ("signals", ("named", "met")))),
                 "the answer to 'signals' is not in canonical form", id="not-canonical"),
    pytest.param(Session(TOPIC, "1.0.0", (("requester", "colleague"),
                                          ("platform", "personal"))),
                 "the session answers a question that does not apply "
                 "(start the interview again)", id="does-not-apply"),
    pytest.param(Session(TOPIC, "1.0.0", (("requester", "friend"),)),
                 "'friend' is not an option of 'requester' (options: patient, colleague)",
                 id="unknown-option"),
    pytest.param(Session(TOPIC, "1.0.0", (("platfrom", "personal"),)),
                 "'platfrom' is not a question of topic 'demo-requests' "
                 "(did you mean 'platform'?)", id="unknown-question"),
])
def test_validate_refuses_with_a_clear_message(demo: KnowledgeBase, session: Session,
                                               message: str) -> None:
    with pytest.raises(SessionError) as caught:
        validate(demo, session)

    assert str(caught.value).startswith(message)


def test_an_exclusive_option_cannot_be_combined(demo: KnowledgeBase) -> None:
    session = answer(demo, start(demo, TOPIC), "requester", "colleague")

    with pytest.raises(SessionError) as error:
        answer(demo, session, "signals", ["met", "unsure"])
    alone = answer(demo, session, "signals", ["unsure"])

    assert str(error.value) == ("'unsure' cannot be combined with 'met' in 'signals' "
                                "(answer signals=unsure alone, or leave it out)")
    assert alone.get("signals") == ("unsure",)


# -- what a face needs: the answer to pre-select, and what a change dropped ---------------------
def test_going_back_keeps_the_answer_to_pre_select(demo: KnowledgeBase) -> None:
    two = with_answers(demo, TOPIC, {"requester": "patient", "platform": "personal"})
    stepped = back(back(two))

    assert stepped.previous("requester") == "patient"
    assert stepped.previous("platform") == "personal"
    again = answer(demo, stepped, "requester", "patient")
    assert again.ahead == (("platform", "personal"),) and again.dropped == ()


def test_a_different_answer_after_going_back_drops_what_no_longer_applies(
        demo: KnowledgeBase) -> None:
    three = with_answers(demo, TOPIC, {"requester": "patient", "platform": "personal",
                                       "urgent": "no"})
    stepped = back(back(back(three)))
    changed = answer(demo, stepped, "requester", "colleague")

    assert changed.answers == (("requester", "colleague"),)
    assert changed.dropped == ("platform", "urgent")
    assert changed.ahead == ()
    assert answer(demo, changed, "signals", ["met"]).dropped == ()  # the note is said once


def test_changing_an_answer_in_place_reports_the_answers_it_removed(
        demo: KnowledgeBase) -> None:
    three = with_answers(demo, TOPIC, {"requester": "patient", "platform": "personal",
                                       "urgent": "no"})
    changed = answer(demo, three, "requester", "colleague")

    assert changed.answers == (("requester", "colleague"),)
    assert changed.dropped == ("platform", "urgent")


def test_answers_the_old_answer_had_already_ruled_out_are_forgotten_without_a_note(
        demo: KnowledgeBase) -> None:
    """Back over a colleague's signals, over to patient, then back again: the signals were
    already out of the picture, so choosing "colleague" again offers them, and choosing
    "patient" forgets them silently."""
    colleague = with_answers(demo, TOPIC, {"requester": "colleague", "signals": ["met"]})
    stepped = back(back(colleague))
    assert stepped.previous("signals") == ("met",)

    again = answer(demo, stepped, "requester", "colleague")
    assert again.previous("signals") == ("met",) and again.dropped == ()
    patient = answer(demo, stepped, "requester", "patient")
    assert patient.dropped == ("signals",) and patient.ahead == ()


def test_an_untrusted_session_with_a_bad_remembered_answer_is_refused(
        demo: KnowledgeBase) -> None:
    one = with_answers(demo, TOPIC, {"requester": "patient"})
    with pytest.raises(SessionError, match="not an option"):
        validate(demo, dataclasses.replace(one, ahead=(("platform", "nowhere"),)))
    with pytest.raises(SessionError, match="answered twice"):
        validate(demo, dataclasses.replace(one, ahead=(("requester", "colleague"),)))
    with pytest.raises(SessionError, match="not a question here"):
        validate(demo, dataclasses.replace(one, dropped=("nope",)))
