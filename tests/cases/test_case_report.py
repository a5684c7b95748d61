"""cases/report.py: the same outcomes as text, JSON and JUnit XML."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

from decision_aid.cases import report
from decision_aid.cases.model import Case
from decision_aid.cases.report import Report
from decision_aid.cases.runner import CaseOutcome, run_cases
from decision_aid.core import KnowledgeBase


@pytest.fixture
def outcomes(demo: KnowledgeBase) -> list[CaseOutcome]:
    cases = [
        Case("ok", "Passes", "demo-requests", (("requester", "patient"),
                                               ("platform", "professional")), "caution"),
        Case("bad", "Fails <&>", "demo-requests", (("requester", "patient"),
                                                   ("platform", "professional")), "avoid"),
    ]
    return run_cases(demo, cases)


def test_text_marks_pass_and_fail_with_the_trace(outcomes: list[CaseOutcome]) -> None:
    text = report.as_text(Report(outcomes, (), [("demo-requests", "urgent-first")]))

    assert text.splitlines() == [
        "PASS ok — Passes",
        "FAIL bad — Fails <&>",
        "     verdict: expected avoid, got caution",
        "     trace: urgent-first (did not hold): urgent = yes",
        "     trace: patient-personal (did not hold): requester = patient and platform = personal",
        "     trace: trusted-colleague (did not hold): signal_count ≥ 2",
        "     trace: default (fired): always",
        "rules no passing case ends on: demo-requests/urgent-first",
        "1 passed, 1 failed",
    ]


def test_json_lists_expected_and_actual(outcomes: list[CaseOutcome]) -> None:
    data = json.loads(report.as_json(Report(outcomes)))

    assert [(c["id"], c["passed"]) for c in data["cases"]] == [("ok", True), ("bad", False)]
    assert data["cases"][1]["expected"] == {"verdict": "avoid", "rules": [], "asked": None,
                                            "not_offered": []}
    assert data["cases"][1]["actual"] == {"verdict": "caution", "rule": "default",
                                          "asked": ["requester", "platform"]}
    assert data["cases"][1]["failures"] == ["verdict: expected avoid, got caution"]
    assert (data["passed"], data["failed"], data["uncovered_rules"]) == (1, 1, [])


def test_junit_is_parseable_and_escapes_text(outcomes: list[CaseOutcome]) -> None:
    xml = report.as_junit(Report(outcomes))

    suite = ET.fromstring(xml.encode()).find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = list(suite.iter("testcase"))
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("core.demo-requests", "ok"), ("core.demo-requests", "bad")]
    failure = cases[1].find("failure")
    assert failure is not None
    assert failure.get("message") == "verdict: expected avoid, got caution"
