"""Arguments the command-line tests share."""

from collections.abc import Callable

Run = Callable[..., tuple[int, str, str]]
"""The `cli` fixture: arguments in; exit code, stdout and stderr out."""

DEMO = ["--rules", "examples/rules"]
PATIENT = ["--answer", "requester=patient", "--answer", "platform=personal",
           "--answer", "urgent=no"]
"""The demo topic's answers for a patient's request on a personal account: AVOID."""
