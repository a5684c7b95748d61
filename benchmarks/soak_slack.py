"""Slack bot load run and soak: is anything lost or broken under a steady stream of requests?

The real bot (`decision-aid slack --http`: gunicorn, 1 gthread worker x 16 threads, as
`bench_slack.py` runs it) against Slack's side in another process (`_slack_load.Sink`,
answering `auth.test` and counting replies). Correctly signed slash commands and clicks,
half each, from 1,000 different people (the bot's own rate limit of 30 a minute a person
stays on), paced evenly over the run at a fixed concurrency, with a share of malformed
requests mixed in, in turn: a bad signature, a body cut short (before or after it was
signed), and signed garbage (a payload that is not JSON, bytes that are not UTF-8). Every
click's reply goes to a response_url of its own.

Reported: lost acks (a request with no HTTP answer: connection error or no answer within
10 s), status codes by kind, the share of well-formed requests answered 2xx (goal >=
99.9%), malformed requests answered 5xx (must be none), ack latency p50/p99/max (goal p99
< 1 s; acks over Slack's 3 s are counted), replies landed at the sink against the clicks
acked (each once), errors in the bot's log, the worker's resident memory sampled every
half second and its growth after warm-up (the first 10% of the run; goal < 10%). The
exit code is 1 only for correctness failures: a lost ack, a 5xx, a reply missing or
sent twice; never for time.

    .venv/bin/python benchmarks/soak_slack.py                 # 10,000 requests in ~1 minute
    .venv/bin/python benchmarks/soak_slack.py --minutes 10    # the soak: 100,000 in 10
    .venv/bin/python benchmarks/soak_slack.py --requests 800 --seconds 5 --concurrency 20 \\
        --malformed 0.03 --json out.json                     # the CI run (tests/reliability)
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import header
from _slack_load import (
    THREADS,
    RemoteFake,
    Requests,
    cpu_seconds,
    percentile,
    remove_scratch,
    scratch_dir,
    start_bot,
    worker_pids,
    worker_rss_mb,
)

from decision_aid.slack.wsgi import MAX_SKEW, REPLAY_MARGIN

PEOPLE = 1000
ACK_TIMEOUT = 10.0  # seconds a client waits for an answer before the ack counts as lost
SLACK_DEADLINE = 3.0
MALFORMED = ("bad_signature", "truncated", "garbage")


REPLAY_TTL = MAX_SKEW + REPLAY_MARGIN  # wsgi.replay_ttl of a request stamped as sent
REPLAY_LIMIT = 100_000  # shared.MEMORY_LIMIT
REPLAY_BYTES = 240  # one remembered signature, measured with tracemalloc (MemoryState)


@dataclass
class Outcome:
    kind: str
    status: int | None  # None: no HTTP answer (lost)
    latency: float
    at: float = 0.0  # seconds into the run it was sent


@dataclass
class Run:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    behind: float = 0.0  # the most the schedule slipped (the server or client too slow)
    rss: list[tuple[float, float]] = field(default_factory=list)  # (seconds in, MB)
    lost_errors: Counter[str] = field(default_factory=Counter)


def kind_of(index: int, malformed_every: int) -> str:
    """The request mix: every `malformed_every`-th request is malformed (kinds in turn),
    the rest alternate command and click."""
    if malformed_every and index % malformed_every == malformed_every - 1:
        return MALFORMED[(index // malformed_every) % len(MALFORMED)]
    return "command" if index % 2 == 0 else "click"


def build(requests: Requests, fake: RemoteFake, kind: str, index: int, variant: int
          ) -> tuple[bytes, dict[str, str]]:
    """The bytes and headers of request `index` of this kind, signed now; `variant` picks
    among the forms of a malformed kind."""
    user = f"U0LOAD{index % PEOPLE:04d}"
    if kind == "command":
        body = requests.command(fake.response_url("command"), user=user)
        return body.encode(), requests.headers(body)
    if kind == "click":
        body = requests.click(fake.once_url(str(index)), user=user)
        return body.encode(), requests.headers(body)
    base = requests.click(fake.response_url("malformed"), user=user) if variant % 2 else \
        requests.command(fake.response_url("malformed"), user=user)
    if kind == "bad_signature":
        return base.encode(), requests.headers(base + "x")
    if kind == "truncated":  # cut short, then signed (a click's JSON is broken off), or
        cut = base[:len(base) // 2]  # signed whole and sent cut short (it no longer fits)
        return cut.encode(), requests.headers(cut if variant % 4 in (1, 2) else base)
    garbage = os.urandom(200 + index % 300)
    if variant % 2:  # a form payload that is not JSON; else bytes that are not UTF-8
        body = ("payload=" + garbage.hex()).encode()
        return body, requests.headers(body)
    return garbage, requests.headers(garbage)


def drive(port: int, requests: Requests, fake: RemoteFake, *, total: int, seconds: float,
          concurrency: int, malformed: float, workers: list[int]) -> Run:
    """Send `total` requests evenly over `seconds` from `concurrency` keep-alive clients;
    sample the workers' memory (summed) meanwhile."""
    run = Run()
    every = round(1 / malformed) if malformed > 0 else 0
    counter = itertools.count()
    lock = threading.Lock()
    started = time.perf_counter()
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.5):
            run.rss.append((time.perf_counter() - started,
                            sum(worker_rss_mb(pid) for pid in workers)))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=ACK_TIMEOUT)
        mine: list[Outcome] = []
        behind = 0.0
        while True:
            with lock:
                index = next(counter)
            if index >= total:
                break
            due = started + index * seconds / total
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            else:
                behind = max(behind, -wait)
            kind = kind_of(index, every)
            body, headers = build(requests, fake, kind, index,
                                  index // (every * len(MALFORMED)) if every else 0)
            sent = time.perf_counter()
            try:
                conn.request("POST", "/slack/events", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                mine.append(Outcome(kind, response.status, time.perf_counter() - sent,
                                    sent - started))
            except (OSError, http.client.HTTPException) as error:
                mine.append(Outcome(kind, None, time.perf_counter() - sent))
                with lock:
                    run.lost_errors[type(error).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=ACK_TIMEOUT)
        conn.close()
        with lock:
            run.outcomes.extend(mine)
            run.behind = max(run.behind, behind)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    clients = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    run.seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return run


def wait_for_replies(fake: RemoteFake, due: int, timeout: float = 30.0) -> float:
    """Seconds until `due` distinct click replies had landed (or the timeout passed)."""
    started = time.perf_counter()
    while fake.tally()[2] < due and time.perf_counter() - started < timeout:
        time.sleep(0.05)
    return time.perf_counter() - started


def log_problems(log: Path) -> Counter[str]:
    """The bot's log records at ERROR or above (a request bolt raised on is one), by event."""
    problems: Counter[str] = Counter()
    for line in log.read_text(errors="replace").splitlines():
        if not line.startswith("{"):
            problems["not a JSON line"] += 1
            continue
        record = json.loads(line)
        if record.get("level") in ("error", "critical") or \
                record.get("event") == "request.failed":
            problems[str(record.get("event"))] += 1
    return problems


def replay_mb(outcomes: list[Outcome], at: float) -> float:
    """The expected size of the worker's replay memory at `at` seconds into the run: the
    signatures it accepted in the TTL before, at most the limit (a bounded, known part
    of the growth, shown apart from the rest)."""
    kept = sum(1 for o in outcomes if o.status not in (None, 401, 413)
               and at - REPLAY_TTL <= o.at <= at)
    return min(kept, REPLAY_LIMIT) * REPLAY_BYTES / 1e6


def filled_growth(run: Run) -> float | None:
    """RSS growth from the moment the replay memory is full (one REPLAY_TTL in) to the end:
    what is left once every bounded memory has levelled off, the sign of a leak. None
    when the run is too short to have such a stretch (under REPLAY_TTL + 60 s)."""
    if run.seconds < REPLAY_TTL + 60 or not run.rss:
        return None
    start = next((mb for at, mb in run.rss if at >= REPLAY_TTL), None)
    if start is None:
        return None
    return round((run.rss[-1][1] - start) / start, 4)


def summarise(run: Run, tally: tuple[int, int, int, int], late: float, problems: Counter[str],
              final_rss: float, cpu: float) -> dict[str, Any]:
    outcomes = run.outcomes
    well = [o for o in outcomes if o.kind in ("command", "click")]
    bad = [o for o in outcomes if o.kind in MALFORMED]
    answered = [o for o in outcomes if o.status is not None]
    latencies = [o.latency for o in answered]
    statuses = Counter(f"{o.kind} {o.status if o.status is not None else 'lost'}"
                       for o in outcomes)
    clicks_acked = sum(1 for o in well if o.kind == "click" and o.status is not None
                       and 200 <= o.status < 300)
    valid, invalid, distinct, repeats = tally
    warm = run.seconds * 0.1
    after = [mb for at, mb in run.rss if at >= warm]
    baseline = after[0] if after else float("nan")
    end = after[-1] if after else float("nan")
    warm_at = next((at for at, _ in run.rss if at >= warm), run.seconds)
    replay = replay_mb(outcomes, run.seconds) - replay_mb(outcomes, warm_at)
    return {
        "requests": len(outcomes), "seconds": round(run.seconds, 2),
        "rate": round(len(outcomes) / run.seconds, 1) if run.seconds else 0.0,
        "behind_schedule_s": round(run.behind, 3),
        "well_formed": len(well), "malformed": len(bad),
        "lost": sum(o.status is None for o in outcomes),
        "lost_errors": dict(run.lost_errors),
        "well_formed_2xx": sum(o.status is not None and 200 <= o.status < 300 for o in well),
        "fivexx": sum(o.status is not None and o.status >= 500 for o in outcomes),
        "malformed_5xx": sum(o.status is not None and o.status >= 500 for o in bad),
        "statuses": dict(sorted(statuses.items())),
        "ack_p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "ack_p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "ack_max_ms": round(max(latencies, default=float("nan")) * 1000, 1),
        "acks_over_3s": sum(x > SLACK_DEADLINE for x in latencies),
        "replies_expected": clicks_acked, "replies_landed": distinct,
        "replies_repeated": repeats, "replies_valid": valid, "replies_invalid": invalid,
        "replies_settled_s": round(late, 2),
        "log_problems": dict(problems),
        "rss_baseline_mb": round(baseline, 1), "rss_end_mb": round(end, 1),
        "rss_peak_mb": round(max(after, default=float("nan")), 1),
        "rss_final_mb": round(final_rss, 1),
        "rss_growth": round((end - baseline) / baseline, 4) if after else None,
        "rss_growth_replay_mb": round(replay, 1),
        "rss_growth_less_replay": round((end - baseline - replay) / baseline, 4)
        if after else None,
        "rss_growth_filled": filled_growth(run),
        "rss_samples": len(run.rss),
        "rss_by_tenth_mb": [round(next((mb for at, mb in run.rss if at >= run.seconds * k / 10),
                                       run.rss[-1][1] if run.rss else float("nan")), 1)
                            for k in range(1, 11)],
        "worker_cpu_ms_per_request": round(cpu / max(1, len(outcomes)) * 1000, 3),
    }


def failures(s: dict[str, Any]) -> list[str]:
    """Correctness failures only; time never fails the run."""
    found = []
    if s["lost"]:
        found.append(f"{s['lost']} lost acks")
    if s["fivexx"]:
        found.append(f"{s['fivexx']} answers 5xx")
    if s["replies_landed"] != s["replies_expected"]:
        found.append(f"{s['replies_landed']} replies landed of {s['replies_expected']}")
    if s["replies_repeated"] or s["replies_invalid"]:
        found.append(f"{s['replies_repeated']} replies sent twice, "
                     f"{s['replies_invalid']} not a message Slack would take")
    return found


def report(s: dict[str, Any], args: argparse.Namespace) -> None:
    share = s["well_formed_2xx"] / s["well_formed"] if s["well_formed"] else 0.0
    print(f"sent {s['requests']} requests in {s['seconds']:.1f} s ({s['rate']:.0f}/s; the "
          f"schedule slipped at most {s['behind_schedule_s'] * 1000:.0f} ms): "
          f"{s['well_formed']} well-formed, {s['malformed']} malformed")
    print(f"lost acks (no HTTP answer within {ACK_TIMEOUT:.0f} s): {s['lost']}"
          + (f" {s['lost_errors']}" if s["lost_errors"] else ""))
    print("status by kind: " + ", ".join(f"{k}: {v}" for k, v in s["statuses"].items()))
    state = "met" if share >= 0.999 else "NOT met"
    print(f"goal well-formed answered 2xx >= 99.9%: {share * 100:.2f}% ({state})")
    print(f"answers 5xx: {s['fivexx']} (malformed: {s['malformed_5xx']}; must be 0)")
    state = "met" if s["ack_p99_ms"] < 1000 else "NOT met"
    print(f"ack latency p50 {s['ack_p50_ms']:.1f} ms, p99 {s['ack_p99_ms']:.1f} ms, max "
          f"{s['ack_max_ms']:.1f} ms; over Slack's 3 s: {s['acks_over_3s']} "
          f"(goal p99 < 1 s: {state})")
    print(f"replies landed at Slack's side: {s['replies_landed']} of {s['replies_expected']} "
          f"clicks acked, {s['replies_repeated']} twice, {s['replies_invalid']} invalid; the "
          f"last {s['replies_settled_s']:.2f} s after the last ack")
    print(f"errors in the bot's log: {sum(s['log_problems'].values())}"
          + (f" {s['log_problems']}" if s["log_problems"] else ""))
    growth = s["rss_growth"]
    if growth is not None:
        state = "met" if growth < 0.10 else "NOT met"
        print(f"worker RSS: {s['rss_baseline_mb']:.1f} MB after warm-up (first 10% of the "
              f"run), {s['rss_end_mb']:.1f} MB at the end, peak {s['rss_peak_mb']:.1f} MB, "
              f"{s['rss_final_mb']:.1f} MB once replies settled; growth after warm-up "
              f"{growth * 100:+.1f}% (goal < 10%: {state}; {s['rss_samples']} samples)")
        print(f"of that growth, the replay memory's expected share (signatures kept "
              f"{REPLAY_TTL} s, at most {REPLAY_LIMIT:,}, ~{REPLAY_BYTES} B each) is "
              f"{s['rss_growth_replay_mb']:.1f} MB; growth less that share "
              f"{s['rss_growth_less_replay'] * 100:+.1f}%")
        filled = s["rss_growth_filled"]
        if filled is not None:
            print(f"worker RSS growth once the replay memory is full ({REPLAY_TTL} s in) to "
                  f"the end: {filled * 100:+.1f}% (a leak shows here)")
        print("worker RSS at each tenth of the run, MB: "
              + " ".join(f"{mb:.1f}" for mb in s["rss_by_tenth_mb"]))
    print(f"worker CPU per request: {s['worker_cpu_ms_per_request']:.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seconds", type=float, help="the run's length instead of --minutes")
    parser.add_argument("--requests", type=int, help="default: 10,000 a minute")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--malformed", type=float, default=0.01, help="share, 0 to 0.5")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args()
    seconds = args.seconds if args.seconds is not None else args.minutes * 60
    total = args.requests if args.requests is not None else round(10_000 * seconds / 60)
    if not 0 <= args.malformed <= 0.5 or total < 1 or seconds <= 0 or args.concurrency < 1:
        parser.error("need requests >= 1, a positive length and concurrency, malformed 0-0.5")
    header(f"Slack bot soak: {total:,} signed requests over {seconds:.0f} s, concurrency "
           f"{args.concurrency}, {args.malformed * 100:g}% malformed, gunicorn "
           f"{args.workers} worker(s) x {THREADS} threads")
    print("   the bot and Slack's side run from source here; the machine may be shared with "
          "other work (see the load average): latencies are this machine's")
    fake = RemoteFake()
    tmp = scratch_dir("soak-slack")
    log = tmp / "bot.log"
    bot, port = start_bot(fake, log, workers=args.workers,
                          env_extra={"DECISION_AID_RATE_LIMIT": "30"})
    try:
        requests = Requests(port, fake)
        workers = worker_pids(bot.pid)
        cpu0 = sum(sum(cpu_seconds(pid)) for pid in workers)
        run = drive(port, requests, fake, total=total, seconds=seconds,
                    concurrency=args.concurrency, malformed=args.malformed, workers=workers)
        due = sum(1 for o in run.outcomes if o.kind == "click" and o.status is not None
                  and 200 <= o.status < 300)
        settled = wait_for_replies(fake, due)
        time.sleep(0.3)  # a reply sent twice would land in this window
        cpu = sum(sum(cpu_seconds(pid)) for pid in workers) - cpu0
        final_rss = sum(worker_rss_mb(pid) for pid in workers)
    finally:
        bot.terminate()
        bot.wait(timeout=30)
        tally = fake.close()
    summary = summarise(run, tally, settled, log_problems(log), final_rss, cpu)
    remove_scratch(tmp)
    report(summary, args)
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1))
    found = failures(summary)
    if found:
        print("FAILED: " + "; ".join(found))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
