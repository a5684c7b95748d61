"""Shared pieces of the Slack load scripts (bench_slack.py, soak_slack.py); not a test module.

* `RemoteFake`: Slack's side in a process of its own (this file run with `--fake-slack`),
  a lean keep-alive HTTP server that answers `auth.test` and parses and counts every reply
  posted to a response_url (`Sink`), so the load client in the calling process does not
  share its interpreter with it;
* `start_bot`: the real `decision-aid slack --http` on gunicorn, logging to a file;
* `Requests`: correctly signed slash commands and clicks, each one new, as Slack sends them;
* `/proc` readings of the gunicorn workers: CPU seconds and resident memory.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from _common import ROOT, clean_env, python_exe

sys.path.insert(0, str(ROOT))

from decision_aid.slack.fake_api import AUTH_TEST as FAKE_AUTH_TEST
from decision_aid.slack.fake_api import GOOD_TOKEN
from decision_aid.slack.signed_requests import SECRET, USER, SlackSim, signature

THREADS = 16
FORM = "application/x-www-form-urlencoded"
ONCE = "/response/once/"
"""Replies posted under this prefix carry an id each; the sink counts ids seen twice."""

AUTH_TEST = json.dumps(FAKE_AUTH_TEST).encode()


# -- Slack's side: a lean server in a process of its own ----------------------------------------
class Sink:
    """Slack's side for the run: `auth.test` at start, then counts the replies posted to
    /response/; keep-alive HTTP/1.1, one write per answer. One host and port for both, as
    the bot posts replies only to Slack's hosts or SLACK_API_URL's (delivery.py)."""

    def __init__(self) -> None:
        self.valid = 0
        self.invalid = 0
        self.ids: set[str] = set()
        self.repeats = 0
        self.port = 0
        ready = threading.Event()
        threading.Thread(target=lambda: asyncio.run(self._serve(ready)), daemon=True).start()
        ready.wait(10)

    async def _serve(self, ready: threading.Event) -> None:
        server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        async with server:
            await server.serve_forever()

    async def _connection(self, reader: asyncio.StreamReader,
                          writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)
                body = await reader.readexactly(length) if length else b""
                answer, kind = b"ok", b"text/plain"
                if head.startswith(b"POST /api/"):
                    answer, kind = AUTH_TEST, b"application/json"
                else:
                    self._count(head, body)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: " + kind + b"\r\n"
                             b"Content-Length: " + str(len(answer)).encode() + b"\r\n\r\n"
                             + answer)
                await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        finally:
            writer.close()

    def _count(self, head: bytes, body: bytes) -> None:
        """A reply counts when it is a message Slack would take: JSON, blocks, <= 50."""
        try:
            message = json.loads(body)
        except ValueError:
            message = None
        blocks = message.get("blocks") if isinstance(message, dict) else None
        if isinstance(blocks, list) and 0 < len(blocks) <= 50 and message.get("text"):
            self.valid += 1
        else:
            self.invalid += 1
        path = head.split(b" ", 2)[1].decode("ascii", "replace")
        if path.startswith(ONCE):
            if path in self.ids:
                self.repeats += 1
            self.ids.add(path)


def serve_fake() -> None:
    """Child process: the sink; answers each line on stdin with its counts, 'stop' ends."""
    sink = Sink()
    print(sink.port, flush=True)
    for line in sys.stdin:
        print(sink.valid, sink.invalid, len(sink.ids), sink.repeats, flush=True)
        if line.strip() == "stop":
            break


class RemoteFake:
    def __init__(self) -> None:
        self.proc = subprocess.Popen([python_exe(), __file__, "--fake-slack"], text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env=clean_env())
        assert self.proc.stdout is not None
        self.sink_port = int(self.proc.stdout.readline())
        self.api_url = f"http://127.0.0.1:{self.sink_port}/api/"

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.sink_port}/response/{name}"

    def once_url(self, name: str) -> str:
        """A response_url whose replies the sink tells apart (`tally`)."""
        return f"http://127.0.0.1:{self.sink_port}{ONCE}{name}"

    def tally(self, command: str = "count") -> tuple[int, int, int, int]:
        """(valid, invalid, distinct once-ids, once-ids replied to again) so far."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        valid, invalid, ids, repeats = self.proc.stdout.readline().split()
        return int(valid), int(invalid), int(ids), int(repeats)

    def replies(self, command: str = "count") -> tuple[int, int]:
        """(valid, invalid) replies received so far."""
        return self.tally(command)[:2]

    def close(self) -> tuple[int, int, int, int]:
        counts = self.tally("stop")
        self.proc.wait(timeout=30)
        return counts


