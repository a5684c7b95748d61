"""`cases run` options: selection, faces, time limit and --watch."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from decision_aid.cases.progress import progress_bar
from decision_aid.cases.watch import watch
from decision_aid.cli import main

DEMO = ["--rules", "examples/rules"]
CASES = "tests/fixtures/cases"


@pytest.fixture(autouse=True)
def _isolated(isolated_home: Path, repo_root: Path) -> None:
    """Empty built-in packs, and the repository root as the working directory."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["cases", "run", *argv, *DEMO])
    out, err = capsys.readouterr()
    return code, out, err


def ids(out: str) -> list[str]:
    return [line.split()[1] for line in out.splitlines() if line.startswith(("PASS", "FAIL"))]


@pytest.mark.parametrize(("argv", "expected"), [
    pytest.param(("--run", "urgent|trusted"), ["demo-trusted-colleague", "demo-urgent"],
                 id="regex"),
    pytest.param(("--topic", "demo-requests", "--run", "^demo-p"), ["demo-patient-personal"],
                 id="topic-and-regex"),
])
def test_selection(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...],
                   expected: list[str]) -> None:
    code, out, _ = run(capsys, CASES, *argv)

    assert ids(out) == expected
    assert code == 0


def test_tags_select(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = Path(CASES, "demo-cases.yaml").read_text(encoding="utf-8")
    tagged = text.replace("  - id: demo-urgent\n", "  - id: demo-urgent\n    tags: [hard]\n")
    (tmp_path / "c.yaml").write_text(tagged, encoding="utf-8")

    _, out, _ = run(capsys, str(tmp_path), "--tag", "hard")

    assert ids(out) == ["demo-urgent"]


@pytest.mark.parametrize(("argv", "message"), [
    pytest.param(("--run", "nothing-like-this"), "no case matches --run/--tag/--topic",
                 id="no-match"),
    pytest.param(("--run", "("), "--run '(' is not a regular expression", id="bad-regex"),
    pytest.param(("--time-limit", "0"), "--time-limit must be more than 0 seconds",
                 id="time-limit"),
])
def test_bad_options_are_one_line_errors(capsys: pytest.CaptureFixture[str],
                                         argv: tuple[str, ...], message: str) -> None:
    code, _, err = run(capsys, CASES, *argv)

    assert code == 2
    assert err.startswith(f"decision-aid: {message}") and err.count("\n") == 1


def test_every_face_plays_every_case(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("slack_bolt")
    code, out, _ = run(capsys, f"{CASES}/demo-cases.yaml", "--face", "all")

    assert code == 0
    assert [line.split()[2] for line in out.splitlines() if line.startswith("PASS")] == [
        "[core]"] * 3 + ["[terminal]"] * 3 + ["[slack]"] * 3
    assert out.splitlines()[-1] == "9 passed, 0 failed"


def test_a_failing_case_fails_in_every_face(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("slack_bolt")
    code, out, _ = run(capsys, f"{CASES}/demo-failing.yaml", "--face", "all",
                       "--format", "junit")

    assert code == 1
    assert out.count("<failure ") == 3
    assert 'name="decision-aid cases (slack)" tests="1" failures="1"' in out


def test_watch_reruns_when_a_file_changes(tmp_path: Path) -> None:
    watched = tmp_path / "case.yaml"
    watched.write_text("a", encoding="utf-8")
    runs: list[int] = []

    def once() -> int:
        runs.append(len(runs))
        return 1 if len(runs) == 1 else 0

    def sleep(_: float) -> None:  # the trainer saves the file while the watch waits
        watched.write_text("a longer text", encoding="utf-8")

    code = watch(once, lambda: [watched], rounds=2, sleep=sleep)

    assert (runs, code) == ([0, 1], 0)


def test_no_progress_bar_on_a_pipe() -> None:
    stream = io.StringIO()
    with progress_bar(500, stream=stream) as advance:
        for _ in range(500):
            advance()
    assert stream.getvalue() == ""


def test_a_progress_bar_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    with progress_bar(30, stream=stream) as advance:
        for _ in range(30):
            advance()
    assert "30/30" in stream.getvalue()
