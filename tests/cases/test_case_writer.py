"""A result written as a trainer case: the documented fields, and it loads and passes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from decision_aid.cases.load import load_cases
from decision_aid.cases.runner import run_case
from decision_aid.cases.writer import NARRATIVE_PLACEHOLDER, case_yaml, save_case
from decision_aid.core import KnowledgeBase, Result


def test_trainer_case_has_the_documented_fields(
        demo: KnowledgeBase, conclude: Callable[[KnowledgeBase, dict[str, object]], Result]
) -> None:
    result = conclude(demo, {"requester": "colleague", "signals": ["met", "verified"]})
    case = yaml.safe_load(case_yaml(result))
    assert list(case) == ["id", "title", "narrative", "topic", "answers", "expect",
                          "teaching_points"]
    assert case["narrative"] == NARRATIVE_PLACEHOLDER
    assert case["answers"] == {"requester": "colleague", "signals": ["met", "verified"]}
    assert case["expect"] == {"verdict": "acceptable", "rules": ["trusted-colleague"]}
    assert case["teaching_points"] == []


def test_trainer_case_loads_back_and_passes(demo: KnowledgeBase, avoid_result: Result,
                                           tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    save_case(avoid_result, path)
    assert "'no'" in path.read_text(encoding="utf-8")  # yes/no stay strings, not booleans
    cases, problems = load_cases([path])
    assert problems == []
    assert [c.id for c in cases] == ["demo-requests-patient-personal"]
    outcome = run_case(demo, cases[0])
    assert outcome.passed, outcome.failures
