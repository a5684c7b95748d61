"""A result as one face-neutral outline: every section, its words and their order.

Rich, plain text, Markdown, JSON and Slack all render this outline and nothing else, so a
change of wording or order is made here (or in `content/wording.yaml`) once. The outline
holds plain strings: no markup, nothing a face must interpret.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from decision_aid.core._model import Evidence, KnowledgeBase
from decision_aid.core._result import AskedQuestion, Result, TraceEntry
from decision_aid.core._wording import Wording


@dataclass(frozen=True, slots=True)
class Item:
    """One line of a section, with an optional link and a smaller second line."""

    text: str
    url: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "url": self.url, "note": self.note}


@dataclass(frozen=True, slots=True)
class Section:
    """A titled block. `key` names it (`reasons`, `reply`, `sources`...) for faces that
    style a block apart, e.g. the reply as text to copy; `numbered` lists are cited."""

    key: str
    title: str
    items: tuple[Item, ...]
    numbered: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "numbered": self.numbered,
                "items": [i.to_dict() for i in self.items]}


@dataclass(frozen=True, slots=True)
class TraceStep:
    """One rule the engine tried, in words: did it hold, and on which answers."""

    rule: str
    held: bool
    mark: str
    heading: str
    details: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "held": self.held, "mark": self.mark,
                "heading": self.heading, "details": list(self.details)}


SUMMARY_ACTIONS = 3
"""How many actions the compact summary names; it counts the rest."""


@dataclass(frozen=True, slots=True)
class Outline:
    """The whole result in reading order: the notice (if any), verdict and headline, the
    sections, then why.

    `notice` is said before anything else when the guidance does not cover the situation
    directly. `why` is the trace in words under `why_title`; faces show it with the
    sections (documents) or on request (the interview's "why"). `summary` is the compact
    lead a screen shows first, so the verdict and what to do fit without scrolling: the
    top actions and the reply (and whom to ask, when the situation is not covered);
    `brief()` is the outline cut to it.
    """

    notice: str | None
    verdict: str
    word: str
    headline: str
    question: str
    sections: tuple[Section, ...]
    why_title: str
    why: tuple[TraceStep, ...]
    footer: str
    summary: tuple[Section, ...] = ()

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def brief(self) -> Outline:
        """The compact summary as an outline: the same head, only its sections, and no
        footer (which version and rule decided is a detail)."""
        return replace(self, sections=self.summary, footer="")

    def to_dict(self) -> dict[str, Any]:
        return {"notice": self.notice, "verdict": self.verdict, "word": self.word,
                "headline": self.headline, "question": self.question,
                "sections": [s.to_dict() for s in self.sections],
                "summary": [s.to_dict() for s in self.summary],
                "why": {"title": self.why_title, "steps": [t.to_dict() for t in self.why]},
                "footer": self.footer}


def humanize(token: str) -> str:
    """`good-practice-statement` → `good practice statement`."""
    return token.replace("-", " ").replace("_", " ").strip()


def evidence_line(evidence: Evidence, wording: Wording) -> str:
    """E.g. "Good practice statement (GRADE: not graded) — regulator guidance"."""
    strength = humanize(evidence.strength)
    return wording("items.evidence", strength=strength[:1].upper() + strength[1:],
                   scale=evidence.scale, certainty=humanize(evidence.certainty),
                   basis=humanize(evidence.basis))


def answer_text(asked: AskedQuestion, wording: Wording) -> str:
    """The chosen labels of an answer, or "None of these" for an empty multi-choice."""
    return ", ".join(asked.labels) if asked.labels else wording("items.none_chosen")


def asked_line(asked: AskedQuestion, wording: Wording) -> str:
    """"Who sent the request? — A patient": an answer as a face lists it."""
    return wording("items.answer", prompt=asked.prompt, answer=answer_text(asked, wording))


def explain(kb: KnowledgeBase, result: Result) -> Outline:
    """The outline of `result`, in the words of `kb`'s wording (overlays included)."""
    return outline(result, kb.wording)


def outline(result: Result, wording: Wording) -> Outline:
    """Every part of a result that has content, in reading order."""
    sections: list[Section] = []

    def add(key: str, items: list[Item], *, numbered: bool = False, title_key: str = "",
            **values: object) -> None:
        if items:
            title = wording(f"sections.{title_key or key}", **values)
            sections.append(Section(key, title, tuple(items), numbered))

    nothing = wording("items.nothing")
    outside = result.scope == "not-covered"
    lead = "not_covered_" if outside else ""
    add("reasons", [Item(r) for r in result.reasons], title_key=f"{lead}reasons")
    add("actions", [Item(a) for a in result.actions], title_key=f"{lead}actions")
    if result.reply is not None:
        add("reply", [Item(result.reply.text)], title=result.reply.title)
    add("evidence", [Item(evidence_line(result.evidence, wording))])
    add("sources", [
        Item(s.citation, url=s.url or None,
             note=wording("items.source_note", jurisdiction=s.jurisdiction,
                          kind=humanize(s.kind), year=s.year))
        for s in result.sources], numbered=True)
    add("figures", [Item(f.text, note=wording("items.figure_note", limits=f.limits))
                    for f in result.figures])
    add("gap", [Item(wording(f"gaps.{result.gap}"))] if result.gap else [])
    add("limits", [Item(result.limits)] if result.limits else [])
    add("disagreement", [Item(result.disagreement)] if result.disagreement else [])
    if result.contact is not None:
        contact = result.contact
        how = wording("items.unconfigured_contact") if contact.placeholder else contact.how
        note = wording("items.contact_snippet", id=contact.id) if contact.placeholder else None
        add("contact", [Item(wording("items.contact", role=contact.role, how=how), note=note)],
            title_key=f"{lead}contact")
    add("policy", [Item(p) for p in result.policy])
    add("options", [
        Item(o.label, note=wording("items.option_note", benefits=" ".join(o.benefits) or nothing,
                                   harms=" ".join(o.harms) or nothing))
        for o in result.options])
    add("asked", [Item(asked_line(a, wording)) for a in result.asked])
    return Outline(
        notice=wording("not_covered") if outside else None,
        verdict=str(result.verdict),
        word=wording(f"verdicts.{result.verdict}"),
        headline=result.headline,
        question=wording("question_line", decision=result.decision, topic=result.topic_title),
        sections=tuple(sections),
        why_title=wording("sections.why"),
        why=trace(result, wording),
        footer=wording("footer", topic=result.topic, version=result.version,
                       reviewed=result.reviewed, rule=result.rule, layer=result.layer),
        summary=summary(sections, wording, outside=outside),
    )


def summary(sections: list[Section], wording: Wording, *, outside: bool
            ) -> tuple[Section, ...]:
    """The sections a compact result keeps, in the outline's order: the top actions (with
    how many more there are), the reply, and whom to ask when the guidance does not cover
    the situation."""
    keep = {"actions", "reply", "contact"} if outside else {"actions", "reply"}
    kept = []
    for section in sections:
        if section.key not in keep:
            continue
        rest = len(section.items) - SUMMARY_ACTIONS
        if section.key == "actions" and rest > 0:
            more = Item(wording("items.more_actions", count=rest))
            section = replace(section, items=(*section.items[:SUMMARY_ACTIONS], more))
        kept.append(section)
    return tuple(kept)


def trace(result: Result, wording: Wording) -> tuple[TraceStep, ...]:
    """The rules tried, highest priority first, down to the one that decided."""
    asked = {a.id: a for a in result.asked}
    return tuple(_step(entry, asked, wording) for entry in result.trace)


def _step(entry: TraceEntry, asked: dict[str, AskedQuestion], wording: Wording) -> TraceStep:
    heading = wording("trace.heading", rule=entry.rule,
                      state=wording("trace.held" if entry.fired else "trace.not_held"),
                      verdict=wording(f"verdicts.{entry.verdict}"), priority=entry.priority,
                      layer=entry.layer)
    details = [wording("trace.when", condition=entry.condition)]
    for qid, _ in entry.decided_by:
        question = asked.get(qid)
        if question is not None:
            details.append(wording("trace.answer", prompt=question.prompt,
                                   answer=answer_text(question, wording)))
    mark = wording("trace.held_mark" if entry.fired else "trace.not_held_mark")
    return TraceStep(entry.rule, entry.fired, mark, heading, tuple(details))
