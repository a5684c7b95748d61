"""The bot as a child process for fault tests: its JSON log goes to a file (a pipe nobody
drains would fill and stall it), read back line by line as it grows."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import IO


class Tail:
    """A growing log file read line by line, as `read_events` reads a pipe."""

    def __init__(self, path: Path, proc: subprocess.Popen[str]) -> None:
        self.stream: IO[str] = path.open()
        self.proc = proc
        self.partial = ""

    def readline(self) -> str:
        while True:
            self.partial += self.stream.readline()
            if self.partial.endswith("\n") or self.proc.poll() is not None:
                line, self.partial = self.partial, ""
                return line
            time.sleep(0.02)

    def close(self) -> None:
        self.stream.close()


def start(command: list[str], env: dict[str, str], cwd: Path
          ) -> tuple[subprocess.Popen[str], Tail]:
    log = cwd / "bot.log"
    with log.open("w") as out:
        proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=out, text=True)
    return proc, Tail(log, proc)


def stop(proc: subprocess.Popen[str], tail: Tail) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)
    tail.close()
