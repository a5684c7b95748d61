"""Slack bot under load: signed slash commands and clicks over loopback at concurrency 50.

Two servers on the same production server setup (gunicorn, one gthread worker, the same
thread count), measured in the same run, round-robin:

* **bot**: `decision-aid slack --http`, the real app (signature gate, dedupe and rate-limit
  middleware, the interview; clicks then post to a local fake response_url);
* **bare**: a bolt App through bolt's own WSGI adapter that only acks.

For each: ack latency p50/p99 (request sent to HTTP response, client side) and throughput
(requests per second over the run), then one worker's resident memory after the run.
Goals (informative, never asserted): throughput >= 80% of the bare app's, p99 ack < 100 ms,
worker RSS < 100 MB. The client runs in this process on the same cores as the servers, so
absolute figures are pessimistic; the ratio is the figure to compare across machines.

    .venv/bin/python benchmarks/bench_slack.py            # 3 rounds of 1,000 requests each
    .venv/bin/python benchmarks/bench_slack.py --quick    # 1 round of 400
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from _common import ROOT, clean_env, goal, header, python_exe, ratio, table

sys.path.insert(0, str(ROOT))

from tests.slackbot.fake_slack import GOOD_TOKEN, FakeSlack
from tests.slackbot.slack_sim import SECRET, SlackSim

CONCURRENCY = 50
THREADS = 16


def bare_server(port_file: str, api_url: str) -> None:
    """The baseline: bolt's App, bolt's WSGI adapter, gunicorn with the same settings."""
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
            for key, value in {"bind": "127.0.0.1:0", "workers": 1, "worker_class": "gthread",
                               "threads": THREADS, "accesslog": None, "loglevel": "warning",
                               "control_socket_disable": True,
                               "when_ready": self.ready}.items():
                if key in self.cfg.settings:
                    self.cfg.set(key, value)

        def ready(self, server: Any) -> None:
            Path(port_file).write_text(str(server.LISTENERS[0].sock.getsockname()[1]))

        def load(self) -> Any:
            return wsgi

    Bare().run()


class RemoteFake:
    """FakeSlack in a process of its own, so its work does not slow the client here."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([python_exe(), __file__, "--fake-slack"], text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env=clean_env())
        assert self.proc.stdout is not None
        self.port = int(self.proc.stdout.readline())
        self.api_url = f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def close(self) -> int:
        """Stop it; how many replies it received at /response/bench."""
        out, _ = self.proc.communicate("stop\n", timeout=30)
        return int(out.strip() or 0)


def serve_fake() -> None:
    fake = FakeSlack()
    print(fake.port, flush=True)
    sys.stdin.readline()
    print(len(fake.of("/response/bench")), flush=True)
    fake.close()


