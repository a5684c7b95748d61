"""The exit codes of every decision-aid command, defined once.

0 ok, 1 checks failed (lint, cases, a pack that cannot serve), 2 bad usage or bad input,
3 an answer is needed (`ask` printed the next question; plain input ended early),
130 interrupted. Faces and the command line return these; nothing else defines them.
"""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    OK = 0
    CHECKS_FAILED = 1
    BAD_INPUT = 2
    NEEDS_ANSWER = 3
    INTERRUPTED = 130
