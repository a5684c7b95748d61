"""Lint reports every problem at once, where it was written (#9 item 9): an unknown source
in a rule whose condition is also broken, and each unknown reference at its own key's line,
not at the rule's first line; an override that changes a verdict but keeps the old words."""

from __future__ import annotations

from pathlib import Path

from packtext import DEMO_CONTENT, DEMO_RULES, REQUESTER, RULE_BODY, TODAY, topic_yaml

from decision_aid.core import Layer, load

RULE = """\
rules:
  - id: patient-request
    priority: 50
    when: {{fact: {fact}, is: patient}}
    verdict: avoid
""" + RULE_BODY.replace("    sources: [demo-source]\n",
                        "    sources: [demo-source, {source}]\n    reply: {reply}\n")


def lint(tmp_path: Path, text: str, *extra: Path) -> list[str]:
    pack = tmp_path / "pack.yaml"
    pack.write_text(text, encoding="utf-8")
    result = load([Layer("pack", (*DEMO_CONTENT, pack, *extra))], today=TODAY)
    return [f"{p.span.line}:{p.span.col} {p.code}" for p in result.problems
            if p.code.startswith("unknown-")]


def test_an_unknown_source_is_reported_with_an_unknown_fact(tmp_path: Path) -> None:
    text = topic_yaml(REQUESTER + RULE.format(fact="requestor", source="demo-sorce",
                                              reply="demo-decline"))

    found = lint(tmp_path, text)

    assert "24:18 unknown-fact" in found
    assert "29:28 unknown-source" in found  # not only once the fact is fixed


def test_each_unknown_reference_points_at_its_own_key(tmp_path: Path) -> None:
    text = topic_yaml(REQUESTER + RULE.format(fact="requester", source="demo-sorce",
                                              reply="demo-declin"))

    assert lint(tmp_path, text) == ["29:28 unknown-source", "30:12 unknown-reply"]


OVERRIDE = """\
extends: demo-requests
version: "2"
override:
  - id: patient-personal
    verdict: acceptable
{more}"""


def overlay(tmp_path: Path, more: str) -> list[str]:
    folder = tmp_path / "overlay"
    folder.mkdir()
    (folder / "local.yaml").write_text(OVERRIDE.format(more=more), encoding="utf-8")
    result = load([Layer("demo", (DEMO_RULES,)), Layer("local", (folder,))], today=TODAY)
    return [f"{p.span.line}:{p.span.col} {p.code} {p.severity.value}: {p.message}"
            for p in result.problems if p.span.path.endswith("local.yaml")]


def test_a_changed_verdict_with_the_old_reasons_is_a_warning(tmp_path: Path) -> None:
    assert overlay(tmp_path, "") == [
        "5:14 override-keeps-words warning: the override makes 'patient-personal' acceptable "
        "(it was avoid) but keeps its headline, reasons and actions"]


def test_a_changed_verdict_with_new_words_passes(tmp_path: Path) -> None:
    more = ("    headline: Accepting is fine here.\n    reasons: [Local rule.]\n"
            "    actions: [Accept.]\n")

    assert overlay(tmp_path, more) == []


def test_new_reasons_but_the_old_headline_names_what_is_kept(tmp_path: Path) -> None:
    found = overlay(tmp_path, "    reasons: [Local rule.]\n")

    assert found == ["5:14 override-keeps-words warning: the override makes 'patient-personal' "
                     "acceptable (it was avoid) but keeps its headline and actions"]
