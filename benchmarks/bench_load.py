"""Cold load of generated 1,000- and 10,000-rule packs, split by phase, checks off and on.

Run:  .venv/bin/python benchmarks/bench_load.py            (about a minute on 2 cores)
      .venv/bin/python benchmarks/bench_load.py --quick    (1k only, fewer repeats)

Packs come from benchmarks/_packs.py (20 questions of 4 options, random all/any rules at
distinct priorities, a fallback, references and a contact). Every figure is *cold*: a
fresh `python -c` per run with the pack cache off, import and load timed separately inside
it, the load split into phases as the loader runs them:
  yaml     reading and composing the files (core/_yamlsafe.py)
  schema   the JSON Schema check (core/_schema.py)
  build    building topics, conditions and extensions (core/_build.py)
  compile  compiling each topic for the engine (core/_compiled.py)
  checks   the lint checks, with each check module's time
  other    the rest of load()
The phases are CPU time of the child (time.process_time_ns), so that other work on a
shared machine does not land in them; each total is given as wall time and CPU time.
Lines that use the pack cache say "warm"; "in-process" lines reuse this interpreter's
imports (the pack cache still off). Import times are given in both bytecode modes (see
_common.bytecode_env); load times do not depend on it.

Then the decisions check alone over a doubling series of rules (125 ... 2,000), for its
growth per doubling (linear: 2x), and the built-in packs for reference.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import (
    ROOT,
    Timing,
    bytecode_env,
    clean_env,
    ensure_importable,
    goal,
    header,
    once,
    python_exe,
    ratio,
    table,
    time_process,
    warm_bytecode,
)

ensure_importable()

from _packs import checks_off, write_pack  # noqa: E402

from decision_aid.core import Layer, load  # noqa: E402

PHASES = ("yaml", "schema", "build", "compile", "checks", "other")

# argv: pack dir ("built-in" for the built-in packs), "on"/"off" (lint checks).
# Prints one JSON line: import and load ns, ns per phase, ms per check module.
COLD = r"""
import json, sys, time
t0 = time.perf_counter_ns()
from pathlib import Path
from decision_aid.core import Layer, default_layers, load
import decision_aid.core._loader as L
from decision_aid.core import _checks as checks
t1 = time.perf_counter_ns()
phases = {"yaml": 0, "schema": 0, "build": 0, "compile": 0, "checks": 0}
modules = {}
def timed(name, fn):
    def wrapper(*args, **kwargs):
        start = time.process_time_ns()
        try:
            return fn(*args, **kwargs)
        finally:
            phases[name] += time.process_time_ns() - start
    return wrapper
L.read_yaml = timed("yaml", L.read_yaml)
L.schema.check = timed("schema", L.schema.check)
L.build_topic = timed("build", L.build_topic)
L._Loader._extend = timed("build", L._Loader._extend)
L.compiled = timed("compile", L.compiled)
if sys.argv[2] == "off":
    L.run_checks = lambda *args, **kwargs: iter(())
else:
    L.run_checks = timed("checks", L.run_checks)
    def module_timed(module):
        check = module.check
        def wrapper(kb, context):
            start = time.process_time_ns()
            out = list(check(kb, context))
            modules[module.__name__.rsplit(".", 1)[-1]] = (time.process_time_ns() - start) / 1e6
            return iter(out)
        module.check = wrapper
    for module in checks.CHECKS:
        module_timed(module)
layers = default_layers() if sys.argv[1] == "built-in" else [Layer("bench", (Path(sys.argv[1]),))]
t2, c2 = time.perf_counter_ns(), time.process_time_ns()
result = load(layers)
if sys.argv[2] == "on":
    phases["checks"] = sum(modules.values()) * 1e6
t3, c3 = time.perf_counter_ns(), time.process_time_ns()
print(json.dumps({"import_ns": t1 - t0, "load_ns": t3 - t2, "cpu_ns": c3 - c2, "phases": phases,
                  "modules": modules, "ok": result.ok, "errors": len(result.errors),
                  "warnings": len(result.warnings),
                  "codes": sorted({p.code for p in result.problems})}))
