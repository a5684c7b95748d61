"""Play a case through the Slack face: the real bolt app over HTTP on 127.0.0.1.

The bot is the one the production server runs (`assemble` + its WSGI gate) with its Web
API pointed at the local fake (decision_aid/slack/fake_api.py); requests are signed as
Slack signs them (signed_requests.py). The case is played as a person would: the slash
command, the topic button, then for each question the button (or ticked boxes and
Continue) whose label is the case's answer, reading only the blocks the bot sent. The
result is read from those blocks: the verdict in the header, the rule in the footer, the
answers and the options considered from every page of the result.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterator, Sequence
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from decision_aid.cases.model import Case
from decision_aid.cases.runner import Played, Shown
from decision_aid.core import (
    KnowledgeBase,
    KnowledgeBaseHolder,
    Layer,
    QuestionKind,
    Topic,
    Verdict,
)

MAX_SCREENS = 80
"""Screens one case may take (questions, pages) before the face is taken to loop."""
WAIT = 10.0
"""Seconds to wait for the bot's reply to one click (the case's own limit still applies)."""


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Stop(Exception):
    """The face showed something the case cannot go on from (the message says what)."""


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _texts(blocks: Sequence[dict[str, Any]]) -> Iterator[str]:
    for block in blocks:
        text = block.get("text")
        if isinstance(text, dict):
            yield _unescape(str(text.get("text", "")))
        for element in block.get("elements", []) if block.get("type") == "context" else []:
            yield _unescape(str(element.get("text", "")))


class SlackFace:
    """One bot and one fake Slack for a whole run; `close()` stops both."""

    def __init__(self, layers: Sequence[Layer]) -> None:
        from decision_aid.slack.config import SlackConfig
        from decision_aid.slack.fake_api import GOOD_TOKEN, FakeSlack
        from decision_aid.slack.runtime import assemble
        from decision_aid.slack.signed_requests import SECRET, SlackSim, buttons

        self._buttons = buttons
        self.fake = FakeSlack()
        try:
            config = SlackConfig(bot_token=GOOD_TOKEN, signing_secret=SECRET,
                                 api_url=self.fake.api_url, rate_limit=0)
            self.runtime = assemble(config, [], socket_mode=False,
                                    holder=KnowledgeBaseHolder(layers))
            assert self.runtime.wsgi is not None  # HTTP mode always has the WSGI gate
            self.server = make_server("127.0.0.1", 0, self.runtime.wsgi,
                                      server_class=_Server, handler_class=_Quiet)
        except BaseException:
            self.fake.close()
            raise
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True, name="slack-face")
        self.thread.start()
        self.sim = SlackSim(f"http://127.0.0.1:{self.server.server_port}", SECRET)
        self._names = itertools.count(1)
        self._lock = threading.Lock()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.fake.close()
        self.runtime.executor.shutdown(wait=False, cancel_futures=True)

    # -- one case ------------------------------------------------------------------------

    def play(self, kb: KnowledgeBase, case: Case) -> Played:
        with self._lock:
            name = f"case{next(self._names)}"
        try:
            return _Conversation(self, kb, case, name).run()
        except _Stop as stop:
            return Played(None, (str(stop),))

    def buttons(self, blocks: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        return list(self._buttons(list(blocks)))


class _Conversation:
    def __init__(self, face: SlackFace, kb: KnowledgeBase, case: Case, name: str) -> None:
        self.face, self.kb, self.case = face, kb, case
        self.topic = kb.topics[case.topic]
        self.url = face.fake.response_url(name)
        self.path = f"/response/{name}"
        self.seen = 0
        self.asked: list[str] = []

    def _posted(self) -> list[dict[str, Any]]:
        self.seen += 1
        calls = self.face.fake.wait_count(self.path, self.seen, timeout=WAIT)
        body = calls[self.seen - 1].body
        if not isinstance(body.get("blocks"), list):
            raise _Stop(f"the Slack face replied without blocks: {body.get('text', '')!r}")
        return list(body["blocks"])

    def _click(self, blocks: list[dict[str, Any]], button: dict[str, Any],
               state: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        payload = self.face.sim.click_payload(button, response_url=self.url, blocks=blocks,
                                              state=state)
        reply = self.face.sim.payload(payload)
        if reply.status != 200:
            raise _Stop(f"the Slack face answered a click with HTTP {reply.status}")
        return self._posted()

    def _button(self, blocks: list[dict[str, Any]], action: str, label: str | None = None
                ) -> dict[str, Any] | None:
        for b in self.face.buttons(blocks):
            text = _unescape(b["text"]["text"])
            if b["action_id"].split(".")[0] == action and (
                    label is None or text == label or re.sub(r"^\d+\. ", "", text) == label):
                return b
        return None

    def _numbered(self, blocks: list[dict[str, Any]], label: str) -> dict[str, Any] | None:
        """With long labels the bot lists "N. label" in the text and cuts the buttons to
        "N. lab…": find N in the text, then the button that starts with it."""
        from decision_aid.slack import ids

        for text in _texts(blocks):
            for line in text.split("\n"):
                m = re.fullmatch(r"(\d+)\. (.*)", line)
                if m and m.group(2) == label:
                    return next((b for b in self.face.buttons(blocks)
                                 if b["action_id"].split(".")[0] == ids.ANSWER
                                 and b["text"]["text"].startswith(f"{m.group(1)}. ")), None)
        return None

    def run(self) -> Played:
        from decision_aid.slack import ids

        reply = self.face.sim.command(self.case.description or "", response_url=self.url)
        if reply.status != 200:
            raise _Stop(f"the Slack face answered the command with HTTP {reply.status}")
        body = reply.json() if reply.text.strip().startswith("{") else {}
        blocks = body.get("blocks") or self._posted()
        for _ in range(MAX_SCREENS):
            if any(b.get("type") == "header" for b in blocks):
                return self._result(blocks)
            prompt = self._prompt(blocks)
            if prompt is not None:
                blocks = self._answer(blocks, prompt)
                continue
            resume = self._resume(blocks)
            topic = self._button(blocks, ids.TOPIC, self.topic.title)
            if resume is not None:
                blocks = self._click(blocks, resume)
            elif topic is not None:
                blocks = self._click(blocks, topic)
            else:
                raise _Stop(f"the Slack face did not offer the topic '{self.topic.title}'")
        raise _Stop(f"no result after {MAX_SCREENS} screens")

    def _resume(self, blocks: list[dict[str, Any]]) -> dict[str, Any] | None:
        """On the prefill screen: "Use these answers" when they are the case's, else
        "Answer myself"; None on any other screen."""
        from decision_aid.cases.faces import prefill_matches
        from decision_aid.slack import ids, words

        if self._button(blocks, ids.RESUME) is None:
            return None
        lines = [line[2:].strip() for text in _texts(blocks) for line in text.split("\n")
                 if line.startswith("• ")]
        agree = prefill_matches(self.topic, self.case, lines)
        return self._button(blocks, ids.RESUME, words.USE_PREFILL if agree
                            else words.ANSWER_MYSELF)

    def _prompt(self, blocks: list[dict[str, Any]]) -> str | None:
        prompts = {f"*{q.prompt}*": q.id for q in self.topic.questions}
        for text in _texts(blocks):
            first = text.split("\n", 1)[0]
            if first in prompts:
                return prompts[first]
        return None

    def _answer(self, blocks: list[dict[str, Any]], qid: str) -> list[dict[str, Any]]:
        from decision_aid.slack import ids

        question = self.topic.question(qid)
        answers = self.case.answer_map
        if question is None or qid not in answers:
            prompt = question.prompt if question else qid
            raise _Stop(f"the face asked '{prompt}', which the case does not answer")
        self.asked.append(qid)
        value = answers[qid]
        if question.kind is not QuestionKind.MULTI:
            option = question.option(str(value))
            button = self._button(blocks, ids.ANSWER, option.label) if option else None
            if button is None and option is not None:
                button = self._numbered(blocks, option.label)
            if option is None or button is None:
                raise _Stop(f"'{qid}': the Slack face did not offer '{value}'")
            return self._click(blocks, button)
        chosen = set(value if isinstance(value, tuple) else (value,))
        state: dict[str, Any] = {}
        for block in blocks:
            if block.get("block_id") != ids.MULTI_BLOCK + qid:
                continue
            for element in block["elements"]:
                offered = {o["value"]: o for o in element["options"]}
                state.setdefault(block["block_id"], {})[element["action_id"]] = {
                    "type": "checkboxes",
                    "selected_options": [offered[v] for v in offered if v in chosen]}
        ticked = {o["value"] for group in state.values() for e in group.values()
                  for o in e["selected_options"]}
        if ticked != chosen:
            raise _Stop(f"'{qid}': the Slack face did not offer "
                        f"{', '.join(sorted(chosen - ticked))}")
        button = self._button(blocks, ids.CONTINUE)
        if button is None:
            raise _Stop(f"'{qid}': the Slack face showed no Continue button")
        return self._click(blocks, button, {"values": state})

    def _result(self, blocks: list[dict[str, Any]]) -> Played:
        from decision_aid.slack import ids, words

        more_label = words.SHOW_MORE.split("{", 1)[0]
        texts = list(_texts(blocks))
        for _ in range(MAX_SCREENS):
            more = next((b for b in self.face.buttons(blocks)
                         if b["action_id"].split(".")[0] == ids.PAGE
                         and b["text"]["text"].startswith(more_label)), None)
            if more is None:
                break
            blocks = self._click(blocks, more)
            texts += _texts(blocks)
        shown = _read_result(self.kb, self.topic, texts)
        if shown is None:
            raise _Stop("the Slack face showed a result without a verdict or rule")
        failures = tuple(f"answer to '{qid}' was not used: the Slack face never asked it"
                         for qid, _ in self.case.answers if qid not in shown.asked)
        return Played(shown, failures)


def _read_result(kb: KnowledgeBase, topic: Topic, texts: list[str]) -> Shown | None:
    words = {kb.wording(f"verdicts.{v.value}"): v.value for v in Verdict}
    verdict = next((words[w] for t in texts for w in words if t.startswith(w + ": ")), None)
    footer = re.escape(kb.wording("footer", topic="\0t", version="\0v", reviewed="\0d",
                                  rule="\0r", layer="\0l"))
    footer = re.sub("\0[tvdl]", ".+?", footer.replace("\0r", r"(?P<rule>\S+)"))
    rule = next((m.group("rule") for t in texts if (m := re.search(footer, t))), None)
    if verdict is None or rule is None:
        return None
    lines = "\n".join(texts).split("\n")
    listed = _items(lines, kb.wording("sections.options"))
    offered = frozenset(o.id for o in topic.options_considered if o.label in listed)
    answers = _items(lines, kb.wording("sections.asked"))
    asked = [q.id for item in answers for q in topic.questions
             if item.startswith(f"{q.prompt} — ")]
    return Shown(verdict, rule, tuple(asked), offered)


def _items(lines: list[str], title: str) -> list[str]:
    """The bullet items ("• ...") under a section's bold title, up to the next title."""
    found: list[str] = []
    inside = False
    for line in lines:
        if re.fullmatch(r"\*.+\*", line.strip()):
            inside = line.strip() == f"*{title}*"
        elif inside and line.startswith("• "):
            found.append(line[2:].strip())
    return found
