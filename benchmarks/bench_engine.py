"""Full-session evaluation vs a hand-written Python function that makes the same decision.

Run:  .venv/bin/python benchmarks/bench_engine.py

On every complete answer set ("world") of the demo topic (examples/rules) it times
  (a) next_step(kb, with_answers(kb, topic, answers))   end to end: session + decision + result
      split into (a1) with_answers alone and (a2) next_step on a prebuilt session,
  (b) engine.decide(topic, session.answers) on a prebuilt session,
  (c) a hand-written `decide(a)` returning the same rule id from a plain dict,
and prints µs per evaluation and the ratios (a)/(c), (b)/(c); the goal is (b)/(c) <= 3x.
Before timing it checks that the engine and the hand-written function agree on every
world, and exits 1 if they do not (a correctness check; no time is ever asserted).

If the built-in packs load, it also times next_step over every trainer case in
content/cases. If `zen-engine` is installed, the same decision as a JDM decision table is
timed as a peer figure.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import combinations
from typing import Any

from _common import ROOT, bench, ensure_importable, goal, header, ratio, table, us

ensure_importable()

from decision_aid.core import (  # noqa: E402
    Conclude,
    Layer,
    answer,
    load,
    next_step,
    start,
    with_answers,
)
from decision_aid.core._compiled import compiled, relevance_order  # noqa: E402
from decision_aid.core._engine import decide as engine_decide  # noqa: E402
from decision_aid.core._model import KnowledgeBase, QuestionKind, Topic  # noqa: E402

DEMO_DIR = ROOT / "examples" / "rules"
DEMO_TOPIC = "demo-requests"
Answers = tuple[tuple[str, Any], ...]


# -- the hand-written baseline: the demo pack's rules as plain Python ------------------
def hand_decide(a: dict[str, Any]) -> str:
    """The demo topic's decision, written by hand (same rule ids as the pack)."""
    if a.get("urgent") == "yes":
        return "urgent-first"
    if a.get("requester") == "patient" and a.get("platform") == "personal":
        return "patient-personal"
    signals = a.get("signals", ())
    if ("met" in signals) + ("named" in signals) + ("verified" in signals) >= 2:
        return "trusted-colleague"
    return "default"


# -- every complete answer set of a topic ----------------------------------------------
def worlds(topic: Topic) -> Iterator[Answers]:
    """Every complete, consistent answer set: each relevant question answered, no others.

    Questions are assigned in relevance order, so relevance is always known when a question
    comes up; multi-choice questions take every subset of their options.
    """
    form = compiled(topic)
    order = relevance_order(topic)

    def values(qid: str) -> list[Any]:
        q = form.questions[qid]
        ids = q.option_ids
        if q.kind is not QuestionKind.MULTI:
            return list(ids)
        return [c for n in range(len(ids) + 1) for c in combinations(ids, n)
                if q.clash(c) is None]

    def walk(i: int, answers: dict[str, Any]) -> Iterator[Answers]:
        if i == len(order):
            yield tuple(answers.items())
            return
        qid = order[i]
        if form.applies(form.state(answers.items()), qid) is False:
            yield from walk(i + 1, answers)
            return
        for value in values(qid):
            answers[qid] = value
            yield from walk(i + 1, answers)
            del answers[qid]

    yield from walk(0, {})


def engine_rule(kb: KnowledgeBase, answers: Answers) -> str:
    step = next_step(kb, with_answers(kb, DEMO_TOPIC, answers))
    if not isinstance(step, Conclude):
        raise SystemExit(f"the engine asks '{step.question.id}' for a complete world {answers}")
    return step.result.rule


