"""Institution overlays: extend a topic, override and disable rules, and reload safely."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from packtext import DEMO_RULES, REQUESTER, rule_yaml, topic_yaml

from decision_aid.core import (
    Conclude,
    KnowledgeBase,
    KnowledgeBaseHolder,
    Layer,
    RulePackError,
    SessionError,
    Verdict,
    load,
    next_step,
    validate,
    with_answers,
)

TOPIC = "demo-requests"

EXTENSION = """\
extends: demo-requests
version: "2"
questions:
  - id: employer_policy
    prompt: Does your employer's policy forbid this?
    why: A local policy can be stricter than national guidance.
    kind: yes_no
rules:
  - id: employer-forbids
    priority: 95
    when: {fact: employer_policy, is: yes}
    verdict: avoid
    headline: Your employer's policy forbids it; follow the policy.
    reasons: [Local policy applies to you.]
    actions: [Decline and cite the policy.]
    sources: [local-policy, demo-source]
    evidence:
      strength: legal-requirement
      certainty: not-graded
      scale: GRADE
      basis: regulator-guidance
    limits: Applies to staff of this trust only.
    contact: it_lead
override:
  - id: default
    actions: [Ask the professionalism lead before you connect.]
  - id: trusted-colleague
    when: {fact: signal_count, gte: 3}
disable: [patient-personal]
policy: Our trust forbids clinicians from connecting with patients on any platform.
"""

CONTACTS = """\
contacts:
  - id: it_lead
    role: Information governance lead
    how: Call extension 1234.
"""

REFERENCES = """\
references:
  - key: local-policy
    citation: Trust social media policy, 2026.
    year: 2026
    kind: regulation
    jurisdiction: UK
    url: https://example.org/policy
    checked: primary
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def overlay(tmp_path: Path) -> Path:
    return write(tmp_path / "overlay", {"extension.yaml": EXTENSION, "contacts.yaml": CONTACTS,
                                        "references.yaml": REFERENCES})


def layers(*overlays: Path) -> list[Layer]:
    return [Layer("demo", (DEMO_RULES,)), *(Layer(p.name, (p,)) for p in overlays)]


@pytest.fixture
def kb(overlay: Path) -> KnowledgeBase:
    result = load(layers(overlay))
    assert result.problems == (), [p.format() for p in result.problems]
    return result.unwrap()


def conclude(kb: KnowledgeBase, answers: dict[str, Any]) -> Conclude:
    step = next_step(kb, with_answers(kb, TOPIC, answers))
    assert isinstance(step, Conclude), step
    return step


def test_overlay_adds_a_question_from_its_layer(kb: KnowledgeBase) -> None:
    question = kb.topics[TOPIC].question("employer_policy")

    assert question is not None
    assert question.layer == "overlay"
    assert kb.topics[TOPIC].question("requester").layer == "demo"  # type: ignore[union-attr]
    assert kb.layers == ("demo", "overlay")


def test_overlay_rule_decides_and_the_trace_names_its_layer(kb: KnowledgeBase) -> None:
    result = conclude(kb, {"requester": "colleague", "employer_policy": "yes"}).result

    assert (result.rule, result.layer, result.verdict) == ("employer-forbids", "overlay",
                                                            Verdict.AVOID)
    assert [(t.rule, t.layer, t.fired) for t in result.trace] == [
        ("urgent-first", "demo", False), ("employer-forbids", "overlay", True)]
    assert result.trace[1].decided_by == (("employer_policy", "yes"),)


def test_overlay_rule_is_asked_in_priority_order(kb: KnowledgeBase) -> None:
    step = next_step(kb, with_answers(kb, TOPIC, {"requester": "colleague"}))

    assert not isinstance(step, Conclude)
    assert step.question.id == "employer_policy"


def test_overlay_contacts_and_sources_resolve(kb: KnowledgeBase) -> None:
    result = conclude(kb, {"requester": "colleague", "employer_policy": "yes"}).result

    assert result.contact is not None
    assert (result.contact.role, result.contact.how) == ("Information governance lead",
                                                         "Call extension 1234.")
    assert [s.key for s in result.sources] == ["local-policy", "demo-source"]


def test_override_replaces_only_the_fields_given(kb: KnowledgeBase) -> None:
    base = load(layers()).unwrap().topics[TOPIC].rule("default")
    rule = kb.topics[TOPIC].rule("default")

    assert base is not None and rule is not None
    assert rule.actions == ("Ask the professionalism lead before you connect.",)
    assert (rule.headline, rule.reasons, rule.sources, rule.priority, rule.when) == (
        base.headline, base.reasons, base.sources, base.priority, base.when)
    assert rule.layer == "overlay"


def test_override_of_a_condition_changes_the_outcome(kb: KnowledgeBase) -> None:
    two = {"requester": "colleague", "employer_policy": "no", "signals": ["met", "named"]}
    three = {**two, "signals": ["met", "named", "verified"]}

    assert conclude(kb, two).result.rule == "default"
    assert conclude(kb, three).result.rule == "trusted-colleague"


def test_disabled_rule_never_decides(kb: KnowledgeBase) -> None:
    result = conclude(kb, {"requester": "patient", "platform": "personal", "urgent": "no",
                           "employer_policy": "no"}).result

    assert kb.topics[TOPIC].rule("patient-personal") is None
    assert result.rule == "default"
    assert "patient-personal" not in [t.rule for t in result.trace]


