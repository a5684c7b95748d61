"""Plain mode: numbered lines in, plain text out; scripts and pipes get exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from decision_aid.core import KnowledgeBase, Result
from decision_aid.terminal import run_interview
from decision_aid.terminal.entry import wants_plain
from decision_aid.terminal.plain import PlainFace

ROOT = Path(__file__).resolve().parents[2]


def run(kb: KnowledgeBase, typed: str, *, topic: str | None = None, save: Path | None = None
        ) -> tuple[int, str]:
    out = io.StringIO()
    code = run_interview(kb, topic=topic, plain=False, save=save, jurisdiction=None,
                         stdin=io.StringIO(typed), stdout=out)
    return code, out.getvalue()


def test_numbers_answer_the_whole_interview(demo: KnowledgeBase) -> None:
    code, out = run(demo, "1\n1\n1\n2\n")
    assert code == 0  # end of input at the menu, after the result, is a normal end
    assert "Topics:\n  1. Demo — a connection request\n  0. Describe your situation" in out
    assert "Question 1 of at most 4: Who sent the request?\n  1. A patient" in out
    assert "AVOID: Don't accept; decline kindly and redirect." in out
    assert "Example source for the demo pack (not a real reference)." in out
    assert "\x1b" not in out


def test_input_ending_before_a_result_exits_3(demo: KnowledgeBase,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(demo, "1\n1\n")
    assert code == 3
    assert capsys.readouterr().err == "Input ended before the interview finished.\n"


def test_bad_input_gets_a_hint_and_free_text_is_not_echoed(demo: KnowledgeBase) -> None:
    code, out = run(demo, "7\n1\nmy patient Zebulon\n1\n1\n2\nq\n")
    assert code == 0
    assert "Type a number from 0 to 1." in out
    assert "Type a number, or ? for why this is asked." in out
    assert "Zebulon" not in out


def test_why_back_and_previous_answer(demo: KnowledgeBase) -> None:
    code, out = run(demo, "1\n?\n1\nb\n\n2\nq\n")
    assert code == 0
    assert "Why this is asked: Patients and colleagues are treated differently." in out
    assert "  1. A patient  (previous answer)" in out  # pre-selected after going back
    assert "Enter keeps the previous answer" in out
    assert "Which account received it? — My professional account" in out


def test_multi_select_by_numbers_with_commas_or_spaces(demo: KnowledgeBase) -> None:
    _, out = run(demo, "1\n2\n1, 3\nq\n")
    assert "ACCEPTABLE: Accepting is reasonable" in out
    assert "We have met, Their registration checks out" in out
    _, out = run(demo, "1\n2\n0\nq\n")
    assert "CAUTION: Take care" in out
    assert "Which of these hold for the colleague? — None of these" in out


def test_change_an_answer_from_the_menu_drops_what_no_longer_applies(
        demo: KnowledgeBase) -> None:
    code, out = run(demo, "1\n1\n1\n2\nc\n1\n2\n1 2\nq\n")
    assert code == 0
    assert ("No longer applies, so dropped: Which account received it?; "
            "Does the message describe urgent symptoms?") in out
    assert out.rindex("ACCEPTABLE") > out.index("AVOID")


def test_why_from_the_menu_prints_the_trace(demo: KnowledgeBase) -> None:
    _, out = run(demo, "1\n1\n1\n2\nw\nq\n")
    assert "How this was decided:\n  [no] urgent-first" in out


def test_topic_argument_starts_at_the_first_question(demo: KnowledgeBase) -> None:
    _, out = run(demo, "2\n\nq\n", topic="demo-requests")
    assert "Topics:" not in out
    assert "CAUTION: Take care; check before you connect." in out


def test_description_is_routed_and_not_echoed(demo: KnowledgeBase) -> None:
    _, out = run(demo, "0\nmy patient sent me a demo request, quite odd\n1\ny\n1\n2\nq\n")
    assert "Closest topics:\n  1. Demo — a connection request (" in out
    assert "From your description:\n  Who sent the request? — A patient" in out
    assert "AVOID" in out
    assert "quite odd" not in out


def test_identifying_description_is_refused(demo: KnowledgeBase) -> None:
    code, out = run(demo, "0\nMr John Smith, DOB 01/02/1960, sent me a request\n\n")
    assert code == 3
    assert "! This looks like it may identify a patient" in out
    assert "John" not in out and "1960" not in out
    assert out.count("Topics:") == 2  # an empty line went back to the list


def test_save_option_writes_the_file_each_time_a_result_is_shown(
        demo: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    code, out = run(demo, "1\n1\n1\n2\nq\n", save=path)
    assert code == 0
    assert f"Saved to {path}" in out
    assert json.loads(path.read_text(encoding="utf-8"))["rule"] == "patient-personal"


def test_save_and_trainer_case_from_the_menu(demo: KnowledgeBase, tmp_path: Path) -> None:
    md, case = tmp_path / "out.md", tmp_path / "case.yaml"
    code, out = run(demo, f"1\n1\n1\n2\ns\n{md}\nt\n{case}\nt\n{case}\nn\nq\n")
    assert code == 0
    assert md.read_text(encoding="utf-8").startswith("# AVOID")
    assert "expect:\n  verdict: avoid" in case.read_text(encoding="utf-8")
    assert f"{case} exists. Overwrite it? [y/N]" in out


@pytest.mark.parametrize(("kwargs", "message"), [
    pytest.param({"save": Path("x.pdf")}, "cannot save to x.pdf", id="bad-extension"),
    pytest.param({"topic": "demo-request"}, "did you mean 'demo-requests'?", id="bad-topic"),
])
def test_bad_arguments_exit_2(demo: KnowledgeBase, capsys: pytest.CaptureFixture[str],
                              kwargs: dict[str, object], message: str) -> None:
    code = run_interview(demo, **{"topic": None, "plain": True, "save": None,  # type: ignore[arg-type]
                                  "jurisdiction": None, "stdin": io.StringIO(),
                                  "stdout": io.StringIO(), **kwargs})
    assert code == 2
    assert message in capsys.readouterr().err


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("plain", "env", "tty", "expected"), [
    pytest.param(False, {"TERM": "xterm"}, True, False, id="terminal"),
    pytest.param(True, {"TERM": "xterm"}, True, True, id="flag"),
    pytest.param(False, {"TERM": "xterm", "NO_COLOR": "1"}, True, True, id="no-color"),
    pytest.param(False, {"TERM": "xterm", "NO_COLOR": ""}, True, False, id="no-color-empty"),
    pytest.param(False, {"TERM": "dumb"}, True, True, id="dumb"),
    pytest.param(False, {"TERM": "xterm"}, False, True, id="pipe"),
])
def test_when_plain_mode_is_chosen(plain: bool, env: dict[str, str], tty: bool,
                                   expected: bool) -> None:
    stream = FakeTty() if tty else io.StringIO()
    assert wants_plain(plain=plain, stdin=stream, stdout=FakeTty(), environ=env) is expected


def cli(args: list[str], typed: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DECISION_AID_HOME": str(home)}
    env.pop("DECISION_AID_RULES", None)
    return subprocess.run([sys.executable, "-m", "decision_aid", "interview", *args],
                          input=typed, capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=60, check=False)


def test_command_line_through_pipes(isolated_home: Path) -> None:
    done = cli(["--plain", "--rules", "examples/rules"], "1\n1\n1\n2\nq\n", isolated_home)
    assert done.returncode == 0, done.stderr
    assert "AVOID: Don't accept; decline kindly and redirect." in done.stdout
    assert "\x1b" not in done.stdout
    done = cli(["--rules", "examples/rules"], "1\n", isolated_home)  # a pipe is plain too
    assert done.returncode == 3
    assert done.stderr.strip() == "Input ended before the interview finished."


def test_an_exclusive_option_ticked_with_another_is_asked_again(demo: KnowledgeBase) -> None:
    code, out = run(demo, "1\n2\n1,4\n4\n")

    assert "'I can't tell' cannot be combined with other options; choose it alone." in out
    assert "CAUTION: Take care; check before you connect." in out
    assert code == 0


# -- hostile input (issue 13 item 4) ---------------------------------------------------------
@pytest.mark.parametrize("typed", [
    pytest.param("²", id="superscript-two"),
    pytest.param("¹", id="superscript-one"),
    pytest.param("١", id="arabic-indic-one"),
    pytest.param("1" * 5000, id="5000-digits"),
])
def test_a_number_that_is_not_plain_ascii_is_a_wrong_answer(demo: KnowledgeBase,
                                                             typed: str) -> None:
    # at the topic list and at two single-choice questions
    code, out = run(demo, f"{typed}\n1\n{typed}\n1\n1\n{typed}\n2\nq\n")

    assert code == 0
    assert out.count("Type a number from 0 to 1.") == 1
    assert out.count("Type a number, or ? for why this is asked.") == 2
    assert "AVOID" in out


@pytest.mark.parametrize("typed", ["²", "1,¹", "2 " + "9" * 5000])
def test_a_multi_choice_answer_with_odd_digits_is_a_wrong_answer(demo: KnowledgeBase,
                                                                 typed: str) -> None:
    question = demo.topics["demo-requests"].question("signals")
    assert question is not None

    assert PlainFace(io.StringIO(), io.StringIO())._parse(question, typed, None) is None


def test_an_overlong_line_is_dropped_and_the_question_asked_again(demo: KnowledgeBase) -> None:
    code, out = run(demo, "x" * 250_000 + "\n1\n1\n1\n2\nq\n")

    assert code == 0
    assert "That line is over 100000 characters" in out
    assert "AVOID" in out


def test_a_failed_save_option_exits_non_zero(demo: KnowledgeBase, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "missing-folder" / "result.md"

    code, out = run(demo, "1\n1\n1\n2\nq\n", save=path)

    assert code == 2
    assert "! Could not save:" in out
    assert capsys.readouterr().err == f"The result was not saved to {path}.\n"


def test_non_utf8_input_and_an_ascii_terminal_never_crash(isolated_home: Path) -> None:
    env = {**os.environ, "DECISION_AID_HOME": str(isolated_home), "PYTHONIOENCODING": "utf-8"}
    env.pop("DECISION_AID_RULES", None)
    typed = b"\xff\xfe\n1\n1\n1\n2\nq\n"
    done = subprocess.run([sys.executable, "-m", "decision_aid", "interview", "--plain",
                           "--rules", "examples/rules"], input=typed, capture_output=True,
                          env=env, cwd=ROOT, timeout=60, check=False)
    assert (done.returncode, b"Traceback" in done.stderr) == (0, False), done.stderr
    assert b"AVOID" in done.stdout

    env["PYTHONIOENCODING"] = "ascii"
    done = subprocess.run([sys.executable, "-m", "decision_aid", "interview", "--plain",
                           "--rules", "examples/rules"], input=b"1\n1\n1\n2\nq\n",
                          capture_output=True, env=env, cwd=ROOT, timeout=60, check=False)
    assert (done.returncode, b"Traceback" in done.stderr) == (0, False), done.stderr
    assert b"AVOID" in done.stdout
    done.stdout.decode("ascii")  # replaced, not raised


# -- the result: the summary on a terminal, all of it on a pipe; the verdict last (#9 item 4) --
class Screen(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_mode_on_a_terminal_shows_the_summary_then_the_verdict(
        demo: KnowledgeBase, avoid_result: Result, monkeypatch: pytest.MonkeyPatch) -> None:
    from decision_aid.core import explain

    monkeypatch.setenv("COLUMNS", "40")
    screen = Screen()
    PlainFace(io.StringIO(), screen).show_result(explain(demo, avoid_result))
    lines = screen.getvalue().rstrip().splitlines()

    assert lines[1] == "AVOID: Don't accept; decline kindly and"
    assert "What to do" in lines and "Sources" not in lines
    assert lines[-1] == "redirect." and lines[-2].startswith("AVOID: ")


def test_plain_mode_on_a_pipe_shows_the_whole_result_then_the_verdict(
        demo: KnowledgeBase, avoid_result: Result) -> None:
    from decision_aid.core import explain

    out = io.StringIO()
    PlainFace(io.StringIO(), out).show_result(explain(demo, avoid_result))
    lines = out.getvalue().rstrip().splitlines()

    assert "Sources" in lines and lines[-3].startswith("Topic demo-requests")
    assert lines[-1] == "AVOID: Don't accept; decline kindly and redirect."
