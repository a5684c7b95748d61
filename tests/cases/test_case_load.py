"""cases/load.py: reading trainer case files, one case or many, with positioned problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_aid.cases.load import case_files, load_cases
from decision_aid.cases.model import TeachingPoint

FIXTURES = Path("tests/fixtures/cases")


@pytest.fixture(autouse=True)
def _at_root(repo_root: Path) -> None:
    """Run from the repository root so paths in problems are relative."""


def test_a_file_of_several_cases(repo_root: Path) -> None:
    cases, problems = load_cases([FIXTURES / "demo-cases.yaml"])

    assert problems == []
    assert [c.id for c in cases] == ["demo-patient-personal", "demo-trusted-colleague",
                                     "demo-urgent"]
    first = cases[0]
    assert first.topic == "demo-requests"
    assert first.answers == (("requester", "patient"), ("platform", "personal"), ("urgent", "no"))
    assert (first.verdict, first.rules, first.asked) == ("avoid", ("patient-personal",),
                                                         ("requester", "platform", "urgent"))
    assert first.teaching_points == (
        TeachingPoint("Declining can be kind; redirect to the practice page."),)
    assert str(first.span) == "tests/fixtures/cases/demo-cases.yaml:3:5"


def test_plain_yes_in_answers_is_the_option_id(repo_root: Path) -> None:
    cases, _ = load_cases([FIXTURES / "demo-cases.yaml"])

    assert dict(cases[2].answers)["urgent"] == "yes"


def test_multi_answers_become_tuples(repo_root: Path) -> None:
    cases, _ = load_cases([FIXTURES / "demo-cases.yaml"])

    assert dict(cases[1].answers)["signals"] == ("met", "verified")
    assert cases[1].asked is None


def test_a_file_of_one_case(repo_root: Path) -> None:
    cases, problems = load_cases([FIXTURES / "demo-failing.yaml"])

    assert problems == []
    assert [c.id for c in cases] == ["demo-wrong-expectation"]
    assert str(cases[0].span) == "tests/fixtures/cases/demo-failing.yaml:2:1"


def test_a_directory_is_read_recursively_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/2.yaml", "1.yml", "notes.txt"):
        (tmp_path / name).write_text("x: 1\n")

    files, problems = case_files([tmp_path])

    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["1.yml", "b/2.yaml"]
    assert problems == []


def test_duplicate_case_ids_are_a_problem(tmp_path: Path) -> None:
    text = (FIXTURES / "demo-failing.yaml").read_text()
    (tmp_path / "a.yaml").write_text(text)
    (tmp_path / "b.yaml").write_text(text)

    cases, problems = load_cases([tmp_path])

    assert len(cases) == 1
    assert [p.code for p in problems] == ["duplicate-case"]
    assert problems[0].message.startswith("case 'demo-wrong-expectation' is already defined at ")


def test_schema_problems_of_a_case_file_are_positioned(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\ntitle: T\ntopic: demo-requests\nanswers: {}\n"
                    "expect: {verdict: avod}\n")

    cases, problems = load_cases([path])

    assert cases == []
    assert [(p.span.line, p.code) for p in problems] == [(5, "bad-value")]
    assert problems[0].hint == "did you mean 'avoid'?"


def test_the_old_singular_source_field_is_refused_with_the_way_to_write_it(
        tmp_path: Path) -> None:
    # was: allowed by the schema and silently ignored (only `sources` is read)
    path = tmp_path / "old.yaml"
    path.write_text("id: x\ntitle: T\ntopic: demo-requests\nanswers: {}\n"
                    "expect: {verdict: avoid}\nsource: gmc-2024\n")

    cases, problems = load_cases([path])

    assert cases == []
    assert [(p.span.line, p.code, p.message) for p in problems] == [
        (6, "unknown-field", "'source' is not a field here")]
    assert problems[0].hint == ("'source' became 'sources', a list of reference keys: "
                                "write sources: [gmc-2024]")


def test_broken_yaml_in_a_case_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: [x\n")

    cases, problems = load_cases([path])

    assert cases == []
    assert [p.code for p in problems] == ["yaml-syntax"]
