"""Write a result to a file (Markdown, JSON or text by extension) or as a trainer case.

A trainer case is the interview's answers plus what they should conclude, in the format of
`content/cases/*.yaml`, so a trainer can turn a real run into a teaching case. Nothing the
user typed as free text is ever written: only option ids, the verdict and the rule.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from decision_aid.core import Result

FORMATS = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".txt": "text"}
NARRATIVE_PLACEHOLDER = "Describe the scenario here (no identifiers)."


def save_format(path: Path) -> str | None:
    """The format for a file name, or None when the extension is not one we write."""
    return FORMATS.get(path.suffix.lower())


def result_document(result: Result, path: Path) -> str:
    """The file's content for `path`'s extension; ValueError for an unknown one."""
    kind = save_format(path)
    if kind == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    from decision_aid.terminal.markdown import result_markdown, result_text

    if kind == "markdown":
        return result_markdown(result)
    if kind == "text":
        return result_text(result)
    raise ValueError(f"cannot save as '{path.suffix or path.name}': "
                     f"use one of {', '.join(sorted(FORMATS))}")


def save_result(result: Result, path: Path) -> None:
    path.write_text(result_document(result, path), encoding="utf-8")


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
