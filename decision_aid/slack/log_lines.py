"""The bot's log handler: a request thread queues its record; one writer thread formats
and writes the JSON lines.

With a StreamHandler every request thread took the handler's lock and wrote and flushed
stderr once per record; under load the threads queued on that lock and the line per
request cost more than the rest of a command's handling. Here emitting a record puts it
on a queue (no lock, no system call); the writer formats what has queued (logs.py's
JsonFormatter: never text someone typed), writes it in one call, and rests a moment so
that under load the next batch gathers without waking it for each record. Warnings and errors
wait until they are written, so they survive a crash that follows them; `flush` (and so
logging's shutdown at exit) waits for everything queued. A forked worker starts a writer
of its own and leaves the parent's queue to the parent.
"""

from __future__ import annotations

import itertools
import logging
import os
import queue
import sys
import threading
import time
import weakref
from collections.abc import Callable
from typing import TextIO

from decision_aid.slack.logs import JsonFormatter

BATCH = 256
PAUSE = 0.02
"""Seconds the writer rests after a write, so records queue up meanwhile: under load it
wakes some 50 times a second, not once per record."""
WAIT = 2.0
"""Seconds a warning or a flush waits for the writer at most."""

_Entry = tuple[int, logging.LogRecord | None] | None


class JsonLines(logging.Handler):
    """JSON lines to `stream` (stderr when None, looked up when written)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__()
        self.stream = stream
        self.setFormatter(JsonFormatter())
        self._start()
        os.register_at_fork(after_in_child=_restart_in_child(weakref.ref(self)))

    def _start(self) -> None:
        self._queue: queue.SimpleQueue[_Entry] = queue.SimpleQueue()
        self._tickets = itertools.count(1)
        self._written = 0
        self._done = threading.Condition()
        self._writer = threading.Thread(target=self._write, name="log-writer", daemon=True)
        self._writer.start()

    def handle(self, record: logging.LogRecord) -> bool:
        """Filter and queue, without the handler's lock (the queue is thread-safe)."""
        kept = self.filter(record)
        if kept:
            self.emit(record if not isinstance(kept, logging.LogRecord) else kept)
        return bool(kept)

    def emit(self, record: logging.LogRecord) -> None:
        ticket = next(self._tickets)
        self._queue.put((ticket, record))
        if record.levelno >= logging.WARNING:
            self._wait(ticket)

    def flush(self) -> None:
        ticket = next(self._tickets)
        self._queue.put((ticket, None))
        self._wait(ticket)

    def close(self) -> None:
        if self._writer.is_alive():
            self.flush()
            self._queue.put(None)
            self._writer.join(WAIT)
        super().close()

    def _wait(self, ticket: int) -> None:
        if threading.current_thread() is self._writer or not self._writer.is_alive():
            return
        with self._done:
            self._done.wait_for(lambda: self._written >= ticket, WAIT)

    def _write(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            lines: list[str] = []
            last = 0
            for entry in batch:
                if entry is None:
                    continue
                last, record = entry
                if record is not None:
                    try:
                        lines.append(self.format(record))
                    except Exception:  # a record that cannot be formatted: say so, only that
                        lines.append('{"event": "log.unformattable"}')
            if lines:
                try:
                    stream = self.stream or sys.stderr
                    stream.write("\n".join(lines) + "\n")
                    stream.flush()
                except Exception:  # nowhere left to report it
                    pass
            with self._done:
                self._written = max(self._written, last)
                self._done.notify_all()
            if None in batch:
                return
            if len(batch) > 1:  # busy: let the next batch gather (an idle writer waits in get)
                time.sleep(PAUSE)


def _restart_in_child(handler: weakref.ref[JsonLines]) -> Callable[[], None]:
    def restart() -> None:
        alive = handler()
        if alive is not None:
            alive._start()

    return restart
