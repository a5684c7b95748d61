"""`cases coverage`: counts of rules, questions and options, the misses at file:line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from decision_aid.cases.coverage import coverage
from decision_aid.cases.load import load_cases
from decision_aid.cases.runner import run_cases
from decision_aid.cli import main
from decision_aid.core import KnowledgeBase

DEMO = ["--rules", "examples/rules"]
CASES = "tests/fixtures/cases"


@pytest.fixture(autouse=True)
def _isolated(isolated_home: Path, repo_root: Path) -> None:
    """Empty built-in packs, and the repository root as the working directory."""


def test_counts_and_misses_of_the_demo_pack(demo: KnowledgeBase) -> None:
    cases, _ = load_cases([Path(CASES)], demo)
    cov = coverage(demo, run_cases(demo, cases))

    assert (cov.passing, cov.failing) == (3, 1)
    assert [cov.count(k) for k in ("rules", "questions", "options")] == [(3, 4), (4, 4), (7, 10)]
    assert [(i.kind, i.name, str(i.span)) for i in cov.missing] == [
        ("rules", "default", "examples/rules/demo-requests.yaml:99:5"),
        ("options", "platform=professional", "examples/rules/demo-requests.yaml:39:9"),
        ("options", "signals=named", "examples/rules/demo-requests.yaml:47:9"),
        ("options", "signals=unsure", "examples/rules/demo-requests.yaml:49:9")]


def test_a_failing_case_covers_nothing(demo: KnowledgeBase) -> None:
    cases, _ = load_cases([Path(CASES, "demo-failing.yaml")], demo)
    cov = coverage(demo, run_cases(demo, cases))

    assert (cov.passing, cov.failing) == (0, 1)
    assert cov.count() == (0, cov.count()[1])


def test_min_100_fails_on_a_single_miss(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["cases", "coverage", f"{CASES}/demo-cases.yaml", "--min", "100", *DEMO])
    out, err = capsys.readouterr()

    assert code == 1
    assert "examples/rules/demo-requests.yaml:" in out
    assert ": not covered: demo-requests rule default (no passing case ends on this rule)" in out
    assert err.endswith("is below --min 100%\n")


def test_min_is_exact_not_rounded(capsys: pytest.CaptureFixture[str]) -> None:
    main(["cases", "coverage", f"{CASES}/demo-cases.yaml", "--format", "json", *DEMO])
    data = json.loads(capsys.readouterr().out)
    covered, total = data["counts"]["all"]["covered"], data["counts"]["all"]["total"]
    share = 100 * covered / total

    assert main(["cases", "coverage", f"{CASES}/demo-cases.yaml", "--min", f"{share}",
                 *DEMO]) == 0
    assert main(["cases", "coverage", f"{CASES}/demo-cases.yaml", "--min",
                 f"{share + 1e-9}", *DEMO]) == 1


def test_the_shipped_packs_are_covered_by_the_shipped_cases(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("DECISION_AID_HOME")
    code = main(["cases", "coverage", "--min", "100"])
    out = capsys.readouterr().out

    assert code == 0, out
    assert ", 0 not" in out
