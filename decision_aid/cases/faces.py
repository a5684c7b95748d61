"""Play a case through a real face, reading only what that face shows.

The terminal face runs its plain interview on a pipe. A `Typist` stands in for the
learner: at each prompt it reads what the face printed since the last one (the topic
list, the question and its numbered options) and types the number of the case's answer,
so a face that asks something else, or shows other options, fails the case. The result
is read back from the screen: verdict word, footer rule, the questions shown, the options
considered.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator, Sequence

from decision_aid.cases.model import Case
from decision_aid.cases.runner import Played, Player, Shown, play_core
from decision_aid.core import KnowledgeBase, Layer, QuestionKind, Topic, Verdict

MAX_PROMPTS = 200
"""Prompts one case may answer before the typist gives up (a face that loops)."""
_OPTION = re.compile(r"^  (\d+)\. (.*?)(?:  \(previous answer\))?$")
_QUESTION = re.compile(r"^(?:Question \d+ of at most \d+|Change an answer): (.*)$")


class Typist(io.StringIO):
    """The learner's side of a plain interview: answers from the case, read off the screen."""

    def __init__(self, kb: KnowledgeBase, case: Case, screen: io.StringIO) -> None:
        super().__init__()
        self.kb, self.case, self.screen = kb, case, screen
        self.topic: Topic = kb.topics[case.topic]
        self.read_to = 0
        self.prompts = 0
        self.problems: list[str] = []
        self.finished = False
        self.described = False

    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]
        # (typeshed gives _IOBase.readline a bytes result; StringIO.readline returns str)
        text = self.screen.getvalue()
        new, self.read_to = text[self.read_to:], len(text)
        self.prompts += 1
        if self.prompts > MAX_PROMPTS or self.problems:
            return ""
        lines = new.splitlines()
        prompt = lines[-1] if lines else ""
        typed = self._answer(prompt, lines[:-1])
        return "" if typed is None else typed + "\n"

    def _answer(self, prompt: str, shown: list[str]) -> str | None:
        if prompt.startswith("Answer ("):
            return self._question(shown)
        if prompt.startswith("Next ("):
            self.finished = True
            return "q"
        if prompt.startswith("Choose a number") and "Topics:" in shown:
            if self.case.description and not self.described:
                self.described = True
                return "0"
            return self._numbered(shown, self.topic.title, "the topic list")
        if prompt.startswith("Choose a number") and "Closest topics:" in shown:
            return self._numbered(shown, self.topic.title, "the closest topics", prefix=True)
        if prompt.startswith("Describe your situation"):
            return self.case.description or ""
        if prompt.startswith("Use these answers?"):  # only if they are the case's answers
            lines = [line.strip() for line in shown if line.startswith("  ")]
            return "y" if prefill_matches(self.topic, self.case, lines) else "n"
        self.problems.append(f"the face stopped at a prompt the case cannot answer: {prompt!r}")
        return None

    def _numbered(self, shown: list[str], label: str, where: str, *, prefix: bool = False
                  ) -> str | None:
        for line in shown:
            m = _OPTION.match(line)
            if m and (m.group(2).startswith(label + " (") if prefix else m.group(2) == label):
                return m.group(1)
        self.problems.append(f"'{label}' is not in {where} the face showed")
        return "0" if prefix else None

    def _question(self, shown: list[str]) -> str | None:
        heads = [i for i, line in enumerate(shown) if _QUESTION.match(line)]
        if not heads:
            self.problems.append("the face asked for an answer without showing a question")
            return None
        head = shown[heads[-1]]
        prompt = _QUESTION.match(head).group(1).removesuffix(" (choose any)")  # type: ignore[union-attr]
        question = next((q for q in self.topic.questions if q.prompt == prompt), None)
        answers = self.case.answer_map
        if question is None or question.id not in answers:
            self.problems.append(f"the face asked '{prompt}', which the case does not answer")
            return None
        numbers = {m.group(2): m.group(1) for line in shown[heads[-1] + 1:]
                   if (m := _OPTION.match(line))}
        value = answers[question.id]
        wanted = value if isinstance(value, tuple) else (value,)
        typed = []
        for option_id in wanted:
            option = question.option(option_id)
            number = numbers.get(option.label) if option else None
            if number is None:
                self.problems.append(f"'{question.id}': the face did not offer '{option_id}'")
                return None
            typed.append(number)
        if question.kind is QuestionKind.MULTI and not typed:
            return "0"
        return " ".join(typed)


