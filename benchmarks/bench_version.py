"""Start-up cost of `decision-aid --version` against a bare interpreter.

Run:  .venv/bin/python benchmarks/bench_version.py

Runs, as subprocesses, 20 times each after 2 warm-up runs and round-robin so that machine
drift hits all alike:
  * `.venv/bin/python -c pass`                       (the baseline)
  * `.venv/bin/python -m decision_aid --version`
  * `.venv/bin/decision-aid --version`               (the console script)
and prints the median and min wall time and each ratio to the baseline (goal <= 2x).
The same pair runs once more without site (-S), where no editable-install finder is
imported at start-up. Then it runs `python -X importtime -m decision_aid --version` (and
`-c pass`) a few times and lists the costliest imports --version adds to a bare interpreter.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass

from _common import (
    ROOT,
    VENV_BIN,
    clean_env,
    goal,
    header,
    interleaved,
    python_exe,
    ratio,
    run_process,
    table,
)


@dataclass(frozen=True, slots=True)
class Import:
    name: str
    depth: int
    self_us: float
    cumulative_us: float


def importtime(argv: list[str], runs: int) -> dict[str, Import]:
    """Median self and cumulative µs per imported module over `runs` runs."""
    seen: dict[str, list[tuple[int, int, int]]] = {}
    for _ in range(runs):
        _, done = run_process([argv[0], "-X", "importtime", *argv[1:]], env=clean_env())
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            _, self_us, cumulative, name = (part.strip() for part in
                                           line.replace("import time:", "|", 1).split("|"))
            raw = line.rsplit("|", 1)[1]
            depth = (len(raw) - len(raw.lstrip(" ")) - 1) // 2
            seen.setdefault(name, []).append((depth, int(self_us), int(cumulative)))
    return {name: Import(name, v[0][0], statistics.median(s for _, s, _ in v),
                         statistics.median(c for _, _, c in v))
            for name, v in seen.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    header("bench_version: decision-aid --version vs python -c pass")
    python = python_exe()
    script = VENV_BIN / "decision-aid"
    cases: list[tuple[str, list[str]]] = [
        ("python -c pass", [python, "-c", "pass"]),
        ("python -m decision_aid --version", [python, "-m", "decision_aid", "--version"]),
    ]
    if script.exists():
        cases.append(("decision-aid --version (console script)", [str(script), "--version"]))
    else:
        print(f"console script {script} not found (pip install -e . creates it); skipped")
    _, done = run_process(cases[1][1], env=clean_env())
    print(f"output: {done.stdout.strip() or done.stderr.strip()}")

    timings = interleaved(cases, repeat=args.repeat, env=clean_env())
    base = timings[0]
    print()
    table([(t.name, f"{t.median_ms:.1f}", f"{t.min_ms:.1f}",
            ratio(t.median_ns, base.median_ns)) for t in timings],
          ("command (ms per run)", "median", "min", "vs python -c pass"))
    print()
    for t in timings[1:]:
        print(goal(t.name, t.median_ns / base.median_ns, 2.0))

    # the same without site (-S): no .pth files, so no editable-install finder; shows the
    # ratio a regular (non-editable) install would see more closely
    env = clean_env()
    env["PYTHONPATH"] = str(ROOT)
    bare_s, version_s = interleaved([
        ("python -S -c pass", [python, "-S", "-c", "pass"]),
        ("python -S -m decision_aid --version", [python, "-S", "-m", "decision_aid",
                                                 "--version"]),
    ], repeat=args.repeat, env=env)
    print()
    print("without site (-S, PYTHONPATH=repo): no .pth files, no editable-install finder")
    table([(t.name, f"{t.median_ms:.1f}", f"{t.min_ms:.1f}",
            ratio(t.median_ns, bare_s.median_ns)) for t in (bare_s, version_s)],
          ("command (ms per run)", "median", "min", "vs python -S -c pass"))

    runs = 5
    bare = importtime([python, "-c", "pass"], runs)
    version = importtime([python, "-m", "decision_aid", "--version"], runs)
    extra = {name: imp for name, imp in version.items() if name not in bare}
    print()
    print(f"python -X importtime -m decision_aid --version (median of {runs} runs): "
          f"{len(version)} modules, {len(extra)} more than `python -c pass`, "
          f"{sum(i.self_us for i in extra.values()) / 1e3:.1f} ms of their own import time")
    print()
    print("costliest imports that --version adds, by own (self) time:")
    top = sorted(extra.values(), key=lambda i: -i.self_us)[: args.top]
    table([(i.name, f"{i.self_us / 1e3:.2f}", f"{i.cumulative_us / 1e3:.2f}", i.depth)
           for i in top], ("module", "self ms", "cumulative ms", "depth"))
    print()
    print("top-level imports of --version by cumulative time (depth 0-1):")
    roots = sorted((i for i in version.values() if i.depth <= 1),
                   key=lambda i: -i.cumulative_us)[: args.top]
    table([(("  " * i.depth) + i.name, f"{i.cumulative_us / 1e3:.2f}",
            "" if i.name in extra else "also in -c pass") for i in roots],
          ("module", "cumulative ms", "note"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