# -- the bot -----------------------------------------------------------------------------------
def start_bot(fake: RemoteFake, log: Path, *, workers: int = 1, threads: int = THREADS,
              env_extra: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], int]:
    """`decision-aid slack --http` on 127.0.0.1, port from its `server.listening` line."""
    env = clean_env()
    env.update({"SLACK_BOT_TOKEN": GOOD_TOKEN, "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_URL": fake.api_url, "LOG_LEVEL": "INFO",
                "DECISION_AID_RATE_LIMIT": "0", "DECISION_AID_WATCH_SECONDS": "0",
                "SLACK_LISTENER_THREADS": "32"})
    env.update(env_extra or {})
    with log.open("wb") as out:
        proc = subprocess.Popen([python_exe(), "-m", "decision_aid", "slack", "--http",
                                 "--host", "127.0.0.1", "--port", "0", "--workers",
                                 str(workers), "--threads", str(threads)], env=env,
                                stdout=subprocess.DEVNULL, stderr=out, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        for line in log.read_text().splitlines():
            record = json.loads(line) if line.startswith("{") else {}
            if record.get("event") == "server.listening":
                return proc, int(record["port"])
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"the bot did not start: {log.read_text()[-500:]}")


def first_question(value: str) -> list[dict[str, Any]]:
    """The blocks of the question a topic button leads to, rendered in process (the same
    blocks the bot posts), to build the click a person makes on its first option."""
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


class Requests:
    """Bodies as Slack sends them: a slash command with no text (the bot acks with the
    topic picker), or a click on the first answer of a topic's first question (acked
    empty, then the next screen is posted to the click's response_url). Each is new (a
    new trigger_id), as Slack's are: the bot refuses the same signed bytes twice."""

    def __init__(self, bot_port: int, fake: RemoteFake) -> None:
        self.sim = SlackSim(f"http://127.0.0.1:{bot_port}")
        picker = self.sim.command("", response_url=fake.response_url("setup")).json()["blocks"]
        topic = next(e for b in picker if b["type"] == "actions" for e in b["elements"])
        self.question = first_question(topic["value"])
        self.answer = next(e for b in self.question if b["type"] == "actions"
                           for e in b["elements"] if e["action_id"].startswith("da_answer"))

    def command(self, response_url: str, user: str = USER) -> str:
        return self.sim.command_body("", response_url=response_url, user=user)

    def click(self, response_url: str, user: str = USER) -> str:
        payload = self.sim.click_payload(self.answer, response_url=response_url,
                                         blocks=self.question, user=user)
        return urlencode({"payload": json.dumps(payload)})

    def headers(self, body: str | bytes, stamp: str | None = None) -> dict[str, str]:
        """Slack's headers for `body`, signed now (over the raw bytes, which need not be
        UTF-8: slack_sdk's signer would decode them first)."""
        stamp = stamp or str(int(time.time()))
        raw = body.encode() if isinstance(body, str) else body
        return {"Content-Type": FORM, "X-Slack-Request-Timestamp": stamp,
                "X-Slack-Signature": signature(raw, stamp)}


# -- a run's scratch folder --------------------------------------------------------------------
def scratch_dir(name: str) -> Path:
    """A folder of this run's own under TMPDIR, for the bot's log and port files."""
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"{name}-{os.getpid()}"
    tmp.mkdir(parents=True, exist_ok=True)
    return tmp


def remove_scratch(tmp: Path) -> None:
    """The folder `scratch_dir` made, and the flat files in it, gone."""
    for leftover in tmp.glob("*"):
        leftover.unlink()
    tmp.rmdir()


# -- /proc readings ----------------------------------------------------------------------------
def worker_pids(master: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        return []


def worker_pid(master: int) -> int:
    return worker_pids(master)[0]


def cpu_seconds(pid: int) -> tuple[float, float]:
    """(user, system) CPU seconds of a process so far, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def worker_rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else float("nan")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


if __name__ == "__main__" and sys.argv[1:] == ["--fake-slack"]:
    serve_fake()
