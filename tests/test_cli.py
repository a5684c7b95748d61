"""The command line, called through `main([...])`; exit codes 0 ok, 1 failed, 2 bad input, 3 ask.

Every test runs with empty built-in rules/ and content/ (DECISION_AID_HOME) and adds the demo
pack with `--rules examples/rules`, so nothing depends on the real content.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from decision_aid import __version__
from decision_aid.cli import main

DEMO = ["--rules", "examples/rules"]


@pytest.fixture(autouse=True)
def _isolated(isolated_home: Path, repo_root: Path) -> None:
    """Empty built-in packs, and the repository root as the working directory."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"decision-aid {__version__}\n", "")


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")

    assert code == 0
    assert "usage: decision-aid" in out


# -- topics ------------------------------------------------------------------------------------
def test_topics_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "topics", "--format", "json", *DEMO)

    data = json.loads(out)
    assert code == 0
    assert [t["id"] for t in data] == ["demo-requests"]
    topic = data[0]
    assert topic["title"] == "Demo — a connection request"
    assert [q["id"] for q in topic["questions"]] == ["requester", "platform", "signals", "urgent"]
    assert topic["questions"][0]["options"] == [{"id": "patient", "label": "A patient"},
                                                {"id": "colleague", "label": "A colleague"}]
    assert topic["questions"][3]["options"] == [{"id": "yes", "label": "Yes"},
                                                {"id": "no", "label": "No"}]


def test_topics_as_text_lists_ids_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "topics", *DEMO)

    assert code == 0
    assert out.startswith("demo-requests — Demo — a connection request (v1.0.0")
    assert "  signals: Which of these hold for the colleague? [several: a,b]" in out
    assert "      patient: A patient\n      colleague: A colleague\n" in out


def test_topics_with_no_packs_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "topics", "--format", "json") == (0, "[]\n", "")


def test_rules_option_before_the_command_is_honoured(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *DEMO, "topics", "--format", "json")

    assert code == 0
    assert [t["id"] for t in json.loads(out)] == ["demo-requests"]


