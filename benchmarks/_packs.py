"""Generated rule packs for the benchmarks (not a benchmark itself; nothing here times).

A generated topic has Q single-choice questions of 4 options and R rules at distinct
priorities, plus a fallback and a references file. Each rule fixes four answers (`is`)
and may add an `any` of two more leaves or an `in` over two options, so its condition is
a random `all`/`any` tree; no two rules fix the same four answers. With `relevance`, a
share of the questions (after the first six) applies only when an earlier question has
one of two answers, as in real packs.

A pack file may hold at most 50,000 YAML values, so rules past the first 1,000 go into
extension files (`extends:`) of 1,000 rules each.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

TOPIC = "bench-topic"
OPTIONS = 4
RULES_PER_FILE = 1_000
SOURCES = 20
SEED = 20261121
EVIDENCE = {"strength": "good-practice-statement", "certainty": "not-graded",
            "scale": "GRADE", "basis": "expert-opinion"}
ADVERSARIAL = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "adversarial"
DEMO_REFERENCES = Path(__file__).resolve().parents[1] / "examples" / "rules" / \
    "demo-references.yaml"


def qid(i: int) -> str:
    return f"q{i:03d}"


def oid(j: int) -> str:
    return f"o{j}"


def _rules(n: int, questions: int, rng: random.Random) -> list[dict[str, Any]]:
    seen: set[frozenset[tuple[int, int]]] = set()
    out: list[dict[str, Any]] = []
    verdicts = ("avoid", "caution", "acceptable")
    while len(out) < n:
        qs = rng.sample(range(questions), 6)
        fixed = frozenset((q, rng.randrange(OPTIONS)) for q in qs[:4])
        if fixed in seen:
            continue
        seen.add(fixed)
        leaves: list[dict[str, Any]] = [{"fact": qid(q), "is": oid(o)} for q, o in sorted(fixed)]
        shape = rng.random()
        if shape < 0.4:
            leaves.append({"any": [{"fact": qid(qs[4]), "is": oid(rng.randrange(OPTIONS))},
                                   {"fact": qid(qs[5]), "is": oid(rng.randrange(OPTIONS))}]})
        elif shape < 0.7:
            leaves.append({"fact": qid(qs[4]),
                           "in": [oid(o) for o in sorted(rng.sample(range(OPTIONS), 2))]})
        k = len(out)
        out.append({
            "id": f"rule-{k:05d}", "priority": n - k, "when": {"all": leaves},
            "verdict": verdicts[k % 3], "headline": f"Generated rule {k}.",
            "reasons": ["Generated."], "actions": ["Nothing."],
            "sources": [f"src-{k % SOURCES:02d}"], "evidence": EVIDENCE, "limits": "None.",
            "gap": "inference",
        })
    return out


def write_pack(root: Path, rules: int, questions: int = 20, *, relevance: float = 0.0,
               seed: int = SEED) -> Path:
    """Write a generated pack into root/pack-<questions>x<rules>; returns that directory."""
    rng = random.Random(seed)
    pack = root / f"pack-{questions}x{rules}"
    pack.mkdir(parents=True)
    references = [{"key": f"src-{i:02d}", "citation": f"Generated source {i}.", "year": 2026,
                   "kind": "commentary", "jurisdiction": "international",
                   "url": f"https://example.org/{i}", "checked": "primary"}
                  for i in range(SOURCES)]
    _dump(pack / "references.yaml", {"references": references})
    made = _rules(rules, questions, rng)
    chunks = [made[i:i + RULES_PER_FILE] for i in range(0, len(made), RULES_PER_FILE)]
    chunks[0].append({"id": "fallback", "priority": 0, "verdict": "caution",
                      "scope": "not-covered", "contact": "bench_contact",
                      "headline": "Take care.", "reasons": ["Nothing else holds."],
                      "actions": ["Ask someone."], "sources": ["src-00"],
                      "evidence": EVIDENCE, "limits": "None.", "gap": "inference"})
    _dump(pack / "contacts.yaml", {"contacts": [
        {"id": "bench_contact", "role": "Someone", "how": "Ask them."}]})
    qs: list[dict[str, Any]] = []
    for i in range(questions):
        q: dict[str, Any] = {"id": qid(i), "prompt": f"Question {i}?", "why": "Generated.",
                             "kind": "single",
                             "options": [{"id": oid(j), "label": f"Option {j}"}
                                         for j in range(OPTIONS)]}
        if i >= 6 and rng.random() < relevance:
            q["relevant"] = {"fact": qid(rng.randrange(i)),
                             "in": [oid(o) for o in sorted(rng.sample(range(OPTIONS), 2))]}
        qs.append(q)
    topic = {"id": TOPIC, "title": "Generated benchmark topic", "summary": "Generated.",
             "decision": "Which rule applies?", "version": "1.0.0", "reviewed": "2026-01-01",
             "review_due": "2999-01-01",
             "options_considered": [
                 {"id": "one", "label": "One", "benefits": ["Good."], "harms": ["Bad."]},
                 {"id": "two", "label": "Two", "benefits": ["Good."], "harms": ["Bad."]}],
             "triggers": ["benchmark"]}
    _dump(pack / "topic.yaml", {"topic": topic, "questions": qs, "rules": chunks[0]})
    for i, chunk in enumerate(chunks[1:], 1):
        _dump(pack / f"topic-more-{i:02d}.yaml", {"extends": TOPIC, "rules": chunk})
    return pack


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=120), encoding="utf-8")


@contextmanager
def checks_off() -> Iterator[None]:
    """Load without the lint checks (the loader calls run_checks through its module)."""
    from decision_aid.core import _loader as loader_module

    saved = loader_module.run_checks
    loader_module.run_checks = lambda *args, **kwargs: iter(())  # type: ignore[assignment]
    try:
        yield
    finally:
        loader_module.run_checks = saved


def load_unchecked(*paths: Path) -> Any:
    """A knowledge base of these files, loaded without the lint checks."""
    from decision_aid.core import Layer, load

    with checks_off():
        return load([Layer("bench", tuple(paths))]).unwrap()


def adversarial_packs() -> list[Path]:
    """The adversarial fixtures of issue #8 (they load on top of the demo references)."""
    return sorted(ADVERSARIAL.glob("*.yaml"))
