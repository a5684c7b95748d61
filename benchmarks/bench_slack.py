"""Slack bot under load: signed slash commands and clicks over loopback at concurrency 50.

Two servers with the same production server settings (`server.gunicorn_options`: gunicorn,
one gthread worker, the same thread count, keep-alive, preload), measured in the same run,
round-robin (the order flips each round so drift hits both alike):

* **bot**: `decision-aid slack --http`, the real app (signature gate, dedupe and rate-limit
  middleware, metrics, one JSON log line per request at INFO, the interview; each click
  then posts its next screen to the click's response_url);
* **bare**: a bolt App with bolt's defaults through bolt's own WSGI adapter that only acks.

The request mix is the same for both: half slash commands with no text (the topic picker),
half clicks on the first answer of a topic's first question. Reported for each: ack
latency p50/p99/max (request sent to HTTP response, client side), throughput per round
(median and worst), the worker's CPU per request (user + system, all its threads, the
bot's including each click's reply), and one worker's resident memory after the run; for
the bot also the throughput up to the moment its last reply landed.

Fairness on a shared machine: the load client runs in this process and the response_url
sink in another (a lean keep-alive HTTP server that parses and counts every reply, standing
in for Slack's side, auth.test included); both compete with the servers for the cores, so
their CPU per request is printed too. The bot's log goes to a file, not a pipe this busy
process would have to drain. Goals (informative, never asserted): bot throughput >= 80% of
the bare app's, p99 ack < 100 ms, worker RSS < 100 MB.

The load is a closed loop: 50 clients each send as soon as their last answer came, so a
worker is saturated and the mean latency is queueing, concurrency / throughput (Little's
law; printed beside the measured mean): p99 < 100 ms at concurrency 50 asks ~750 req/s of
one worker on cores it shares with the client and the sink, which the bare app itself
only just gives. So two more lines, both servers alike: an open loop at half the bare
app's throughput (requests arrive on schedule, as Slack's do), and one worker per core
(the sizing docs/SLACK.md advises). `--quick` skips them.

    .venv/bin/python benchmarks/bench_slack.py            # 3 rounds of 1,000 requests each
    .venv/bin/python benchmarks/bench_slack.py --quick    # 1 round of 400
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _common import clean_env, goal, header, python_exe, ratio, table
from _slack_load import (
    FORM,
    THREADS,
    RemoteFake,
    Requests,
    cpu_seconds,
    percentile,
    remove_scratch,
    scratch_dir,
    start_bot,
    worker_pid,
    worker_pids,
    worker_rss_mb,
)

from decision_aid.slack.fake_api import GOOD_TOKEN
from decision_aid.slack.signed_requests import SECRET, SlackSim, signature

CONCURRENCY = 50


def server_options(workers: int = 1) -> dict[str, Any]:
    """The settings `decision-aid slack --http --workers N` runs gunicorn with."""
    from decision_aid.slack.server import gunicorn_options

    return gunicorn_options(host="127.0.0.1", port=0, workers=workers, threads=THREADS,
                            log_level="INFO")


def bare_server(port_file: str, api_url: str, workers: str = "1") -> None:
    """The baseline: bolt's App, bolt's WSGI adapter, gunicorn with the bot's settings."""
    from gunicorn.app.base import BaseApplication
    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    from slack_sdk import WebClient

    app = App(signing_secret=SECRET, client=WebClient(token=GOOD_TOKEN, base_url=api_url))
    app.command("/guidance")(lambda ack: ack())
    app.action(re.compile(".*"))(lambda ack: ack())
    wsgi = SlackRequestHandler(app)

    class Bare(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in server_options(int(workers)).items():
                if value is not None and key in self.cfg.settings:
                    self.cfg.set(key, value)
            self.cfg.set("when_ready", self.ready)

        def ready(self, server: Any) -> None:
            Path(port_file).write_text(str(server.LISTENERS[0].sock.getsockname()[1]))

        def load(self) -> Any:
            return wsgi

    Bare().run()


# -- the servers -----------------------------------------------------------------------------
def start_bare(tmp: Path, fake: RemoteFake, workers: int = 1
               ) -> tuple[subprocess.Popen[bytes], int]:
    port_file = tmp / "bare.port"
    port_file.unlink(missing_ok=True)
    proc = subprocess.Popen([python_exe(), __file__, "--bare-server", str(port_file),
                             fake.api_url, str(workers)], env=clean_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not port_file.exists() or not port_file.read_text():
        if time.monotonic() > deadline or proc.poll() is not None:
            raise RuntimeError("the bare server did not start")
        time.sleep(0.05)
    return proc, int(port_file.read_text())


# -- the load ----------------------------------------------------------------------------------
def request_maker(sim: SlackSim, fake: RemoteFake) -> Callable[[int], list[str]]:
    """Bodies to send: half slash commands, half clicks that answer the first question of
    a topic, each new (`_slack_load.Requests`)."""
    requests = Requests(int(sim.base.rsplit(":", 1)[1]), fake)
    url = fake.response_url("bench")

    def make(count: int) -> list[str]:
        return [requests.command(url) if i % 2 == 0 else requests.click(url)
                for i in range(count)]

    return make


def drive(port: int, bodies: list[str], rate: float | None = None
          ) -> tuple[list[tuple[bool, float]], float]:
    """Send every body at concurrency 50 (keep-alive per client); (is a click, latency)
    for each, and the seconds it took.

    Closed loop by default: each client sends its next body as soon as the last is
    answered, so the server is saturated and the mean latency is queueing (Little's law:
    50 / throughput). With `rate`, open loop: body i is due at i / rate seconds, as
    Slack's traffic arrives whatever the bot is doing, and its latency counts from when
    it was due (a client still busy with an earlier body makes it late: that wait counts).
    """
    chunks = [list(range(i, len(bodies), CONCURRENCY)) for i in range(CONCURRENCY)]
    latencies: list[tuple[bool, float]] = []
    lock = threading.Lock()
    began = time.perf_counter() + 0.05

    def client(chunk: list[int]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for index in chunk:
            body = bodies[index]
            due = began + index / rate if rate else 0.0
            if rate and due > time.perf_counter():
                time.sleep(due - time.perf_counter())
            stamp = str(int(time.time()))
            headers = {"Content-Type": FORM, "X-Slack-Request-Timestamp": stamp,
                       "X-Slack-Signature": signature(body.encode(), stamp)}
            start = due if rate else time.perf_counter()
            conn.request("POST", "/slack/events", body=body.encode(), headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append((body.startswith("payload="), time.perf_counter() - start))
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}")
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(client, chunks))
    return latencies, time.perf_counter() - started


# -- measuring ---------------------------------------------------------------------------------
def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Round:
    timed: list[tuple[bool, float]]
    seconds: float
    user: float
    system: float
    client_cpu: float
    to_last_reply: float | None = None
    sink_cpu: float = 0.0

    @property
    def rps(self) -> float:
        return len(self.timed) / self.seconds

    @property
    def latencies(self) -> list[float]:
        return [latency for _, latency in self.timed]


def workers_cpu(workers: list[int]) -> tuple[float, float]:
    times = [cpu_seconds(pid) for pid in workers]
    return sum(user for user, _ in times), sum(system for _, system in times)


def measure(port: int, workers: list[int], bodies: list[str], fake: RemoteFake,
            replies_due: int, rate: float | None = None) -> Round:
    """One round; for the bot, wait (bounded) until every click's reply has landed."""
    user0, sys0 = workers_cpu(workers)
    sink0 = sum(cpu_seconds(fake.proc.pid))
    client0 = own_cpu()
    started = time.perf_counter()
    timed, seconds = drive(port, bodies, rate)
    client = own_cpu() - client0
    last = None
    if replies_due:
        deadline = time.monotonic() + 30
        while sum(fake.replies()) < replies_due and time.monotonic() < deadline:
            time.sleep(0.005)
        last = time.perf_counter() - started
    time.sleep(0.3)  # anything still running after the last ack or reply
    user1, sys1 = workers_cpu(workers)
    sink = sum(cpu_seconds(fake.proc.pid)) - sink0
    return Round(timed, seconds, user1 - user0, sys1 - sys0, client, last, sink)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--bare-server", nargs=3, metavar=("PORT_FILE", "API_URL", "WORKERS"))
    args = parser.parse_args()
    if args.bare_server:
        bare_server(*args.bare_server)
        return 0
    rounds, count = (1, 400) if args.quick else (3, 1000)
    header(f"Slack bot: {rounds} x {count} signed requests (half commands, half clicks), "
           f"concurrency {CONCURRENCY}, gunicorn 1 worker x {THREADS} threads")
    print("   servers and Slack's side run from source in this environment's bytecode mode; "
          "pack cache off; machine shared with other work: compare the ratios")
    fake = RemoteFake()
    tmp = scratch_dir("bench-slack")
    bot, bot_port = start_bot(fake, tmp / "bot.log")
    bare, bare_port = start_bare(tmp, fake)
    procs = [bot, bare]
    try:
        bodies = request_maker(SlackSim(f"http://127.0.0.1:{bot_port}"), fake)
        servers = {"bot": (bot_port, [worker_pid(bot.pid)]),
                   "bare": (bare_port, [worker_pid(bare.pid)])}
        results = run_rounds(servers, bodies, fake, rounds, count)
        report(results, count, servers, fake)
        if not args.quick:
            rate = 0.5 * statistics.median(run.rps for run in results["bare"])
            paced = run_rounds(servers, bodies, fake, 2, count // 2, rate)
            print(open_loop_line(paced, rate))
            for proc in procs:
                proc.terminate()
                proc.wait(timeout=30)
            cores = os.cpu_count() or 1
            if cores > 1:
                print(per_core_line(cores, tmp, fake, bodies, count))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=30)
        valid, invalid = fake.close()[:2]
        print(f"replies the bot posted to the response_url sink: {valid} valid, "
              f"{invalid} not a message Slack would take")
        remove_scratch(tmp)
    return 0


def run_rounds(servers: dict[str, tuple[int, list[int]]], bodies: Callable[[int], list[str]],
               fake: RemoteFake, rounds: int, count: int, rate: float | None = None
               ) -> dict[str, list[Round]]:
    """A warm-up, then `rounds` rounds of `count` bodies for each server in turn, the order
    flipped each round."""
    for port, _ in servers.values():
        drive(port, bodies(200))
    results: dict[str, list[Round]] = {"bot": [], "bare": []}
    for number in range(rounds):
        order = ("bot", "bare") if number % 2 == 0 else ("bare", "bot")
        for name in order:
            port, workers = servers[name]
            due = sum(fake.replies()) + count // 2 if name == "bot" else 0
            results[name].append(measure(port, workers, bodies(count), fake, due, rate))
    return results


def cpu_per_request(runs: list[Round]) -> float:
    return sum(run.user + run.system for run in runs) / sum(len(run.timed) for run in runs) \
        * 1000


def open_loop_line(paced: dict[str, list[Round]], rate: float) -> str:
    """Latency when requests arrive at a steady rate below what either server can take:
    service time plus the queueing that arrivals in bursts still cause."""
    parts = []
    for name in ("bot", "bare"):
        lat = [x for run in paced[name] for x in run.latencies]
        parts.append(f"{name} {percentile(lat, 0.5) * 1000:.1f}/"
                     f"{percentile(lat, 0.99) * 1000:.1f}/{max(lat) * 1000:.1f}")
    return (f"open loop, {rate:.0f} req/s offered (half the bare app's closed-loop median), "
            f"ack p50/p99/max ms: {', '.join(parts)}")


def per_core_line(cores: int, tmp: Path, fake: RemoteFake,
                  bodies: Callable[[int], list[str]], count: int) -> str:
    """The sizing docs/SLACK.md advises, one worker per core, for both servers alike."""
    bot, bot_port = start_bot(fake, tmp / "bot-cores.log", workers=cores)
    bare, bare_port = start_bare(tmp, fake, workers=cores)
    try:
        deadline = time.monotonic() + 30
        while (len(worker_pids(bot.pid)) < cores or len(worker_pids(bare.pid)) < cores) \
                and time.monotonic() < deadline:
            time.sleep(0.05)
        servers = {"bot": (bot_port, worker_pids(bot.pid)),
                   "bare": (bare_port, worker_pids(bare.pid))}
        results = run_rounds(servers, bodies, fake, 2, count)
    finally:
        for proc in (bot, bare):
            proc.terminate()
            proc.wait(timeout=30)
    rps = {name: statistics.median(run.rps for run in runs) for name, runs in results.items()}
    p99 = {name: percentile([x for run in runs for x in run.latencies], 0.99) * 1000
           for name, runs in results.items()}
    cpu = {name: cpu_per_request(runs) for name, runs in results.items()}
    return (f"{cores} workers each (workers = cores), closed loop at concurrency "
            f"{CONCURRENCY}: bot {rps['bot']:.0f} req/s, p99 {p99['bot']:.1f} ms, CPU "
            f"{cpu['bot']:.2f} ms/request; bare {rps['bare']:.0f} req/s, p99 "
            f"{p99['bare']:.1f} ms, CPU {cpu['bare']:.2f} ms/request; throughput bot/bare "
            f"{rps['bot'] / rps['bare']:.2f}x")


def report(results: dict[str, list[Round]], count: int,
           servers: dict[str, tuple[int, list[int]]], fake: RemoteFake) -> None:
    rows = []
    summary: dict[str, dict[str, float]] = {}
    for name in ("bot", "bare"):
        runs = results[name]
        lat = [x for run in runs for x in run.latencies]
        rps = [run.rps for run in runs]
        summary[name] = {"p50": percentile(lat, 0.5) * 1000, "p99": percentile(lat, 0.99)
                         * 1000, "max": max(lat) * 1000, "rps": statistics.median(rps),
                         "rps_min": min(rps)}
        s = summary[name]
        rows.append((name, f"{s['p50']:.1f}", f"{s['p99']:.1f}", f"{s['max']:.1f}",
                     f"{s['rps']:.0f}", f"{s['rps_min']:.0f}"))
    table(rows, ["server", "ack p50 ms", "ack p99 ms", "max ms", "req/s (median)",
                 "req/s (worst)"])
    by_kind = []
    for name in ("bot", "bare"):
        for click, label in ((False, "commands"), (True, "clicks")):
            lat = [x for run in results[name] for c, x in run.timed if c is click]
            by_kind.append(f"{name} {label} {percentile(lat, 0.5) * 1000:.0f}/"
                           f"{percentile(lat, 0.99) * 1000:.0f}")
    print(f"ack p50/p99 ms by kind: {', '.join(by_kind)}")
    little = [f"{name} {CONCURRENCY} / {summary[name]['rps']:.0f} = "
              f"{CONCURRENCY / summary[name]['rps'] * 1000:.0f} ms (measured mean "
              f"{statistics.fmean(x for run in results[name] for x in run.latencies) * 1000:.0f})"
              for name in ("bot", "bare")]
    print(f"closed loop, so mean ack ~ concurrency / throughput (Little's law): "
          f"{', '.join(little)}")
    total = len(results["bot"]) * count

    def per_request(name: str, field: str) -> float:
        return sum(getattr(run, field) for run in results[name]) / total * 1000

    cpu = {n: per_request(n, "user") + per_request(n, "system") for n in results}
    print(f"worker CPU per request: bot {cpu['bot']:.2f} ms (user "
          f"{per_request('bot', 'user'):.2f}, system {per_request('bot', 'system'):.2f}), "
          f"bare {cpu['bare']:.2f} ms ({ratio(cpu['bot'], cpu['bare'])}; the bot's "
          "includes each click's reply)")
    print(f"load client CPU per request: bot rounds {per_request('bot', 'client_cpu'):.2f} "
          f"ms, bare rounds {per_request('bare', 'client_cpu'):.2f} ms; response_url sink "
          f"CPU per click reply {per_request('bot', 'sink_cpu') * 2:.2f} ms "
          "(both share the cores with the servers)")
    landed = [count / run.to_last_reply for run in results["bot"] if run.to_last_reply]
    if landed:
        print(f"bot throughput counted to its last reply landing: "
              f"{statistics.median(landed):.0f} req/s (worst {min(landed):.0f})")
    rss = {name: worker_rss_mb(workers[0]) for name, (_, workers) in servers.items()}
    print(f"worker RSS after the run: bot {rss['bot']:.1f} MB, bare bolt {rss['bare']:.1f} MB")
    per_round = [b.rps / a.rps for b, a in zip(results["bot"], results["bare"], strict=True)]
    throughput = summary["bot"]["rps"] / summary["bare"]["rps"]
    print(f"throughput bot/bare: {throughput:.2f}x of medians; per round "
          f"{', '.join(f'{r:.2f}x' for r in per_round)} (worst {min(per_round):.2f}x)")
    state = "met" if throughput >= 0.8 else "NOT met"
    print(f"goal bot throughput >= 0.8x bare: {throughput:.2f}x ({state})")
    print(goal("bot ack p99", summary["bot"]["p99"], 100, " ms"))
    print(goal("bot worker RSS", rss["bot"], 100, " MB"))


if __name__ == "__main__":
    sys.exit(main())
