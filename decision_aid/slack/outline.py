"""Where the result's face-neutral outline comes from.

Temporary bridge: the outline is moving from the terminal face into the core (issue 7);
until it lands the Slack face renders the same outline the terminal does.
"""

from __future__ import annotations

from decision_aid.terminal.outline import Item, Outline, Section, outline

__all__ = ["Item", "Outline", "Section", "outline"]