def prefill_matches(topic: Topic, case: Case, lines: Sequence[str]) -> bool:
    """Whether every "prompt — labels" line a face offers to prefill is the case's answer,
    so the learner would accept them (else they answer the questions themselves)."""
    answers = case.answer_map
    for line in lines:
        question = next((q for q in topic.questions if line.startswith(f"{q.prompt} — ")), None)
        if question is None or question.id not in answers:
            return False
        value = answers[question.id]
        chosen = value if isinstance(value, tuple) else (value,)
        labels = [o.label for o in question.options if o.id in chosen]
        if line.removeprefix(f"{question.prompt} — ") != ", ".join(labels):
            return False
    return True


def read_screen(kb: KnowledgeBase, topic: Topic, text: str) -> Shown | None:
    """The result as the plain face printed it, in ids (None when none was printed)."""
    words = {kb.wording(f"verdicts.{v.value}"): v.value for v in Verdict}
    lines = text.splitlines()
    verdict = next((words[w] for line in lines for w in words if line.startswith(w + ": ")),
                   None)
    footer = re.escape(kb.wording("footer", topic="\0t", version="\0v", reviewed="\0d",
                                  rule="\0r", layer="\0l"))
    footer = footer.replace("\0r", r"(?P<rule>\S+)")
    footer = re.sub("\0[tvdl]", ".+?", footer)
    rule = next((m.group("rule") for line in lines if (m := re.search(footer, line))), None)
    if verdict is None or rule is None:
        return None
    asked = [next((q.id for q in topic.questions if line.startswith(f"  - {q.prompt} — ")), "?")
             for line in _section(text, kb.wording("sections.asked"))]
    offered = frozenset(o.id for o in topic.options_considered
                        if f"  - {o.label}" in _section(text, kb.wording("sections.options")))
    return Shown(verdict, rule, tuple(asked), offered)


def _section(text: str, title: str) -> list[str]:
    """The item lines ("  - ...") of the last section with this title on the screen."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line == title]
    if not starts:
        return []
    items = []
    for line in lines[starts[-1] + 1:]:
        if not line.startswith("  "):
            break
        if line.startswith("  - "):
            items.append(line)
    return items


def play_terminal(kb: KnowledgeBase, case: Case) -> Played:
    """The case through the terminal face's plain interview on a pipe."""
    from decision_aid.terminal import run_interview

    screen = io.StringIO()
    typist = Typist(kb, case, screen)
    start = None if case.description else case.topic
    code = run_interview(kb, topic=start, plain=True, save=None, jurisdiction=None,
                         stdin=typist, stdout=screen)
    shown = read_screen(kb, typist.topic, screen.getvalue())
    failures = list(typist.problems)
    if shown is None and not failures:
        failures.append(f"the terminal face showed no result (exit {code})")
    if shown is not None:
        failures += [f"answer to '{qid}' was not used: the terminal face never asked it"
                     for qid, _ in case.answers if qid not in shown.asked]
    return Played(shown, tuple(failures))


FACES = ("core", "terminal", "slack")


@contextlib.contextmanager
def players(face: str, layers: Sequence[Layer]) -> Iterator[list[tuple[str, Player]]]:
    """The faces `--face` names, each with the function that plays a case through it; the
    Slack face's bot and fake Slack run until the block ends.

    Raises RuntimeError when the Slack face cannot run (its extra is not installed).
    """
    names = list(FACES) if face == "all" else [face]
    with contextlib.ExitStack() as stack:
        chosen: list[tuple[str, Player]] = []
        for name in names:
            if name == "slack":
                chosen.append((name, _slack(stack, layers)))
            else:
                chosen.append((name, play_core if name == "core" else play_terminal))
        yield chosen


def _slack(stack: contextlib.ExitStack, layers: Sequence[Layer]) -> Player:
    try:
        from decision_aid.cases.slack_face import SlackFace

        face = SlackFace(layers)
    except ImportError as exc:
        raise RuntimeError(f"the Slack face needs the slack extra ({exc.name} is missing): "
                           "pip install 'decision-aid[slack]'") from None
    stack.callback(face.close)
    return face.play
