"""The terminal face: an interview in the terminal, rich when it can be, plain when not.

Importing this package is cheap: prompt_toolkit and rich load only when an interview
needs them.
"""

from decision_aid.terminal.entry import run_interview

__all__ = ["run_interview"]
