"""Properties of the engine, sessions and codec, on the demo pack and on random small packs."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from packtext import DEMO_RULES

from decision_aid.core import (
    Ask,
    Conclude,
    KnowledgeBase,
    Layer,
    Question,
    QuestionKind,
    Session,
    SessionError,
    Topic,
    answer,
    back,
    decode_session,
    encode_session,
    load,
    next_step,
    start,
    validate,
    with_answers,
)
from decision_aid.core._build import build_topic
from decision_aid.core._yamlsafe import read_yaml

SETTINGS = settings(max_examples=30, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
KEY = b"property-key"


@cache
def demo() -> KnowledgeBase:
    return load([Layer("demo", (DEMO_RULES,))]).unwrap()


# -- random small packs ------------------------------------------------------------------------
KINDS = ("single", "multi", "yes_no")


def _options(kind: str, count: int) -> list[str]:
    return ["yes", "no"] if kind == "yes_no" else [f"o{i}" for i in range(count)]


@st.composite
def leaves(draw: st.DrawFn, facts: dict[str, tuple[str, list[str]]]) -> dict[str, Any]:
    fact = draw(st.sampled_from(sorted(facts)))
    kind, options = facts[fact]
    if kind == "count":
        op = draw(st.sampled_from(["eq", "gt", "gte", "lt", "lte"]))
        return {"fact": fact, op: draw(st.integers(0, len(options)))}
    if kind == "multi":
        op = draw(st.sampled_from(["has", "has_any", "has_all"]))
    else:
        op = draw(st.sampled_from(["is", "is_not", "in", "not_in"]))
    if op in ("is", "is_not", "has"):
        return {"fact": fact, op: draw(st.sampled_from(options))}
    chosen = draw(st.lists(st.sampled_from(options), min_size=1, max_size=len(options),
                           unique=True))
    return {"fact": fact, op: chosen}


def conditions(facts: dict[str, tuple[str, list[str]]]) -> st.SearchStrategy[dict[str, Any]]:
    def extend(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
        some = st.lists(children, min_size=1, max_size=3)
        return st.one_of(
            some.map(lambda cs: {"all": cs}),
            some.map(lambda cs: {"any": cs}),
            children.map(lambda c: {"not": c}),
            some.flatmap(lambda cs: st.integers(0, len(cs)).map(
                lambda n: {"at_least": n, "of": cs})),
        )

    return st.recursive(leaves(facts), extend, max_leaves=4)


class Pack:
    """A knowledge base with one topic to drive; its repr is the pack text, for shrinking."""

    def __init__(self, kb: KnowledgeBase, topic_id: str, text: str) -> None:
        self.kb, self.topic_id, self.text = kb, topic_id, text

    def __iter__(self) -> Any:
        return iter((self.kb, self.topic_id))

    def __repr__(self) -> str:
        return f"Pack({self.text})"


@st.composite
def random_topics(draw: st.DrawFn) -> tuple[Topic, str]:
    """A small topic: 2–4 questions (relevance on earlier ones), maybe a count, a fallback."""
    questions: list[dict[str, Any]] = []
    facts: dict[str, tuple[str, list[str]]] = {}
    for i in range(draw(st.integers(2, 4))):
        kind = draw(st.sampled_from(KINDS))
        options = _options(kind, draw(st.integers(2, 3)))
        question: dict[str, Any] = {"id": f"q{i}", "prompt": "P", "why": "W", "kind": kind}
        if kind != "yes_no":
            question["options"] = [{"id": o, "label": o.upper()} for o in options]
        if facts and draw(st.booleans()):
            question["relevant"] = draw(leaves(dict(facts)))
        questions.append(question)
        facts[f"q{i}"] = (kind, options)
    derived = []
    if draw(st.booleans()):
        counted = draw(st.lists(leaves(dict(facts)), min_size=1, max_size=3))
        derived.append({"id": "n", "count": counted})
        facts["n"] = ("count", [str(i) for i in range(len(counted))])
    rules = []
    for i in range(draw(st.integers(1, 4))):
        rules.append({"id": f"r{i}", "priority": draw(st.integers(1, 9)),
                      "when": draw(conditions(facts)),
                      "verdict": draw(st.sampled_from(["avoid", "caution", "acceptable"]))})
    rules.append({"id": "fallback", "priority": 0, "verdict": "caution"})
    for rule in rules:
        rule.update({"headline": "H", "reasons": ["R"], "actions": ["A"],
                     "sources": ["demo-source"], "limits": "L",
                     "evidence": {"strength": "strong", "certainty": "high",
                                  "scale": "GRADE", "basis": "expert-opinion"}})
    data = {"topic": {"id": "random", "title": "Random", "summary": "S", "decision": "D",
                      "version": "1.0", "reviewed": "2026-01-01"},
            "questions": questions, "derived": derived, "rules": rules}
    text = json.dumps({k: v for k, v in data.items() if k != "topic"})
    doc, problems = read_yaml("random.yaml", json.dumps(data))
    assert problems == []
    topic, problems = build_topic(doc, "random")
    assert problems == [], [p.format() for p in problems]
    assert topic is not None
    return topic, text


@st.composite
def packs(draw: st.DrawFn) -> Pack:
    """The demo pack or a random one, with its topic id."""
    if draw(st.booleans()):
        return Pack(demo(), "demo-requests", "examples/rules")
    topic, text = draw(random_topics())
    return Pack(KnowledgeBase(topics={topic.id: topic}, sources=demo().sources), topic.id, text)


def values(draw: st.DrawFn, question: Question) -> Any:
    options = question.option_ids
    if question.kind is QuestionKind.MULTI:
        picked = st.lists(st.sampled_from(options), unique=True, max_size=len(options))
        return draw(picked.filter(lambda c: question.clash(c) is None))
    return draw(st.sampled_from(options))


def drive(draw: st.DrawFn, kb: KnowledgeBase, topic_id: str
          ) -> tuple[list[tuple[Session, Ask]], Conclude]:
    """Answer each asked question with a drawn option until the engine concludes."""
    session = start(kb, topic_id)
    path: list[tuple[Session, Ask]] = []
    for _ in range(len(kb.topics[topic_id].questions) + 1):
        step = next_step(kb, session)
        if isinstance(step, Conclude):
            return path, step
        path.append((session, step))
        q = step.question
        session = answer(kb, session, q.id, values(draw, q))
    raise AssertionError(f"no result after answering every question: {session.answers}")


# -- properties --------------------------------------------------------------------------------
@SETTINGS
@given(packs(), st.data())
def test_any_valid_answer_sequence_ends_in_a_result(pack: Pack,
                                                    data: st.DataObject) -> None:
    kb, topic_id = pack
    path, end = drive(data.draw, kb, topic_id)

    asked = [ask.question.id for _, ask in path]
    assert len(asked) == len(set(asked)) <= len(kb.topics[topic_id].questions)
    assert [a.id for a in end.result.asked] == asked
    for session, ask in path:
        assert ask.question.id not in session.answered
        assert ask.number == len(session.answers) + 1
        assert ask.number <= len(path) <= ask.at_most, (ask.question.id, ask.at_most)


@st.composite
def worlds(draw: st.DrawFn, kb: KnowledgeBase, topic_id: str) -> dict[str, Any]:
    """An answer for every question of the topic (relevant or not)."""
    return {q.id: values(draw, q) for q in kb.topics[topic_id].questions}


@SETTINGS
@given(packs(), st.data())
def test_result_does_not_depend_on_answer_order(pack: Pack,
                                                data: st.DataObject) -> None:
    kb, topic_id = pack
    world = data.draw(worlds(kb, topic_id))
    in_order = with_answers(kb, topic_id, world)
    relevant = list(in_order.as_dict().items())
    shuffled = data.draw(st.permutations(relevant))
    everything = data.draw(st.permutations(list(world.items())))

    results = [next_step(kb, s) for s in (in_order, with_answers(kb, topic_id, shuffled),
                                            with_answers(kb, topic_id, everything))]

    assert all(isinstance(r, Conclude) for r in results)
    assert len({(r.result.rule, r.result.verdict) for r in results}) == 1  # type: ignore[union-attr]


@SETTINGS
@given(packs(), st.data())
def test_driving_the_engine_agrees_with_answering_everything(pack: Pack,
                                                             data: st.DataObject) -> None:
    kb, topic_id = pack
    world = data.draw(worlds(kb, topic_id))
    session = start(kb, topic_id)
    step = next_step(kb, session)
    while isinstance(step, Ask):
        session = answer(kb, session, step.question.id, world[step.question.id])
        step = next_step(kb, session)

    full = next_step(kb, with_answers(kb, topic_id, world))

    assert isinstance(full, Conclude)
    assert step.result.rule == full.result.rule


@SETTINGS
@given(packs(), st.data())
def test_a_conclusion_from_some_answers_holds_for_every_world_with_them(
        pack: Pack, data: st.DataObject) -> None:
    kb, topic_id = pack
    world = data.draw(worlds(kb, topic_id))
    given_answers = data.draw(st.lists(st.sampled_from(sorted(world)), unique=True))

    partial = next_step(kb, with_answers(kb, topic_id, [(q, world[q]) for q in given_answers]))
    full = next_step(kb, with_answers(kb, topic_id, world))

    assert isinstance(full, Conclude)
    if isinstance(partial, Conclude):
        assert partial.result.rule == full.result.rule, (given_answers, world)


@SETTINGS
@given(packs(), st.data())
def test_back_then_forward_returns_the_same_state(pack: Pack,
                                                  data: st.DataObject) -> None:
    kb, topic_id = pack
    path, end = drive(data.draw, kb, topic_id)
    states = [s for s, _ in path] + [end.session]

    for i, (session, ask) in enumerate(path):
        stepped = back(states[i + 1])
        qid, given_answer = states[i + 1].answers[-1]
        assert stepped.answers == session.answers
        assert stepped.previous(qid) == given_answer  # pre-selected when asked again
        again = next_step(kb, stepped)
        assert isinstance(again, Ask)
        assert (again.question, again.number, again.at_most) == (
            ask.question, ask.number, ask.at_most)
        assert answer(kb, stepped, qid, given_answer) == states[i + 1]


def _walk_back_and_forth(kb: KnowledgeBase, end: Session, codec: Callable[[Session], Session]
                         ) -> list[tuple[Session, str | None]]:
    """Back to the start, then forward again with each pre-selected answer; every state
    passes through `codec` (identity, or encode then decode) and is recorded with the
    question the engine asks next."""
    steps: list[tuple[Session, str | None]] = []
    session = codec(end)

    def record(s: Session) -> None:
        step = next_step(kb, s)
        steps.append((s, step.question.id if isinstance(step, Ask) else None))

    while session.answers:
        session = codec(back(session))
        record(session)
    while True:
        step = next_step(kb, session)
        if not isinstance(step, Ask):
            return steps
        previous = session.previous(step.question.id)
        assert previous is not None, step.question.id
        session = codec(answer(kb, session, step.question.id, previous))
        record(session)


@SETTINGS
@given(packs(), st.data(), st.sampled_from([None, KEY]))
def test_back_and_forward_through_the_codec_gives_the_steps_in_memory(
        pack: Pack, data: st.DataObject, key: bytes | None) -> None:
    kb, topic_id = pack
    _, end = drive(data.draw, kb, topic_id)

    in_memory = _walk_back_and_forth(kb, end.session, lambda s: s)
    through_codec = _walk_back_and_forth(
        kb, end.session, lambda s: decode_session(encode_session(s, key=key), kb, key=key))

    assert through_codec == in_memory
    assert (in_memory[-1][0].answers if in_memory else ()) == end.session.answers


@SETTINGS
@given(packs(), st.data(), st.sampled_from([None, KEY]))
def test_serialized_state_round_trips(pack: Pack, data: st.DataObject,
                                      key: bytes | None) -> None:
    kb, topic_id = pack
    path, end = drive(data.draw, kb, topic_id)

    for session in [s for s, _ in path] + [end.session]:
        text = encode_session(session, key=key)
        assert decode_session(text, kb, key=key) == session


@st.composite
def mutations(draw: st.DrawFn, text: str) -> str:
    how = draw(st.sampled_from(["replace", "insert", "delete"]))
    i = draw(st.integers(0, len(text) - 1))
    char = draw(st.characters())
    if how == "replace":
        return text[:i] + char + text[i + 1:]
    if how == "insert":
        return text[:i] + char + text[i:]
    return text[:i] + text[i + 1:]


@SETTINGS
@given(packs(), st.data())
def test_tampered_signed_state_is_refused_with_a_session_error(
        pack: Pack, data: st.DataObject) -> None:
    kb, topic_id = pack
    _, end = drive(data.draw, kb, topic_id)
    text = encode_session(end.session, key=KEY)
    tampered = data.draw(mutations(text))
    assume(tampered != text)

    try:
        decode_session(tampered, kb, key=KEY)
    except SessionError:
        return
    raise AssertionError(f"accepted a tampered state: {tampered!r}")


@SETTINGS
@given(packs(), st.data())
def test_unsigned_mutations_are_refused_or_valid(pack: Pack,
                                                 data: st.DataObject) -> None:
    kb, topic_id = pack
    _, end = drive(data.draw, kb, topic_id)
    tampered = data.draw(mutations(encode_session(end.session)))

    try:
        session = decode_session(tampered, kb)
    except SessionError:
        return
    assert validate(kb, session) == session
    assert isinstance(next_step(kb, session), Ask | Conclude)


@SETTINGS
@given(packs(), st.data())
def test_the_same_state_always_gives_the_same_result(pack: Pack,
                                                     data: st.DataObject) -> None:
    kb, topic_id = pack
    path, end = drive(data.draw, kb, topic_id)

    for session in [s for s, _ in path] + [end.session]:
        rebuilt = with_answers(kb, topic_id, session.answers)
        assert rebuilt == session
        assert next_step(kb, session) == next_step(kb, session) == next_step(kb, rebuilt)
