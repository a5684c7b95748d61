"""Cold load of generated 1,000-rule and 10,000-rule packs, with and without the lint checks.

Run:  .venv/bin/python benchmarks/bench_load.py           (about a minute on 2 cores)
      .venv/bin/python benchmarks/bench_load.py --quick   (1k only)
      .venv/bin/python benchmarks/bench_load.py --full    (more repeats, in-process 10k too)

A pack is generated into a temporary directory: one topic with 20 questions of 4 options
each, N rules at distinct priorities whose conditions are random `all`/`any` trees over
those questions, a fallback rule, and a references.yaml the rules cite. Each rule fixes
four answers and no two rules fix the same four, so every rule can decide for some
answers. A pack file may hold at most 50,000 YAML values, so rules past the first 1,000
go into extension files (`extends:`) of 1,000 rules each.

For 1k and 10k rules it reports:
  * cold: a fresh `python -c` subprocess that imports decision_aid.core and calls load();
    import time and load time measured inside it, the load split into phases (YAML read,
    JSON Schema check, building, rest), without the lint checks (monkeypatched out), and
    once more with the garbage collector off during the load (a diagnostic);
  * the same with the lint checks on, with the time of each check module. The decisions
    check (checks/decisions.py: a world search per rule) gets --cap seconds at 10k rules,
    then the run reports how far it got;
  * warm: load() in this process (1k; 10k too with --full);
  * for the decisions check, the cost of one world search against the position k of its
    rule (each search evaluates every rule above k at every step: quadratic overall);
  * 10k/1k ratios (linear ≈ 10);
  * and, for reference, a cold load of the built-in packs (rules/ and content/).
Goal: 1,000 rules load in <= 150 ms. Nothing is asserted; only numbers are printed.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from _common import (
    Timing,
    clean_env,
    ensure_importable,
    goal,
    header,
    once,
    python_exe,
    ratio,
    table,
)

ensure_importable()

import yaml  # noqa: E402

from decision_aid.core import Layer, load  # noqa: E402
from decision_aid.core import _loader as loader_module  # noqa: E402
from decision_aid.core._checks import CHECKS  # noqa: E402
from decision_aid.core._worlds import BudgetExceeded, WorldSearch, wins  # noqa: E402

TOPIC = "bench-topic"
QUESTIONS = 20
OPTIONS = 4
RULES_PER_FILE = 1_000
SOURCES = 20
SEED = 20261121
EVIDENCE = {"strength": "good-practice-statement", "certainty": "not-graded",
            "scale": "GRADE", "basis": "expert-opinion"}
PHASES = ("yaml", "schema", "build", "checks", "other")


# -- pack generation -------------------------------------------------------------------
def _qid(i: int) -> str:
    return f"q{i:02d}"


def _oid(j: int) -> str:
    return f"o{j}"


def _rules(n: int, rng: random.Random) -> list[dict[str, Any]]:
    """N rules at distinct priorities n..1 whose conditions are random all/any trees.

    Each condition fixes four answers (`is`) and may add an `any` of two more leaves or an
    `in` over two options. The fixed sets are distinct, so no single rule above can cover
    a rule below, and a union of rules above that covers one is vanishingly unlikely.
    """
    seen: set[frozenset[tuple[int, int]]] = set()
    out: list[dict[str, Any]] = []
    verdicts = ("avoid", "caution", "acceptable")
    while len(out) < n:
        qs = rng.sample(range(QUESTIONS), 6)
        fixed = frozenset((q, rng.randrange(OPTIONS)) for q in qs[:4])
        if fixed in seen:
            continue
        seen.add(fixed)
        leaves: list[dict[str, Any]] = [{"fact": _qid(q), "is": _oid(o)} for q, o in sorted(fixed)]
        shape = rng.random()
        if shape < 0.4:
            leaves.append({"any": [{"fact": _qid(qs[4]), "is": _oid(rng.randrange(OPTIONS))},
                                   {"fact": _qid(qs[5]), "is": _oid(rng.randrange(OPTIONS))}]})
        elif shape < 0.7:
            leaves.append({"fact": _qid(qs[4]),
                           "in": [_oid(o) for o in sorted(rng.sample(range(OPTIONS), 2))]})
        k = len(out)
        out.append({
            "id": f"rule-{k:05d}", "priority": n - k, "when": {"all": leaves},
            "verdict": verdicts[k % 3], "headline": f"Generated rule {k}.",
            "reasons": ["Generated."], "actions": ["Nothing."],
            "sources": [f"src-{k % SOURCES:02d}"], "evidence": EVIDENCE, "limits": "None.",
        })
    return out


def write_pack(root: Path, n: int, seed: int = SEED) -> Path:
    """Write an n-rule pack (plus fallback) into root/pack-<n>; returns that directory."""
    rng = random.Random(seed)
    pack = root / f"pack-{n}"
    pack.mkdir(parents=True)
    references = [{"key": f"src-{i:02d}", "citation": f"Generated source {i}.", "year": 2026,
                   "kind": "commentary", "jurisdiction": "international",
                   "url": f"https://example.org/{i}", "checked": "primary"}
                  for i in range(SOURCES)]
    _dump(pack / "references.yaml", {"references": references})
    rules = _rules(n, rng)
    chunks = [rules[i:i + RULES_PER_FILE] for i in range(0, len(rules), RULES_PER_FILE)]
    chunks[0].append({"id": "fallback", "priority": 0, "verdict": "caution",
                      "headline": "Take care.", "reasons": ["Nothing else holds."],
                      "actions": ["Ask someone."], "sources": ["src-00"],
                      "evidence": EVIDENCE, "limits": "None."})
    questions = [{"id": _qid(i), "prompt": f"Question {i}?", "why": "Generated.",
                  "kind": "single",
                  "options": [{"id": _oid(j), "label": f"Option {j}"} for j in range(OPTIONS)]}
                 for i in range(QUESTIONS)]
    topic = {"id": TOPIC, "title": "Generated benchmark topic", "summary": "Generated.",
             "decision": "Which rule applies?", "version": "1.0.0", "reviewed": "2026-01-01",
             "review_due": "2999-01-01",
             "options_considered": [
                 {"id": "one", "label": "One", "benefits": ["Good."], "harms": ["Bad."]},
                 {"id": "two", "label": "Two", "benefits": ["Good."], "harms": ["Bad."]}],
             "triggers": ["benchmark"]}
    _dump(pack / "topic.yaml", {"topic": topic, "questions": questions, "rules": chunks[0]})
    for i, chunk in enumerate(chunks[1:], 1):
        _dump(pack / f"topic-more-{i:02d}.yaml", {"extends": TOPIC, "rules": chunk})
    return pack


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=120), encoding="utf-8")


# -- cold: a fresh interpreter per run -------------------------------------------------
# argv: pack dir, "on"/"off" (lint checks), cap in seconds for the checks (0: none).
# With checks on it prints "M <module> <ms>" as each check module finishes and "S" per
# world search of the decisions check; a run whose checks pass the cap prints what it has
# and exits. The last line is JSON.
COLD = r"""
import json, os, sys, threading, time
t0 = time.perf_counter_ns()
from pathlib import Path
from decision_aid.core import Layer, load
import decision_aid.core._loader as L
from decision_aid.core import _checks as checks
from decision_aid.core import _worlds as worlds
t1 = time.perf_counter_ns()
phases = {"yaml": 0, "schema": 0, "build": 0, "checks": 0}
state = {"searches": 0, "budget": 0, "checks_start": None}
def timed(name, fn):
    def wrapper(*args, **kwargs):
        start = time.perf_counter_ns()
        try:
            return fn(*args, **kwargs)
        finally:
            phases[name] += time.perf_counter_ns() - start
    return wrapper