def test_rules_from_the_environment(capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECISION_AID_RULES", "examples/rules")

    code, out, _ = run(capsys, "topics", "--format", "json")

    assert code == 0
    assert [t["id"] for t in json.loads(out)] == ["demo-requests"]


# -- ask ---------------------------------------------------------------------------------------
PATIENT = ["--answer", "requester=patient", "--answer", "platform=personal",
           "--answer", "urgent=no"]


def test_ask_with_every_answer_gives_a_result(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ask", "demo-requests", *PATIENT, "--format", "json", *DEMO)

    data = json.loads(out)
    assert (code, err) == (0, "")
    assert {"status", "topic", "verdict", "headline", "reasons", "actions", "sources",
            "trace", "asked"} <= set(data)
    assert (data["status"], data["topic"], data["verdict"]) == ("result", "demo-requests",
                                                                 "avoid")
    assert data["headline"] == "Don't accept; decline kindly and redirect."
    assert data["reasons"] == ["Personal connections with patients blur boundaries."]
    assert data["actions"] == ["Decline and point to the practice page."]
    assert [{k: s[k] for k in ("key", "citation", "url")} for s in data["sources"]] == [
        {"key": "demo-source",
         "citation": "Example source for the demo pack (not a real reference).",
         "url": "https://example.org/demo"}]
    assert [(t["rule"], t["fired"]) for t in data["trace"]] == [
        ("urgent-first", False), ("patient-personal", True)]
    assert [a["id"] for a in data["asked"]] == ["requester", "platform", "urgent"]


def test_ask_without_enough_answers_needs_an_answer(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "demo-requests", "--answer", "requester=patient",
                       "--format", "json", *DEMO)

    data = json.loads(out)
    assert code == 3
    assert data["status"] == "needs_answer"
    assert data["question"]["id"] == "platform"
    assert data["question"]["prompt"] == "Which account received it?"
    assert data["question"]["options"] == [
        {"id": "personal", "label": "My personal account"},
        {"id": "professional", "label": "My professional account"}]
    assert (data["number"], data["at_most"]) == (2, 3)
    assert data["asked"] == [{"id": "requester", "answer": "patient"}]


def test_ask_with_no_answers_asks_the_first_question(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "demo-requests", "--format", "json", *DEMO)

    assert code == 3
    assert json.loads(out)["question"]["id"] == "requester"


def test_ask_multi_choice_answer_with_commas(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "demo-requests", "--answer", "requester=colleague",
                       "--answer", "signals=met,named", "--format", "json", *DEMO)

    data = json.loads(out)
    assert code == 0
    assert data["rule"] == "trusted-colleague"
    assert data["asked"][1]["answer"] == ["met", "named"]


@pytest.mark.parametrize(("path", "rule"), [
    ("tests/fixtures/answers/patient-personal.yaml", "patient-personal"),
    ("tests/fixtures/answers/colleague.json", "trusted-colleague"),
])
def test_ask_with_an_answers_file(capsys: pytest.CaptureFixture[str], path: str,
                                  rule: str) -> None:
    code, out, _ = run(capsys, "ask", "demo-requests", "--answers", path, "--format", "json",
                       *DEMO)

    assert code == 0
    assert json.loads(out)["rule"] == rule


def test_answer_flags_override_the_answers_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "demo-requests", "--answers",
                       "tests/fixtures/answers/patient-personal.yaml", "--answer", "urgent=yes",
                       "--format", "json", *DEMO)

    assert code == 0
    assert json.loads(out)["rule"] == "urgent-first"


def test_ask_as_text_shows_the_question(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "demo-requests", *DEMO)

    assert code == 3
    assert out.splitlines()[0] == "Needs an answer: requester — Who sent the request?"
    assert "Answer with --answer requester=OPTION" in out


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_ask_result_as_text_or_markdown_shows_the_headline(
        capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "ask", "demo-requests", *PATIENT, "--format", fmt, *DEMO)

    assert code == 0
    assert "Don't accept; decline kindly and redirect." in out


@pytest.mark.parametrize(("argv", "message"), [
    pytest.param(["--answer", "requester=patent"],
                 "decision-aid: 'patent' is not an option of 'requester' "
                 "(did you mean 'patient'?)", id="bad-option"),
    pytest.param(["--answer", "requestor=patient"],
                 "decision-aid: 'requestor' is not a question of topic 'demo-requests' "
                 "(did you mean 'requester'?)", id="bad-question"),
    pytest.param(["--answer", "requester"],
                 "decision-aid: --answer 'requester' must look like QUESTION=OPTION",
                 id="no-equals"),
    pytest.param(["--answers", "tests/fixtures/packs/yaml-syntax.yaml"],
                 "decision-aid: tests/fixtures/packs/yaml-syntax.yaml:22:32: yaml-syntax syntax "
                 "error: did not find expected ',' or ']' while parsing a flow sequence (it "
                 "starts here; the parser stopped at line 22, column 44: check indentation and "
                 "quoting)", id="broken-answers-file"),
    pytest.param(["--answers", "tests/fixtures/packs/not-a-mapping.yaml"],
                 "decision-aid: tests/fixtures/packs/not-a-mapping.yaml: expected a mapping of "
                 "question ids to option ids", id="answers-file-not-a-mapping"),
])
def test_bad_answer_is_one_line_on_stderr_with_exit_2(
        capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, "ask", "demo-requests", *argv, "--format", "json", *DEMO)

    assert (code, out) == (2, "")
    assert err == message + "\n"
    assert "Traceback" not in err


def test_unknown_topic_is_exit_2_with_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ask", "demo-request", "--format", "json", *DEMO)

    assert (code, out) == (2, "")
    assert err == ("decision-aid: unknown topic 'demo-request' "
                   "(did you mean 'demo-requests'?)\n")


def test_broken_packs_are_exit_2_with_every_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ask", "demo-requests", *DEMO, "--rules",
                         "tests/fixtures/packs/many-errors.yaml")

    lines = err.splitlines()
    assert (code, out) == (2, "")
    assert len(lines) == 6
    assert all(line.startswith("tests/fixtures/packs/many-errors.yaml:") for line in lines[:5])
    assert lines[5] == ("decision-aid: the rule packs have 5 error(s); fix them "
                        "(see `decision-aid rules lint`)")


def test_unknown_command_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "frobnicate")

    assert code == 2
    assert "invalid choice: 'frobnicate'" in err


# -- rules -------------------------------------------------------------------------------------
def test_lint_of_the_demo_pack_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "rules", "lint", "examples/rules")

    assert (code, out) == (0, "")
    assert err == "ok: 1 topic(s), no problems\n"


def test_lint_of_a_broken_pack_prints_positions_and_fails(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "rules", "lint", "--isolated", "examples/rules",
                         "tests/fixtures/packs/unknown-fact.yaml")

    assert code == 1
    assert out.splitlines() == [
        "tests/fixtures/packs/unknown-fact.yaml:27:18: unknown-fact 'requestor' is not a "
        "question or derived fact of this topic (did you mean 'requester'?)"]
    assert err == "1 error(s), 0 warning(s)\n"


