"""A Markdown page (`decision-aid about`) shown as a reader would want it.

On a terminal it is rendered by rich (headings, bold, bullets, wrapped at words; links show
their address, since not every terminal can open one); on a pipe, a file or TERM=dumb it is
the page exactly as written, for scripts and for `less`.
"""

from __future__ import annotations

import os
from typing import TextIO


def show_markdown(text: str, stdout: TextIO) -> None:
    if not _is_terminal(stdout) or os.environ.get("TERM", "") == "dumb":
        stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(file=stdout, highlight=False, emoji=False)
    console.print(Markdown(text, hyperlinks=False))


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
