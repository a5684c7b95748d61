"""Write an interview's result as a trainer case, in the format `cases run` reads.

A trainer case is the interview's answers plus what they should conclude, so a trainer can
turn a real run into a teaching case. Nothing the user typed as free text is ever written:
only option ids, the verdict and the rule; the narrative is a placeholder to replace.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from decision_aid.core import Result

NARRATIVE_PLACEHOLDER = "Describe the scenario here (no identifiers)."
BLANK = "CHOOSE"
"""What a scaffold leaves in a field to fill in (`cases new`); a case keeping it fails."""


def case_id(result: Result) -> str:
    return f"{result.topic}-{result.rule}"


def trainer_case(result: Result) -> dict[str, Any]:
    """The case as a mapping in the documented order (see docs/pack-format.md)."""
    return {
        "id": case_id(result),
        "title": f"{result.topic_title}: {result.headline}",
        "narrative": NARRATIVE_PLACEHOLDER,
        "topic": result.topic,
        "answers": {a.id: list(a.answer) if a.multi else a.answer for a in result.asked},
        "expect": {"verdict": str(result.verdict), "rules": [result.rule]},
        "teaching_points": [],
    }


def case_yaml(result: Result) -> str:
    import yaml

    return yaml.safe_dump(trainer_case(result), sort_keys=False, allow_unicode=True,
                          width=100)


def save_case(result: Result, path: Path) -> None:
    path.write_text(case_yaml(result), encoding="utf-8")