# -- optional peer: the same decision as a zen-engine (GoRules JDM) decision table -----
def zen_decision() -> Any | None:
    try:
        import zen  # type: ignore[import-not-found]
    except ImportError:
        return None
    columns = ("urgent", "requester", "platform", "signals")

    def row(rule_id: str, cells: dict[str, str]) -> dict[str, str]:
        out = {"_id": rule_id, "out_rule": json.dumps(rule_id)}
        out.update({f"in_{c}": cells.get(c, "") for c in columns})
        return out

    table_ = {
        "hitPolicy": "first",
        "inputs": [{"id": f"in_{c}", "name": c, "type": "expression", "field": c}
                   for c in columns],
        "outputs": [{"id": "out_rule", "name": "rule", "type": "expression", "field": "rule"}],
        "rules": [
            row("urgent-first", {"urgent": '"yes"'}),
            row("patient-personal", {"requester": '"patient"', "platform": '"personal"'}),
            row("trusted-colleague", {"signals": "$ != null and len($) >= 2"}),
            row("default", {}),
        ],
    }
    at = {"x": 0, "y": 0}
    jdm = {
        "contentType": "application/vnd.gorules.decision",
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "Request", "position": at},
            {"id": "table", "type": "decisionTableNode", "name": "Demo", "position": at,
             "content": table_},
            {"id": "out", "type": "outputNode", "name": "Response", "position": at},
        ],
        "edges": [{"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
                  {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"}],
    }
    return zen.ZenEngine().create_decision(json.dumps(jdm))


# -- the benchmark -----------------------------------------------------------------------
def demo(kb: KnowledgeBase) -> int:
    topic = kb.topics[DEMO_TOPIC]
    all_worlds = list(worlds(topic))
    n = len(all_worlds)
    sessions = [with_answers(kb, DEMO_TOPIC, w) for w in all_worlds]
    plain = [dict(w) for w in all_worlds]
    print(f"demo topic '{DEMO_TOPIC}': {len(topic.rules)} rules, {len(topic.questions)} "
          f"questions, {n} complete answer sets (worlds)")

    # correctness first: the baseline must make the same decision as the engine
    wrong = []
    for w, s, a in zip(all_worlds, sessions, plain, strict=True):
        full = engine_rule(kb, w)
        winner, _ = engine_decide(topic, s.answers)
        alone = winner.id if winner else None
        hand = hand_decide(a)
        if not full == alone == hand:
            wrong.append((w, full, alone, hand))
    for w, full, alone, hand in wrong:
        print(f"MISMATCH {dict(w)}: next_step={full} decide={alone} hand={hand}")
    if wrong:
        print(f"the hand-written function disagrees with the engine on {len(wrong)} of {n} "
              "worlds; not timing")
        return 1
    print(f"check: engine and hand-written function agree on all {n} worlds")

    def full_session() -> None:
        for w in all_worlds:
            next_step(kb, with_answers(kb, DEMO_TOPIC, w))

    def session_only() -> None:
        for w in all_worlds:
            with_answers(kb, DEMO_TOPIC, w)

    def step_only() -> None:
        for s in sessions:
            next_step(kb, s)

    def decide_only() -> None:
        for s in sessions:
            engine_decide(topic, s.answers)

    def hand() -> None:
        for a in plain:
            hand_decide(a)

    a = bench("(a) next_step(with_answers(...))", full_session, per_call=n)
    a1 = bench("  (a1) with_answers only", session_only, per_call=n)
    a2 = bench("  (a2) next_step, prebuilt session", step_only, per_call=n)
    b = bench("(b) decide(topic, answers)", decide_only, per_call=n)
    c = bench("(c) hand-written decide(a)", hand, per_call=n)
    rows: list[tuple[str, ...]] = [(t.name, *us(t), ratio(t.median_ns, c.median_ns))
                                   for t in (a, a1, a2, b, c)]

    zen_t = None
    decision = zen_decision()
    if decision is None:
        print("zen-engine: not installed, peer figure skipped "
              "(.venv/bin/pip install zen-engine to add it)")
    else:
        inputs = [{q: list(v) if isinstance(v, tuple) else v for q, v in w}
                  for w in all_worlds]
        got = [decision.evaluate(i)["result"].get("rule") for i in inputs]
        want = [hand_decide(p) for p in plain]
        if got != want:
            print("zen-engine: its decision table disagrees with the engine; skipped")
        else:
            def zen_eval() -> None:
                for i in inputs:
                    decision.evaluate(i)
            zen_t = bench("(z) zen-engine decision table (peer)", zen_eval, per_call=n,
                          repeat=5)
            rows.append((zen_t.name, *us(zen_t), ratio(zen_t.median_ns, c.median_ns)))

    print()
    table(rows, ("µs per evaluation", "median", "min", "vs (c)"))
    print()
    print(f"(a)/(c) = {ratio(a.median_ns, c.median_ns)}   "
          f"(b)/(c) = {ratio(b.median_ns, c.median_ns)}   "
          f"result building share of (a2) ≈ "
          f"{max(0.0, (a2.median_ns - b.median_ns) / a2.median_ns):.0%}")
    print(goal("(b)/(c)", b.median_ns / c.median_ns, 3.0))
    if zen_t is not None:
        print(f"zen-engine per evaluation = {ratio(zen_t.median_ns, b.median_ns)} (b), "
              f"{ratio(zen_t.median_ns, a.median_ns)} (a) (its Python binding's call "
              "overhead dominates a table this small)")
    return 0


def real_cases() -> None:
    from decision_aid.core import default_layers
    from decision_aid.core._errors import DecisionAidError

    print()
    result = load(default_layers())
    if not result.ok:
        first = result.errors[0] if result.errors else None
        print(f"built-in packs: do not load ({len(result.errors)} errors"
              f"{'; first: ' + str(first.span) + ' ' + first.message if first else ''}); "
              "case timing skipped")
        return
    kb = result.unwrap()
    try:
        from decision_aid.cases.load import load_cases
    except ImportError:
        print("built-in packs: decision_aid.cases not available; case timing skipped")
        return
    cases, problems = load_cases([ROOT / "content" / "cases"])
    runnable = []
    for case in cases:
        try:
            next_step(kb, with_answers(kb, case.topic, case.answers))
        except DecisionAidError:
            continue
        runnable.append(case)
    print(f"built-in packs: {len(kb.topics)} topics, "
          f"{sum(len(t.rules) for t in kb.topics.values())} rules; {len(cases)} cases "
          f"({len(problems)} broken case files skipped, "
          f"{len(cases) - len(runnable)} cases raise and are skipped)")
    if not runnable:
        print("no runnable cases in content/cases; case timing skipped")
        return

    def run_all() -> None:
        for case in runnable:
            next_step(kb, with_answers(kb, case.topic, case.answers))

    t = bench("next_step(with_answers(case))", run_all, per_call=len(runnable), repeat=7)

    # the interview as a face drives it: one next_step per question, answered from the case
    # (mid-interview steps are where rules are still open and the engine may search)
    def interview(case: Any) -> int:
        given = dict(case.answers)
        session = start(kb, case.topic)
        steps = 0
        while True:
            step = next_step(kb, session)
            steps += 1
            if isinstance(step, Conclude) or step.question.id not in given:
                return steps
            session = answer(kb, session, step.question.id, given[step.question.id])

    steps = sum(interview(case) for case in runnable)

    def interview_all() -> None:
        for case in runnable:
            interview(case)

    iv = bench("interview, answer by answer (per step)", interview_all, per_call=steps,
               repeat=5)
    table([(t.name, *us(t)), (iv.name, *us(iv))], ("µs per case / per step", "median", "min"))
    print(f"({steps} steps over {len(runnable)} cases: "
          f"{iv.median_us * steps / len(runnable):.0f} µs per whole interview)")


def main() -> int:
    header("bench_engine: full-session evaluation vs hand-written Python")
    load_result = load([Layer("demo", (DEMO_DIR,))])
    if not load_result.ok:
        for p in load_result.errors:
            print(p)
        return 2
    status = demo(load_result.unwrap())
    if status:
        return status
    real_cases()
    return 0


if __name__ == "__main__":
    sys.exit(main())