def test_policy_and_version_show_the_overlay(kb: KnowledgeBase) -> None:
    topic = kb.topics[TOPIC]
    result = conclude(kb, {"requester": "colleague", "employer_policy": "yes"}).result

    assert topic.policy == ("Our trust forbids clinicians from connecting with patients on "
                            "any platform.",)
    assert result.policy == topic.policy
    assert topic.version == "1.0.0+overlay.2"


def test_session_from_before_the_overlay_is_refused(kb: KnowledgeBase) -> None:
    plain = load(layers()).unwrap()
    old = with_answers(plain, TOPIC, {"requester": "patient"})

    with pytest.raises(SessionError, match=r"started on version 1\.0\.0"):
        validate(kb, old)


def test_later_layer_fills_in_a_contact(tmp_path: Path) -> None:
    base = write(tmp_path / "base", {"contacts.yaml": CONTACTS.replace(
        "Call extension 1234.", "Ask your institution.")})
    local = write(tmp_path / "local", {"contacts.yaml": CONTACTS})

    kb = load([Layer("base", (base,)), Layer("local", (local,))]).unwrap()

    assert kb.contacts["it_lead"].how == "Call extension 1234."


def test_overlay_may_add_a_whole_topic(tmp_path: Path) -> None:
    text = topic_yaml(REQUESTER + "rules:\n" + rule_yaml("patient", 10,
                      "{fact: requester, is: patient}", "avoid") + rule_yaml("default", 0),
                      topic_id="local-topic")
    local = write(tmp_path / "local", {"local-topic.yaml": text})

    kb = load(layers(local)).unwrap()

    assert set(kb.topics) == {TOPIC, "local-topic"}
    assert kb.topics["local-topic"].layer == "local"


@pytest.mark.parametrize(("extension", "expected"), [
    pytest.param("extends: demo-requests\nquestions:\n  - {id: requester, prompt: P, why: W, "
                 "kind: yes_no}\n",
                 ["4:10: duplicate-id question id 'requester' is already used "
                  "(give it a different id)"], id="duplicate-question"),
    pytest.param("extends: demo-requests\nrules:\n" + rule_yaml("default", 5),
                 ["4:9: duplicate-id rule id 'default' is already used "
                  "(give it a different id)"], id="duplicate-rule"),
    pytest.param("extends: demo-requests\ndisable: [urgent-frist]\n",
                 ["3:11: unknown-rule rule 'urgent-frist' does not exist "
                  "(did you mean 'urgent-first'?)"], id="disable-unknown"),
    pytest.param("extends: demo-requests\noverride:\n  - {id: defualt, actions: [x]}\n",
                 ["4:10: unknown-rule rule 'defualt' does not exist "
                  "(did you mean 'default'?)"], id="override-unknown"),
    pytest.param("extends: demo-requests\noverride:\n  - {id: default, verdict: avod}\n",
                 ["4:28: bad-value 'avod' is not allowed in 'verdict' "
                  "(did you mean 'avoid'?)"], id="override-bad-verdict"),
    pytest.param("extends: demo-requests\nrules:\n" + rule_yaml(
        "local", 5, "{fact: requestor, is: patient}"),
                 ["6:18: unknown-fact 'requestor' is not a question or derived fact of this "
                  "topic (did you mean 'requester'?)"], id="rule-on-unknown-fact"),
    pytest.param("extends: demo-request\n",
                 ["2:10: unknown-topic topic 'demo-request' does not exist "
                  "(did you mean 'demo-requests'?)"], id="unknown-topic"),
])
def test_broken_extension_is_reported_at_its_line(tmp_path: Path, extension: str,
                                                  expected: list[str]) -> None:
    local = write(tmp_path / "local", {"extension.yaml": "# an extension\n" + extension})

    result = load(layers(local))

    prefix = f"{local / 'extension.yaml'}:"
    assert [p.format().removeprefix(prefix) for p in result.problems] == expected
    assert not result.ok


# -- reload -----------------------------------------------------------------------------------
def test_holder_keeps_the_old_knowledge_base_when_a_reload_is_broken(overlay: Path) -> None:
    holder = KnowledgeBaseHolder(layers(overlay))
    before = holder.kb
    (overlay / "extension.yaml").write_text("extends: demo-requests\ndisable: [nope]\n")

    result = holder.reload()

    assert not result.ok
    assert [p.code for p in result.errors] == ["unknown-rule"]
    assert holder.kb is before


def test_holder_swaps_in_a_clean_reload(overlay: Path) -> None:
    holder = KnowledgeBaseHolder(layers(overlay))
    before = holder.kb
    (overlay / "extension.yaml").write_text(EXTENSION.replace("any platform", "any network"))

    result = holder.reload()

    assert result.ok
    assert holder.kb is result.kb
    assert holder.kb is not before
    assert holder.kb.topics[TOPIC].policy[0].endswith("on any network.")


def test_holder_recovers_after_a_broken_reload(overlay: Path) -> None:
    holder = KnowledgeBaseHolder(layers(overlay))
    (overlay / "extension.yaml").write_text("extends: [\n")
    assert not holder.reload().ok
    (overlay / "extension.yaml").write_text(EXTENSION)

    assert holder.reload().ok
    assert holder.kb.topics[TOPIC].rule("employer-forbids") is not None


def test_holder_refuses_to_start_on_broken_packs(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken", {"extension.yaml": "extends: nothing-here\n"})

    with pytest.raises(RulePackError) as caught:
        KnowledgeBaseHolder(layers(broken))
    assert [p.code for p in caught.value.problems] == ["unknown-topic"]
