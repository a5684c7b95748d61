# ruff: noqa: E501 - the expected lines are the loader's exact one-line output
"""The broken-pack corpus: every fixture in tests/fixtures/packs/ and the exact lines it yields.

A fixture is one file, or a directory of layers (base/, overlay/) loaded in name order. Each
loads on top of the demo references, replies and figures only, so keys resolve and nothing
depends on the real content.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from packtext import DEMO_CONTENT, REQUESTER, TODAY, rule_yaml, topic_yaml

from decision_aid.core import (
    Layer,
    LoadResult,
    RulePackError,
    Severity,
    default_layers,
    display_path,
    load,
)
from decision_aid.core._sources import overlay_dirs_from_env

LoadText = Callable[..., LoadResult]

PACKS = Path("tests/fixtures/packs")


def load_fixture(name: str, *, today: date = TODAY) -> LoadResult:
    path = PACKS / name
    if path.is_dir():
        layers = [Layer(d.name, (d,)) for d in sorted(path.iterdir()) if d.is_dir()]
    else:
        layers = [Layer("fixture", (path,))]
    return load([Layer("built-in", DEMO_CONTENT), *layers], today=today)


CORPUS = [
    pytest.param("at-least-too-large.yaml", [
        'tests/fixtures/packs/at-least-too-large.yaml:27:22: bad-operand at_least 3 of 2 conditions can never hold (use a number from 0 to 2)',
    ], id="at-least-too-large"),
    pytest.param("bad-date.yaml", [
        "tests/fixtures/packs/bad-date.yaml:8:13: bad-format '21/11/2026' has the wrong form in 'reviewed' (write a date as YYYY-MM-DD)",
    ], id="bad-date"),
    pytest.param("bad-enum.yaml", [
        "tests/fixtures/packs/bad-enum.yaml:28:14: bad-value 'avod' is not allowed in 'verdict' (did you mean 'avoid'?)",
    ], id="bad-enum"),
    pytest.param("bad-id-format.yaml", [
        "tests/fixtures/packs/bad-id-format.yaml:25:9: bad-format 'Patient_Request' has the wrong form in 'id' (use kebab-case: lower-case letters, digits and -)",
    ], id="bad-id-format"),
    pytest.param("bad-jurisdiction.yaml", [
        "tests/fixtures/packs/bad-jurisdiction.yaml:7:19: bad-value 'USA' is not allowed in 'jurisdiction' (did you mean 'US'?)",
    ], id="bad-jurisdiction"),
    pytest.param("bad-operand.yaml", [
        'tests/fixtures/packs/bad-operand.yaml:27:33: bad-operand option ids are words, not a list (write the option id, e.g. yes or current_patient)',
    ], id="bad-operand"),
    pytest.param("billion-laughs.yaml", [
        'tests/fixtures/packs/billion-laughs.yaml:1:1: yaml-too-many-nodes the file expands to more than 50000 values (anchors and aliases are bounded; write the content out plainly)',
    ], id="billion-laughs"),
    pytest.param("derived-cycle.yaml", [
        'tests/fixtures/packs/derived-cycle.yaml:25:5: derived-cycle derived facts depend on each other in a circle: risky → worrying → risky (derive one of them from questions only)',
    ], id="derived-cycle"),
    pytest.param("derived-shape.yaml", [
        "tests/fixtures/packs/derived-shape.yaml:25:5: derived-shape a derived fact has either 'count' or 'when', not both (keep one)",
    ], id="derived-shape"),
    pytest.param("disable-unknown-rule", [
        "tests/fixtures/packs/disable-unknown-rule/overlay/extension.yaml:3:11: unknown-rule rule 'defualt' does not exist (did you mean 'default'?)",
    ], id="disable-unknown-rule"),
    pytest.param("duplicate-key.yaml", [
        "tests/fixtures/packs/duplicate-key.yaml:27:5: duplicate-key key 'priority' appears twice in this mapping (first at line 26; keep one)",
    ], id="duplicate-key"),
    pytest.param("duplicate-option.yaml", [
        "tests/fixtures/packs/duplicate-option.yaml:23:14: duplicate-id option id 'patient' is already used (give it a different id)",
    ], id="duplicate-option"),
    pytest.param("duplicate-question.yaml", [
        "tests/fixtures/packs/duplicate-question.yaml:23:9: duplicate-id question id 'requester' is already used (give it a different id)",
    ], id="duplicate-question"),
    pytest.param("duplicate-reference.yaml", [
        "tests/fixtures/packs/duplicate-reference.yaml:3:5: duplicate-id 'demo-source' is already defined at examples/rules/demo-references.yaml:2:5 (remove one)",
    ], id="duplicate-reference"),
    pytest.param("duplicate-rule.yaml", [
        "tests/fixtures/packs/duplicate-rule.yaml:35:9: duplicate-id rule id 'patient-request' is already used (give it a different id)",
    ], id="duplicate-rule"),
    pytest.param("duplicate-topic", [
        "tests/fixtures/packs/duplicate-topic/overlay/fx-base.yaml:3:7: duplicate-topic topic 'fx-base' is already defined at tests/fixtures/packs/duplicate-topic/base/fx-base.yaml:3:3 (use 'extends:' to change an existing topic)",
    ], id="duplicate-topic"),
    pytest.param("empty-all.yaml", [
        "tests/fixtures/packs/empty-all.yaml:27:12: condition-shape 'all' needs a non-empty list of conditions (write all: [condition, ...])",
    ], id="empty-all"),
    pytest.param("empty-file.yaml", [
        'tests/fixtures/packs/empty-file.yaml:1:1: empty-file the file is empty (add content or delete the file)',
    ], id="empty-file"),
    pytest.param("extends-unknown-topic", [
        "tests/fixtures/packs/extends-unknown-topic/overlay/extension.yaml:2:10: unknown-topic topic 'fx-bsae' does not exist (did you mean 'fx-base'?)",
    ], id="extends-unknown-topic"),
    pytest.param("figure-unknown-source.yaml", [
        "tests/fixtures/packs/figure-unknown-source.yaml:3:5: unknown-source figure 'other-figure' cites unknown source 'demo-sorce' (did you mean 'demo-source'?)",
    ], id="figure-unknown-source"),
    pytest.param("headline-too-long.yaml", [
        "tests/fixtures/packs/headline-too-long.yaml:29:15: too-long 132 characters is over the limit of 120 in 'headline' (shorten it)",
    ], id="headline-too-long"),
    pytest.param("many-errors.yaml", [
        "tests/fixtures/packs/many-errors.yaml:16:5: missing-field 'prompt' is required in 'questions' (add prompt: ...)",
        "tests/fixtures/packs/many-errors.yaml:17:5: unknown-field 'promt' is not a field here (did you mean 'prompt'?)",
        "tests/fixtures/packs/many-errors.yaml:27:18: unknown-fact 'requestor' is not a question or derived fact of this topic (did you mean 'requester'?)",
        "tests/fixtures/packs/many-errors.yaml:37:33: unknown-option 'coleague' is not an option of 'requester' (did you mean 'colleague'?)",
        "tests/fixtures/packs/many-errors.yaml:47:14: bad-value 'cautious' is not allowed in 'verdict' (did you mean 'caution'?)",
    ], id="many-errors"),
    pytest.param("merge-key.yaml", [
        'tests/fixtures/packs/merge-key.yaml:26:5: yaml-merge-key merge keys (<<) are not supported (write the keys out in full)',
    ], id="merge-key"),
    pytest.param("missing-field.yaml", [
        "tests/fixtures/packs/missing-field.yaml:25:5: missing-field 'headline' is required in 'rules' (add headline: ...)",
    ], id="missing-field"),
    pytest.param("multiple-documents.yaml", [
        "tests/fixtures/packs/multiple-documents.yaml:45:1: yaml-multiple-documents a pack file holds one YAML document (remove the '---' separator)",
    ], id="multiple-documents"),
    pytest.param("no-operator.yaml", [
        'tests/fixtures/packs/no-operator.yaml:27:5: condition-shape a fact condition needs exactly one operator (found 0) (write e.g. {fact: question_id, is: option_id})',
    ], id="no-operator"),
    pytest.param("not-a-mapping.yaml", [
        'tests/fixtures/packs/not-a-mapping.yaml:2:1: file-kind a pack file must be a mapping (start with topic:, extends: or references:)',
    ], id="not-a-mapping"),
    pytest.param("operator-kind.yaml", [
        "tests/fixtures/packs/operator-kind.yaml:27:34: operator-kind 'has' does not fit 'requester', a single fact (use is, is_not, in, not_in)",
    ], id="operator-kind"),
    pytest.param("options-on-yes-no.yaml", [
        "tests/fixtures/packs/options-on-yes-no.yaml:27:5: options-on-yes-no a yes_no question has the options yes and no already (remove 'options' or use kind: single)",
    ], id="options-on-yes-no"),
    pytest.param("override-unknown-rule", [
        "tests/fixtures/packs/override-unknown-rule/overlay/extension.yaml:4:9: unknown-rule rule 'patient-requset' does not exist (did you mean 'patient-request'?)",
    ], id="override-unknown-rule"),
    pytest.param("python-tag.yaml", [
        "tests/fixtures/packs/python-tag.yaml:34:13: yaml-tag tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed (remove the tag; packs are plain YAML)",
    ], id="python-tag"),
    pytest.param("relevance-cycle.yaml", [
        'tests/fixtures/packs/relevance-cycle.yaml:23:5: relevance-cycle questions are relevant only after each other: platform → urgent → platform (make one of them always relevant)',
    ], id="relevance-cycle"),
    pytest.param("relevant-unknown-fact.yaml", [
        "tests/fixtures/packs/relevant-unknown-fact.yaml:27:22: unknown-fact 'requestr' is not a question or derived fact of this topic (did you mean 'requester'?)",
    ], id="relevant-unknown-fact"),
    pytest.param("review-overdue.yaml", [
        "tests/fixtures/packs/review-overdue.yaml:3:3: review-overdue warning: topic 'fx-review-overdue' was due for review on 2025-06-01 (review it, then update reviewed and review_due)",
    ], id="review-overdue"),
    pytest.param("rule-conflict.yaml", [
        "tests/fixtures/packs/rule-conflict.yaml:39:5: rule-conflict rules 'patient-request' (avoid) and 'urgent' (caution) have priority 10 and both hold for requester=patient, urgent=yes (give one of them a higher priority)",
    ], id="rule-conflict"),
    pytest.param("single-without-options.yaml", [
        'tests/fixtures/packs/single-without-options.yaml:23:5: missing-options a single question needs options (add options: [{id: ..., label: ...}, ...])',
    ], id="single-without-options"),
    pytest.param("two-heads.yaml", [
        "tests/fixtures/packs/two-heads.yaml:27:5: condition-shape a condition needs exactly one of all, any, not, at_least or fact (found all, fact, is) (put each one in its own condition under all: or any:)",
    ], id="two-heads"),
    pytest.param("uncovered-answers.yaml", [
        "tests/fixtures/packs/uncovered-answers.yaml:3:3: uncovered-answers no rule of topic 'fx-uncovered-answers' holds for requester=colleague (add a fallback rule without 'when' at priority 0)",
    ], id="uncovered-answers"),
    pytest.param("unknown-contact.yaml", [
        "tests/fixtures/packs/unknown-contact.yaml:35:14: unknown-contact rule 'patient-request' names unknown contact 'professionalism_lead' (add it to content/contacts.yaml)",
    ], id="unknown-contact"),
    pytest.param("unknown-fact.yaml", [
        "tests/fixtures/packs/unknown-fact.yaml:27:18: unknown-fact 'requestor' is not a question or derived fact of this topic (did you mean 'requester'?)",
    ], id="unknown-fact"),
    pytest.param("unknown-field.yaml", [
        "tests/fixtures/packs/unknown-field.yaml:16:5: missing-field 'prompt' is required in 'questions' (add prompt: ...)",
        "tests/fixtures/packs/unknown-field.yaml:17:5: unknown-field 'promt' is not a field here (did you mean 'prompt'?)",
    ], id="unknown-field"),
    pytest.param("unknown-figure.yaml", [
        "tests/fixtures/packs/unknown-figure.yaml:35:15: unknown-figure rule 'patient-request' names unknown figure 'demo-figur' (did you mean 'demo-figure'?)",
    ], id="unknown-figure"),
    pytest.param("unknown-file-kind.yaml", [
        'tests/fixtures/packs/unknown-file-kind.yaml:2:1: file-kind not a topic, an extension or a content file (start with topic:, extends:, references:, replies:, figures:, contacts: or vocabulary:)',
    ], id="unknown-file-kind"),
    pytest.param("unknown-operator.yaml", [
        "tests/fixtures/packs/unknown-operator.yaml:27:29: unknown-operator 'iss' is not an operator (did you mean 'is'?)",
    ], id="unknown-operator"),
    pytest.param("unknown-option.yaml", [
        "tests/fixtures/packs/unknown-option.yaml:27:33: unknown-option 'patent' is not an option of 'requester' (did you mean 'patient'?)",
    ], id="unknown-option"),
    pytest.param("unknown-reply.yaml", [
        "tests/fixtures/packs/unknown-reply.yaml:35:12: unknown-reply rule 'patient-request' names unknown reply 'demo-declin' (did you mean 'demo-decline'?)",
    ], id="unknown-reply"),
    pytest.param("unknown-source.yaml", [
        "tests/fixtures/packs/unknown-source.yaml:32:15: unknown-source rule 'patient-request' names unknown source 'demo-sorce' (did you mean 'demo-source'?)",
    ], id="unknown-source"),
    pytest.param("unreachable-contradiction.yaml", [
        "tests/fixtures/packs/unreachable-contradiction.yaml:25:5: unreachable-rule rule 'patient-request' can never decide: its condition can never hold (check the condition for contradictions)",
    ], id="unreachable-contradiction"),
    pytest.param("unreachable-shadowed.yaml", [
        "tests/fixtures/packs/unreachable-shadowed.yaml:36:5: unreachable-rule rule 'patient-request' can never decide: rules of higher priority always decide first (raise its priority or narrow the rules above it)",
    ], id="unreachable-shadowed"),
    pytest.param("unused-question.yaml", [
        "tests/fixtures/packs/unused-question.yaml:23:5: unused-question no rule needs question 'platform' (use it in a rule's 'when' or delete it)",
    ], id="unused-question"),
    pytest.param("wrong-type.yaml", [
        "tests/fixtures/packs/wrong-type.yaml:26:15: wrong-type expected a whole number in 'priority', found text (check the indentation and quoting)",
    ], id="wrong-type"),
    pytest.param("yaml-syntax.yaml", [
        "tests/fixtures/packs/yaml-syntax.yaml:22:32: yaml-syntax syntax error: did not find expected ',' or ']' while parsing a flow sequence (it starts here; the parser stopped at line 22, column 44: check indentation and quoting)",
    ], id="yaml-syntax"),
    pytest.param("yes-no-option-ids.yaml", [
    ], id="yes-no-option-ids"),
]


@pytest.mark.parametrize(("name", "expected"), CORPUS)
def test_fixture_reports_exactly_these_problems(repo_root: Path, name: str,
                                               expected: list[str]) -> None:
    result = load_fixture(name)

    assert [p.format() for p in result.problems] == expected
    assert result.ok == (not result.errors)
    if result.errors:
        with pytest.raises(RulePackError) as caught:
            result.unwrap()
        assert caught.value.problems == result.errors


def test_corpus_covers_every_fixture(repo_root: Path) -> None:
    listed = {p.values[0] for p in CORPUS} | {p.values[0] for p in NEVER_RAISE}

    assert listed == {p.name for p in PACKS.iterdir()}


def test_corpus_holds_at_least_34_broken_packs() -> None:
    assert sum(1 for p in CORPUS if p.values[1]) >= 34


# Inputs that crashed the loader; each must become a problem in the file, not an exception.
NEVER_RAISE = [
    pytest.param("deep-nesting.yaml", id="deep-nesting"),
    pytest.param("impossible-date.yaml", id="impossible-date"),
    pytest.param("recursive-alias.yaml", id="recursive-alias"),
    pytest.param("extends-not-a-string", id="extends-not-a-string"),
]


@pytest.mark.parametrize("name", NEVER_RAISE)
def test_broken_input_is_reported_never_raised(repo_root: Path, name: str) -> None:
    result = load_fixture(name)

    assert not result.ok
    assert result.errors
    assert all(p.span.path.startswith(str(PACKS / name)) for p in result.errors), \
        [p.format() for p in result.errors]


def test_billion_laughs_is_refused_well_under_a_second(repo_root: Path) -> None:
    started = time.perf_counter()
    result = load_fixture("billion-laughs.yaml")
    elapsed = time.perf_counter() - started

    assert [p.code for p in result.problems] == ["yaml-too-many-nodes"]
    assert elapsed < 1.0


def test_all_independent_errors_are_reported_in_one_run(repo_root: Path) -> None:
    result = load_fixture("many-errors.yaml")

    codes = {p.code for p in result.errors}
    assert {"unknown-field", "unknown-fact", "unknown-option", "bad-value"} <= codes
    assert len({p.span.line for p in result.errors}) >= 4


def test_yes_and_no_option_ids_stay_strings(repo_root: Path) -> None:
    result = load_fixture("yes-no-option-ids.yaml")

    topic = result.unwrap().topics["fx-yes-no-option-ids"]
    question = topic.question("consented")
    assert question is not None
    assert question.option_ids == ("yes", "no", "unsure")
    when = topic.rule("consented-patient")
    assert when is not None and when.when is not None
    assert when.when.describe() == "requester = patient and consented = yes"


def test_review_due_in_the_future_is_no_warning(repo_root: Path) -> None:
    result = load_fixture("review-overdue.yaml", today=date(2025, 5, 31))

    assert result.problems == ()


def test_review_overdue_is_a_warning_and_still_loads(repo_root: Path) -> None:
    result = load_fixture("review-overdue.yaml")

    assert result.ok
    assert [p.severity for p in result.problems] == [Severity.WARNING]
    assert result.warnings == result.problems
    assert result.errors == ()


def test_missing_path_is_a_problem_not_an_exception(repo_root: Path) -> None:
    result = load([Layer("fixture", (PACKS / "no-such-file.yaml",))])

    assert [p.code for p in result.problems] == ["file-unreadable"]
    assert result.problems[0].span.path == "tests/fixtures/packs/no-such-file.yaml"


def test_display_path_is_relative_inside_the_working_directory(repo_root: Path) -> None:
    assert display_path(repo_root / "examples" / "rules") == "examples/rules"
    assert display_path(Path("/nonexistent/x.yaml")) == "/nonexistent/x.yaml"


def test_default_layers_are_built_in_then_environment_then_arguments(
        tmp_path: Path, isolated_home: Path) -> None:
    env_dir, arg_dir = tmp_path / "env-rules", tmp_path / "arg-rules"
    env_dir.mkdir()
    arg_dir.mkdir()

    layers = default_layers([arg_dir, env_dir], environ={"DECISION_AID_RULES": str(env_dir)})

    assert [layer.name for layer in layers] == ["built-in", "env-rules", "arg-rules"]
    assert layers[0].paths == (isolated_home / "content", isolated_home / "rules")


def test_overlay_dirs_from_env_skip_empty_entries() -> None:
    assert overlay_dirs_from_env({"DECISION_AID_RULES": "a::b: "}) == [Path("a"), Path("b")]
    assert overlay_dirs_from_env({}) == []


def test_load_without_layers_uses_the_built_in_packs(isolated_home: Path) -> None:
    result = load()

    assert result.ok
    assert result.kb is not None and dict(result.kb.topics) == {}


def test_real_content_smoke(monkeypatch: pytest.MonkeyPatch) -> None:
    """The built-in packs, if they load today, run from the first question to a result."""
    from decision_aid.core import Ask, answer, next_step, start

    monkeypatch.delenv("DECISION_AID_HOME", raising=False)
    result = load(default_layers(environ={}))
    if result.kb is None:
        pytest.skip(f"built-in content does not load yet: {result.errors[0].format()}")
    kb = result.kb
    for topic_id, topic in kb.topics.items():
        session = start(kb, topic_id)
        for _ in range(len(topic.questions) + 1):
            step = next_step(kb, session)
            if not isinstance(step, Ask):
                break
            session = answer(kb, session, step.question.id, step.question.option_ids[:1]
                             if step.question.kind.value == "multi"
                             else step.question.option_ids[0])
        assert not isinstance(step, Ask), topic_id


def test_only_a_multi_choice_option_can_be_exclusive(load_text: LoadText) -> None:
    text = topic_yaml(REQUESTER.replace("{id: colleague, label: A colleague}",
                                        "{id: colleague, label: A colleague, exclusive: true}")
                      + "rules:\n" + rule_yaml("default", 0))

    result = load_text(text)

    assert [(p.span.line, p.code, p.message) for p in result.problems] == [
        (20, "exclusive-option", "only an option of a multi-choice question can be exclusive")]