L.read_yaml = timed("yaml", L.read_yaml)
L.schema.check = timed("schema", L.schema.check)
L.build_topic = timed("build", L.build_topic)
L._Loader._extend = timed("build", L._Loader._extend)
def report(load_ns, **extra):
    print(json.dumps({"import_ns": t1 - t0, "load_ns": load_ns, "phases": phases,
                      **state, **extra}), flush=True)
def give_up():
    now = time.perf_counter_ns()
    phases["checks"] = now - state["checks_start"]
    report(now - t2, capped=True)
    os._exit(0)
if sys.argv[2] == "off":
    L.run_checks = lambda *args, **kwargs: iter(())
else:
    run_checks = L.run_checks
    def checked(*args, **kwargs):
        state["checks_start"] = start = time.perf_counter_ns()
        if float(sys.argv[3]) > 0:
            timer = threading.Timer(float(sys.argv[3]), give_up)
            timer.daemon = True
            timer.start()
        out = list(run_checks(*args, **kwargs))
        phases["checks"] += time.perf_counter_ns() - start
        return out
    L.run_checks = checked
    def module_timed(module):
        check = module.check
        def wrapper(kb, context):
            start = time.perf_counter_ns()
            out = list(check(kb, context))
            name = module.__name__.rsplit(".", 1)[-1]
            print("M", name, (time.perf_counter_ns() - start) / 1e6, flush=True)
            return iter(out)
        module.check = wrapper
    for module in checks.CHECKS:
        module_timed(module)
    find = worlds.WorldSearch.find
    def counted(self, goal, *args, **kwargs):
        state["searches"] += 1
        try:
            return find(self, goal, *args, **kwargs)
        except worlds.BudgetExceeded:
            state["budget"] += 1
            raise
    worlds.WorldSearch.find = counted
