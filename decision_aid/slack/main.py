"""`decision-aid slack`: read settings, assemble the bot, run Socket Mode or HTTP.

Exit codes (decision_aid.exit_codes): 0 stopped cleanly, 2 a setting, a token or the packs
are wrong (one line on stderr, no traceback).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from decision_aid.core import (
    Layer,
    UnknownJurisdiction,
    check_jurisdiction,
    default_layers,
    jurisdiction_setting,
)
from decision_aid.exit_codes import ExitCode


@dataclass(frozen=True, slots=True)
class Options:
    http: bool = False
    host: str = "0.0.0.0"  # in a container, listen on every interface
    port: int = 3000
    workers: int = 2
    threads: int = 16
    overlays: tuple[Path, ...] = ()
    jurisdiction: str | None = None


def run(options: Options, environ: Mapping[str, str] | None = None) -> ExitCode:
    env = dict(os.environ if environ is None else environ)
    from decision_aid.slack.config import ConfigError, from_env
    from decision_aid.slack.logs import configure

    try:
        config = from_env(env, socket_mode=not options.http)
    except ConfigError as err:
        return _fail(str(err))
    configure(config.log_level)
    layers = default_layers(list(options.overlays), environ=env)
    metrics_dir = _multiprocess_metrics(options) if options.http else None
    master = os.getpid()
    try:
        return _serve(options, config, layers, metrics_dir, env)
    finally:
        # gunicorn's workers are forked inside _serve and leave through this frame too:
        # only the master removes the metrics folder.
        if metrics_dir and os.getpid() == master:
            shutil.rmtree(metrics_dir, ignore_errors=True)


def _serve(options: Options, config: object, layers: Sequence[Layer],
           metrics_dir: str | None, env: Mapping[str, str]) -> ExitCode:
    from decision_aid.slack.config import SlackConfig
    from decision_aid.slack.runtime import StartupError, assemble, load_packs

    assert isinstance(config, SlackConfig)
    try:
        holder = load_packs(layers)
        value, where = jurisdiction_setting(options.jurisdiction, env)
        config = replace(config, jurisdiction=check_jurisdiction(holder.kb, value, where=where))
        runtime = assemble(config, layers, socket_mode=not options.http, holder=holder)
    except (StartupError, UnknownJurisdiction) as err:
        return _fail(str(err))
    if not options.http:
        from decision_aid.slack.socket_mode import SocketModeRunner

        runner = SocketModeRunner(runtime, layers)
        runner.install_signals()
        return runner.run()
    from decision_aid.slack.server import BotServer, gunicorn_options

    BotServer(runtime, layers, gunicorn_options(
        host=options.host, port=options.port, workers=options.workers,
        threads=options.threads, log_level=config.log_level)).run()
    return ExitCode.OK


def _multiprocess_metrics(options: Options) -> str | None:
    """With several workers, Prometheus values go to files that /metrics adds up."""
    if options.workers <= 1 or os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return None
    folder = tempfile.mkdtemp(prefix="decision-aid-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
    return folder


def _fail(message: str) -> ExitCode:
    print(f"decision-aid slack: {message}", file=sys.stderr)
    return ExitCode.BAD_INPUT
