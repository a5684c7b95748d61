"""`cases run --watch`: run, then run again whenever a watched file changes.

Polling file times (twice a second) needs no extra dependency and works on every file
system; a suite is a few hundred files at most.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from decision_aid.exit_codes import ExitCode

INTERVAL = 0.5


def snapshot(files: list[Path]) -> dict[Path, tuple[int, int] | None]:
    """Each file's (mtime_ns, size), None for one that went away."""
    seen: dict[Path, tuple[int, int] | None] = {}
    for path in files:
        try:
            info = path.stat()
        except OSError:
            seen[path] = None
        else:
            seen[path] = (info.st_mtime_ns, info.st_size)
    return seen


def watch(run_once: Callable[[], int], files: Callable[[], list[Path]], *,
          interval: float = INTERVAL, rounds: int | None = None,
          sleep: Callable[[float], None] = time.sleep) -> int:
    """Run, then rerun on every change, until Ctrl-C (or `rounds` runs, for tests).

    Returns the last run's exit code; an interrupt ends the watch normally.
    """
    code = int(ExitCode.OK)
    done = 0
    try:
        while True:
            before = snapshot(files())
            code = run_once()
            done += 1
            if rounds is not None and done >= rounds:
                return code
            print("Watching for changes (Ctrl-C to stop)...", file=sys.stderr)
            while snapshot(files()) == before:
                sleep(interval)
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return code
