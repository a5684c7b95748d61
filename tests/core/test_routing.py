"""Tests for free-text routing (decision_aid.core.routing).

The corpus test prints top-1/top-3 accuracy (overall, per split and per topic), every miss
and prefill recall; the leave-one-out test prints how many of the packs' own triggers route
home when removed from their pack. Run

    .venv/bin/pytest tests/core/test_routing.py -q -k "corpus or left_out"

and read the "routing corpus" and "leave-one-trigger-out" lines. Both need the real packs
(they skip, saying why, until those load); the mechanics are tested on small packs built here
and on the example pack regardless.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from decision_aid.core import (
    KnowledgeBase,
    Layer,
    Option,
    Question,
    QuestionKind,
    Topic,
    default_layers,
    load,
    routing,
)
from decision_aid.core.routing import Prefill, TopicMatch, confident, normalise, prefill, route

CORPUS_PATH = Path(__file__).resolve().parent.parent / "data" / "routing_corpus.yaml"
VOCABULARY_PATH = Path(__file__).resolve().parents[2] / "content" / "vocabulary.yaml"
VOCABULARY = load([Layer("vocabulary", (VOCABULARY_PATH,))]).unwrap().vocabulary
"""The built-in routing vocabulary, which the small packs below use too."""
REAL_TOPICS = frozenset({
    "friend-requests", "patient-contact", "posting-cases", "online-reviews",
    "patient-lookup", "peer-trust", "colleague-conduct",
})
TOP1_GOAL, TOP3_GOAL = 0.90, 0.98
"""Goals on the splits the router is tuned on."""
HOLDOUT_FLOOR = 0.75, 0.85
"""Held-out splits are never tuned on: their floor only catches a collapse."""


# --------------------------------------------------------------------------------------------
# Small packs built in code
# --------------------------------------------------------------------------------------------


def _option(option_id: str, *phrases: str) -> Option:
    return Option(option_id, option_id.replace("_", " "), tuple(phrases))


def _question(qid: str, kind: str, *options: Option) -> Question:
    return Question(qid, f"{qid}?", "Because.", QuestionKind(kind), tuple(options))


def _topic(tid: str, title: str, triggers: list[str], *questions: Question,
           summary: str = "") -> Topic:
    return Topic(id=tid, title=title, summary=summary or title, decision="What now?",
                 version="1.0.0", reviewed="2026-01-01", review_due=None,
                 triggers=tuple(triggers), questions=tuple(questions), derived=(), rules=())


def _kb(*topics: Topic) -> KnowledgeBase:
    return KnowledgeBase(topics=MappingProxyType({t.id: t for t in topics}),
                         sources=MappingProxyType({}), vocabulary=VOCABULARY)


REQUESTS = _topic(
    "requests", "Friend and follow requests",
    ["patient sent me a friend request", "patient wants to connect on linkedin",
     "patient followed me on instagram", "should I accept a request from a patient"],
    _question("requester", "single",
              _option("current_patient", "my patient", "current patient"),
              _option("former_patient", "former patient", "used to be my patient"),
              _option("relative", "patient's mum", "patient's dad", "carer")),
    _question("platform", "single", _option("facebook", "facebook"),
              _option("linkedin", "linkedin")),
    _question("signals", "multi", _option("met", "we met"), _option("named", "real name"),
              _option("verified", "on the register")),
    _question("urgent", "yes_no", Option("yes", "Yes"), Option("no", "No")),
    summary="A patient or relative asks to connect with you on social media.",
)
MESSAGES = _topic(
    "messages", "Patients messaging you",
    ["patient messaged me on facebook", "patient texted my personal phone",
     "patient asked for results over whatsapp", "patient emailed me a question"],
)
REVIEWS = _topic(
    "reviews", "Online reviews",
    ["patient left a bad review", "negative yelp review", "reply to a one star rating"],
)
LOOKUP = _topic(
    "lookup", "Looking up patients",
    ["should I google my patient", "search for a patient on social media",
     "stalking a patient online"],
)
SMALL = _kb(REQUESTS, MESSAGES, REVIEWS, LOOKUP)


def _ids(matches: list[TopicMatch]) -> list[str]:
    return [m.topic.id for m in matches]


def _require_real_kb() -> KnowledgeBase:
    result = load(default_layers())
    if result.kb is None:
        errors = "; ".join(p.format() for p in result.errors[:3])
        pytest.skip(f"the real packs do not load yet ({len(result.errors)} errors: {errors})")
    missing = sorted(REAL_TOPICS - set(result.kb.topics))
    if missing:
        pytest.skip(f"the real packs are not all written yet (missing {', '.join(missing)})")
    return result.kb


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("My PT's Mum added me on Insta!!", "my patient parent added me on instagram",
                 id="abbreviations-and-possessive"),
    pytest.param("fb", "facebook", id="fb"),
    pytest.param("IG", "instagram", id="ig"),
    pytest.param("DM'd me", "direct messaged me", id="dm-d"),
    pytest.param("slid into my DMs", "direct messaged", id="slid-into-dms"),
    pytest.param("X-ray", "xray", id="x-ray"),
    pytest.param("x ray", "xray", id="x-space-ray"),
    pytest.param("can I tweet this", "can i twitter post this", id="tweet"),
    pytest.param("pt whatsapped me", "patient messaged on whatsapp me", id="whatsapped"),
    pytest.param("on WA", "on whatsapp", id="wa"),
    pytest.param("dad", "parent", id="dad"),
    pytest.param("Mom", "parent", id="mom"),
    pytest.param("friended me", "friend requested me", id="friended"),
    pytest.param("a nasty Google review", "a nasty online review", id="google-review"),
    pytest.param("googled her", "googled her", id="googled-kept"),
    pytest.param("1-star", "one star rating", id="one-star"),
    pytest.param("ex-patient", "former patient", id="ex-patient"),
    pytest.param("an old pt", "an former patient", id="old-patient"),
    pytest.param("look him up", "search him", id="look-up"),
    pytest.param("came into A&E", "came into ed", id="a-and-e"),
    pytest.param("on X", "on twitter", id="x-platform"),
    pytest.param("OR selfie", "operating room selfie", id="or-selfie"),
    pytest.param("pic or photo", "photo or photo", id="or-conjunction"),
    pytest.param("another doctor", "colleague", id="another-doctor"),
    pytest.param("team WhatsApp", "group chat", id="team-whatsapp"),
    pytest.param("café “quotes” — dashes", "cafe quotes dashes", id="accents-punctuation"),
    pytest.param("   ", "", id="blank"),
    pytest.param("local mums Facebook group", "local community group", id="community-group"),
    pytest.param("our town's community page", "our town community group", id="community-page"),
    pytest.param("on Nextdoor", "on community group", id="nextdoor"),
    pytest.param("the ward WhatsApp", "the group chat", id="ward-chat-stays-team"),
    pytest.param("an account I don't know", "an unknown account", id="unknown-account"),
    pytest.param("a doctor I've never heard of", "a unknown account", id="never-heard-of"),
    pytest.param("slagging me off", "complaining about me", id="slagging-off"),
])
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text, VOCABULARY) == expected


def test_normalise_is_idempotent_on_pack_vocabulary() -> None:
    once = normalise("Patient's mum DM'd me about an X-ray on FB", VOCABULARY)
    assert normalise(once, VOCABULARY) == once


@pytest.mark.parametrize(("word", "stem"), [
    ("identified", "identify"), ("identifies", "identify"), ("texted", "text"),
    ("messaging", "messag"), ("posts", "post"), ("stopped", "stop"), ("gp", "gp"),
])
def test_light_stem(word: str, stem: str) -> None:
    from decision_aid.core.routing._stem import light_stem

    assert light_stem(word) == stem


def test_normalise_without_a_vocabulary_only_folds() -> None:
    assert normalise("My PT's Mum DM'd me on Insta!") == "my pt mum dmd me on insta"


# --------------------------------------------------------------------------------------------
# route(): mechanics
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "?!... --", "what should I do?", "qwzx plorf",
                                  "\x00\x01", "🙂🙂"])
def test_empty_or_meaningless_text_routes_nowhere(text: str) -> None:
    assert route(SMALL, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("my pt's mum added me on fb", "requests", id="slang-request"),
    pytest.param("an ex-patient wants to link up on LinkedIn", "requests", id="linkedin"),
    pytest.param("pt DM'd me on FB about her bloods", "messages", id="dm"),
    pytest.param("someone trashed me on yelp", "reviews", id="yelp"),
    pytest.param("is googling a pt ok", "lookup", id="googling"),
    pytest.param("patient snet me a frend request", "requests", id="typos"),
])
def test_route_ranks_the_right_topic_first(text: str, expected: str) -> None:
    matches = route(SMALL, text)
    assert _ids(matches)[0] == expected


def test_route_on_the_example_pack(demo: KnowledgeBase) -> None:
    matches = route(demo, "I got a demo request from my patient")
    assert _ids(matches) == ["demo-requests"]
    assert 0.0 < matches[0].score <= 100.0
    assert matches[0].prefill == (Prefill("requester", "patient", "my patient"),)
    assert route(demo, "") == []


def test_route_respects_limit() -> None:
    text = "patient messaged me after a bad review and a friend request"
    assert len(route(SMALL, text, limit=1)) == 1
    assert len(route(SMALL, text, limit=10)) <= len(SMALL.topics)
    assert route(SMALL, text, limit=0) == []


def test_route_scores_are_sorted_and_bounded() -> None:
    matches = route(SMALL, "patient messaged me a friend request on facebook", limit=4)
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 100.0 for s in scores)


def test_route_prefills_each_match() -> None:
    [best, *_] = route(SMALL, "my patient's mum sent a request on facebook")
    assert best.topic.id == "requests"
    assert best.prefill == (Prefill("requester", "relative", "patient's mum"),
                            Prefill("platform", "facebook", "facebook"))


def test_index_is_cached_per_knowledge_base() -> None:
    first = routing._index(SMALL)
    assert routing._index(SMALL) is first
    other = _kb(REQUESTS, MESSAGES)
    assert routing._index(other) is not first
    assert routing._index(SMALL) is first


def test_route_keeps_no_text() -> None:
    route(SMALL, "warm up the caches about a patient message")
    phrases_cached = routing._phrase_words.cache_info().currsize
    route(SMALL, "zyxwv patient messaged me about her bloods")
    assert "zyxwv" not in repr(routing._CACHE)
    assert routing._phrase_words.cache_info().currsize == phrases_cached


# --------------------------------------------------------------------------------------------
# prefill()
# --------------------------------------------------------------------------------------------


def test_prefill_returns_the_pack_phrase_not_the_users_words() -> None:
    assert prefill(REQUESTS, "MY PT added me", vocabulary=VOCABULARY) == (
        Prefill("requester", "current_patient", "my patient"),)


def test_prefill_needs_whole_words() -> None:
    assert prefill(REQUESTS, "an inpatient on my ward", vocabulary=VOCABULARY) == ()
    assert prefill(REQUESTS, "the caretaker of the building", vocabulary=VOCABULARY) == ()


def test_prefill_single_choice_with_two_options_fills_neither() -> None:
    assert prefill(REQUESTS, "on facebook and linkedin", vocabulary=VOCABULARY) == ()


def test_prefill_longer_phrase_wins_over_one_inside_it() -> None:
    text = "he used to be my patient"
    assert prefill(REQUESTS, text, vocabulary=VOCABULARY) == (
        Prefill("requester", "former_patient", "used to be my patient"),)


def test_prefill_possessive_means_the_relative() -> None:
    assert prefill(REQUESTS, "my patient's dad", vocabulary=VOCABULARY) == (
        Prefill("requester", "relative", "patient's dad"),)
    # without the apostrophe both readings remain, so nothing is filled
    assert prefill(REQUESTS, "my patients dad", vocabulary=VOCABULARY) == ()


def test_prefill_skips_negated_phrases() -> None:
    assert prefill(REQUESTS, "she was never my patient", vocabulary=VOCABULARY) == ()
    assert prefill(REQUESTS, "not on facebook, on linkedin", vocabulary=VOCABULARY) == (
        Prefill("platform", "linkedin", "linkedin"),)


def test_prefill_multi_choice_takes_every_match() -> None:
    found = prefill(REQUESTS, "we met and they use their real name", vocabulary=VOCABULARY)
    assert found == (Prefill("signals", "met", "we met"), Prefill("signals", "named", "real name"))


def test_prefill_allows_common_words_inside_a_phrase() -> None:
    assert prefill(REQUESTS, "he is on the register", vocabulary=VOCABULARY) == (
        Prefill("signals", "verified", "on the register"),)
    # "we met": one content word only
    assert prefill(REQUESTS, "we have met before", vocabulary=VOCABULARY) == ()
    topic = _topic("t", "T", [], _question("q", "single", _option("bio", "md in bio")))
    assert prefill(topic, "an MD in the bio", vocabulary=VOCABULARY) == (
        Prefill("q", "bio", "md in bio"),)
    assert prefill(topic, "an MD, not in any bio", vocabulary=VOCABULARY) == ()


def test_prefill_compound_phrases_match_in_any_order() -> None:
    topic = _topic("t", "T", [], _question("channel", "single", _option("dm", "instagram dm")),
                   _question("sender", "single", _option("patient", "patient messaged me")))
    assert prefill(topic, "she DM'd me on Instagram", vocabulary=VOCABULARY) == (
        Prefill("channel", "dm", "instagram dm"),)
    assert prefill(topic, "a DM about her scan, then I checked Instagram",
                   vocabulary=VOCABULARY) == ()  # other words between: not one phrase
    # a phrase with common words keeps its order: here the doctor wrote, not the patient
    assert prefill(topic, "I messaged a patient", vocabulary=VOCABULARY) == ()
    assert prefill(topic, "a patient messaged me", vocabulary=VOCABULARY) == (
        Prefill("sender", "patient", "patient messaged me"),)


def test_prefill_empty_text() -> None:
    assert prefill(REQUESTS, "", vocabulary=VOCABULARY) == ()
    assert prefill(REQUESTS, "?!", vocabulary=VOCABULARY) == ()


# --------------------------------------------------------------------------------------------
# confident()
# --------------------------------------------------------------------------------------------


def _matches(*scores: float) -> list[TopicMatch]:
    return [TopicMatch(REQUESTS, s, ()) for s in scores]


@pytest.mark.parametrize(("scores", "expected"), [
    pytest.param((), False, id="nothing"),
    pytest.param((90.0,), True, id="alone-and-high"),
    pytest.param((90.0, 40.0), True, id="clearly-ahead"),
    pytest.param((90.0, 85.0), False, id="close-second"),
    pytest.param((30.0,), False, id="low"),
    pytest.param((30.0, 2.0), False, id="low-but-ahead"),
])
def test_confident(scores: tuple[float, ...], expected: bool) -> None:
    assert confident(_matches(*scores)) is expected


def test_confident_on_clear_and_vague_text() -> None:
    assert confident(route(SMALL, "my patient sent me a friend request on facebook"))
    assert not confident(route(SMALL, "patient"))


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

_WORDS = sorted({w for t in SMALL.topics.values() for s in t.triggers for w in s.split()}
                | {"pt", "fb", "dm", "mum", "x-ray", "insta", "'s", "wa", "googled", "OR",
                   "not", "never", "A&E", "on X", "1-star"})
_TEXT = st.text(max_size=300) | st.lists(st.sampled_from(_WORDS), max_size=25).map(" ".join)
_KBS = [SMALL, _kb(REQUESTS), _kb(_topic("empty", "", []))]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, which=st.integers(0, len(_KBS) - 1), limit=st.integers(0, 6))
def test_route_never_raises_and_is_well_formed(text: str, which: int, limit: int) -> None:
    matches = route(_KBS[which], text, limit=limit)
    assert len(matches) <= limit
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 100.0 for s in scores)
    assert len({m.topic.id for m in matches}) == len(matches)
    for match in matches:
        options = {(q.id, o.id) for q in match.topic.questions for o in q.options}
        assert all((p.question, p.option) in options for p in match.prefill)


@settings(max_examples=200, deadline=None)
@given(text=_TEXT)
def test_prefill_and_normalise_never_raise(text: str) -> None:
    normalise(text, VOCABULARY)
    found = prefill(REQUESTS, text, vocabulary=VOCABULARY)
    single = [p.question for p in found if p.question != "signals"]
    assert len(single) == len(set(single))


def test_long_text_is_bounded() -> None:
    matches = route(SMALL, "patient friend request " * 10_000)
    assert _ids(matches)[0] == "requests"


# --------------------------------------------------------------------------------------------
# The routing corpus
# --------------------------------------------------------------------------------------------


def _corpus() -> list[dict[str, Any]]:
    data = yaml.safe_load(CORPUS_PATH.read_text(encoding="utf-8"))
    cases = data["cases"]
    assert isinstance(cases, list)
    return cases


def test_corpus_is_big_enough_and_balanced() -> None:
    cases = _corpus()
    assert len(cases) >= 70
    per_topic: dict[str, int] = defaultdict(int)
    for case in cases:
        assert set(case) <= {"text", "topic", "prefill", "split", "batch"}, case
        assert case["topic"] in REAL_TOPICS, case
        assert case.get("split", "dev") in {"dev", "holdout"}, case
        per_topic[case["topic"]] += 1
    assert set(per_topic) == REAL_TOPICS
    assert min(per_topic.values()) >= 8, dict(per_topic)
    texts = [normalise(c["text"], VOCABULARY) for c in cases]
    assert len(texts) == len(set(texts)), "duplicate corpus entries"


def test_corpus_does_not_copy_triggers() -> None:
    """A corpus entry that repeats a trigger measures nothing; keep them apart."""
    kb = _require_real_kb()
    triggers = [(t.id, normalise(s, kb.vocabulary)) for t in kb.topics.values()
                for s in t.triggers]
    copies = [
        (case["text"], topic_id, trigger)
        for case in _corpus()
        for topic_id, trigger in triggers
        if fuzz.ratio(normalise(case["text"], kb.vocabulary), trigger) >= 90
    ]
    assert not copies, f"corpus entries that nearly repeat a trigger: {copies}"


def test_corpus_accuracy_on_the_real_packs(capsys: pytest.CaptureFixture[str]) -> None:
    kb = _require_real_kb()
    cases = _corpus()
    per_topic: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    per_split: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: list[str] = []
    prefill_missing: list[str] = []
    prefill_wrong: list[str] = []
    prefill_expected = prefill_found = 0
    confident_right = confident_wrong = 0
    for case in cases:
        matches = route(kb, case["text"])
        ids = _ids(matches)
        top1, top3 = ids[:1] == [case["topic"]], case["topic"] in ids
        split = f"{case.get('split', 'dev')} batch {case.get('batch', 1)}"
        for tally in (per_topic[case["topic"]], per_split[split]):
            tally[0] += 1
            tally[1] += top1
            tally[2] += top3
        if confident(matches):
            confident_right += top1
            confident_wrong += not top1
        if not top1:
            ranked = ", ".join(f"{m.topic.id} {m.score:.0f}" for m in matches) or "nothing"
            misses.append(f"{'top-3' if top3 else 'MISS '} [{case['topic']}] "
                          f"{case['text']!r} -> {ranked}")
        expected = case.get("prefill") or {}
        got = prefill(kb.topics[case["topic"]], case["text"], vocabulary=kb.vocabulary)
        answers: dict[str, set[str]] = defaultdict(set)
        for found in got:
            answers[found.question].add(found.option)
        for question, option in expected.items():
            prefill_expected += 1
            prefill_found += option in answers.get(question, set())
            if option not in answers.get(question, set()):
                (prefill_wrong if question in answers else prefill_missing).append(
                    f"{case['text']!r}: {question}={option}, got {sorted(answers[question])}")
    n = len(cases)
    top1_rate = sum(t[1] for t in per_topic.values()) / n
    top3_rate = sum(t[2] for t in per_topic.values()) / n
    with capsys.disabled():
        print(f"\nrouting corpus: {n} cases, top-1 {top1_rate:.3f}, top-3 {top3_rate:.3f} "
              f"(goals on dev {TOP1_GOAL}, {TOP3_GOAL}; held-out floor {HOLDOUT_FLOOR})")
        for split, (count, one, three) in sorted(per_split.items()):
            print(f"  split {split:16} {count:3}  top-1 {one / count:.3f}  "
                  f"top-3 {three / count:.3f}")
        for topic_id, (count, one, three) in sorted(per_topic.items()):
            print(f"  {topic_id:18} {count:3}  top-1 {one}/{count}  top-3 {three}/{count}")
        print(f"  confident(): {confident_right} right, {confident_wrong} wrong "
              f"of {n} (the rest ask which topic)")
        for line in misses:
            print(f"  {line}")
        print(f"  prefill: {prefill_found}/{prefill_expected} expected answers found, "
              f"{len(prefill_wrong)} contradicted")
        for line in prefill_wrong:
            print(f"  prefill WRONG: {line}")
        for line in prefill_missing:
            print(f"  prefill missing: {line}")
    for split, (count, one, three) in per_split.items():
        top1_goal, top3_goal = HOLDOUT_FLOOR if split.startswith("holdout") else (
            TOP1_GOAL, TOP3_GOAL)
        assert one / count >= top1_goal and three / count >= top3_goal, (split, misses)
    assert not prefill_wrong, prefill_wrong


def test_pack_triggers_route_home_when_left_out(capsys: pytest.CaptureFixture[str]) -> None:
    """Each trigger, removed from its pack, should still route to its topic: a measure of
    how well the packs separate that uses text nobody wrote for the router."""
    kb = _require_real_kb()
    total = home = 0
    misses: list[str] = []
    for topic in kb.topics.values():
        for trigger in topic.triggers:
            rest = dataclasses.replace(topic, triggers=tuple(t for t in topic.triggers
                                                             if t != trigger))
            topics = {**kb.topics, topic.id: rest}
            matches = route(KnowledgeBase(topics=MappingProxyType(topics), sources=kb.sources,
                                          vocabulary=kb.vocabulary), trigger)
            total += 1
            if _ids(matches)[:1] == [topic.id]:
                home += 1
            else:
                ranked = ", ".join(f"{m.topic.id} {m.score:.0f}" for m in matches)
                misses.append(f"[{topic.id}] {trigger!r} -> {ranked}")
    with capsys.disabled():
        print(f"\nleave-one-trigger-out: {home}/{total} = {home / total:.3f} route home")
        for line in misses:
            print(f"  {line}")
    assert home / total >= 0.85, misses


def test_corpus_routes_on_the_example_pack_without_error(demo: KnowledgeBase) -> None:
    for case in _corpus():
        for match in route(demo, case["text"]):
            assert match.topic.id == "demo-requests"
            assert 0.0 < match.score <= 100.0
