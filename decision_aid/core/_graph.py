"""The decision flow of a topic as a picture: the interview as it really runs.

Starting from an empty session, every answer the engine would accept at each question is
followed with `next_step` until a rule decides, so the picture shows what a user sees:
question → answers → next question or rule. Identical sub-flows are drawn once (a question
asked the same way after different earlier answers is one node), answers that lead to the
same place share one edge, and each rule is one box. Full conditions go where they do not
crowd the picture: tooltips in dot, a notes block in Mermaid, and the `notes` text.

The walk is bounded (`MAX_STEPS` engine steps); a flow too large to draw whole ends in a
"more paths" node and says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from decision_aid.core._engine import Ask, next_step
from decision_aid.core._model import KnowledgeBase, QuestionKind, Rule, Topic
from decision_aid.core._session import Session, answer, start
from decision_aid.core._worlds import answer_values

MAX_STEPS = 2_000
MAX_LABEL = 80


@dataclass(frozen=True, slots=True)
class Edge:
    labels: tuple[str, ...]
    target: str


@dataclass(frozen=True, slots=True)
class QuestionNode:
    key: str
    prompt: str
    edges: tuple[Edge, ...]


@dataclass(slots=True)
class Flow:
    """Question nodes by key, the rules reached, the start node and whether it was cut."""

    topic: Topic
    start: str = ""
    questions: dict[str, QuestionNode] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    truncated: bool = False


class _Walker:
    def __init__(self, kb: KnowledgeBase, topic: Topic) -> None:
        self.kb = kb
        self.flow = Flow(topic)
        self.steps = 0
        self.keys: dict[tuple[Any, ...], str] = {}
        self.values = answer_values(topic)

    def node(self, session: Session) -> str:
        """The key of the node this session shows (a question or a rule)."""
        self.steps += 1
        if self.steps > MAX_STEPS:
            self.flow.truncated = True
            return "more"
        step = next_step(self.kb, session)
        if not isinstance(step, Ask):
            rule = self.flow.topic.rule(step.result.rule)
            assert rule is not None
            self.flow.rules[rule.id] = rule
            return f"r:{rule.id}"
        question = step.question
        targets: dict[str, list[str]] = {}
        for value in self.values[question.id]:
            child = self.node(answer(self.kb, session, question.id, value))
            targets.setdefault(child, []).append(_answer_label(question, value))
        edges = tuple(Edge(tuple(labels), target) for target, labels in targets.items())
        signature = (question.id, edges)
        key = self.keys.get(signature)
        if key is None:
            key = f"q{len(self.keys)}"
            self.keys[signature] = key
            self.flow.questions[key] = QuestionNode(key, question.prompt, edges)
        return key


def _answer_label(question: Any, value: Any) -> str:
    if question.kind is not QuestionKind.MULTI:
        option = question.option(value)
        return option.label if option else str(value)
    chosen = [o.label for o in question.options if o.id in value]
    return " + ".join(chosen) if chosen else "none of them"


def flow(kb: KnowledgeBase, topic: Topic) -> Flow:
    """Walk the interview of `topic` (bounded) and return it as a graph, its question
    nodes numbered in the order a reader meets them (breadth first from the start)."""
    walker = _Walker(kb, topic)
    walked = walker.flow
    walked.start = walker.node(start(kb, topic.id))
    order: dict[str, str] = {}
    queue = [walked.start]
    while queue:
        key = queue.pop(0)
        if key in walked.questions and key not in order:
            order[key] = f"q{len(order)}"
            queue += [edge.target for edge in walked.questions[key].edges]
    renamed = Flow(topic, order.get(walked.start, walked.start), rules=walked.rules,
                   truncated=walked.truncated)
    for old, new in order.items():
        node = walked.questions[old]
        edges = tuple(Edge(e.labels, order.get(e.target, e.target)) for e in node.edges)
        renamed.questions[new] = QuestionNode(new, node.prompt, edges)
    return renamed


def _short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _condition(rule: Rule) -> str:
    return rule.when.describe() if rule.when is not None else "always (the fallback)"


def _id(key: str) -> str:
    return key.replace(":", "_").replace("-", "_")


def _ordered(graph: Flow) -> Iterator[Rule]:
    """Rules reached, in the order the engine tries them."""
    return (r for r in graph.topic.rules if r.id in graph.rules)


def mermaid(kb: KnowledgeBase, topic: Topic) -> str:
    graph = flow(kb, topic)

    def text(value: str) -> str:
        return '"' + value.replace('"', "#quot;") + '"'

    lines = ["flowchart TD", f"  start([{text(topic.title)}])", f"  start --> {_id(graph.start)}"]
    for node in graph.questions.values():
        lines.append(f"  {_id(node.key)}{{{text(_short(node.prompt))}}}")
        for edge in node.edges:
            label = _short(" / ".join(edge.labels), 120)
            lines.append(f"  {_id(node.key)} -->|{text(label)}| {_id(edge.target)}")
    for rule in _ordered(graph):
        label = f"{rule.verdict.value.upper()}: {_short(rule.headline)} ({rule.id})"
        lines.append(f"  {_id('r:' + rule.id)}[{text(label)}]")
        lines.append(f"  class {_id('r:' + rule.id)} {rule.verdict.value}")
    if graph.truncated:
        lines.append("  more[" + text("… more paths than can be drawn: see --format notes") + "]")
    lines += ["  classDef avoid fill:#fdd,stroke:#c00", "  classDef caution fill:#ffd,stroke:#cc0",
              "  classDef acceptable fill:#dfd,stroke:#0a0", "%% Full conditions:"]
    lines += [f"%%   {rule.id}: {_condition(rule)}" for rule in topic.rules]
    return "\n".join(lines) + "\n"


def dot(kb: KnowledgeBase, topic: Topic) -> str:
    graph = flow(kb, topic)
    colours = {"avoid": "#ffdddd", "caution": "#ffffdd", "acceptable": "#ddffdd"}

    def text(value: str) -> str:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'

    lines = [f"digraph {text(topic.id)} {{", "  rankdir=TB;", "  node [fontname=Helvetica];",
             f"  start [shape=oval, label={text(topic.title)}];",
             f"  start -> {_id(graph.start)};"]
    for node in graph.questions.values():
        lines.append(f"  {_id(node.key)} [shape=diamond, label={text(_short(node.prompt, 60))},"
                     f" tooltip={text(node.prompt)}];")
        for edge in node.edges:
            lines.append(f"  {_id(node.key)} -> {_id(edge.target)} "
                         f"[label={text(_short(' / '.join(edge.labels), 60))}];")
    for rule in _ordered(graph):
        label = f"{rule.verdict.value.upper()}\n{_short(rule.headline, 60)}\n({rule.id})"
        lines.append(f"  {_id('r:' + rule.id)} [shape=box, style=filled, "
                     f'fillcolor="{colours[rule.verdict]}", label={text(label)}, '
                     f"tooltip={text('when: ' + _condition(rule))}];")
    if graph.truncated:
        lines.append('  more [shape=note, label="… more paths than can be drawn"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def notes(kb: KnowledgeBase, topic: Topic) -> str:
    """Plain text for authors: each rule in the order tried, its full condition, and
    whether the interview can reach it."""
    graph = flow(kb, topic)
    lines = [f"{topic.id} — {topic.title}: rules in the order the engine tries them"]
    for rule in topic.rules:
        reached = "reached" if rule.id in graph.rules else (
            "not reached within the drawing budget" if graph.truncated else "never reached")
        lines.append(f"  {rule.id} [{rule.verdict.value}, priority {rule.priority}, {reached}]")
        lines.append(f"      when: {_condition(rule)}")
    if graph.truncated:
        lines.append(f"  (the flow has more than {MAX_STEPS} steps; the picture shows a part)")
    return "\n".join(lines) + "\n"
