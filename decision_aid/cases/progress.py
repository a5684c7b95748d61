"""A progress bar for long suites: rich, on a terminal only, never in a pipe or CI log."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TextIO

SHOW_FROM = 20
"""Suites shorter than this finish before a bar would help."""


@contextlib.contextmanager
def progress_bar(total: int, *, stream: TextIO) -> Iterator[Callable[[], None]]:
    """Yield `advance()`; draws a transient bar on `stream` when it is a TTY."""
    isatty = getattr(stream, "isatty", None)
    if total < SHOW_FROM or not (isatty and isatty()):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(file=stream)
    with Progress(TextColumn("cases"), BarColumn(), MofNCompleteColumn(), console=console,
                  transient=True) as bar:
        task = bar.add_task("cases", total=total)
        yield lambda: bar.advance(task)
