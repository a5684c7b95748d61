"""Shared timing helpers for the benchmark scripts (not a test module; nothing here asserts).

Every figure is the median (and min) of several repeats, after a warm-up. In-process
micro-benchmarks (`bench`) count this process's CPU time (`time.process_time_ns`), so
that other work on a shared machine does not land in a sample; single slow calls
(`once`) and subprocesses are wall time (`time.perf_counter_ns`). Ratios are against a
baseline measured in the same run on the same machine, so they are comparable across
machines; absolute numbers are not.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"


def python_exe() -> str:
    """The project's interpreter: the venv's when present, else the one running us."""
    venv = VENV_BIN / "python"
    return str(venv) if venv.exists() else sys.executable


def ensure_importable() -> None:
    """Let `python benchmarks/bench_x.py` import decision_aid without an install."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


@dataclass(frozen=True, slots=True)
class Timing:
    """Per-operation times in nanoseconds, one per repeat."""

    name: str
    samples_ns: tuple[float, ...]

    @property
    def median_ns(self) -> float:
        return statistics.median(self.samples_ns)

    @property
    def min_ns(self) -> float:
        return min(self.samples_ns)

    @property
    def median_us(self) -> float:
        return self.median_ns / 1e3

    @property
    def min_us(self) -> float:
        return self.min_ns / 1e3

    @property
    def median_ms(self) -> float:
        return self.median_ns / 1e6

    @property
    def min_ms(self) -> float:
        return self.min_ns / 1e6


def calibrate(fn: Callable[[], object], target_ns: int = 20_000_000, cap: int = 1_000_000) -> int:
    """How many calls of `fn` make one sample of about `target_ns`."""
    number = 1
    while number < cap:
        start = time.process_time_ns()
        for _ in range(number):
            fn()
        elapsed = time.process_time_ns() - start
        if elapsed >= target_ns // 4:
            return max(1, min(cap, int(number * target_ns / max(elapsed, 1))))
        number *= 4
    return cap


def bench(name: str, fn: Callable[[], object], *, repeat: int = 9, number: int | None = None,
          warmup: int = 1, per_call: int = 1, disable_gc: bool = True,
          target_ns: int = 20_000_000) -> Timing:
    """Time `fn`: `repeat` samples of `number` calls each, after `warmup` samples.

    `per_call` is how many operations one call of `fn` performs (e.g. it loops over 11
    answer sets); the result is in ns per operation. GC is off while sampling unless
    `disable_gc` is False (as timeit does), so a collection does not land in one sample.
    """
    if number is None:
        number = calibrate(fn, target_ns)
    samples: list[float] = []
    was_enabled = gc.isenabled()
    try:
        for i in range(warmup + repeat):
            if disable_gc:
                gc.collect()
                gc.disable()
            start = time.process_time_ns()
            for _ in range(number):
                fn()
            elapsed = time.process_time_ns() - start
            if was_enabled:
                gc.enable()
            if i >= warmup:
                samples.append(elapsed / (number * per_call))
    finally:
        if was_enabled:
            gc.enable()
    return Timing(name, tuple(samples))


def once(name: str, fn: Callable[[], object], *, repeat: int = 5, warmup: int = 1,
         setup: Callable[[], object] | None = None) -> tuple[Timing, object]:
    """Time single calls of a slow `fn` (e.g. a load); returns the timing and the last value."""
    samples: list[float] = []
    value: object = None
    for i in range(warmup + repeat):
        value = None  # do not keep the last result alive while making the next one
        if setup is not None:
            setup()
        gc.collect()
        start = time.perf_counter_ns()
        value = fn()
        elapsed = time.perf_counter_ns() - start
        if i >= warmup:
            samples.append(elapsed)
    return Timing(name, tuple(samples)), value


def run_process(argv: Sequence[str], *, env: dict[str, str] | None = None,
                cwd: Path | None = None) -> tuple[int, subprocess.CompletedProcess[str]]:
    """Run one subprocess; returns its wall time in ns and the completed process."""
    start = time.perf_counter_ns()
    done = subprocess.run(list(argv), capture_output=True, text=True, env=env,
                          cwd=cwd or ROOT, check=False)
    return time.perf_counter_ns() - start, done