def start_bot(fake: RemoteFake) -> tuple[subprocess.Popen[str], int]:
    env = clean_env()
    env.update({"SLACK_BOT_TOKEN": GOOD_TOKEN, "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_URL": fake.api_url, "LOG_LEVEL": "WARNING",
                "DECISION_AID_RATE_LIMIT": "0", "DECISION_AID_WATCH_SECONDS": "0",
                "SLACK_LISTENER_THREADS": "32"})
    proc = subprocess.Popen([python_exe(), "-m", "decision_aid", "slack", "--http", "--host",
                             "127.0.0.1", "--port", "0", "--workers", "1", "--threads",
                             str(THREADS)], env={**env, "LOG_LEVEL": "INFO"}, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    for line in proc.stderr:
        record = json.loads(line) if line.startswith("{") else {}
        if record.get("event") == "server.listening":
            threading.Thread(target=lambda: [None for _ in proc.stderr or ()],
                             daemon=True).start()  # keep draining the log
            return proc, int(record["port"])
    raise RuntimeError("the bot did not start")


def start_bare(tmp: Path, fake: RemoteFake) -> tuple[subprocess.Popen[str], int]:
    port_file = tmp / "bare.port"
    proc = subprocess.Popen([python_exe(), __file__, "--bare-server", str(port_file),
                             fake.api_url],
                            env=clean_env(), text=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not port_file.exists() or not port_file.read_text():
        if time.monotonic() > deadline or proc.poll() is not None:
            raise RuntimeError("the bare server did not start")
        time.sleep(0.05)
    return proc, int(port_file.read_text())


def request_maker(sim: SlackSim, fake: RemoteFake) -> Callable[[int], list[tuple[str, str]]]:
    """Bodies to send: half slash commands, half clicks that answer the first question of
    a topic. Each call makes new ones (a new trigger_id each), as Slack's are: the bot
    refuses the same signed bytes twice as a replay."""
    picker = sim.command("", response_url=fake.response_url("bench")).json()["blocks"]
    topic = next(e for b in picker if b["type"] == "actions" for e in b["elements"])
    # The question the topic button leads to, rendered in process (the same blocks the
    # bot posts), to build the click a person makes on its first option.
    question = first_question(topic["value"])
    answer = next(e for b in question if b["type"] == "actions" for e in b["elements"]
                  if e["action_id"].startswith("da_answer"))
    form = "application/x-www-form-urlencoded"

    def make(count: int) -> list[tuple[str, str]]:
        return [(sim.command_body("", response_url=fake.response_url("bench")), form)
                if i % 2 == 0 else
                (urlencode({"payload": json.dumps(sim.click_payload(
                    answer, response_url=fake.response_url("bench"), blocks=question))}), form)
                for i in range(count)]

    return make


def first_question(value: str) -> list[dict[str, Any]]:
    from decision_aid.core import load_default, start
    from decision_aid.slack.config import SlackConfig
    from decision_aid.slack.flow import Interview, Where
    from decision_aid.slack.metrics import Metrics
    from decision_aid.slack.values import Codec

    config = SlackConfig(bot_token=GOOD_TOKEN, signing_secret=SECRET)
    kb = load_default()
    holder: Any = type("Holder", (), {"kb": kb})()
    interview = Interview(holder, Codec(config.state_key), Metrics())
    return interview.step(start(kb, value.split()[0]), Where()).blocks


def drive(port: int, bodies: list[tuple[str, str]]) -> tuple[list[float], float]:
    """Send every body at concurrency 50 (keep-alive per client); latencies and seconds."""
    sim = SlackSim(f"http://127.0.0.1:{port}")
    chunks = [bodies[i::CONCURRENCY] for i in range(CONCURRENCY)]
    latencies: list[float] = []
    lock = threading.Lock()

    def client(chunk: list[tuple[str, str]]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for body, kind in chunk:
            stamp = str(int(time.time()))
            headers = {"Content-Type": kind, "X-Slack-Request-Timestamp": stamp,
                       "X-Slack-Signature": sim.verifier.generate_signature(
                           timestamp=stamp, body=body) or ""}
            start = time.perf_counter()
            conn.request("POST", "/slack/events", body=body.encode(), headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}")
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(client, chunks))
    return latencies, time.perf_counter() - started


def worker_pid(master: int) -> int:
    return int(Path(f"/proc/{master}/task/{master}/children").read_text().split()[0])


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_rss_mb(master: int) -> float:
    """Resident memory of the master's (only) worker process, in MB."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    status = Path(f"/proc/{children[0]}/status").read_text()
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else float("nan")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--bare-server", nargs=2, metavar=("PORT_FILE", "API_URL"))
    parser.add_argument("--fake-slack", action="store_true")
    args = parser.parse_args()
    if args.fake_slack:
        serve_fake()
        return 0
    if args.bare_server:
        bare_server(*args.bare_server)
        return 0
    rounds, count = (1, 400) if args.quick else (3, 1000)
    header(f"Slack bot: {rounds} x {count} signed requests (half commands, half clicks), "
           f"concurrency {CONCURRENCY}, gunicorn 1 worker x {THREADS} threads")
    print(f"   bytecode writing: {'off' if os.environ.get('PYTHONDONTWRITEBYTECODE') else 'on'};"
          " pack cache off; machine shared with other work: figures are indicative")
    fake = RemoteFake()
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-slack-{os.getpid()}"
    tmp.mkdir(parents=True, exist_ok=True)
    bot, bot_port = start_bot(fake)
    bare, bare_port = start_bare(tmp, fake)
    try:
        bodies = request_maker(SlackSim(f"http://127.0.0.1:{bot_port}"), fake)
        drive(bot_port, bodies(200))  # warm-up
        drive(bare_port, bodies(200))
        results: dict[str, list[tuple[list[float], float]]] = {"bot": [], "bare": []}
        workers = {"bot": worker_pid(bot.pid), "bare": worker_pid(bare.pid)}
        cpu = {"bot": 0.0, "bare": 0.0}
        for _ in range(rounds):
            for name, port in (("bot", bot_port), ("bare", bare_port)):
                before = cpu_seconds(workers[name])
                results[name].append(drive(port, bodies(count)))
                time.sleep(0.3)  # the bot's post-ack replies finish
                cpu[name] += cpu_seconds(workers[name]) - before
        rows = []
        summary: dict[str, dict[str, float]] = {}
        for name in ("bot", "bare"):
            lat = [x for run, _ in results[name] for x in run]
            rps = [len(run) / secs for run, secs in results[name]]
            summary[name] = {"p50": percentile(lat, 0.5) * 1000, "p99": percentile(lat, 0.99)
                             * 1000, "max": max(lat) * 1000, "rps": statistics.median(rps),
                             "rps_min": min(rps)}
            s = summary[name]
            rows.append((name, f"{s['p50']:.1f}", f"{s['p99']:.1f}", f"{s['max']:.1f}",
                         f"{s['rps']:.0f}", f"{s['rps_min']:.0f}"))
        table(rows, ["server", "ack p50 ms", "ack p99 ms", "max ms", "req/s (median)",
                     "req/s (worst)"])
        per = {k: v / (rounds * count) * 1000 for k, v in cpu.items()}
        print(f"worker CPU per request: bot {per['bot']:.2f} ms, bare {per['bare']:.2f} ms "
              f"({ratio(per['bot'], per['bare'])}; the bot's includes each click's reply)")
        bot_mb, bare_mb = worker_rss_mb(bot.pid), worker_rss_mb(bare.pid)
        print(f"worker RSS after the run: bot {bot_mb:.1f} MB, bare bolt {bare_mb:.1f} MB")
        throughput = summary["bot"]["rps"] / summary["bare"]["rps"]
        print(f"throughput bot/bare: {ratio(summary['bot']['rps'], summary['bare']['rps'])} "
              f"(worst rounds: {ratio(summary['bot']['rps_min'], summary['bare']['rps_min'])})")
        state = "met" if throughput >= 0.8 else "NOT met"
        print(f"goal bot throughput >= 0.8x bare: {throughput:.2f}x ({state})")
        print(goal("bot ack p99", summary["bot"]["p99"], 100, " ms"))
        print(goal("bot worker RSS", bot_mb, 100, " MB"))
    finally:
        for proc in (bot, bare):
            proc.terminate()
            proc.wait(timeout=30)
        replies = fake.close()
        print(f"replies the bot posted to the fake response_url after acking clicks: {replies}")
        for leftover in tmp.glob("*"):
            leftover.unlink()
        tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
