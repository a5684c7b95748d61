"""PHI typed into the command line is never kept: the interview's description (plain mode
through a pipe, and on a real terminal under tmux), `ask` answers (flags and an answers
file), and `cases run` (every face) with a case whose description is PHI.

Each child runs with the root and every library logger at DEBUG (then INFO) writing to a
log file, and with HOME, XDG_CACHE_HOME, TMPDIR, the pack cache and the working folder
inside the test's folder: the log file and every file the child wrote there are searched
for each identifier, as are its stdout and stderr (a terminal's output is often kept by CI
and screen recorders). The inputs the test itself writes live apart, in `inputs/`.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from decision_aid.core.phi import MAX_TEXT_CHARS

from .phi_samples import EVERYTHING, TEXTS, assert_clean, assert_files_clean

ROOT = Path(__file__).resolve().parents[2]
DEMO = ["--rules", str(ROOT / "examples" / "rules")]
TURNED_UP = """
import logging, runpy, sys
level, log = sys.argv.pop(1), sys.argv.pop(1)
logging.basicConfig(level=level, filename=log,
                    format="%(levelname)s %(name)s %(message)s %(args)s")
for name in ("slack_bolt", "slack_sdk", "urllib3", "gunicorn", "decision_aid", "asyncio",
             "prompt_toolkit", "rich", ""):
    logging.getLogger(name).setLevel(level)
sys.argv[0] = "decision-aid"
runpy.run_module("decision_aid", run_name="__main__")
"""


@dataclass
class Place:
    """A child's world: where it may write, and the inputs the test gave it."""

    root: Path
    level: str

    @property
    def writable(self) -> list[Path]:
        return [self.root / n for n in ("home", "cache", "tmp", "work")]

    @property
    def inputs(self) -> Path:
        return self.root / "inputs"

    @property
    def log(self) -> Path:
        return self.root / "work" / "debug.log"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("DECISION_AID_", "SLACK_", "COLUMNS", "LINES"))}
        env.update(HOME=str(self.root / "home"), XDG_CACHE_HOME=str(self.root / "cache"),
                   TMPDIR=str(self.root / "tmp"), DECISION_AID_HOME=str(self.root / "home"),
                   DECISION_AID_CACHE=str(self.root / "cache" / "packs"))
        return env

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-c", TURNED_UP, self.level, str(self.log), *args]

    def run(self, *args: str, typed: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.argv(*args), input=typed, capture_output=True, text=True,
                              env=self.env(), cwd=self.root / "work", timeout=120,
                              check=False)

    def check(self, *outputs: str) -> None:
        assert self.log.exists(), "the child wrote no log file"
        for output in outputs:
            assert_clean(output, "the output")
        assert_files_clean(self.writable)


@pytest.fixture(params=["DEBUG", "INFO"])
def place(tmp_path: Path, request: pytest.FixtureRequest) -> Place:
    made = Place(tmp_path, request.param)
    for folder in (*made.writable, made.inputs, made.root / "home" / "rules",
                   made.root / "home" / "content"):
        folder.mkdir(parents=True, exist_ok=True)
    return made


def test_descriptions_typed_into_the_plain_interview(place: Place) -> None:
    # Each text refused, then an empty line back to the topics, then the interview ends.
    typed = "".join(f"0\n{text}\n\n" for text in TEXTS) + "0\n" + "x" * (MAX_TEXT_CHARS + 9)
    done = place.run("interview", "--plain", *DEMO, typed=typed + "\n")
    assert done.stdout.count("may identify a patient") == len(TEXTS), done.stdout[-800:]
    assert "Traceback" not in done.stderr
    place.check(done.stdout, done.stderr)


def test_ask_with_phi_in_answer_flags_and_an_answers_file(place: Place) -> None:
    answers = place.inputs / "answers.yaml"
    answers.write_text(yaml.safe_dump({"requester": EVERYTHING, EVERYTHING[:40]: "patient"}),
                       encoding="utf-8")
    outputs = []
    for args in (["--answer", f"requester={EVERYTHING}"],
                 ["--answer", f"{EVERYTHING[:60]}=patient"],
                 ["--answers", str(answers)],
                 ["--answers", str(answers), "--format", "json"]):
        done = place.run("ask", "demo-requests", *args, *DEMO)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.count("\n") <= 2, done.stderr
        outputs += [done.stdout, done.stderr]
    place.check(*outputs)


def test_cases_run_with_a_description_that_identifies_a_patient(place: Place) -> None:
    case = {"cases": [{"id": "phi-description", "title": "A description with identifiers",
                       "topic": "demo-requests", "description": EVERYTHING,
                       "answers": {"requester": "patient", "platform": "personal",
                                   "urgent": "no"},
                       "expect": {"verdict": "avoid"}}]}
    (place.inputs / "cases.yaml").write_text(yaml.safe_dump(case), encoding="utf-8")
    outputs = []
    for fmt in ("text", "json", "junit"):
        done = place.run("cases", "run", str(place.inputs / "cases.yaml"), "--face", "all",
                         "--format", fmt, *DEMO)
        assert done.returncode == 1, (done.stdout[-500:], done.stderr[-500:])
        assert "Traceback" not in done.stderr
        assert "identif" in done.stdout, done.stdout[-500:]
        outputs += [done.stdout, done.stderr]
    place.check(*outputs)


@pytest.mark.e2e
def test_a_description_typed_on_a_real_terminal(place: Place) -> None:
    from terminal.tmux import Tmux

    term = Tmux()
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in place.env().items()
                   if k in ("HOME", "XDG_CACHE_HOME", "TMPDIR", "DECISION_AID_HOME",
                            "DECISION_AID_CACHE", "PATH", "PYTHONPATH"))
    command = (f"cd {shlex.quote(str(place.root / 'work'))} && env -u NO_COLOR {env} "
               f"TERM=xterm-256color {shlex.join(place.argv('interview', *DEMO))}; "
               "echo EXIT=$?; sleep 5")
    try:
        term.start(command, width=80)
        term.wait_words("Describe your situation, or type a topic number:")
        for text, says in ((EVERYTHING, "an IP address, a web address). Rephrase"),
                           (TEXTS[1], "(a person's name). Rephrase")):
            term.type(text)
            term.key("Enter")
            term.wait_words(says)
            assert_clean(term.screen(), "the terminal")
        term.key("C-c")
        term.wait_text("EXIT=")
    finally:
        term.kill()
    place.check()
