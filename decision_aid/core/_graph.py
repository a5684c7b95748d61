"""The decision flow of a topic as a picture: Mermaid or Graphviz dot text.

Rules are drawn in the order the engine tries them; each rule's box shows its condition
and its verdict, so an author can see which rule pre-empts which.
"""

from __future__ import annotations

from decision_aid.core._model import Topic


def _label(text: str, limit: int = 90) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return text.replace('"', "'")


def mermaid(topic: Topic) -> str:
    lines = ["flowchart TD", f'  start(["{_label(topic.title)}"])']
    previous = "start"
    for i, rule in enumerate(topic.rules):
        check = f"c{i}"
        verdict = f"v{i}"
        condition = rule.when.describe() if rule.when else "always"
        lines.append(f'  {check}{{"{_label(condition)}"}}')
        lines.append(f'  {verdict}["{rule.verdict.value.upper()}: {_label(rule.headline)}'
                     f' ({rule.id})"]')
        edge = "" if previous == "start" else "|no|"
        lines.append(f"  {previous} -->{edge} {check}")
        lines.append(f"  {check} -->|yes| {verdict}")
        lines.append(f"  class {verdict} {rule.verdict.value}")
        previous = check
    lines += ["  classDef avoid fill:#fdd,stroke:#c00", "  classDef caution fill:#ffd,stroke:#cc0",
              "  classDef acceptable fill:#dfd,stroke:#0a0"]
    return "\n".join(lines) + "\n"


def dot(topic: Topic) -> str:
    colours = {"avoid": "#ffdddd", "caution": "#ffffdd", "acceptable": "#ddffdd"}
    lines = [f'digraph "{topic.id}" {{', "  rankdir=TB;", "  node [fontname=Helvetica];",
             f'  start [shape=oval, label="{_label(topic.title)}"];']
    previous = "start"
    for i, rule in enumerate(topic.rules):
        condition = rule.when.describe() if rule.when else "always"
        lines.append(f'  c{i} [shape=diamond, label="{_label(condition, 60)}"];')
        lines.append(f'  v{i} [shape=box, style=filled, fillcolor="{colours[rule.verdict]}", '
                     f'label="{rule.verdict.value.upper()}\\n{_label(rule.headline, 60)}'
                     f'\\n({rule.id})"];')
        label = "" if previous == "start" else ' [label="no"]'
        lines.append(f"  {previous} -> c{i}{label};")
        lines.append(f'  c{i} -> v{i} [label="yes"];')
        previous = f"c{i}"
    lines.append("}")
    return "\n".join(lines) + "\n"
