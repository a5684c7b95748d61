"""End to end in a real terminal: tmux runs the command line, we type keys, read the screen.

Each test uses a private tmux server (`-L`), waits by polling `capture-pane` (no fixed
sleeps, bounded waits) and always kills its server.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 15.0

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


class Tmux:
    def __init__(self) -> None:
        self.socket = f"decision-aid-e2e-{uuid.uuid4().hex[:10]}"
        self.socket_path = ""

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, timeout=10, check=True)
        return done.stdout

    def start(self, command: str) -> None:
        self.tmux("new-session", "-d", "-x", "100", "-y", "30", command)
        self.socket_path = self.tmux("display-message", "-p", "#{socket_path}").strip()

    def screen(self) -> str:
        """The pane with its scroll-back, so a long result is read whole."""
        return self.tmux("capture-pane", "-p", "-S", "-500")

    def wait(self, ready: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            screen = self.screen()
            if ready(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; screen:\n{screen}")
            time.sleep(0.05)

    def wait_text(self, text: str, count: int = 1) -> str:
        return self.wait(lambda s: s.count(text) >= count, repr(text))

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-l", text)  # literal text is a call of its own

    def key(self, *names: str) -> None:
        self.tmux("send-keys", *names)

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       timeout=10, check=False)
        if self.socket_path:  # tmux leaves the socket file behind
            Path(self.socket_path).unlink(missing_ok=True)


@pytest.fixture
def term(isolated_home: Path) -> Iterator[Tmux]:
    tmux = Tmux()
    try:
        yield tmux
    finally:
        tmux.kill()


def interview_command(home: Path) -> str:
    argv = [sys.executable, "-m", "decision_aid", "interview", "--rules", "examples/rules"]
    return (f"cd {shlex.quote(str(ROOT))} && env -u NO_COLOR -u DECISION_AID_RULES "
            f"DECISION_AID_HOME={shlex.quote(str(home))} TERM=xterm-256color "
            f"{shlex.join(argv)}; echo EXIT=$?; sleep 5")


def test_full_interview_with_back_and_change(term: Tmux, isolated_home: Path) -> None:
    term.start(interview_command(isolated_home))
    term.wait_text("Describe your situation, or type a topic number:")
    term.type("1")
    term.key("Enter")
    term.wait_text("❯ 1. A patient")
    term.type("1")                                       # A patient
    term.wait_text("Which account received it?")
    term.key("Left")                                     # back, "A patient" pre-selected
    term.wait_text("← back")
    term.key("Enter")
    term.wait_text("✔ Who sent the request? — A patient", count=2)
    term.type("1")                                       # My personal account
    term.wait_text("Does the message describe urgent symptoms?")
    term.type("2")                                       # No
    screen = term.wait_text("What next?")
    assert " AVOID " in screen
    assert "Don't accept; decline kindly and redirect." in screen
    assert "Example source for the demo pack (not a real reference)." in screen

    term.type("c")                                       # change an answer
    term.wait_text("Which answer do you want to change?")
    term.type("1")
    term.wait_text("Change an answer")
    term.type("2")                                       # A colleague
    term.wait_text("Which of these hold for the colleague?")
    term.type("1")
    term.type("2")
    term.key("Enter")
    screen = term.wait(lambda s: " ACCEPTABLE " in s and "What next?" in s, "the new result")
    assert "No longer applies, so dropped: Which account received it?" in screen
    assert " ACCEPTABLE " in screen
    assert "Accepting is reasonable; keep confidentiality in mind." in screen
    term.type("q")
    screen = term.wait_text("EXIT=")
    assert "EXIT=0" in screen
    assert "Traceback" not in screen


def test_ctrl_c_leaves_cleanly_with_130(term: Tmux, isolated_home: Path) -> None:
    term.start(interview_command(isolated_home))
    term.wait_text("Describe your situation, or type a topic number:")
    term.type("1")
    term.key("Enter")
    term.wait_text("Who sent the request?")
    term.key("C-c")
    screen = term.wait_text("EXIT=")
    assert "Interrupted." in screen
    assert "EXIT=130" in screen
    assert "Traceback" not in screen


def test_identifying_description_is_wiped_from_the_screen(term: Tmux,
                                                          isolated_home: Path) -> None:
    term.start(interview_command(isolated_home))
    term.wait_text("Describe your situation, or type a topic number:")
    term.type("Mrs Zelda Quinlan, DOB 03/04/1961, sent me a request")
    term.key("Enter")
    screen = term.wait_text("Describe it again without identifiers")
    assert "! This looks like it may identify a patient" in screen
    assert "Zelda" not in screen and "1961" not in screen
