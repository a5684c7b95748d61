"""Safe YAML reading: plain data, 1-based positions, and problems instead of exceptions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from decision_aid.core import Span
from decision_aid.core import _yamlsafe as yamlsafe
from decision_aid.core._yamlsafe import read_yaml


def codes(text: str) -> list[tuple[int, int, str]]:
    _, problems = read_yaml("x.yaml", text)
    return [(p.span.line, p.span.col, p.code) for p in problems]


def data(text: str) -> object:
    doc, problems = read_yaml("x.yaml", text)
    assert problems == []
    return doc.data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a: yes", "yes", id="yes"),
        pytest.param("a: no", "no", id="no"),
        pytest.param("a: on", "on", id="on"),
        pytest.param("a: off", "off", id="off"),
        pytest.param("a: Yes", "Yes", id="capital-yes"),
        pytest.param("a: y", "y", id="y"),
        pytest.param("a: true", True, id="true"),
        pytest.param("a: False", False, id="false"),
        pytest.param("a: 3", 3, id="int"),
        pytest.param("a: 0x1F", 31, id="hex"),
        pytest.param("a: 1.5", 1.5, id="float"),
        pytest.param("a: ~", None, id="null"),
        pytest.param("a:", None, id="empty"),
        pytest.param("a: 2026-11-21", "2026-11-21", id="date-as-iso-text"),
        pytest.param("a: '3'", "3", id="quoted-number"),
        pytest.param("a: !!str 3", "3", id="str-tag"),
    ],
)
def test_scalars_are_read_as_yaml_1_2_plain_data(text: str, expected: object) -> None:
    value = data(text)

    assert value == {"a": expected}
    assert type(value["a"]) is type(expected)  # type: ignore[index]


def test_spans_are_one_based_for_values_and_keys() -> None:
    doc, _ = read_yaml("x.yaml", "top:\n  - id: first\n    kind: single\n")

    assert doc.span(()) == Span("x.yaml", 1, 1)
    assert doc.span(("top", 0, "id")) == Span("x.yaml", 2, 9)
    assert doc.key_span(("top", 0, "kind")) == Span("x.yaml", 3, 5)
    assert doc.span(("top", 0, "kind")) == Span("x.yaml", 3, 11)


def test_span_of_a_missing_path_falls_back_to_the_nearest_value() -> None:
    doc, _ = read_yaml("x.yaml", "top:\n  inner: 1\n")

    assert doc.span(("top", "absent", 3)) == Span("x.yaml", 2, 3)
    assert doc.key_span(("top", "absent")) == Span("x.yaml", 2, 3)


def test_duplicate_key_reports_the_second_and_names_the_first() -> None:
    _, problems = read_yaml("x.yaml", "a: 1\nb: 2\na: 3\n")

    assert [p.format() for p in problems] == [
        "x.yaml:3:1: duplicate-key key 'a' appears twice in this mapping "
        "(first at line 1; keep one)"]


def test_duplicate_key_keeps_the_first_value() -> None:
    doc, _ = read_yaml("x.yaml", "a: 1\na: 2\n")

    assert doc.data == {"a": 1}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a: !!python/object:os.system {}\n", id="python-object"),
        pytest.param("a: !!python/name:os.system ''\n", id="python-name"),
        pytest.param("a: !!python/object/apply:os.system [ls]\n", id="python-apply"),
        pytest.param("a: !custom x\n", id="local-tag"),
        pytest.param("a: !!binary aGk=\n", id="binary"),
        pytest.param("a: !!set {x: null}\n", id="set"),
    ],
)
def test_tags_outside_plain_yaml_are_problems(text: str) -> None:
    assert codes(text) == [(1, 4, "yaml-tag")]


def test_python_tag_never_constructs_anything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    marker = tmp_path / "ran"
    monkeypatch.chdir(tmp_path)
    text = f"a: !!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path " \
           f"['{marker}']]\n"

    read_yaml("x.yaml", text)

    assert not marker.exists()


def test_merge_key_is_a_problem() -> None:
    assert codes("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n") == [(3, 3, "yaml-merge-key")]


def test_complex_key_is_a_problem() -> None:
    assert codes("? [a, b]\n: 1\n") == [(1, 3, "yaml-complex-key")]


def test_multiple_documents_point_at_the_second() -> None:
    assert codes("a: 1\n---\nb: 2\n") == [(3, 1, "yaml-multiple-documents")]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_file_is_a_problem(text: str) -> None:
    assert codes(text) == [(1, 1, "empty-file")]


def test_syntax_error_points_at_the_problem() -> None:
    _, problems = read_yaml("x.yaml", "a: [1, 2\nb: 3\n")

    assert [p.code for p in problems] == ["yaml-syntax"]
    assert problems[0].span.line == 2
    assert problems[0].message.startswith("syntax error: ")


def test_tab_indentation_is_a_syntax_error() -> None:
    assert [c for _, _, c in codes("a:\n\tb: 1\n")] == ["yaml-syntax"]


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghijk"[: levels - 1]:
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_quickly() -> None:
    started = time.perf_counter()
    _, problems = read_yaml("x.yaml", billion_laughs())
    elapsed = time.perf_counter() - started

    assert [p.code for p in problems] == ["yaml-too-many-nodes"]
    assert elapsed < 1.0


def test_aliases_below_the_bound_are_expanded() -> None:
    value = data("a: &x [1, 2]\nb: *x\n")

    assert value == {"a": [1, 2], "b": [1, 2]}


def test_alias_expansion_bound_counts_every_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 10)

    assert [c for _, _, c in codes("a: &x [1, 2, 3, 4]\nb: *x\nc: *x\n")] == [
        "yaml-too-many-nodes"]


def test_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 10)
    path = tmp_path / "big.yaml"
    path.write_text("a: 12345678901234567890\n")

    _, problems = read_yaml(path)

    assert [p.code for p in problems] == ["file-too-large"]


def test_file_not_in_utf8_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: café\n".encode("latin-1"))

    _, problems = read_yaml(path)

    assert [p.code for p in problems] == ["file-encoding"]


def test_missing_file_is_a_problem(tmp_path: Path) -> None:
    _, problems = read_yaml(tmp_path / "absent.yaml")

    assert [p.code for p in problems] == ["file-unreadable"]
    assert problems[0].span == Span(str(tmp_path / "absent.yaml"))


# -- inputs that used to escape as exceptions ------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("reviewed: 2026-13-45\n", id="month-13"),
        pytest.param("reviewed: 2026-02-30\n", id="february-30"),
    ],
)
def test_impossible_date_is_a_problem_not_an_exception(text: str) -> None:
    _, problems = read_yaml("x.yaml", text)

    assert [(p.span.line, p.span.col) for p in problems] == [(1, 11)]
    assert problems[0].is_error


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a: " + "[" * 600 + "]" * 600 + "\n", id="deep-lists"),
        pytest.param("a: " + "{b: " * 600 + "1" + "}" * 600 + "\n", id="deep-mappings"),
        pytest.param("loop: &loop [*loop]\n", id="recursive-alias"),
    ],
)
def test_deep_or_recursive_nesting_is_a_problem_not_an_exception(text: str) -> None:
    _, problems = read_yaml("x.yaml", text)

    assert len(problems) == 1
    assert problems[0].is_error