def test_lint_reports_every_error_of_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "lint", "--isolated", "examples/rules",
                       "tests/fixtures/packs/many-errors.yaml")

    assert code == 1
    assert [line.split(": ")[1].split()[0] for line in out.splitlines()] == [
        "missing-field", "unknown-field", "unknown-fact", "unknown-option", "bad-value"]


def test_lint_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "lint", "--isolated", "examples/rules",
                       "tests/fixtures/packs/unknown-option.yaml", "--format", "json")

    assert code == 1
    assert json.loads(out) == [{
        "path": "tests/fixtures/packs/unknown-option.yaml", "line": 27, "col": 33,
        "code": "unknown-option", "severity": "error",
        "message": "'patent' is not an option of 'requester'",
        "hint": "did you mean 'patient'?"}]


def test_lint_warnings_pass_unless_strict(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["rules", "lint", "--isolated", "examples/rules",
            "tests/fixtures/packs/review-overdue.yaml"]

    code, _, _ = run(capsys, *argv)
    strict, _, _ = run(capsys, *argv, "--strict")

    assert (code, strict) == (0, 1)


def test_lint_of_a_missing_path_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "rules", "lint", "no/such/dir")

    assert code == 2
    assert err == "decision-aid: no/such/dir: no such file or directory\n"


def test_rules_schema_is_a_valid_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "schema")

    schema = json.loads(out)
    assert code == 0
    jsonschema.Draft202012Validator.check_schema(schema)
    assert "topic_file" in schema["$defs"]


@pytest.mark.parametrize(("fmt", "start"), [("mermaid", "flowchart TD"),
                                            ("dot", 'digraph "demo-requests" {')])
def test_rules_graph(capsys: pytest.CaptureFixture[str], fmt: str, start: str) -> None:
    code, out, _ = run(capsys, "rules", "graph", "demo-requests", "--format", fmt, *DEMO)

    assert code == 0
    assert out.startswith(start)
    for rule in ("urgent-first", "patient-personal", "trusted-colleague", "default"):
        assert f"({rule})" in out


def test_rules_graph_of_an_unknown_topic_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "rules", "graph", "nope", *DEMO)

    assert code == 2
    assert err == ("decision-aid: 'nope' is neither a topic nor a file "
                   "(run `decision-aid topics` to list them)\n")


@pytest.mark.parametrize("path", ["examples/rules", "examples/rules/demo-requests.yaml"])
def test_rules_graph_of_a_pack_path(capsys: pytest.CaptureFixture[str], path: str) -> None:
    code, out, _ = run(capsys, "rules", "graph", path, "--format", "notes")

    assert code == 0
    assert out.startswith("demo-requests — Demo — a connection request: rules in the order")


def test_rules_graph_of_a_file_with_no_topic(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "rules", "graph", "examples/rules/demo-figures.yaml")

    assert code == 2
    assert err == "decision-aid: examples/rules/demo-figures.yaml: defines or extends no topic\n"


# -- cases -------------------------------------------------------------------------------------
CASES = "tests/fixtures/cases/demo-cases.yaml"
FAILING = "tests/fixtures/cases/demo-failing.yaml"


def test_cases_that_pass_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cases", "run", CASES, *DEMO)

    assert code == 0
    assert out.splitlines() == [
        "PASS demo-patient-personal — A patient's request on a personal account",
        "PASS demo-trusted-colleague — A colleague you have met",
        "PASS demo-urgent — Urgent symptoms in a request",
        "rules no passing case ends on: demo-requests/default",
        "3 passed, 0 failed"]


