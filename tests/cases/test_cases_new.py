"""`cases new`: a scaffold from a topic or a saved interview; blanks fail until filled."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from decision_aid.cli import main

DEMO = ["--rules", "examples/rules"]


@pytest.fixture(autouse=True)
def _isolated(isolated_home: Path, repo_root: Path) -> None:
    """Empty built-in packs, and the repository root as the working directory."""


def cases_run(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    code = main(["cases", "run", str(path), *DEMO])
    return code, capsys.readouterr().out


def test_a_topic_scaffold_lists_every_question_and_fails_until_filled(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.yaml"
    assert main(["cases", "new", "demo-requests", "--id", "my-case", "--output", str(path),
                 *DEMO]) == 0
    text = path.read_text(encoding="utf-8")
    assert re.findall(r"^  (\w+): ", text, re.M)[:4] == ["requester", "platform", "signals",
                                                     "urgent"]
    assert "  #   colleague: A colleague" in text
    capsys.readouterr()

    code, out = cases_run(capsys, path)
    assert code == 1
    assert "bad-value 'CHOOSE' is not allowed in 'verdict'" in out

    text = text.replace("verdict: CHOOSE", "verdict: avoid")
    path.write_text(text, encoding="utf-8")
    code, out = cases_run(capsys, path)
    codes = re.findall(r":\d+:\d+: ([a-z-]+) ", out)
    assert codes == ["placeholder-text", "placeholder-narrative", "placeholder-text",
                     "unknown-option", "unknown-option", "unknown-option", "unknown-option",
                     "placeholder-text"]

    filled = (text.replace("title: CHOOSE a short title", "title: A patient's request")
              .replace('"Describe the scenario here (no identifiers)."', "A patient asks.")
              .replace("  - CHOOSE what a learner should be able to do after the case\n",
                       "  - Decline kindly.\n")
              .replace("requester: CHOOSE", "requester: A patient")
              .replace("platform: CHOOSE", "platform: personal")
              .replace("  signals: [CHOOSE]\n", "")
              .replace("urgent: CHOOSE", 'urgent: "no"')
              .replace("  - CHOOSE the point to make after the reveal", "  - Redirect."))
    path.write_text(filled, encoding="utf-8")
    code, out = cases_run(capsys, path)
    assert (code, out.splitlines()[-1]) == (0, "1 passed, 0 failed"), out


def test_a_case_from_an_interview_saved_as_json(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "result.json"
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n1\n2\nq\n"))
    assert main(["interview", "demo-requests", "--plain", "--save", str(saved), *DEMO]) == 0
    case = tmp_path / "case.yaml"

    assert main(["cases", "new", "--from", str(saved), "--output", str(case), *DEMO]) == 0
    text = case.read_text(encoding="utf-8")
    assert "  requester: patient\n  platform: personal\n  urgent: 'no'\n" in text
    capsys.readouterr()
    code, out = cases_run(capsys, case)
    assert code == 1 and "placeholder-narrative" in out

    case.write_text(text.replace("Describe the scenario here (no identifiers).", "A patient.")
                    .replace("CHOOSE a short title", "A request")
                    .replace("CHOOSE the point to make after the reveal", "Decline kindly."),
                    encoding="utf-8")
    code, out = cases_run(capsys, case)
    assert (code, out.splitlines()[-1]) == (0, "1 passed, 0 failed"), out


@pytest.mark.parametrize(("argv", "message"), [
    pytest.param((), "give a topic id or --from RESULT.json (one of them)", id="neither"),
    pytest.param(("demo-request",), "unknown topic 'demo-request' (did you mean "
                 "'demo-requests'?)", id="typo"),
    pytest.param(("demo-requests", "--id", "Bad Id"), "--id 'Bad Id' must be", id="id"),
])
def test_bad_usage(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...],
                   message: str) -> None:
    assert main(["cases", "new", *argv, *DEMO]) == 2
    assert capsys.readouterr().err.startswith(f"decision-aid: {message}")


def test_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kept.yaml"
    path.write_text("mine\n", encoding="utf-8")

    assert main(["cases", "new", "demo-requests", "--output", str(path), *DEMO]) == 2
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert "exists; choose another name" in capsys.readouterr().err


def test_from_a_file_that_is_not_a_result(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"status": "needs_answer", "topic": "demo-requests"}', encoding="utf-8")

    assert main(["cases", "new", "--from", str(path), *DEMO]) == 2
    assert "not a saved interview result" in capsys.readouterr().err
