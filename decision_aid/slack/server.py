"""HTTP mode on gunicorn: threaded workers around the sync App, not bolt's dev server.

A sync bolt App waits for `ack()` by polling, so it belongs under a threaded WSGI server
(gunicorn's gthread workers), not an asyncio adapter whose loop it would block. The
runtime is built once in the master (`preload_app`): packs load and the bot token is
checked before any worker forks, and a bad start exits with one line. SIGHUP reloads the
packs in the master (`on_reload`, the core's atomic swap; a broken reload keeps the old
packs) and then gunicorn replaces the workers gracefully; a changed pack file sends the
master a SIGHUP. SIGTERM stops gracefully: workers finish their requests, then wait for
the listener threads still replying after their acks.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from gunicorn.app.base import BaseApplication

from decision_aid.core import Layer
from decision_aid.slack.logs import log_event
from decision_aid.slack.reload import PackWatcher, reload_packs
from decision_aid.slack.runtime import Runtime


def gunicorn_options(*, host: str, port: int, workers: int, threads: int,
                     log_level: str) -> dict[str, Any]:
    return {
        "bind": f"{host}:{port}", "workers": workers, "worker_class": "gthread",
        "threads": threads, "preload_app": True, "graceful_timeout": 20, "timeout": 30,
        "keepalive": 5, "accesslog": None, "errorlog": "-", "loglevel": log_level.lower(),
        "proc_name": "decision-aid-slack", "control_socket_disable": True,
        "worker_tmp_dir": "/dev/shm" if Path("/dev/shm").is_dir() else None,
        "logconfig_dict": {
            "version": 1, "disable_existing_loggers": False,
            "formatters": {"json": {"()": "decision_aid.slack.logs.JsonFormatter"}},
            "handlers": {"stderr": {"class": "decision_aid.slack.log_lines.JsonLines",
                                    "formatter": "json",
                                    "stream": "ext://sys.stderr"}},
            "root": {"level": "WARNING", "handlers": ["stderr"]},
            "loggers": {"gunicorn.error": {"handlers": ["stderr"], "level": "INFO",
                                           "propagate": False},
                        "gunicorn.access": {"handlers": [], "level": "WARNING",
                                            "propagate": False}},
        },
    }


class BotServer(BaseApplication):  # type: ignore[misc]
    """gunicorn with our WSGI app and hooks; `run()` returns when the master exits."""

    def __init__(self, runtime: Runtime, layers: Sequence[Layer], options: dict[str, Any],
                 on_exit: Callable[[], None] | None = None) -> None:
        self.runtime = runtime
        self.layers = list(layers)
        self.options = options
        self.on_exit = on_exit
        self.watcher: PackWatcher | None = None
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if value is not None and key in self.cfg.settings:  # older gunicorns lack some
                self.cfg.set(key, value)
        self.cfg.set("when_ready", self._when_ready)
        self.cfg.set("on_reload", self._on_reload)
        self.cfg.set("worker_exit", self._worker_exit)
        self.cfg.set("child_exit", self._child_exit)
        self.cfg.set("on_exit", self._on_exit)

    def load(self) -> Any:
        return self.runtime.wsgi

    # -- hooks (gunicorn calls them with the arbiter, and the worker where it has one) ------
    def _when_ready(self, server: Any) -> None:
        ports = [lnr.sock.getsockname()[1] for lnr in server.LISTENERS]
        log_event("server.listening", port=ports[0] if ports else None,
                  workers=self.options["workers"], threads=self.options["threads"])
        master = os.getpid()
        self.watcher = PackWatcher(self.layers, lambda: os.kill(master, signal.SIGHUP),
                                   self.runtime.config.watch_seconds).start()

    def _on_reload(self, server: Any) -> None:
        reload_packs(self.runtime.holder)

    def _worker_exit(self, server: Any, worker: Any) -> None:
        """Let replies already acked finish (bounded) before the worker goes."""
        # Bounded by gunicorn's graceful_timeout, after which the master kills the worker.
        self.runtime.drain()
        log_event("worker.stopped", pid=os.getpid())

    def _child_exit(self, server: Any, worker: Any) -> None:
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]

    def _on_exit(self, server: Any) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        log_event("server.stopped")
        if self.on_exit is not None:
            self.on_exit()
