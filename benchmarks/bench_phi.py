"""Time the PHI guard over the labelled corpus (a script, not a test; no assertions).

Every free-text message passes ``scan`` before anything else, so its cost is paid on each
keystroke-to-reply path. Absolute timings vary by machine, so the script also times two cheap
baselines over the same texts in the same run and prints the ratio. Beside the typical case
it prints the worst: the detector (``phi._detect``, which has no length limit) over 1 MB of
each hostile shape in tests/data/phi_hostile.yaml (digits, names, dates, separators and
near-misses of every rule), as a ratio to 1 MB of corpus text, and names the slowest.

    .venv/bin/python benchmarks/bench_phi.py [--rounds N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))

from decision_aid.core import phi  # noqa: E402
from decision_aid.core.phi import scan  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "phi_corpus.yaml"
PHONE_SHAPE = re.compile(r"\d{3}-\d{4}")
HOSTILE_PATH = ROOT / "tests" / "data" / "phi_hostile.yaml"
"""Hostile shapes: digits, names, dates, separators, and near-misses of every rule."""
MB = 1_000_000


def _seconds_per_mb(unit: str) -> float:
    text = (unit * (MB // len(unit) + 1))[:MB]
    start = time.process_time()
    phi._detect(text)
    return time.process_time() - start


def _per_message_us(fn: Callable[[str], object], texts: list[str], rounds: int) -> float:
    """Median over rounds of the mean microseconds per message (median resists noise)."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        samples.append((time.perf_counter() - start) / len(texts) * 1e6)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()

    texts = [str(entry["text"]) for entry in yaml.safe_load(CORPUS.read_text(encoding="utf-8"))]
    mean_chars = statistics.mean(len(t) for t in texts)
    for text in texts:  # warm up: regex compilation happens at import, caches here
        scan(text)

    scan_us = _per_message_us(scan, texts, args.rounds)
    lower_us = _per_message_us(str.lower, texts, args.rounds)
    search_us = _per_message_us(PHONE_SHAPE.search, texts, args.rounds)

    long_text = " ".join(texts) * (100_000 // len(" ".join(texts)) + 1)
    long_text = long_text[:100_000]
    start = time.perf_counter()
    scan(long_text)
    long_ms = (time.perf_counter() - start) * 1e3

    print(f"corpus: {len(texts)} messages, mean {mean_chars:.0f} chars, {args.rounds} rounds")
    print(f"scan                      {scan_us:9.1f} us/message")
    print(
        f"baseline str.lower        {lower_us:9.3f} us/message  "
        f"(scan is {scan_us / lower_us:,.0f}x)"
    )
    print(
        f"baseline re.search phone  {search_us:9.3f} us/message  "
        f"(scan is {scan_us / search_us:,.0f}x)"
    )
    print(f"scan of 100 KB of corpus text: {long_ms:.1f} ms "
          f"(refused unread: scan() stops at {phi.MAX_TEXT_CHARS:,} characters)")

    typical = _seconds_per_mb(" ".join(texts))
    print(f"detector, CPU s per MB: corpus text {typical:.2f} (typical)")
    worst = ("", 0.0)
    hostile = yaml.safe_load(HOSTILE_PATH.read_text(encoding="utf-8"))
    for name, unit in hostile.items():
        took = _seconds_per_mb(unit)
        worst = max(worst, (name, took), key=lambda w: w[1])
        print(f"  {name:28} {took:6.2f}  ({took / typical:.2f}x typical)")
    print(f"slowest of {len(hostile)} hostile 1 MB inputs: {worst[0]!r}, {worst[1]:.2f} s CPU "
          f"({worst[1] / typical:.2f}x typical); "
          f"at the {phi.MAX_TEXT_CHARS:,}-character limit that is "
          f"{worst[1] * phi.MAX_TEXT_CHARS / MB * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
