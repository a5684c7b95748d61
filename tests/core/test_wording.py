"""Interface wording is content: a base file, replaced entry by entry by any layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_aid.core import Layer, LoadResult, Wording, load
from decision_aid.core._wording import placeholders

DEMO_RULES = Path(__file__).resolve().parents[2] / "examples" / "rules"


def load_overlay(tmp_path: Path, text: str) -> LoadResult:
    overlay = tmp_path / "ours"
    overlay.mkdir()
    (overlay / "wording.yaml").write_text(text, encoding="utf-8")
    return load([Layer("demo", (DEMO_RULES,)), Layer("ours", (overlay,))])


def test_the_base_wording_comes_with_every_knowledge_base(isolated_home: Path) -> None:
    kb = load([Layer("demo", (DEMO_RULES,))]).unwrap()  # no layer has a wording file
    assert kb.wording.entries == Wording.base().entries
    assert kb.wording("privacy").startswith("Privacy: do not type names")
    assert kb.wording("dropped", questions="A; B") == "No longer applies, so dropped: A; B"


def test_an_overlay_replaces_single_entries(tmp_path: Path) -> None:
    kb = load_overlay(tmp_path, "wording:\n  privacy: Our trust's privacy notice.\n").unwrap()
    assert kb.wording("privacy") == "Our trust's privacy notice."
    assert kb.wording("welcome") == Wording.base()("welcome")


def test_an_unknown_entry_is_an_error_with_a_hint(tmp_path: Path) -> None:
    result = load_overlay(tmp_path, "wording:\n  privcy: Typo.\n")
    assert not result.ok
    (problem,) = result.errors
    assert problem.code == "unknown-wording"
    assert problem.format().endswith(
        "ours/wording.yaml:2:11: unknown-wording 'privcy' is not a wording entry "
        "(did you mean 'privacy'?)")


@pytest.mark.parametrize("text", [
    pytest.param("No longer applies.", id="dropped-placeholder"),
    pytest.param("Dropped {questions} {extra}", id="invented-placeholder"),
    pytest.param("Dropped {questions", id="unbalanced-brace"),
])
def test_a_replacement_must_keep_the_placeholders(tmp_path: Path, text: str) -> None:
    result = load_overlay(tmp_path, f"wording:\n  dropped: '{text}'\n")
    (problem,) = result.errors
    assert problem.code == "wording-placeholders"
    assert "'dropped' must use the placeholders {questions}" in problem.message


def test_a_wording_file_of_the_wrong_shape_is_a_schema_error(tmp_path: Path) -> None:
    result = load_overlay(tmp_path, "wording:\n  privacy: [not, text]\n")
    assert not result.ok
    assert result.errors[0].span.line == 2


def test_literal_braces_are_not_placeholders() -> None:
    assert placeholders("{{literal}} and {name}") == {"name"}
    assert placeholders("none") == frozenset()
