"""The log handler: records from many threads come out as whole JSON lines, in order per
thread; a warning is on disk when its call returns; flush waits for everything queued; a
forked worker writes its own lines once and never the parent's."""

from __future__ import annotations

import json
import logging
import os
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from decision_aid.slack.log_lines import JsonLines


class Gated:
    """A text stream whose writes wait for `gate` (to hold the writer mid-write)."""

    def __init__(self, path: Path) -> None:
        self.file = path.open("a", encoding="utf-8")
        self.gate = threading.Event()
        self.gate.set()
        self.writing = threading.Event()

    def write(self, text: str) -> int:
        self.writing.set()
        self.gate.wait(10)
        return self.file.write(text)

    def flush(self) -> None:
        self.file.flush()


def record(event: str, level: int = logging.INFO, **fields: Any) -> logging.LogRecord:
    made = logging.LogRecord("decision_aid.slack", level, __file__, 1, event, None, None)
    made.fields = fields
    return made


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.fixture
def stream(tmp_path: Path) -> Iterator[Gated]:
    made = Gated(tmp_path / "log.jsonl")
    yield made
    made.gate.set()
    made.file.close()


def test_lines_from_many_threads_are_whole_and_in_order(stream: Gated,
                                                        tmp_path: Path) -> None:
    handler = JsonLines(stream)  # type: ignore[arg-type]

    def emit(worker: int) -> None:
        for n in range(200):
            handler.handle(record("request.acked", worker=worker, n=n))

    threads = [threading.Thread(target=emit, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    handler.flush()

    written = lines(tmp_path / "log.jsonl")
    assert len(written) == 1600
    for worker in range(8):
        assert [r["n"] for r in written if r["worker"] == worker] == list(range(200))
    handler.close()


def test_a_warning_is_written_before_its_call_returns(stream: Gated, tmp_path: Path) -> None:
    handler = JsonLines(stream)  # type: ignore[arg-type]
    handler.handle(record("listener.error", logging.ERROR, kind="command"))

    assert lines(tmp_path / "log.jsonl") == [
        {**lines(tmp_path / "log.jsonl")[0], "event": "listener.error", "kind": "command"}]
    handler.close()


def test_a_forked_worker_writes_its_own_lines_once_and_not_its_parents(
        stream: Gated, tmp_path: Path) -> None:
    handler = JsonLines(stream)  # type: ignore[arg-type]
    stream.gate.clear()
    handler.handle(record("a"))  # the writer holds it, waiting on the gate
    assert stream.writing.wait(5)
    handler.handle(record("b"))  # still queued at the fork
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads (3.12+)
        pid = os.fork()
    if pid == 0:  # the child: a writer of its own; the parent's queue is not its to write
        code = 1
        try:
            stream.gate.set()
            handler.handle(record("c"))
            handler.flush()
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    stream.gate.set()
    handler.flush()

    assert os.waitstatus_to_exitcode(status) == 0
    assert sorted(r["event"] for r in lines(tmp_path / "log.jsonl")) == ["a", "b", "c"]
    handler.close()
