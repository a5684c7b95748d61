"""Pack reloads on SIGHUP or a file change, through the core's atomic swap.

`reload_packs` asks the holder to load again: a clean load replaces the knowledge base
for every later request; a broken one keeps the old packs serving and logs the problems
(codes and file positions, which are pack facts, never user text). `PackWatcher` looks at
the packs' YAML files (path, size, mtime) every few seconds and calls back on a change.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from decision_aid.core import KnowledgeBaseHolder, Layer
from decision_aid.slack.logs import log_event

Fingerprint = frozenset[tuple[str, int, int]]


def reload_packs(holder: KnowledgeBaseHolder) -> bool:
    """Reload; True when the new packs are serving, False when the old ones stay."""
    result = holder.reload()
    if result.kb is None:
        first = result.errors[0] if result.errors else None
        log_event("packs.reload_failed", level=40, errors=len(result.errors),
                  first_code=first.code if first else None,
                  first_at=f"{first.span.path}:{first.span.line}:{first.span.col}"
                  if first else None)
        return False
    log_event("packs.reloaded", topics=len(result.kb.topics),
              versions=",".join(f"{t.id}@{t.version}" for t in result.kb.topics.values()))
    return True


def fingerprint(layers: Sequence[Layer]) -> Fingerprint:
    """Every YAML file under the layers' paths with its size and modification time."""
    seen: set[tuple[str, int, int]] = set()
    for layer in layers:
        for root in layer.paths:
            for path in _yaml_files(Path(root)):
                try:
                    stat = path.stat()
                except OSError:
                    continue
                seen.add((str(path), stat.st_size, stat.st_mtime_ns))
    return frozenset(seen)


def _yaml_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    found: list[Path] = []
    for folder, _, names in os.walk(root):
        found.extend(Path(folder) / n for n in names if n.endswith((".yaml", ".yml")))
    return found


class PackWatcher:
    """Calls `on_change` when the packs' files change; a daemon thread, stopped by `stop`."""

    def __init__(self, layers: Sequence[Layer], on_change: Callable[[], object],
                 interval: float) -> None:
        self.layers = list(layers)
        self.on_change = on_change
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pack-watcher", daemon=True)
        self._last = fingerprint(self.layers)

    def start(self) -> PackWatcher:
        if self.interval > 0:
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            now = fingerprint(self.layers)
            if now != self._last:
                self._last = now
                log_event("packs.changed")
                self.on_change()