from decision_aid.core import default_layers
layers = default_layers() if sys.argv[1] == "built-in" else [Layer("bench", (Path(sys.argv[1]),))]
if len(sys.argv) > 4 and sys.argv[4] == "nogc":
    import gc
    gc.disable()
t2 = time.perf_counter_ns()
result = load(layers)
t3 = time.perf_counter_ns()
report(t3 - t2, ok=result.ok, errors=len(result.errors), warnings=len(result.warnings),
       codes=sorted({p.code for p in result.problems}))
"""


def cold_run(pack: Path | str, checks: str, cap_s: float = 0.0, *, gc: bool = True,
             cache: str | None = None) -> dict[str, Any]:
    """One fresh interpreter loading `pack` (checks stopped after `cap_s` seconds if set;
    with gc=False the garbage collector is off during the load; with `cache` a directory,
    the pack cache is used from there, else it is off)."""
    argv = [python_exe(), "-c", COLD, str(pack), checks, str(cap_s), "gc" if gc else "nogc"]
    env = clean_env()
    if cache:
        env["DECISION_AID_CACHE"] = cache
    done = subprocess.run(argv, capture_output=True, text=True, env=env,
                          timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip()[-1000:])
    lines = done.stdout.strip().splitlines()
    info: dict[str, Any] = json.loads(lines[-1])
    info["modules"] = {ln.split()[1]: float(ln.split()[2]) for ln in lines
                       if ln.startswith("M ")}
    info.setdefault("capped", False)
    # the load without its checks, from the same run (checks come last in load())
    info["unchecked_ns"] = info["load_ns"] - info["phases"]["checks"]
    return info


def timing(name: str, runs: list[dict[str, Any]], key: str) -> Timing:
    return Timing(name, tuple(float(r[key]) for r in runs))


def phase_ms(run: dict[str, Any]) -> dict[str, float]:
    """ms per load phase (without checks); 'other' is the rest (span rewriting, ...)."""
    out = {name: run["phases"].get(name, 0) / 1e6 for name in PHASES if name != "checks"}
    out["other"] = run["unchecked_ns"] / 1e6 - sum(v for k, v in out.items() if k != "other")
    return out


# -- warm: in this process ---------------------------------------------------------------
@contextmanager
def checks_off() -> Iterator[None]:
    """Load without the lint checks (the loader calls run_checks through its module)."""
    saved = loader_module.run_checks
    loader_module.run_checks = lambda *args, **kwargs: iter(())
    try:
        yield
    finally:
        loader_module.run_checks = saved


def load_pack(pack: Path) -> Any:
    return load([Layer("bench", (pack,))])


def search_cost(kb: Any, positions: tuple[int, ...], budget: int
                ) -> list[tuple[int, int, float, str]]:
    """(k, visits, µs per visit, outcome) of the decisions check's world search for the
    rule at position k, with a small visit budget: the cost per visit grows with k because
    the goal evaluates every rule above the target."""
    topic = kb.topics[TOPIC]
    rules = topic.rules
    search = WorldSearch(topic, budget=budget * 1_000)
    visits = [0]
    inner = search._search

    def counting(*args: Any) -> Any:
        visits[0] += 1
        return inner(*args)

    search._search = counting  # type: ignore[method-assign]
    out = []
    for k in positions:
        k = min(k, len(rules) - 1)
        visits[0] = 0
        start = time.perf_counter_ns()
        try:
            found = search.find(wins(search.form, k))
            outcome = "reachable" if found else "unreachable"
        except BudgetExceeded:
            outcome = f"over {budget} visits"
        elapsed = time.perf_counter_ns() - start
        out.append((k, visits[0], elapsed / max(1, visits[0]) / 1e3, outcome))
    return out


# -- the benchmark -----------------------------------------------------------------------
def measure(pack: Path, n: int, *, big: bool, full: bool, cap_s: float) -> dict[str, Any]:
    files = sorted(pack.iterdir())
    size = sum(f.stat().st_size for f in files)
    rules = n + 1
    print(f"\n-- {n:,} rules (+ fallback): {len(files)} files, {size / 1e6:.1f} MB")
    row: dict[str, Any] = {"n": n}

    if not big or full:
        repeat = 2 if big else 3
        if not big:
            cold_run(pack, "off")  # warm the OS file cache and .pyc files; not counted
        runs = [cold_run(pack, "off") for _ in range(repeat)]
        row["import"] = timing("import", runs, "import_ns")
        row["cold_off"] = timing("cold, no checks", runs, "load_ns")
        row["phases"] = phase_ms(sorted(runs, key=lambda r: r["load_ns"])[len(runs) // 2])
        print(f"   cold load, no checks: {row['cold_off'].median_ms:.0f} ms "
              f"(min {row['cold_off'].min_ms:.0f}; import {row['import'].median_ms:.0f} ms)")

    # diagnostic: the same load with the garbage collector off (see the report's note)
    nogc = [cold_run(pack, "off", gc=False) for _ in range(1 if big else 3)]
    row["cold_nogc"] = timing("cold, no checks, GC off", nogc, "load_ns")
    row["phases_nogc"] = phase_ms(sorted(nogc, key=lambda r: r["load_ns"])[len(nogc) // 2])
    print(f"   cold load, no checks, GC off during load: {row['cold_nogc'].median_ms:.0f} ms")

    with tempfile.TemporaryDirectory() as cache_dir:
        cold_run(pack, "off", cache=cache_dir)  # fills the pack cache; not counted
        warm = [cold_run(pack, "off", cache=cache_dir) for _ in range(3)]
        row["cached_off"] = timing("cached files, no checks", warm, "load_ns")
        print(f"   load with the pack cache warm (files unchanged), no checks: "
              f"{row['cached_off'].median_ms:.0f} ms")
        if not big:
            cold_run(pack, "on", cache=cache_dir)  # fills the check results; not counted
            warm = [cold_run(pack, "on", cache=cache_dir) for _ in range(3)]
            row["cached_on"] = timing("cached files and checks", warm, "load_ns")
            print(f"   load with the pack cache warm, check results cached too: "
                  f"{row['cached_on'].median_ms:.0f} ms")

    on = cold_run(pack, "on", cap_s if big else 0.0)
    row["on"] = on
    row["checks"] = dict.fromkeys((m.__name__.rsplit(".", 1)[-1] for m in CHECKS), None)
    row["checks"].update(on["modules"])
    if "cold_off" not in row:  # the load before its checks, from the run with checks
        row["import"] = timing("import", [on], "import_ns")
        row["cold_off"] = timing("cold, no checks", [on], "unchecked_ns")
        row["phases"] = phase_ms(on)
        print(f"   cold load, no checks (same run, before the checks): "
              f"{row['cold_off'].median_ms:.0f} ms")
    if on["capped"]:
        print(f"   cold load with checks: the checks were stopped after {cap_s:.0f} s; "
              f"the decisions check had run {on['searches']} world searches for {rules} "
              f"rules ({on['budget']} over the visit budget)")
    else:
        row["cold_on"] = Timing("cold, checks", (float(on["load_ns"]),))
        print(f"   cold load with checks: {on['load_ns'] / 1e6:.0f} ms, ok={on['ok']}, "
              f"{on['errors']} errors, {on['warnings']} warnings {on['codes']}; the "
              f"decisions check ran {on['searches']} world searches for {rules} rules, "
              f"{on['budget']} over the visit budget")
        if on["budget"]:
            print("   (the decisions check stops at the first search over its budget and "
                  "reports analysis-incomplete: the rules after it are not checked)")

    row["warm_off"] = None
    if not big or full:
        with checks_off():
            row["warm_off"], result = once("warm, no checks", lambda: load_pack(pack),
                                           repeat=1 if big else 3, warmup=0 if big else 1)
        print(f"   in-process load, no checks: {row['warm_off'].median_ms:.0f} ms "
              f"(min {row['warm_off'].min_ms:.0f})")
        kb = result.kb  # type: ignore[attr-defined]
        if kb is not None and not big:
            row["search"] = search_cost(kb, (10, 100, 250, 500, 750, 1000), budget=500)
    return row


def report(rows: list[dict[str, Any]], cap_s: float) -> None:
    def fmt(t: Timing | None) -> str:
        if t is None:
            return "-"
        return f"{t.median_ms:.0f}" if len(t.samples_ns) == 1 else \
            f"{t.median_ms:.0f} (min {t.min_ms:.0f})"

    capped = f"> {cap_s:.0f} s (capped)"
    print()
    table([(f"{r['n']:,}", fmt(r["import"]), fmt(r["cold_off"]),
            fmt(r.get("cold_on")) if r.get("cold_on") else capped,
            fmt(r.get("warm_off")),
            capped if r["on"]["capped"] else f"{r['on']['phases']['checks'] / 1e6:.0f}")
           for r in rows],
          ("rules", "import ms", "cold load ms, no checks", "cold load ms, checks",
           "in-process load ms, no checks", "checks ms"))
    print()
    print("cold load phases, no checks (ms):")
    shown = [p for p in PHASES if p != "checks"]
    table([row_ for r in rows for row_ in (
              (f"{r['n']:,}", *(f"{r['phases'][p]:.0f}" for p in shown),
               f"{r['cold_off'].median_ms:.0f}"),
              (f"{r['n']:,}, GC off", *(f"{r['phases_nogc'][p]:.0f}" for p in shown),
               f"{r['cold_nogc'].median_ms:.0f}"))],
          ("rules", *shown, "total"))
    print()
    print("check modules, cold run with checks (ms):")
    names = list(rows[0]["checks"])
    table([(f"{r['n']:,}", *(capped if r["checks"].get(k) is None
                             else f"{r['checks'][k]:.1f}" for k in names)) for r in rows],
          ("rules", *names))
    for r in rows:
        if r.get("search"):
            print()
            print(f"decisions check: one world search for the rule at position k "
                  f"({r['n']:,}-rule pack, budget 500 visits)")
            table([(k, visits, f"{per:.0f}", f"{per / max(k, 1):.2f}", outcome)
                   for k, visits, per, outcome in r["search"]],
                  ("k", "visits", "µs/visit", "µs/visit/k", "outcome"))

    if len(rows) == 2:
        a, b = rows
        print()
        print("10k/1k ratios (linear ≈ 10):")
        print(f"   cold load, no checks:     "
              f"{ratio(b['cold_off'].median_ns, a['cold_off'].median_ns)}")
        print(f"   the same with GC off:     "
              f"{ratio(b['cold_nogc'].median_ns, a['cold_nogc'].median_ns)}")
        for p in shown:
            if a["phases"][p] > 1:
                print(f"     phase {p + ':':20} {ratio(b['phases'][p], a['phases'][p])}")
        if a.get("warm_off") and b.get("warm_off"):
            print(f"   in-process, no checks:    "
                  f"{ratio(b['warm_off'].median_ns, a['warm_off'].median_ns)}")
        for k in names:
            va, vb = a["checks"].get(k), b["checks"].get(k)
            if va and vb and k != "decisions":
                print(f"   check {k + ':':20} {ratio(vb, va)}")
        if a["on"]["searches"] and b["on"]["searches"]:
            print(f"   decisions check: {a['on']['searches']} searches at 1k, "
                  f"{b['on']['searches']} at 10k (both stop early when a search runs over "
                  "its budget; not comparable as a ratio)")

    first = rows[0]
    print()
    if first.get("cold_on"):
        print(goal("1,000-rule cold load, checks on", first["cold_on"].median_ms, 150, " ms"))
    print(goal("1,000-rule cold load, checks off", first["cold_off"].median_ms, 150, " ms"))
    print(goal("1,000-rule load, pack cache warm, checks cached", first["cached_on"].median_ms,
               150, " ms"))
    print(goal("1,000-rule cold load, checks off, GC off", first["cold_nogc"].median_ms, 150,
               " ms"))


def builtin() -> None:
    """The built-in packs (rules/ and content/), as a reference point for real content."""
    try:
        cold_run("built-in", "on")  # warm-up
        runs = [cold_run("built-in", "on") for _ in range(3)]
    except RuntimeError as exc:
        print(f"\n-- built-in packs: could not load ({str(exc).splitlines()[-1]})")
        return
    mid = sorted(runs, key=lambda r: r["load_ns"])[1]
    if not mid.get("ok"):
        print(f"\n-- built-in packs: do not load ({mid['errors']} errors); skipped")
        return
    from decision_aid.core import default_layers
    kb = load(default_layers()).unwrap()
    rules = sum(len(t.rules) for t in kb.topics.values())
    print(f"\n-- built-in packs: {len(kb.topics)} topics, {rules} rules: cold load "
          f"{mid['load_ns'] / 1e6:.0f} ms with checks (of which checks "
          f"{mid['phases']['checks'] / 1e6:.1f} ms, decisions "
          f"{mid['modules'].get('decisions', 0):.1f} ms), import {mid['import_ns'] / 1e6:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k rules only")
    parser.add_argument("--full", action="store_true",
                        help="more repeats, and 10k in-process too (takes longer)")
    parser.add_argument("--cap", type=float, default=10.0,
                        help="seconds the 10k decisions check may run before it is "
                             "stopped (default 10)")
    parser.add_argument("--keep", action="store_true", help="keep the generated packs")
    args = parser.parse_args()
    header("bench_load: cold load of generated packs")
    tmp = Path(tempfile.mkdtemp(prefix="decision-aid-bench-"))
    try:
        builtin()
        rows = []
        for n in (1_000,) if args.quick else (1_000, 10_000):
            pack = write_pack(tmp, n)
            rows.append(measure(pack, n, big=n > 2_000, full=args.full, cap_s=args.cap))
        report(rows, args.cap)
    finally:
        if args.keep:
            print(f"packs kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
