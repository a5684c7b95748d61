"""The engine against a fair hand-written decision, answer by answer, at scale, at its worst.

Run:  .venv/bin/python benchmarks/bench_engine.py            (about a minute on 2 cores)
      .venv/bin/python benchmarks/bench_engine.py --quick    (fewer repeats, no 10k curve)

1. Decision. On the demo topic (examples/rules) the engine's decision alone,
   `decide(topic, answers)`, is timed against `fair_decide(answers)`: a hand-written
   function that makes the same three-valued decision, relevance included (a question
   counts only once it applies; the winner, or the first rule still undecided). Before any
   timing both are run on every answer set a session can hold (every subset of the
   questions, every answer) and must agree, else the script exits 1. Timed on the complete
   answer sets and on the partial ones an interview passes through. The old, unfair
   baseline (complete answers only, two-valued, no relevance) is shown for reference.
2. Interview, answer by answer, shipped packs: every trainer case in content/cases is
   replayed one answer at a time as a face does it, and each `next_step` is timed on its
   own; beside it, the full-session figure (`next_step` on all the case's answers at once).
3. Scale curve: generated topics of 10/50/200 questions x 100/1,000 rules (20% of the
   questions with relevance), each interviewed answer by answer from random answers.
4. Worst step: every interview state of the shipped packs (multi-choice answers sampled),
   the scale packs, and the adversarial packs of issue #8, with the work each step spent
   from its budget (counted, not timed; see core/_settle.py).

Times are CPU time of this process (time.process_time_ns), medians or best of repeats with
the garbage collector off while sampling, so that other work on a shared machine does
not land in them; ratios are against baselines measured in this run. The pack cache plays
no part (nothing is loaded from files more than once per pack, and DECISION_AID_CACHE is
off).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from _common import ROOT, bench, ensure_importable, goal, header, ratio, table

ensure_importable()
os.environ.setdefault("DECISION_AID_CACHE", "off")

from _fair import Answers, Decision, every_session, fair_decide, naive_decide  # noqa: E402
from _packs import DEMO_REFERENCES, adversarial_packs, load_unchecked, write_pack  # noqa: E402

from decision_aid.core import (  # noqa: E402
    Ask,
    Conclude,
    KnowledgeBase,
    Layer,
    Question,
    QuestionKind,
    Session,
    answer,
    load,
    next_step,
    start,
    with_answers,
)
from decision_aid.core._engine import decide  # noqa: E402
from decision_aid.core._settle import STEP_BUDGET  # noqa: E402
from decision_aid.core._worlds import Budget  # noqa: E402

DEMO_DIR = ROOT / "examples" / "rules"
DEMO_TOPIC = "demo-requests"


# -- 1. the decision ----------------------------------------------------------------------------
def engine_decision(kb: KnowledgeBase, answers: Answers) -> Decision:
    winner, undecided = decide(kb.topics[DEMO_TOPIC], answers)
    return (winner.id if winner else None), (undecided.id if undecided else None)


def decision(kb: KnowledgeBase, quick: bool) -> dict[str, Any]:
    sessions = every_session(kb, DEMO_TOPIC)
    wrong = [(s.answers, engine_decision(kb, s.answers), fair_decide(s.answers))
             for s in sessions if engine_decision(kb, s.answers) != fair_decide(s.answers)]
    for answers, engine, fair in wrong[:10]:
        print(f"MISMATCH {dict(answers)}: engine {engine}, fair {fair}")
    if wrong:
        raise SystemExit(f"the fair baseline disagrees with the engine on {len(wrong)} of "
                         f"{len(sessions)} answer sets; not timing")
    complete = [s.answers for s in sessions if engine_decision(kb, s.answers)[0] is not None
                and len(s.answers) == len(_relevant(kb, s))]
    partial = [s.answers for s in sessions if engine_decision(kb, s.answers)[1] is not None]
    topic = kb.topics[DEMO_TOPIC]
    plain = [dict(a) for a in complete]
    wrong_naive = [a for a, p in zip(complete, plain, strict=True)
                   if naive_decide(p) != engine_decision(kb, a)[0]]
    print(f"demo topic: {len(topic.rules)} rules, {len(topic.questions)} questions; "
          f"{len(sessions)} answer sets: the fair baseline agrees with the engine on all "
          f"({len(complete)} complete and decided, {len(partial)} still undecided)"
          + (f"; the naive one is wrong on {len(wrong_naive)} complete sets"
             if wrong_naive else ""))
    repeat = 5 if quick else 9

    def over(items: Sequence[Answers], fn: Callable[[Answers], object]) -> Callable[[], None]:
        def run() -> None:
            for a in items:
                fn(a)
        return run

    def engine(a: Answers) -> object:
        return decide(topic, a)

    out = {
        "b": bench("(b) engine decide(topic, answers), complete", over(complete, engine),
                   per_call=len(complete), repeat=repeat),
        "c": bench("(c) fair_decide(answers), complete", over(complete, fair_decide),
                   per_call=len(complete), repeat=repeat),
        "b_partial": bench("(b') engine decide, partial", over(partial, engine),
                           per_call=len(partial), repeat=repeat),
        "c_partial": bench("(c') fair_decide, partial", over(partial, fair_decide),
                           per_call=len(partial), repeat=repeat),
    }
    naive_items = plain

    def naive() -> None:
        for p in naive_items:
            naive_decide(p)

    out["naive"] = bench("(n) old naive baseline (not fair), complete", naive,
                         per_call=len(plain), repeat=repeat)
    rows = [(t.name, f"{t.median_us:.2f}", f"{t.min_us:.2f}",
             ratio(t.median_ns, out["c"].median_ns)) for t in out.values()]
    print()
    table(rows, ("µs per decision", "median", "min", "vs (c)"))
    worst = max(out["b"].median_ns / out["c"].median_ns,
                out["b_partial"].median_ns / out["c_partial"].median_ns)
    out["ratio"] = out["b"].median_ns / out["c"].median_ns
    out["ratio_partial"] = out["b_partial"].median_ns / out["c_partial"].median_ns
    out["worst_ratio"] = worst
    print(f"decision vs fair hand-written: complete {out['ratio']:.2f}x, "
          f"partial {out['ratio_partial']:.2f}x (worst of the two {worst:.2f}x)")
    return out


def _relevant(kb: KnowledgeBase, session: Session) -> list[str]:
    """The questions a complete answer set answers: those that apply."""
    from decision_aid.core._compiled import compiled

    form = compiled(kb.topics[session.topic])
    state = form.state(session.answers)
    return [q.id for q in kb.topics[session.topic].questions
            if form.applies(state, q.id) is True]


# -- 2./3. answer by answer ---------------------------------------------------------------------
def interview_sessions(kb: KnowledgeBase, topic_id: str, given: Mapping[str, Any]
                       ) -> list[Session]:
    """The sessions an interview passes through when each question asked is answered
    from `given` (it stops at a result, or at a question `given` does not answer)."""
    session = start(kb, topic_id)
    out = [session]
    while True:
        step = next_step(kb, session)
        if isinstance(step, Conclude) or step.question.id not in given:
            return out
        session = answer(kb, session, step.question.id, given[step.question.id])
        out.append(session)


def per_step(kb: KnowledgeBase, sessions: Sequence[Session], repeat: int) -> list[float]:
    """CPU ns of one `next_step` on each session: the best of three loops of `repeat`
    calls (the clock is read per loop, not per call)."""
    out = []
    gc.collect()
    gc.disable()
    try:
        for s in sessions:
            next_step(kb, s)  # warm
            best = float("inf")
            for _ in range(3):
                t0 = time.process_time_ns()
                for _ in range(repeat):
                    next_step(kb, s)
                best = min(best, (time.process_time_ns() - t0) / repeat)
            out.append(best)
    finally:
        gc.enable()
    return out


def spread(ns: Sequence[float]) -> tuple[float, float, float]:
    """(median, 90th percentile, max) in µs."""
    ordered = sorted(ns)
    return (statistics.median(ordered) / 1e3, ordered[int(0.9 * (len(ordered) - 1))] / 1e3,
            ordered[-1] / 1e3)


def shipped(quick: bool) -> dict[str, Any] | None:
    from decision_aid.cases.load import load_cases
    from decision_aid.core import default_layers

    result = load(default_layers())
    if not result.ok:
        print(f"built-in packs do not load ({len(result.errors)} errors); skipped")
        return None
    kb = result.unwrap()
    cases, _ = load_cases([ROOT / "content" / "cases"])
    runnable = [c for c in cases if c.topic in kb.topics]
    sessions: list[Session] = []
    full: list[Session] = []
    for case in runnable:
        try:
            sessions += interview_sessions(kb, case.topic, dict(case.answers))
            full.append(with_answers(kb, case.topic, case.answers))
        except Exception:
            continue
    repeat = 3 if quick else 7
    steps = per_step(kb, sessions, repeat)
    whole = per_step(kb, full, repeat)
    med, p90, worst = spread(steps)
    fmed, _, fworst = spread(whole)
    interviews = len(full)
    print(f"\nshipped packs: {len(kb.topics)} topics, "
          f"{sum(len(t.rules) for t in kb.topics.values())} rules; {interviews} trainer "
          f"cases replayed answer by answer = {len(sessions)} steps")
    table([("next_step, answer by answer (per step)", f"{med:.1f}", f"{p90:.1f}",
            f"{worst:.1f}"),
           ("next_step on the case's full answers (per case)", f"{fmed:.1f}", "",
            f"{fworst:.1f}")],
          ("µs", "median", "p90", "max"))
    print(f"   a whole interview: {sum(steps) / interviews / 1e3:.0f} µs on average "
          f"(answer() between the steps not included)")
    return {"median_us": med, "p90_us": p90, "max_us": worst, "full_us": fmed, "kb": kb}


def scale(quick: bool) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    shapes = [(q, r) for r in (100, 1_000) for q in (10, 50, 200)]
    rng = random.Random(8)
    print("\nscale curve: generated topics, answered at random, answer by answer "
          "(µs per next_step; interview = every step of one interview)")
    with tempfile.TemporaryDirectory() as tmp:
        for questions, rules in shapes:
            pack = write_pack(Path(tmp), rules, questions, relevance=0.2)
            kb = load_unchecked(pack)
            topic = kb.topics["bench-topic"]
            sessions: list[Session] = []
            interviews = 0
            for _ in range(5 if quick else 12):
                world = {q.id: rng.choice(q.option_ids) for q in topic.questions}
                sessions += interview_sessions(kb, "bench-topic", world)
                interviews += 1
            steps = per_step(kb, sessions, 1 if quick else 3)
            spent = _spent(kb, sessions)
            med, p90, worst = spread(steps)
            rows.append({"shape": f"{questions} q x {rules:,} rules", "median": med,
                         "p90": p90, "max": worst, "interview": sum(steps) / interviews / 1e6,
                         "steps": len(sessions) / interviews, "work": max(spent)})
    table([(r["shape"], f"{r['median']:.0f}", f"{r['p90']:.0f}", f"{r['max']:.0f}",
            f"{r['steps']:.1f}", f"{r['interview']:.2f}", f"{r['work']:,}") for r in rows],
          ("topic", "median", "p90", "max", "steps", "interview ms", "worst work"))
    return rows


def _spent(kb: KnowledgeBase, sessions: Sequence[Session]) -> list[int]:
    out = []
    for s in sessions:
        budget = Budget(STEP_BUDGET)
        next_step(kb, s, budget=budget)
        out.append(budget.spent)
    return out


# -- 4. the worst step ---------------------------------------------------------------------------
def _sampled(question: Question) -> Iterator[Any]:
    ids = question.option_ids
    if question.kind is not QuestionKind.MULTI:
        yield from ids
        return
    plain = [o.id for o in question.options if not o.exclusive]
    yield from ([], *([o] for o in ids), plain[:2], plain)


def every_state(kb: KnowledgeBase, topic_id: str, limit: int = 3_000) -> list[Session]:
    todo = deque([start(kb, topic_id)])
    out: list[Session] = []
    while todo and len(out) < limit:
        session = todo.popleft()
        out.append(session)
        step = next_step(kb, session)
        if isinstance(step, Ask):
            todo.extend(answer(kb, session, step.question.id, v) for v in _sampled(step.question))
    return out


def worst_steps(shipped_kb: KnowledgeBase | None) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if shipped_kb is not None:
        sessions = [s for t in shipped_kb.topics for s in every_state(shipped_kb, t)]
        times = per_step(shipped_kb, sessions, 3)
        spent = _spent(shipped_kb, sessions)
        found["shipped"] = (max(times) / 1e6, statistics.median(times) / 1e6, max(spent),
                            len(sessions))
    adversarial = []
    for path in adversarial_packs():
        kb = load_unchecked(DEMO_REFERENCES, path)
        topic_id = next(iter(kb.topics))
        world = {q.id: "yes" for q in kb.topics[topic_id].questions if q.kind.value != "multi"}
        world.update({q.id: q.option_ids[:3] for q in kb.topics[topic_id].questions
                      if q.kind.value == "multi"})
        sessions = interview_sessions(kb, topic_id, world)
        times = per_step(kb, sessions, 1)
        adversarial.append((path.name, max(times) / 1e6, max(_spent(kb, sessions)),
                            len(sessions)))
    found["adversarial"] = adversarial
    print(f"\nworst step (ms) and the work it spent (budget {STEP_BUDGET:,}):")
    rows = []
    if "shipped" in found:
        worst, typical, spent, n = found["shipped"]
        rows.append((f"shipped packs ({n} interview states)", f"{worst:.2f}", f"{typical:.3f}",
                     f"{spent:,}"))
    rows += [(f"{name} (not lint clean)", f"{ms:.1f}", "", f"{spent:,}")
             for name, ms, spent, _ in adversarial]
    table(rows, ("packs", "worst ms", "median ms", "worst work"))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    header("bench_engine: decision, answer by answer, scale, worst step")
    result = load([Layer("demo", (DEMO_DIR,))])
    if not result.ok:
        for p in result.errors:
            print(p)
        return 2
    d = decision(result.unwrap(), args.quick)
    s = shipped(args.quick)
    curve = scale(args.quick)
    w = worst_steps(s["kb"] if s else None)
    print()
    base_us = d["c"].median_us
    print(f"baseline: fair hand-written decision {base_us:.2f} µs (this machine, this run)")
    print(goal("decision vs fair hand-written (worst of complete/partial)", d["worst_ratio"],
               3.0))
    if s:
        print(goal("interview step, answer by answer, shipped packs, median", s["median_us"],
                   30, " µs") + f" = {s['median_us'] / base_us:.0f}x the baseline; "
              f"max {s['max_us']:.0f} µs")
    if "shipped" in w:
        print(goal("worst step on a pack that lints clean (shipped)", w["shipped"][0], 50,
                   " ms") + f"; {w['shipped'][2]:,} of {STEP_BUDGET:,} work")
    worst_any = max([ms for _, ms, _, _ in w["adversarial"]] +
                    [r["max"] / 1e3 for r in curve])
    print(goal("worst step on any pack (adversarial, scale)", worst_any, 500, " ms"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
