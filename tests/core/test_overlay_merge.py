"""Overrides merge at the YAML level: later overlays build on earlier ones, and a rule an
overlay added can be overridden by the next."""

from __future__ import annotations

from pathlib import Path

from decision_aid.core import Conclude, Layer, load, next_step, with_answers

DEMO_RULES = Path(__file__).resolve().parents[2] / "examples" / "rules"
PATIENT_PERSONAL = {"requester": "patient", "platform": "personal", "urgent": "no"}


def overlay(tmp_path: Path, name: str, text: str) -> Layer:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "extension.yaml").write_text(text, encoding="utf-8")
    return Layer(name, (folder,))


def test_a_second_override_keeps_what_the_first_changed(tmp_path: Path) -> None:
    first = overlay(tmp_path, "trust", "extends: demo-requests\noverride:\n"
                    "  - {id: patient-personal, headline: Our trust says no.}\n")
    second = overlay(tmp_path, "ward", "extends: demo-requests\noverride:\n"
                     "  - {id: patient-personal, actions: [Tell the ward manager.]}\n")
    kb = load([Layer("demo", (DEMO_RULES,)), first, second]).unwrap()
    step = next_step(kb, with_answers(kb, "demo-requests", PATIENT_PERSONAL))

    assert isinstance(step, Conclude)
    assert step.result.headline == "Our trust says no."
    assert step.result.actions == ("Tell the ward manager.",)
    assert step.result.reasons == ("Personal connections with patients blur boundaries.",)
    assert step.result.reply is not None and step.result.reply.id == "demo-decline"
    assert step.result.rule == "patient-personal" and step.result.layer == "ward"


def test_a_rule_added_by_one_overlay_can_be_overridden_by_the_next(tmp_path: Path) -> None:
    added = overlay(tmp_path, "trust", """extends: demo-requests
rules:
  - id: local-rule
    priority: 95
    when: {all: [{fact: requester, is: patient}, {fact: platform, is: professional}]}
    verdict: caution
    headline: Ask the professionalism lead first.
    reasons: [Local rule.]
    actions: [Ask.]
    sources: [demo-source]
    evidence: {strength: good-practice-statement, certainty: not-graded, scale: GRADE,
               basis: inference}
    gap: inference
    limits: Local.
""")
    changed = overlay(tmp_path, "ward", "extends: demo-requests\noverride:\n"
                      "  - {id: local-rule, verdict: avoid}\n")
    kb = load([Layer("demo", (DEMO_RULES,)), added, changed]).unwrap()
    step = next_step(kb, with_answers(kb, "demo-requests", {"requester": "patient",
                                                            "platform": "professional"}))

    assert isinstance(step, Conclude)
    assert (step.result.rule, step.result.verdict, step.result.headline) == (
        "local-rule", "avoid", "Ask the professionalism lead first.")
    assert step.result.gap == "inference"
