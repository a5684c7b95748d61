"""No input at all (issue 12): stdin from /dev/null, and stdin closed (`0<&-`, where Python
has no sys.stdin, and a read from the shell's closed descriptor). Each command that would
ask ends with its one-line message and exit code, never a traceback; a command that does
not read input is unaffected."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ["--rules", "examples/rules"]
ENDED = "Input ended before the interview finished."


def run(args: list[str], how: str, home: Path) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "decision_aid", *args]
    env = {**os.environ, "DECISION_AID_HOME": str(home)}
    env.pop("DECISION_AID_RULES", None)
    if how == "closed":  # the shell closes fd 0 before exec: Python starts without stdin
        return subprocess.run(["sh", "-c", 'exec "$@" 0<&-', "sh", *argv],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
                              check=False)
    return subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=60, check=False)


@pytest.mark.parametrize("how", ["devnull", "closed"])
@pytest.mark.parametrize(("args", "code", "last"), [
    (["interview", *DEMO], 3, ENDED),
    (["interview", "--plain", "demo-requests", *DEMO], 3, ENDED),
    (["interview", "no-such-topic", *DEMO], 2,
     "decision-aid: unknown topic 'no-such-topic' (run `decision-aid topics` to list them)"),
    (["ask", "no-such-topic", *DEMO], 2,
     "decision-aid: unknown topic 'no-such-topic' (run `decision-aid topics` to list them)"),
    (["ask", "demo-requests", *DEMO], 3, "Answer with --answer requester=OPTION"),
    (["ask", "demo-requests", "--answer", "requester=patient", "--answer",
      "platform=personal", "--answer", "urgent=no", "--format", "json", *DEMO], 0, "}"),
], ids=["interview", "plain-topic", "unknown-topic", "ask-unknown-topic", "ask-needs-an-answer",
       "ask-answered"])
def test_no_input_ends_each_command_with_its_message(isolated_home: Path, how: str,
                                                     args: list[str], code: int,
                                                     last: str) -> None:
    done = run(args, how, isolated_home)

    assert "Traceback" not in done.stderr, done.stderr[-1500:]
    assert done.returncode == code, (done.returncode, done.stderr[-500:])
    assert (done.stdout + done.stderr).rstrip().splitlines()[-1] == last
