"""A real terminal for end-to-end tests: tmux on a private socket, keys in, screen out.

Each test gets its own tmux server (`-L`), waits by polling `capture-pane` (no fixed
sleeps, bounded waits) and always kills its server (the `term` fixture).
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 15.0


class Tmux:
    def __init__(self) -> None:
        self.socket = f"decision-aid-e2e-{uuid.uuid4().hex[:10]}"
        self.socket_path = ""

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, timeout=10, check=True)
        return done.stdout

    def start(self, command: str, *, width: int = 100, height: int = 30) -> None:
        self.tmux("new-session", "-d", "-x", str(width), "-y", str(height), command)
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

    def wait_words(self, text: str) -> str:
        """Wait for `text` however the screen wrapped it (lines joined, spaces collapsed)."""
        return self.wait(lambda s: text in " ".join(s.split()), repr(text))

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-l", text)  # literal text is a call of its own

    def key(self, *names: str) -> None:
        self.tmux("send-keys", *names)

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       timeout=10, check=False)
        if self.socket_path:  # tmux leaves the socket file behind
            Path(self.socket_path).unlink(missing_ok=True)



    def visible(self) -> str:
        """Only what is on the screen now, without the scroll-back."""
        return self.tmux("capture-pane", "-p")


def command_line(home: Path | None, args: Sequence[str], *, env: Sequence[str] = ()) -> str:
    """decision-aid ARGS from the repository root in a colour terminal, its packs in `home`
    (None: the packs that ship); the exit code is printed after it ends. COLUMNS and LINES
    are dropped: readline, once imported by the test process, exports its own 80x24 to
    every child, where a real terminal's shell exports none."""
    argv = [sys.executable, "-m", "decision_aid", *args]
    packs = ("-u DECISION_AID_HOME" if home is None
             else f"DECISION_AID_HOME={shlex.quote(str(home))}")
    return (f"cd {shlex.quote(str(ROOT))} && env -u NO_COLOR -u DECISION_AID_RULES "
            f"-u DECISION_AID_JURISDICTION -u COLUMNS -u LINES {packs} TERM=xterm-256color "
            f"{shlex.join(env)} {shlex.join(argv)}; echo EXIT=$?; sleep 5")


def interview_command(home: Path, *args: str) -> str:
    return command_line(home, ["interview", "--rules", "examples/rules", *args])
