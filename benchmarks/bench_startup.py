"""Time from launch to the first screen of `decision-aid interview` (a script, not a test).

Residents open the interview between patients, so what counts is how soon there is
something to read and answer. Measured in one run, round-robin, median of N:

* baseline: `python -c pass` (launch and exit of the same interpreter);
* plain mode through pipes: until the topic menu's prompt, and until the first question
  when "1" is already typed;
* a real pseudo-terminal (the `pty` module): until the first prompt, and until the first
  question (drawn by prompt_toolkit) when "1" + Enter is already typed.

    .venv/bin/python benchmarks/bench_startup.py [--repeat N] [--real] [--bytecode MODE]

By default the example pack is used with an empty built-in home, so the figure does not
depend on the state of rules/ and content/; `--real` loads the built-in content instead.
The pack cache is off. Both bytecode modes are measured unless `--bytecode off|on` says
one: "off" as this environment runs (PYTHONDONTWRITEBYTECODE=1: the project is compiled
from source at every start), "on" as an installed copy runs (bytecode cached).
Goal (issue #8): ≤ 250 ms to the first question on a pty, real packs, cache off.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import selectors
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))

from benchmarks._common import (  # noqa: E402
    Timing,
    bytecode_env,
    clean_env,
    goal,
    header,
    python_exe,
    ratio,
    table,
    warm_bytecode,
)

CPR_REQUEST, CPR_REPLY = b"\x1b[6n", b"\x1b[1;1R"
TIMEOUT_S = 20.0


def _read_until(fd: int, marker: bytes, *, reply: Callable[[bytes], object] | None = None
                ) -> None:
    """Read `fd` until `marker` shows; answer cursor-position requests like a terminal."""
    seen = b""
    deadline = time.monotonic() + TIMEOUT_S
    with selectors.DefaultSelector() as sel:
        sel.register(fd, selectors.EVENT_READ)
        while marker not in seen:
            if time.monotonic() > deadline or not sel.select(deadline - time.monotonic()):
                raise TimeoutError(f"no {marker!r} after {TIMEOUT_S}s; got {seen[-300:]!r}")
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the pty closes when the child exits
                chunk = b""
            if not chunk:
                raise RuntimeError(f"output ended before {marker!r}: {seen[-300:]!r}")
            if reply is not None and CPR_REQUEST in chunk:
                reply(CPR_REPLY)
            seen += chunk


def baseline_ms(env: dict[str, str]) -> float:
    start = time.perf_counter_ns()
    subprocess.run([python_exe(), "-c", "pass"], check=True, env=env)
    return (time.perf_counter_ns() - start) / 1e6


def pipe_ms(argv: list[str], env: dict[str, str], typed: bytes, marker: bytes) -> float:
    start = time.perf_counter_ns()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        if typed:
            proc.stdin.write(typed)
            proc.stdin.flush()
        _read_until(proc.stdout.fileno(), marker)
        return (time.perf_counter_ns() - start) / 1e6
    finally:
        proc.kill()
        proc.wait()
        proc.stdin.close()
        proc.stdout.close()


def pty_ms(argv: list[str], env: dict[str, str], typed: bytes, marker: bytes) -> float:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter_ns()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
                            start_new_session=True)
    os.close(slave)
    try:
        if typed:
            os.write(master, typed)
        _read_until(master, marker, reply=lambda data: os.write(master, data))
        return (time.perf_counter_ns() - start) / 1e6
    finally:
        proc.kill()
        proc.wait()
        os.close(master)


def measure(env: dict[str, str], argv: list[str], repeat: int) -> list[Timing]:
    cases: list[tuple[str, Callable[[], float]]] = [
        ("python -c pass", lambda: baseline_ms(env)),
        ("plain, pipe: topic menu", lambda: pipe_ms(
            [*argv, "--plain"], env, b"", b"Choose a number: ")),
        ("plain, pipe: first question", lambda: pipe_ms(
            [*argv, "--plain"], env, b"1\n", b"of at most")),
        ("pty: first prompt", lambda: pty_ms(argv, env, b"", b"type a topic number:")),
        ("pty: first question (typed ahead)", lambda: pty_ms(
            argv, env, b"1\r", b"of at most")),
    ]
    samples: dict[str, list[float]] = {name: [] for name, _ in cases}
    for i in range(repeat + 1):
        for name, run in cases:
            ms = run()
            if i:  # the first round warms the disk cache
                samples[name].append(ms * 1e6)
    return [Timing(name, tuple(samples[name])) for name, _ in cases]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--real", action="store_true", help="use the built-in content")
    parser.add_argument("--bytecode", choices=("off", "on", "both"), default="both")
    args = parser.parse_args()

    env = clean_env()
    env.pop("NO_COLOR", None)
    env["TERM"] = "xterm-256color"
    argv = [python_exe(), "-m", "decision_aid", "interview"]
    modes = ("off", "on") if args.bytecode == "both" else (args.bytecode,)
    results: dict[str, list[Timing]] = {}
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as prefix:
        if not args.real:
            (Path(home) / "rules").mkdir()
            (Path(home) / "content").mkdir()
            env["DECISION_AID_HOME"] = home
            argv += ["--rules", "examples/rules"]
        for mode in modes:
            mode_env = bytecode_env(env, mode, Path(prefix))
            if mode == "on":
                warm_bytecode(mode_env)
            results[mode] = measure(mode_env, argv, args.repeat)
    content = "built-in content" if args.real else "example pack"
    header(f"start-up of `decision-aid interview` ({content}, pack cache off)")
    for mode, timings in results.items():
        base = timings[0].median_ms
        print(f"\nbytecode {mode}:")
        table([(t.name, f"{t.median_ms:.0f}", f"{t.min_ms:.0f}", ratio(t.median_ms, base))
               for t in timings], ["measure", "median ms", "min ms", "vs python -c pass"])
    print()
    for mode, timings in results.items():
        first = timings[-1].median_ms
        print(goal(f"first question on a pty, {content}, cache off, bytecode {mode}", first,
                   250, " ms") + f" = {first / timings[0].median_ms:.1f}x python -c pass "
              f"({timings[0].median_ms:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
