"""Saving a result (by extension) and a trainer case that loads and passes as a case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from decision_aid.core import KnowledgeBase, Result
from decision_aid.terminal.save import (
    NARRATIVE_PLACEHOLDER,
    case_yaml,
    result_document,
    save_case,
    save_result,
)

from .conftest import conclude


@pytest.mark.parametrize(("name", "start"), [
    pytest.param("r.md", "# AVOID: ", id="markdown"),
    pytest.param("r.markdown", "# AVOID: ", id="markdown-long"),
    pytest.param("r.txt", "AVOID: ", id="text"),
    pytest.param("R.JSON", "{", id="json-upper-case"),
])
def test_format_follows_the_extension(avoid_result: Result, tmp_path: Path, name: str,
                                      start: str) -> None:
    path = tmp_path / name
    save_result(avoid_result, path)
    assert path.read_text(encoding="utf-8").startswith(start)


def test_json_is_the_core_shape(avoid_result: Result) -> None:
    data = json.loads(result_document(avoid_result, Path("x.json")))
    assert data == json.loads(json.dumps(avoid_result.to_dict()))
    assert data["verdict"] == "avoid"


def test_unknown_extension_is_refused(avoid_result: Result) -> None:
    with pytest.raises(ValueError, match=r"cannot save as '\.pdf'"):
        result_document(avoid_result, Path("x.pdf"))


def test_trainer_case_has_the_documented_fields(demo: KnowledgeBase) -> None:
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
    cases_model = pytest.importorskip("decision_aid.cases.model")
    runner = pytest.importorskip("decision_aid.cases.runner")
    path = tmp_path / "case.yaml"
    save_case(avoid_result, path)
    assert "'no'" in path.read_text(encoding="utf-8")  # yes/no stay strings, not booleans
    cases, problems = cases_model.load_cases([path])
    assert problems == []
    assert [c.id for c in cases] == ["demo-requests-patient-personal"]
    outcome = runner.run_case(demo, cases[0])
    assert outcome.passed, outcome.failures
