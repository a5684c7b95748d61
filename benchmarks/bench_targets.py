"""Every target of issue #8 in one table, each figure beside its baseline from this run.

Run:  .venv/bin/python benchmarks/bench_targets.py          (a few minutes on 2 cores)

It reuses the measurements of bench_engine.py, bench_load.py and bench_startup.py with
fewer repeats; run those for the detail behind a line. Nothing is asserted: the script
prints "met" or "NOT met" per line and always exits 0 unless a correctness check fails
(the fair baseline disagreeing with the engine).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _common import ensure_importable, header, python_exe, table

ensure_importable()

import bench_engine  # noqa: E402
import bench_load  # noqa: E402
import bench_startup  # noqa: E402
from _common import clean_env  # noqa: E402
from _packs import write_pack  # noqa: E402

from decision_aid.core import Layer, load  # noqa: E402


def line(figure: str, goal: str, value: float, limit: float, unit: str, baseline: str
         ) -> tuple[str, str, str, str, str]:
    shown = f"{value:.2f}{unit}" if value < 100 else f"{value:.0f}{unit}"
    return figure, goal, shown, "met" if value <= limit else "NOT met", baseline


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="repeats of the cold runs")
    args = parser.parse_args()
    header("bench_targets: issue #8")
    rows = []

    demo = load([Layer("demo", (bench_engine.DEMO_DIR,))]).unwrap()
    d = bench_engine.decision(demo, quick=True)
    s = bench_engine.shipped(quick=True)
    curve = bench_engine.scale(quick=True)
    w = bench_engine.worst_steps(s["kb"] if s else None)
    fair = d["c"].median_us
    if "shipped" in w:
        worst, typical, _, _ = w["shipped"]
        rows.append(line("worst step, packs that lint clean (shipped)", "<= 50 ms", worst, 50,
                         " ms", f"median step {typical:.3f} ms"))
    worst_any = max([ms for _, ms, _, _ in w["adversarial"]] + [r["max"] / 1e3 for r in curve])
    rows.append(line("worst step, any pack (adversarial, scale)", "<= 0.5 s", worst_any, 500,
                     " ms", f"fair decision {fair:.2f} µs"))
    rows.append(line("decision vs fair hand-written (worse of complete/partial)", "<= 3x",
                     d["worst_ratio"], 3, "x", f"fair decision {fair:.2f} µs"))
    if s:
        rows.append(line("interview step, answer by answer, shipped packs, median",
                         "<= 30 µs", s["median_us"], 30, " µs",
                         f"fair decision {fair:.2f} µs = {s['median_us'] / fair:.0f}x"))

    with tempfile.TemporaryDirectory() as tmp:
        small = write_pack(Path(tmp), 1_000)
        big = write_pack(Path(tmp), 10_000)
        passes = bench_load.import_modes(args.repeat + 2)
        base = passes["python -c pass, bytecode off"].median_ms
        bench_load.cold_run(small, "off")  # warms the OS file cache
        off = [bench_load.cold_run(small, "off") for _ in range(args.repeat)]
        on = [bench_load.cold_run(small, "on") for _ in range(max(1, args.repeat // 2))]
        big_off = [bench_load.cold_run(big, "off") for _ in range(max(1, args.repeat // 2))]
        off_ms = bench_load.timing("off", off, "load_ns").median_ms
        on_ms = bench_load.timing("on", on, "load_ns").median_ms
        off_cpu = bench_load.timing("off", off, "cpu_ns").median_ms
        on_cpu = bench_load.timing("on", on, "cpu_ns").median_ms
        big_cpu = bench_load.timing("big", big_off, "cpu_ns").median_ms
        rows.append(line("cold load, 1,000 rules, checks off (wall)", "<= 150 ms", off_ms, 150,
                         " ms", f"python -c pass {base:.0f} ms; CPU {off_cpu:.0f} ms"))
        rows.append(line("cold load, 1,000 rules, checks on (wall)", "<= 1 s", on_ms, 1000,
                         " ms", f"python -c pass {base:.0f} ms; CPU {on_cpu:.0f} ms"))
        rows.append(line("10,000 rules vs 1,000 (cold, checks off, CPU)", "<= 11x",
                         big_cpu / off_cpu, 11, "x", f"1,000 rules {off_cpu:.0f} ms CPU"))

    env = clean_env()
    env.pop("NO_COLOR", None)
    env["TERM"] = "xterm-256color"
    argv = [python_exe(), "-m", "decision_aid", "interview"]
    with tempfile.TemporaryDirectory() as prefix:
        for mode in ("off", "on"):
            mode_env = bench_startup.bytecode_env(env, mode, Path(prefix))
            if mode == "on":
                bench_startup.warm_bytecode(mode_env)
            timings = bench_startup.measure(mode_env, argv, args.repeat + 2)
            rows.append(line(f"first question on a pty, real packs, cache off, bytecode {mode}",
                             "<= 250 ms", timings[-1].median_ms, 250, " ms",
                             f"python -c pass {timings[0].median_ms:.0f} ms"))
    print()
    table(rows, ("target", "goal", "figure", "", "baseline (this run)"))
    print("\n(absolute times: see the load average above; a busy machine inflates them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
