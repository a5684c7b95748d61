"""`cases new`: a case to fill in, from a topic or from an interview saved as JSON.

Every blank is a value that fails to load (`CHOOSE`, the narrative placeholder), so a
scaffold cannot pass by being left as it is: `cases run` names each blank at its line.
"""

from __future__ import annotations

from typing import Any

from decision_aid.cases.writer import BLANK, NARRATIVE_PLACEHOLDER
from decision_aid.core import KnowledgeBase, QuestionKind, Topic


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def from_topic(topic: Topic, case_id: str) -> str:
    """Every question of the topic with its options as comments; each answer a blank."""
    lines = [
        f"# A new case for {topic.id} ({topic.title}). Replace every {BLANK} and the narrative;",
        "# delete the answers the interview does not ask (`decision-aid cases run` says which).",
        f"id: {case_id}",
        f"title: {BLANK} a short title",
        f"narrative: {_quoted(NARRATIVE_PLACEHOLDER)}",
        "objectives:",
        f"  - {BLANK} what a learner should be able to do after the case",
        f"topic: {topic.id}",
        "answers:",
    ]
    for q in topic.questions:
        kind = {QuestionKind.MULTI: "any of, as a list [a, b]",
                QuestionKind.YES_NO: "yes or no, quoted"}.get(q.kind, "one of")
        lines.append(f"  # {q.prompt} ({kind})")
        lines.extend(f"  #   {o.id}: {o.label}" for o in q.options)
        blank = f"[{BLANK}]" if q.kind is QuestionKind.MULTI else BLANK
        lines.append(f"  {q.id}: {blank}")
    lines += [
        "expect:",
        f"  verdict: {BLANK}  # avoid, caution or acceptable: what the guidance should say",
        f"  # rules: [{BLANK}]  # optional, the rule it should end on: "
        + ", ".join(r.id for r in topic.rules[:6]) + (" ..." if len(topic.rules) > 6 else ""),
        "teaching_points:",
        f"  - {BLANK} the point to make after the reveal",
        "",
    ]
    return "\n".join(lines)


def from_result(kb: KnowledgeBase, data: dict[str, Any], case_id: str | None) -> str:
    """A saved interview (`--save FILE.json`, `ask --format json`) as a case; the narrative
    and title are blanks to fill, the answers and expectations are the interview's."""
    import yaml

    topic = kb.topic(str(data.get("topic")))
    if topic is None or data.get("status") != "result" or "asked" not in data:
        raise ValueError("not a saved interview result (save one with `decision-aid "
                         "interview --save FILE.json` or `ask ... --format json`)")
    answers: dict[str, Any] = {}
    for item in data["asked"]:
        answers[str(item["id"])] = item["answer"]
    case = {
        "id": case_id or f"{topic.id}-{data.get('rule', 'case')}",
        "title": f"{BLANK} a short title",
        "narrative": NARRATIVE_PLACEHOLDER,
        "topic": topic.id,
        "answers": answers,
        "expect": {"verdict": str(data.get("verdict")), "rules": [str(data.get("rule"))]},
        "teaching_points": [f"{BLANK} the point to make after the reveal"],
    }
    head = ("# From a saved interview: replace the title, the narrative and the teaching "
            "point.\n")
    return head + yaml.safe_dump(case, sort_keys=False, allow_unicode=True, width=100)