def test_a_failing_case_exits_1_with_expected_and_actual(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cases", "run", CASES, FAILING, *DEMO)

    assert code == 1
    assert "FAIL demo-wrong-expectation — A colleague with only a name" in out
    assert "     verdict: expected acceptable, got caution" in out
    assert "     rule: expected trusted-colleague, got default" in out
    assert out.splitlines()[-1] == "3 passed, 1 failed"


def test_cases_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cases", "run", CASES, FAILING, "--format", "json", *DEMO)

    data = json.loads(out)
    assert code == 1
    assert [{"id": c["id"], "passed": c["passed"]} for c in data["cases"]] == [
        {"id": "demo-patient-personal", "passed": True},
        {"id": "demo-trusted-colleague", "passed": True},
        {"id": "demo-urgent", "passed": True},
        {"id": "demo-wrong-expectation", "passed": False}]
    assert (data["passed"], data["failed"]) == (3, 1)


def test_cases_as_junit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cases", "run", CASES, FAILING, "--format", "junit", *DEMO)

    root = ET.fromstring(out.strip().split("\n", 1)[1] if out.startswith("<?xml") else out)
    assert code == 1
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("4", "1")
    failed = [c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None]
    assert failed == ["demo-wrong-expectation"]


def test_cases_in_a_directory(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cases", "run", "tests/fixtures/cases", "--format", "json", *DEMO)

    assert code == 1
    assert len(json.loads(out)["cases"]) == 4


def test_cases_of_a_missing_path_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "cases", "run", "no/such/cases.yaml", *DEMO)

    assert code == 2
    assert err == "decision-aid: no/such/cases.yaml: no such file or directory\n"


@pytest.mark.parametrize("argv", [
    pytest.param(("--plain",), id="without-command"),
    pytest.param(("interview", "--plain"), id="with-command"),
    pytest.param(("--plain", "interview"), id="before-command"),
])
def test_the_plain_interview_runs_with_or_without_the_command(
        argv: tuple[str, ...], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # demo topic, a patient, on my personal account, no urgent symptoms, then quit
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n1\n1\n2\nq\n"))

    code = main([*DEMO, *argv])

    out = capsys.readouterr().out
    assert code == 0
    assert "AVOID: Don't accept; decline kindly and redirect." in out
    assert "\x1b[" not in out  # plain text: no terminal control codes


# -- about -------------------------------------------------------------------------------------
def test_about_prints_the_about_page_of_the_built_in_packs(
        capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    (isolated_home / "docs").mkdir()
    (isolated_home / "docs" / "ABOUT.md").write_text("# About these packs\n", encoding="utf-8")

    assert run(capsys, "about") == (0, "# About these packs\n", "")


def test_about_without_the_page_names_the_file_and_the_setting(
        capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    code, out, err = run(capsys, "about")

    assert (code, out) == (2, "")
    assert err == (f"decision-aid: {isolated_home / 'docs' / 'ABOUT.md'} is missing "
                   "(set by DECISION_AID_HOME)\n")


# -- hostile input (issue 13 items 2, 5, 8, 9) ------------------------------------------------
PATIENT_ANSWERS = ["--answer", "requester=patient", "--answer", "platform=personal",
                   "--answer", "urgent=no"]


def test_an_answer_that_does_not_apply_is_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ask", "demo-requests", *PATIENT_ANSWERS,
                         "--answer", "signals=met", "--format", "json", *DEMO)

    assert code == 0
    assert json.loads(out)["verdict"] == "avoid"
    assert err == ("decision-aid: warning: the answer to 'signals' was ignored: that question "
                   "does not apply with the other answers\n")


def test_thirty_thousand_answer_flags_are_refused_before_parsing(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import decision_aid.cli as cli

    monkeypatch.setattr(cli, "build_parser", lambda: pytest.fail("parsed"))
    flags = [arg for i in range(30_000) for arg in ("--answer", f"q{i}=x")]

    code, out, err = run(capsys, "ask", "demo-requests", *flags)

    assert (code, out) == (2, "")
    assert err == "decision-aid: 60002 arguments is over the limit of 2000\n"


def test_more_answer_flags_than_the_limit_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    flags = [arg for i in range(201) for arg in ("--answer", f"q{i}=x")]

    code, _, err = run(capsys, "ask", "demo-requests", *flags, *DEMO)

    assert code == 2
    assert err.startswith("decision-aid: 201 --answer flags is over the limit of 200")


def test_an_answers_file_with_too_many_answers_is_refused(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("answers:\n" + "".join(f"  q{i}: x\n" for i in range(500)))

    code, _, err = run(capsys, "ask", "demo-requests", "--answers", str(path), *DEMO)

    assert code == 2
    assert err == f"decision-aid: {path}:2:3: 500 answers is over the limit of 200\n"


@pytest.mark.parametrize("name", ["/dev/zero", "loop"])
def test_an_answers_file_that_is_not_a_file_is_one_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> None:
    path = Path(name) if name.startswith("/") else tmp_path / name
    if name == "loop":
        path.symlink_to(path)

    code, out, err = run(capsys, "ask", "demo-requests", "--answers", str(path), *DEMO)

    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"decision-aid: {path}: file-")


def test_a_save_into_a_missing_folder_is_refused_before_asking(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.StringIO("1\n1\n1\n2\nq\n")
    monkeypatch.setattr("sys.stdin", stdin)
    target = tmp_path / "no-such-folder" / "result.md"

    code, out, err = run(capsys, "interview", "--plain", "--save", str(target), *DEMO)

    assert (code, out) == (2, "")
    assert err == (f"decision-aid: cannot save to {target}: there is no folder "
                   f"{target.parent} (create it, or choose another place)\n")
    assert stdin.tell() == 0  # nothing was asked, so nothing typed is lost
