"""A result as plain words in sections, shared by every way of showing it.

Rich, Markdown, plain text (and later Slack) all show the same sections in the same order
with the same wording; only the styling differs. Keeping the words here means a change of
wording is made once. Nothing here imports a face library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decision_aid.core import AskedQuestion, Result, TraceEntry
    from decision_aid.core._model import Evidence


@dataclass(frozen=True, slots=True)
class Item:
    """One line of a section, with an optional link and a smaller second line."""

    text: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A titled block; `key` names it for faces that style one block apart (the reply)."""

    key: str
    title: str
    items: tuple[Item, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Outline:
    verdict: str
    word: str
    headline: str
    question: str
    footer: str
    sections: tuple[Section, ...]
    notice: str | None = None
    """Said before anything else: the guidance does not cover this situation directly."""


NOT_COVERED = ("The guidance you can rely on here does not address this situation directly. "
               "What follows is the general principles that still apply, the safest reasonable "
               "course, and whom to ask.")
GAP_NOTES = {
    "silent": "The sources are silent on this exact situation: this advice applies their "
              "general principles.",
    "split": "The sources disagree on this point: see where they disagree below.",
    "inference": "This is the guidance's own reading of general principles, not a finding of "
                 "any one source.",
}
UNCONFIGURED_CONTACT = ("Your institution has not set this contact yet: see ADMIN.md "
                        "(an overlay's contacts.yaml sets it).")


@dataclass(frozen=True, slots=True)
class TraceStep:
    """One rule the engine tried, in words: did it hold, and on which answers."""

    rule: str
    held: bool
    heading: str
    details: tuple[str, ...]


def verdict_word(verdict: str) -> str:
    """The verdict as a word that reads without colour (AVOID, CAUTION, ACCEPTABLE)."""
    return str(verdict).upper()


def humanize(token: str) -> str:
    """`good-practice-statement` → `good practice statement`."""
    return token.replace("-", " ").replace("_", " ").strip()


def evidence_line(evidence: Evidence) -> str:
    """E.g. "Good practice statement (GRADE: not graded) — regulator guidance"."""
    strength = humanize(evidence.strength)
    strength = strength[:1].upper() + strength[1:]
    return (f"{strength} ({evidence.scale}: {humanize(evidence.certainty)})"
            f" — {humanize(evidence.basis)}")


def answer_text(asked: AskedQuestion) -> str:
    return ", ".join(asked.labels) if asked.labels else "None of these"


def outline(result: Result) -> Outline:
    """Every part of a result that has content, in reading order."""
    sections: list[Section] = []

    def add(key: str, title: str, items: list[Item], *, numbered: bool = False) -> None:
        if items:
            sections.append(Section(key, title, tuple(items), numbered))

    outside = result.scope == "not-covered"
    add("reasons", "General principles that still apply" if outside else "Why",
        [Item(r) for r in result.reasons])
    add("actions", "The safest reasonable course" if outside else "What to do",
        [Item(a) for a in result.actions])
    if result.reply is not None:
        add("reply", f"A reply you can send: {result.reply.title}", [Item(result.reply.text)])
    add("evidence", "Strength of evidence", [Item(evidence_line(result.evidence))])
    add("sources", "Sources", [
        Item(s.citation, url=s.url or None,
             note=f"{s.jurisdiction} · {humanize(s.kind)} · {s.year}")
        for s in result.sources], numbered=True)
    add("figures", "What peers report", [
        Item(f.text, note=f"Limits: {f.limits}") for f in result.figures])
    add("gap", "How firm this is", [Item(GAP_NOTES[result.gap])] if result.gap else [])
    add("limits", "Limits of this advice", [Item(result.limits)] if result.limits else [])
    add("disagreement", "Where sources disagree",
        [Item(result.disagreement)] if result.disagreement else [])
    if result.contact is not None:
        contact = result.contact
        how = UNCONFIGURED_CONTACT if contact.placeholder else contact.how
        note = (f"contacts: [{{id: {contact.id}, role: ..., how: ...}}]"
                if contact.placeholder else None)
        add("contact", "Whom to ask" if outside else "For hard cases, ask",
            [Item(f"{contact.role}: {how}", note=note)])
    add("policy", "Local policy", [Item(p) for p in result.policy])
    add("options", "Options considered", [
        Item(o.label, note=f"Benefits: {' '.join(o.benefits) or '—'}  "
                           f"Harms: {' '.join(o.harms) or '—'}")
        for o in result.options])
    add("asked", "Your answers", [Item(f"{a.prompt} — {answer_text(a)}") for a in result.asked])
    return Outline(
        verdict=str(result.verdict),
        word=verdict_word(result.verdict),
        headline=result.headline,
        question=f"{result.decision} ({result.topic_title})",
        footer=(f"Topic {result.topic} version {result.version}, reviewed {result.reviewed}; "
                f"rule {result.rule} from the {result.layer} layer."),
        sections=tuple(sections),
        notice=NOT_COVERED if outside else None,
    )


def trace(result: Result) -> tuple[TraceStep, ...]:
    """The rules tried, highest priority first, down to the one that decided."""
    asked = {a.id: a for a in result.asked}
    return tuple(_step(entry, asked) for entry in result.trace)


def _step(entry: TraceEntry, asked: dict[str, AskedQuestion]) -> TraceStep:
    state = "held — this decided the result" if entry.fired else "did not hold"
    heading = (f"{entry.rule}: {state} (would say {verdict_word(entry.verdict)}; "
               f"priority {entry.priority}, {entry.layer} layer)")
    details = [f"when: {entry.condition}"]
    for qid, _ in entry.decided_by:
        question = asked.get(qid)
        if question is not None:
            details.append(f"your answer: {question.prompt} — {answer_text(question)}")
    return TraceStep(entry.rule, entry.fired, heading, tuple(details))
