"""Socket Mode on one machine: an outbound websocket, no public URL, closed on SIGTERM.

bolt's `handler.start()` blocks with no way out on SIGTERM, so this connects, waits on an
event that SIGTERM/SIGINT set, then closes the websocket (Slack then stops sending to this
connection) and lets listener threads already replying finish. SIGHUP and changed pack
files reload the packs in place. The proxy comes from HTTPS_PROXY/HTTP_PROXY, as for the
Web API client. Slack allows at most 10 connections per app and sends each payload to one
of them: scale by processes, and keep one connected during a deploy.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Sequence
from types import FrameType

from slack_bolt.adapter.socket_mode import SocketModeHandler

from decision_aid.core import Layer
from decision_aid.exit_codes import ExitCode
from decision_aid.slack.logs import bolt_logger, log_event
from decision_aid.slack.reload import PackWatcher, reload_packs
from decision_aid.slack.runtime import Runtime


class SocketModeRunner:
    def __init__(self, runtime: Runtime, layers: Sequence[Layer]) -> None:
        self.runtime = runtime
        self.layers = list(layers)
        self.stopping = threading.Event()
        assert runtime.config.app_token is not None
        self.handler = SocketModeHandler(runtime.app, app_token=runtime.config.app_token,
                                         web_client=runtime.client, logger=bolt_logger(),
                                         concurrency=min(32, runtime.config.listener_threads))

    def install_signals(self) -> None:
        def stop(signum: int, frame: FrameType | None) -> None:
            self.stopping.set()

        def reload(signum: int, frame: FrameType | None) -> None:
            threading.Thread(target=reload_packs, args=(self.runtime.holder,),
                             daemon=True).start()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, reload)

    def run(self) -> ExitCode:
        watcher = PackWatcher(self.layers, lambda: reload_packs(self.runtime.holder),
                              self.runtime.config.watch_seconds).start()
        self.handler.connect()  # type: ignore[no-untyped-call]
        log_event("socket_mode.connected")
        try:
            while not self.stopping.wait(0.5):
                pass
        finally:
            watcher.stop()
            self.handler.close()  # type: ignore[no-untyped-call]
            self.runtime.drain()
            log_event("socket_mode.closed")
        return ExitCode.OK
