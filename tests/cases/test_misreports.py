"""The misreports listed at the top of issue 11, one test each (each failed before the fix).

Run through `main([...])` against the demo pack, with empty built-in packs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from decision_aid.cli import main

DEMO = ["--rules", "examples/rules"]
GOOD = "tests/fixtures/cases/demo-cases.yaml"
CASE = """\
id: {id}
title: A patient's request
narrative: A clinic patient sends a request to your personal account.
topic: demo-requests
answers: {{requester: patient, platform: personal, urgent: "no"}}
expect:
  verdict: avoid
{extra}"""


@pytest.fixture(autouse=True)
def _isolated(isolated_home: Path, repo_root: Path) -> None:
    """Empty built-in packs, and the repository root as the working directory."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv, *DEMO])
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, *, id: str = "x-case", extra: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CASE.format(id=id, extra=extra), encoding="utf-8")
    return path


@pytest.fixture
def broken(tmp_path: Path) -> tuple[Path, Path]:
    schema = tmp_path / "schema-error.yaml"
    schema.write_text("id: x\ntitle: T\ntopic: demo-requests\nanswers: {}\n"
                      "expect: {verdict: avod}\n", encoding="utf-8")
    syntax = tmp_path / "yaml-error.yaml"
    syntax.write_text("id: [x\n", encoding="utf-8")
    return schema, syntax


def test_unreadable_files_are_errors_in_junit(capsys: pytest.CaptureFixture[str],
                                              broken: tuple[Path, Path]) -> None:
    # was: <testsuite ... tests="0" failures="0" /> with exit 1 (a green CI dashboard)
    code, out, _ = run(capsys, "cases", "run", GOOD, *map(str, broken), "--format", "junit")

    suite = ET.fromstring(out.split("\n", 1)[1]).find("testsuite")
    assert code == 1 and suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("5", "0", "2")
    errors = [(c.get("name"), c.find("error")) for c in suite.iter("testcase")
              if c.find("error") is not None]
    assert [Path(str(name)).name for name, _ in errors] == ["schema-error.yaml",
                                                            "yaml-error.yaml"]
    assert [e.get("type") for _, e in errors if e is not None] == ["bad-value", "yaml-syntax"]


def test_unreadable_files_are_counted_in_the_text_summary(
        capsys: pytest.CaptureFixture[str], broken: tuple[Path, Path]) -> None:
    # was: "0 passed, 0 failed"
    code, out, _ = run(capsys, "cases", "run", *map(str, broken))

    assert code == 1
    assert out.splitlines()[-1] == "0 passed, 2 failed (2 could not be read or checked)"
    assert sum(line.startswith("ERROR ") for line in out.splitlines()) == 2


