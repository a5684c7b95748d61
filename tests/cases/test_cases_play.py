"""`cases play`: the classroom walk-through and the quiz, on a pipe (numbered answers)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from decision_aid.cli import main

DEMO = ["--rules", "examples/rules"]
CASES = "tests/fixtures/cases/demo-cases.yaml"


@pytest.fixture(autouse=True)
def _isolated(isolated_home: Path, repo_root: Path) -> None:
    """Empty built-in packs, and the repository root as the working directory."""


def play(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, typed: str,
         *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    code = main(["cases", "play", *argv, *DEMO])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_walk_through_shows_answers_why_result_and_teaching(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = play(capsys, monkeypatch, "\n\n", CASES)

    assert code == 0
    assert "Case 1 of 3: A patient's request on a personal account" in out
    assert ("Question 1: Who sent the request? — A patient\n"
            "  Why this is asked: Patients and colleagues are treated differently.") in out
    assert "AVOID: Don't accept; decline kindly and redirect." in out
    assert "Teaching points:\n  - Declining can be kind; redirect to the practice page." in out
    assert out.index("Case 2 of 3") > out.index("Press Enter for the next case")


def test_a_case_by_id(capsys: pytest.CaptureFixture[str],
                      monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = play(capsys, monkeypatch, "", "tests/fixtures/cases", "demo-urgent")

    assert code == 0
    assert "Case 1 of 1: Urgent symptoms in a request" in out


def test_an_unknown_case_id(capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = play(capsys, monkeypatch, "", "tests/fixtures/cases", "demo-urgen")

    assert code == 2
    assert err == ("decision-aid: 'demo-urgen' is neither a file nor a case id "
                   "(did you mean 'demo-urgent'?)\n")


def test_a_quiz_with_a_wrong_answer_back_and_a_score(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    scores = tmp_path / "scores.jsonl"
    # case 1: colleague (wrong), back, patient; personal; urgent: nonsense, then no; predict
    # caution (wrong). case 2: colleague; signals 1 3; predict acceptable (right).
    typed = "2\nb\n1\n1\nmaybe\n2\n2\n2\n1 3\n3\n"

    code, out, _ = play(capsys, monkeypatch, typed, CASES, "--quiz", "--run",
                        "patient-personal|trusted", "--scores", str(scores))

    assert code == 0
    assert "  The case answers: A patient." in out
    assert "Type a number." in out
    assert "You predicted CAUTION: the guidance says AVOID." in out
    assert "You predicted ACCEPTABLE: right." in out
    assert out.splitlines()[-1] == ("Score: 1 of 2 verdicts predicted; 5 of 5 answers "
                                    "matched the cases'.")
    lines = [json.loads(line) for line in scores.read_text(encoding="utf-8").splitlines()]
    assert [(s["case"], s["predicted"], s["actual"], s["answers_matched"]) for s in lines] == [
        ("demo-patient-personal", "caution", "avoid", 3),
        ("demo-trusted-colleague", "acceptable", "acceptable", 2)]


def test_feedback_from_a_teaching_point_tied_to_the_question(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    case = tmp_path / "c.yaml"
    case.write_text(Path(CASES).read_text(encoding="utf-8").replace(
        "      - Declining can be kind; redirect to the practice page.\n",
        "      - Declining can be kind; redirect to the practice page.\n"
        "      - {point: Who asks decides most of it., question: requester}\n"),
        encoding="utf-8")

    _, out, _ = play(capsys, monkeypatch, "2\n1\n2\n1\n", str(case), "--quiz", "--run",
                     "patient-personal")

    assert "  The case answers: A patient.\n  Teaching point: Who asks decides most of it." in out


def test_input_ending_mid_quiz_exits_3(capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = play(capsys, monkeypatch, "1\n", CASES, "--quiz")

    assert code == 3
    assert err == "Input ended before the quiz finished.\n"


def test_scores_that_cannot_be_written_are_a_one_line_error(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    code, _, err = play(capsys, monkeypatch, "1\n1\n2\n1\n", CASES, "--quiz", "--run",
                        "patient-personal", "--scores", str(tmp_path / "no" / "s.jsonl"))

    assert code == 2
    assert err.startswith("decision-aid: ") and err.endswith("cannot write (No such file or "
                                                             "directory)\n")


def test_a_closed_pipe_ends_quietly(capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    monkeypatch.setattr("sys.stdout", Closed())
    code, _, err = play(capsys, monkeypatch, "", CASES)

    assert (code, err) == (0, "")