def time_process(name: str, argv: Sequence[str], *, repeat: int = 20, warmup: int = 2,
                 env: dict[str, str] | None = None, cwd: Path | None = None) -> Timing:
    """Wall time of a whole subprocess, `repeat` times after `warmup` runs."""
    samples: list[float] = []
    for i in range(warmup + repeat):
        elapsed, done = run_process(argv, env=env, cwd=cwd)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: "
                               f"{done.stderr.strip()[-500:]}")
        if i >= warmup:
            samples.append(elapsed)
    return Timing(name, tuple(samples))


def interleaved(cases: Sequence[tuple[str, Sequence[str]]], *, repeat: int = 20,
                warmup: int = 2, env: dict[str, str] | None = None) -> list[Timing]:
    """Like time_process for several commands, run round-robin so drift hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name, _ in cases}
    for i in range(warmup + repeat):
        for name, argv in cases:
            elapsed, done = run_process(argv, env=env)
            if done.returncode != 0:
                raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: "
                                   f"{done.stderr.strip()[-500:]}")
            if i >= warmup:
                samples[name].append(elapsed)
    return [Timing(name, tuple(samples[name])) for name, _ in cases]


def clean_env() -> dict[str, str]:
    """The environment for subprocesses, without variables that change what loads."""
    env = dict(os.environ)
    for key in ("DECISION_AID_RULES", "PYTHONSTARTUP", "PYTHONPROFILEIMPORTTIME"):
        env.pop(key, None)
    env["DECISION_AID_CACHE"] = "off"  # cold unless a benchmark asks for the pack cache
    return env


BYTECODE_MODES = ("off", "on")


def bytecode_env(env: dict[str, str], mode: str, prefix: Path) -> dict[str, str]:
    """`env` for a child interpreter in one bytecode mode.

    "off": as this environment runs, PYTHONDONTWRITEBYTECODE=1 and the project's modules
    compiled from source at every start (the standard library and the dependencies keep
    their installed bytecode). "on": as a user's install runs, with bytecode for
    everything cached (under `prefix`; call `warm_bytecode` once first).
    """
    out = dict(env)
    if mode == "off":
        out["PYTHONDONTWRITEBYTECODE"] = "1"
        out.pop("PYTHONPYCACHEPREFIX", None)
    else:
        out.pop("PYTHONDONTWRITEBYTECODE", None)
        out["PYTHONPYCACHEPREFIX"] = str(prefix)
    return out


def warm_bytecode(env: dict[str, str]) -> None:
    """Write the bytecode of the project and of what it imports (mode "on")."""
    code = ("import decision_aid.cli, decision_aid.core, decision_aid.core._checks, "
            "decision_aid.terminal.interview, jsonschema")
    subprocess.run([python_exe(), "-c", code], env=env, cwd=ROOT, check=False,
                   capture_output=True)


def project_bytecode_cached() -> bool:
    """Whether the source tree holds bytecode of the project (then mode "off" reads it)."""
    return any((ROOT / "decision_aid").rglob("__pycache__"))


# -- printing --------------------------------------------------------------------
def header(title: str) -> None:
    print(f"== {title}")
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    print(f"   python {platform.python_version()} ({platform.python_implementation()}), "
          f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs{load}")
    mode = "PYTHONDONTWRITEBYTECODE=1" if os.environ.get("PYTHONDONTWRITEBYTECODE") \
        else "bytecode written"
    cached = "cached" if project_bytecode_cached() else "none cached in the tree"
    print(f"   pack cache off unless a line says warm; this environment: {mode} "
          f"(project bytecode {cached})")


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def table(rows: Sequence[Sequence[object]], headings: Sequence[str]) -> None:
    """A plain fixed-width table."""
    text = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in text)) if text else len(h)
              for i, h in enumerate(headings)]
    line = "  ".join(h.ljust(w) if i == 0 else h.rjust(w)
                     for i, (h, w) in enumerate(zip(headings, widths, strict=True)))
    print(line)
    print("  ".join("-" * w for w in widths))
    for row in text:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                        for i, (c, w) in enumerate(zip(row, widths, strict=True))))


def us(t: Timing) -> tuple[str, str]:
    return f"{t.median_us:.2f}", f"{t.min_us:.2f}"


def ms(t: Timing) -> tuple[str, str]:
    return f"{t.median_ms:.1f}", f"{t.min_ms:.1f}"


def goal(label: str, value: float, limit: float, unit: str = "x") -> str:
    """A goal line: informative only, never an assertion."""
    state = "met" if value <= limit else "NOT met"
    return f"goal {label} <= {limit:g}{unit}: {value:.2f}{unit} ({state})"