"""


def cold_run(pack: Path | str, checks: str, *, env: dict[str, str] | None = None
             ) -> dict[str, Any]:
    """One fresh interpreter loading `pack` with the lint checks on or off."""
    argv = [python_exe(), "-c", COLD, str(pack), checks]
    done = subprocess.run(argv, capture_output=True, text=True, env=env or clean_env(),
                          timeout=900, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip()[-1000:])
    info: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    counted = sum(info["phases"].values())
    info["phases"]["other"] = info["cpu_ns"] - counted
    info["unchecked_ns"] = info["load_ns"] - info["phases"]["checks"]
    return info


def median_run(runs: list[dict[str, Any]], key: str = "load_ns") -> dict[str, Any]:
    return sorted(runs, key=lambda r: r[key])[len(runs) // 2]


def timing(name: str, runs: list[dict[str, Any]], key: str) -> Timing:
    return Timing(name, tuple(float(r[key]) for r in runs))


def measure(pack: Path, n: int, repeat: int, *, checks_on: bool = True) -> dict[str, Any]:
    files = sorted(pack.iterdir())
    size = sum(f.stat().st_size for f in files)
    print(f"\n-- {n:,} rules (+ fallback): {len(files)} files, {size / 1e6:.1f} MB")
    cold_run(pack, "off")  # warms the OS file cache; not counted
    off = [cold_run(pack, "off") for _ in range(repeat)]
    row: dict[str, Any] = {"n": n, "off": timing("cold, checks off", off, "load_ns"),
                           "off_cpu": timing("cold, checks off, CPU", off, "cpu_ns"),
                           "import": timing("import", off, "import_ns"),
                           "phases": median_run(off, "cpu_ns")["phases"]}
    print(f"   cold load, checks off: {row['off'].median_ms:.0f} ms wall "
          f"(min {row['off'].min_ms:.0f}), {row['off_cpu'].median_ms:.0f} ms CPU; "
          f"import {row['import'].median_ms:.0f} ms")
    if checks_on:
        on = [cold_run(pack, "on") for _ in range(max(1, repeat // 2))]
        mid = median_run(on)
        row["on"] = timing("cold, checks on", on, "load_ns")
        row["on_cpu"] = timing("cold, checks on, CPU", on, "cpu_ns")
        row["modules"] = mid["modules"]
        row["on_info"] = mid
        print(f"   cold load, checks on: {row['on'].median_ms:.0f} ms wall, "
              f"{row['on_cpu'].median_ms:.0f} ms CPU, ok={mid['ok']}, "
              f"{mid['errors']} errors, {mid['warnings']} warnings {mid['codes']}")
    with tempfile.TemporaryDirectory() as cache:
        env = clean_env()
        env["DECISION_AID_CACHE"] = cache
        cold_run(pack, "on" if checks_on else "off", env=env)  # fills the cache
        warm = [cold_run(pack, "on" if checks_on else "off", env=env) for _ in range(3)]
        row["warm"] = timing("warm", warm, "load_ns")
        print(f"   warm (pack cache filled, files unchanged), checks "
              f"{'on (results cached)' if checks_on else 'off'}: "
              f"{row['warm'].median_ms:.0f} ms")
    with checks_off():
        row["in_process"], _ = once("in-process", lambda: load([Layer("bench", (pack,))]),
                                    repeat=2, warmup=1)
    print(f"   in-process (imports warm, pack cache off), checks off: "
          f"{row['in_process'].median_ms:.0f} ms")
    return row


def decisions_growth(tmp: Path, sizes: tuple[int, ...]) -> list[tuple[int, float, int]]:
    """(rules, ms of the decisions check alone, problems) over a doubling series."""
    from decision_aid.core._checks import CheckContext, decisions

    out = []
    for n in sizes:
        pack = write_pack(tmp / f"growth-{n}", n, 20, seed=n)
        with checks_off():
            kb = load([Layer("bench", (pack,))]).unwrap()
        start = time.perf_counter_ns()
        found = list(decisions.check(kb, CheckContext()))
        out.append((n, (time.perf_counter_ns() - start) / 1e6, len(found)))
    return out


def import_modes(repeat: int) -> dict[str, Timing]:
    """`import decision_aid.core` in a fresh interpreter, in both bytecode modes, with
    `python -c pass` (the baseline) in the same rounds."""
    out: dict[str, Timing] = {}
    with tempfile.TemporaryDirectory() as prefix:
        for mode in ("off", "on"):
            env = bytecode_env(clean_env(), mode, Path(prefix))
            if mode == "on":
                warm_bytecode(env)
            out[f"python -c pass, bytecode {mode}"] = time_process(
                "pass", [python_exe(), "-c", "pass"], repeat=repeat, warmup=1, env=env)
            out[f"import decision_aid.core, bytecode {mode}"] = time_process(
                "import", [python_exe(), "-c", "import decision_aid.core"], repeat=repeat,
                warmup=1, env=env)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k only, fewer repeats")
    parser.add_argument("--keep", action="store_true", help="keep the generated packs")
    args = parser.parse_args()
    header("bench_load: cold load of generated packs")
    repeat = 3 if args.quick else 5
    tmp = Path(tempfile.mkdtemp(prefix="decision-aid-bench-"))
    try:
        imports = import_modes(5 if args.quick else 10)
        print()
        table([(name, f"{t.median_ms:.0f}", f"{t.min_ms:.0f}") for name, t in imports.items()],
              ("start-up (fresh interpreter)", "median ms", "min ms"))
        try:
            builtin = median_run([cold_run("built-in", "on") for _ in range(3)])
            print(f"\n-- built-in packs: cold load {builtin['load_ns'] / 1e6:.0f} ms with "
                  f"checks (checks {builtin['phases']['checks'] / 1e6:.1f} ms, decisions "
                  f"{builtin['modules'].get('decisions', 0):.1f} ms), ok={builtin['ok']}")
        except RuntimeError as exc:
            print(f"\n-- built-in packs: could not load ({str(exc).splitlines()[-1]})")
        rows = [measure(write_pack(tmp, 1_000), 1_000, repeat)]
        if not args.quick:
            rows.append(measure(write_pack(tmp, 10_000), 10_000, 2))
        print("\ncold load phases, checks off (ms, the median run):")
        table([(f"{r['n']:,}", *(f"{r['phases'][p] / 1e6:.0f}" for p in PHASES if p != "checks"),
                f"{r['off'].median_ms:.0f}") for r in rows],
              ("rules", *(p for p in PHASES if p != "checks"), "total"))
        names = list(rows[0].get("modules", {}))
        if names:
            print("\ncheck modules, cold run with checks on (ms):")
            table([(f"{r['n']:,}", *(f"{r['modules'].get(k, 0):.1f}" for k in names))
                   for r in rows if "modules" in r], ("rules", *names))
        sizes = (125, 250, 500, 1_000) if args.quick else (125, 250, 500, 1_000, 2_000)
        growth = decisions_growth(tmp, sizes)
        print("\nthe decisions check alone, in-process (linear: 2x per doubling):")
        table([(f"{n:,}", f"{ms:.0f}", ratio(ms, growth[i - 1][1]) if i else "", found)
               for i, (n, ms, found) in enumerate(growth)],
              ("rules", "ms", "vs half as many", "problems"))

        first = rows[0]
        base = imports["python -c pass, bytecode off"].median_ms
        print(f"\nbaseline: python -c pass {base:.0f} ms (bytecode off, this run); "
              f"import decision_aid.core "
              f"{imports['import decision_aid.core, bytecode off'].median_ms:.0f} ms off, "
              f"{imports['import decision_aid.core, bytecode on'].median_ms:.0f} ms on")
        print(goal("cold load, 1,000 rules, checks off", first["off"].median_ms, 150, " ms")
              + f" wall = {first['off'].median_ms / base:.1f}x python -c pass; "
              f"CPU {first['off_cpu'].median_ms:.0f} ms")
        if "on" in first:
            print(goal("cold load, 1,000 rules, checks on", first["on"].median_ms, 1000, " ms")
                  + f" wall = {first['on'].median_ms / base:.1f}x python -c pass; "
                  f"CPU {first['on_cpu'].median_ms:.0f} ms")
        if len(rows) == 2:
            print(goal("10,000 rules vs 1,000, cold load, checks off (CPU)",
                       rows[1]["off_cpu"].median_ns / first["off_cpu"].median_ns, 11)
                  + f"; wall {rows[1]['off'].median_ns / first['off'].median_ns:.2f}x")
            if "on" in rows[1]:
                print(goal("10,000 rules vs 1,000, cold load, checks on (CPU)",
                           rows[1]["on_cpu"].median_ns / first["on_cpu"].median_ns, 11)
                      + f"; wall {rows[1]['on'].median_ns / first['on'].median_ns:.2f}x")
    finally:
        if args.keep:
            print(f"packs kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