def test_duplicate_case_ids_are_a_failure(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    # was: "1 passed, 0 failed" and exit 1
    write(tmp_path / "a.yaml")
    write(tmp_path / "b.yaml")

    code, out, _ = run(capsys, "cases", "run", str(tmp_path))

    assert code == 1
    assert out.splitlines()[-1] == "1 passed, 1 failed (1 could not be read or checked)"
    assert re.search(r"b\.yaml:1:5: duplicate-case case 'x-case' is already defined at "
                     r".*a\.yaml:1:1", out)


def test_an_unknown_rule_is_a_load_error_with_a_position(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # was: reported as a mismatch ("rule: expected no-such-rule, got patient-personal")
    path = write(tmp_path / "c.yaml", extra="  rules: [patient-persona]\n")

    code, out, _ = run(capsys, "cases", "run", str(path))

    assert code == 1
    assert (f"{path}:8:11: unknown-rule 'patient-persona' is not a rule of topic "
            "'demo-requests' (did you mean 'patient-personal'?)") in out
    assert "rule: expected" not in out


def test_an_answer_the_interview_never_used_fails(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CASE.format(id="x", extra="").replace(
        'urgent: "no"', 'urgent: "no", signals: [met]'), encoding="utf-8")

    code, out, _ = run(capsys, "cases", "run", str(path))

    assert code == 1
    assert "answer to 'signals' was not used" in out


def test_json_expected_includes_asked(capsys: pytest.CaptureFixture[str]) -> None:
    # was: {"verdict": ..., "rules": [...]} without "asked"
    code, out, _ = run(capsys, "cases", "run", GOOD, "--format", "json")

    first = json.loads(out)["cases"][0]
    assert code == 0
    assert first["expected"]["asked"] == ["requester", "platform", "urgent"]


def test_uncovered_rules_are_computed_when_paths_are_given(
        capsys: pytest.CaptureFixture[str]) -> None:
    # was: [] whenever paths were given, which reads as "all covered"
    _, out, _ = run(capsys, "cases", "run", GOOD, "--format", "json")

    assert json.loads(out)["uncovered_rules"] == ["demo-requests/default"]


def test_rules_lint_checks_a_case_file_as_a_case(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    # was: eight unrelated schema errors (missing 'questions', unknown field 'id', ...)
    path = write(tmp_path / "c.yaml", extra="  rules: [patient-persona]\n")

    code, out, err = run(capsys, "rules", "lint", str(path))

    assert code == 1
    assert out.splitlines() == [
        f"{path}:8:11: unknown-rule 'patient-persona' is not a rule of topic 'demo-requests' "
        "(did you mean 'patient-personal'?)"]
    assert err == "1 error(s), 0 warning(s)\n"


def test_a_good_case_file_lints_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "rules", "lint", GOOD)

    assert (code, out) == (0, "")
    assert err == "ok: 1 topic(s), 1 case file(s), no problems\n"


def test_the_same_folder_twice_is_read_once(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    # was: every case reported as a duplicate of itself
    write(tmp_path / "a.yaml")

    code, out, _ = run(capsys, "cases", "run", str(tmp_path), str(tmp_path) + "/",
                       str(tmp_path / "a.yaml"))

    assert code == 0
    assert out.splitlines()[-1] == "1 passed, 0 failed"


def test_a_case_saved_from_the_interview_keeps_no_placeholder(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # was: the placeholder narrative was accepted and the case passed
    from decision_aid.cases.writer import NARRATIVE_PLACEHOLDER

    path = tmp_path / "c.yaml"
    path.write_text(CASE.format(id="x", extra="").replace(
        "A clinic patient sends a request to your personal account.", NARRATIVE_PLACEHOLDER),
        encoding="utf-8")

    code, out, _ = run(capsys, "cases", "run", str(path))

    assert code == 1
    assert f"{path}:3:12: placeholder-narrative the narrative is still the placeholder" in out


def test_rules_lint_of_a_folder_checks_its_case_files_as_cases(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # was: one file-kind error per case file ("not a topic, an extension or a content file")
    good = write(tmp_path / "cases" / "good.yaml")
    bad = write(tmp_path / "cases" / "bad.yaml", id="demo-other",
                extra="  rules: [patient-persona]\n")
    (tmp_path / "cases" / "list.yaml").write_text(Path(GOOD).read_text(encoding="utf-8"),
                                                  encoding="utf-8")

    code, out, err = run(capsys, "rules", "lint", str(tmp_path / "cases"))

    assert code == 1
    assert out.splitlines() == [
        f"{bad}:8:11: unknown-rule 'patient-persona' is not a rule of topic 'demo-requests' "
        "(did you mean 'patient-personal'?)"]
    assert err == "1 error(s), 0 warning(s)\n"
    assert good.exists()


def test_rules_lint_of_a_folder_of_packs_and_cases_checks_each_as_what_it_is(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for path in Path("examples/rules").glob("demo-*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    write(tmp_path / "cases" / "good.yaml")
    write(tmp_path / "case.yaml", id="demo-beside")

    code, out, err = run(capsys, "rules", "lint", "--isolated", str(tmp_path))

    assert (code, out) == (0, "")
    assert err == "ok: 1 topic(s), 2 case file(s), no problems\n"


def test_a_case_file_given_as_an_overlay_is_named_a_case_file(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "c.yaml")

    code, _, err = run(capsys, "topics", "--rules", str(tmp_path))

    assert code == 2
    assert err.splitlines()[0] == (
        f"{path}:1:1: file-kind this is a file of trainer cases, not a rule pack (run it "
        "with `decision-aid cases run`, or check it with `decision-aid rules lint`)")


def test_cases_run_of_a_pack_names_it_a_pack(capsys: pytest.CaptureFixture[str]) -> None:
    # was: a schema error for every key of the pack (questions, rules, ...)
    code, out, _ = run(capsys, "cases", "run", "examples/rules/demo-requests.yaml")

    assert code == 1
    assert out.splitlines()[1].endswith(
        ": not-a-case this is a rule pack (topic), not a case file (check it with "
        "`decision-aid rules lint`)")
    assert len(out.splitlines()) == 3  # the file, its one problem, the summary
