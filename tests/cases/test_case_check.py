"""cases/check.py: ids a case names are checked against the packs, labels become ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_aid.cases.load import read_suite
from decision_aid.core import KnowledgeBase


def suite(tmp_path: Path, kb: KnowledgeBase, text: str) -> tuple[list, list[str]]:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    got = read_suite([path], kb)
    return got.cases, [f"{p.span.line}:{p.span.col} {p.code} {p.message} ({p.hint})"
                       for p in got.problems]


HEAD = "id: c\ntitle: T\ntopic: demo-requests\n"


def test_labels_become_option_ids(tmp_path: Path, demo: KnowledgeBase) -> None:
    cases, problems = suite(tmp_path, demo, HEAD + (
        "answers:\n  requester: a colleague\n  signals: [We have met, verified]\n"
        "expect: {verdict: acceptable}\n"))

    assert problems == []
    assert cases[0].answers == (("requester", "colleague"), ("signals", ("met", "verified")))


def test_yes_and_no_by_label(tmp_path: Path, demo: KnowledgeBase) -> None:
    cases, problems = suite(tmp_path, demo, HEAD + (
        "answers: {requester: patient, platform: personal, urgent: 'No'}\n"
        "expect: {verdict: avoid}\n"))

    assert problems == [] and dict(cases[0].answers)["urgent"] == "no"


@pytest.mark.parametrize(("body", "problem"), [
    pytest.param("answers: {requestor: patient}\nexpect: {verdict: avoid}\n",
                 "4:11 unknown-question 'requestor' is not a question of topic 'demo-requests' "
                 "(did you mean 'requester'?)", id="question"),
    pytest.param("answers: {requester: patiant}\nexpect: {verdict: avoid}\n",
                 "4:22 unknown-option 'patiant' is not an option of 'requester' (by id or "
                 "label) (did you mean 'patient'?)", id="option"),
    pytest.param("answers: {requester: [patient]}\nexpect: {verdict: avoid}\n",
                 "4:22 wrong-answer-kind 'requester' takes one answer, not a list (write one "
                 "option id)", id="list-for-single"),
    pytest.param("answers: {}\nexpect: {verdict: avoid, asked: [platfrom]}\n",
                 "5:34 unknown-question 'platfrom' is not a question of topic 'demo-requests' "
                 "(did you mean 'platform'?)", id="asked"),
    pytest.param("answers: {}\nexpect: {verdict: avoid, not_offered: [acept]}\n",
                 "5:40 unknown-considered 'acept' is not one of the options_considered of "
                 "topic 'demo-requests' (did you mean 'accept'?)", id="not-offered"),
    pytest.param("answers: {}\nexpect: {verdict: avoid}\nsources: [demo-sorce]\n",
                 "6:11 unknown-source 'demo-sorce' is not a reference key (did you mean "
                 "'demo-source'?)", id="source"),
    pytest.param("answers: {}\nexpect: {verdict: avoid}\n"
                 "teaching_points: [{point: P, question: urgnt}]\n",
                 "6:40 unknown-question 'urgnt' is not a question of topic 'demo-requests' "
                 "(did you mean 'urgent'?)", id="teaching-point"),
])
def test_unknown_ids_are_positioned_load_errors(tmp_path: Path, demo: KnowledgeBase,
                                                 body: str, problem: str) -> None:
    cases, problems = suite(tmp_path, demo, HEAD + body)

    assert cases == []
    assert problems == [problem]


def test_an_unknown_topic(tmp_path: Path, demo: KnowledgeBase) -> None:
    _, problems = suite(tmp_path, demo, "id: c\ntitle: T\ntopic: demo-request\n"
                        "answers: {}\nexpect: {verdict: avoid}\n")

    assert problems == ["3:8 unknown-topic unknown topic 'demo-request' "
                        "(did you mean 'demo-requests'?)"]


def test_new_fields_are_read(tmp_path: Path, demo: KnowledgeBase) -> None:
    cases, problems = suite(tmp_path, demo, HEAD + (
        "level: student\nobjectives: [Spot the boundary]\ndescription: my patient asked\n"
        "answers: {requester: patient, platform: personal, urgent: 'no'}\n"
        "expect: {verdict: avoid, not_offered: [accept]}\n"
        "teaching_points: [General, {point: About who, question: requester}]\n"
        "discussion: [What if they insist?]\n"))

    assert problems == []
    case = cases[0]
    assert (case.level, case.objectives, case.description) == (
        "student", ("Spot the boundary",), "my patient asked")
    assert case.not_offered == ("accept",)
    assert case.general_points == ("General",)
    assert case.points_for("requester") == ("About who",)
    assert case.discussion == ("What if they insist?",)
