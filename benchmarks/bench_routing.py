"""Time free-text routing over the routing corpus (a script, not a test; nothing is asserted).

Run:  .venv/bin/python benchmarks/bench_routing.py [--rounds N]

Over every text in tests/data/routing_corpus.yaml it times
  (a) route(kb, text)                      normalise, score every topic, prefill the top 3,
  (b) normalise(text, kb.vocabulary) alone,
  (c) a baseline: rapidfuzz.process.extractOne(text, every trigger) with token_set_ratio and
      rapidfuzz's default_process, the plain "fuzzy match the trigger list" approach
      (token_set_ratio is the best plain scorer here; WRatio's accuracy is printed too),
and prints µs per query and the ratio (a)/(c); the goal for (a) is well under 1 ms. It also
times building the per-knowledge-base index (paid once, then cached) and one route() over a
text at the length cap, and prints the top-1 accuracy of (a) and (c) on the corpus, so the
cost is seen next to what it buys.

It uses the built-in packs when they load with every topic, and the example pack otherwise
(then the accuracy lines mean nothing).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

import yaml
from _common import ROOT, bench, ensure_importable, goal, header, once, ratio, table, us

ensure_importable()

from rapidfuzz import fuzz, process, utils  # noqa: E402

from decision_aid.core import KnowledgeBase, Layer, default_layers, load, routing  # noqa: E402
from decision_aid.core.routing import normalise, route  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "routing_corpus.yaml"
DEMO_DIR = ROOT / "examples" / "rules"
TOPICS = 7


def knowledge_base() -> tuple[KnowledgeBase, str]:
    result = load(default_layers())
    if result.kb is not None and len(result.kb.topics) >= TOPICS:
        return result.kb, f"built-in packs ({len(result.kb.topics)} topics)"
    return load([Layer("demo", (DEMO_DIR,))]).unwrap(), "example pack (built-in packs not ready)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="samples per measurement")
    args = parser.parse_args()

    kb, which = knowledge_base()
    cases = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["cases"]
    texts = [str(c["text"]) for c in cases]
    labels = [str(c["topic"]) for c in cases]
    flat = [(t.id, trigger.lower()) for t in kb.topics.values() for trigger in t.triggers]
    choices = [trigger for _, trigger in flat]

    def baseline(text: str, scorer: Callable[..., float] = fuzz.token_set_ratio) -> str | None:
        best = process.extractOne(text, choices, scorer=scorer, processor=utils.default_process)
        return None if best is None else flat[best[2]][0]

    def run_route() -> None:
        for text in texts:
            route(kb, text)

    def run_normalise() -> None:
        for text in texts:
            normalise(text, kb.vocabulary)

    def run_baseline() -> None:
        for text in texts:
            baseline(text)

    header(f"routing: {len(texts)} corpus texts against the {which}, "
           f"{len(choices)} triggers")
    run_route()  # builds and caches the index
    n = len(texts)
    timed_route = bench("route()", run_route, repeat=args.rounds, per_call=n)
    timed_norm = bench("normalise()", run_normalise, repeat=args.rounds, per_call=n)
    timed_base = bench("extractOne baseline", run_baseline, repeat=args.rounds, per_call=n)
    build, _ = once("index build (once per kb)", lambda: routing._build(kb))
    long_text = (" ".join(texts) * 10)[: routing.MAX_CHARS]
    timed_long = bench(f"route() on {len(long_text)} chars", lambda: route(kb, long_text),
                       repeat=args.rounds)

    table([("route()", *us(timed_route), ratio(timed_route.median_ns, timed_base.median_ns)),
           ("normalise()", *us(timed_norm), ratio(timed_norm.median_ns, timed_base.median_ns)),
           ("extractOne baseline", *us(timed_base), "1.00x"),
           (timed_long.name, *us(timed_long), ratio(timed_long.median_ns, timed_base.median_ns)),
           (build.name, *us(build), ratio(build.median_ns, timed_base.median_ns))],
          ["per query", "median µs", "min µs", "vs baseline"])
    print(goal("route() per query", timed_route.median_us / 1e3, 1.0, " ms"))

    routed = sum(bool(m) and m[0].topic.id == label
                 for m, label in ((route(kb, t), label) for t, label in zip(texts, labels,
                                                                              strict=True)))
    plain = sum(baseline(t) == label for t, label in zip(texts, labels, strict=True))
    wratio = sum(baseline(t, fuzz.WRatio) == label for t, label in zip(texts, labels, strict=True))
    print(f"top-1 on the corpus: route() {routed / n:.3f}, extractOne baseline {plain / n:.3f} "
          f"(with WRatio {wratio / n:.3f})")


if __name__ == "__main__":
    main()
