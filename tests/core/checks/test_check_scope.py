"""checks/scope.py: fallbacks must say the guidance does not cover the answers."""

from __future__ import annotations

from collections.abc import Callable

from packtext import REQUESTER, RULE_BODY, rule_yaml, topic_yaml

from decision_aid.core import LoadResult

LoadText = Callable[..., LoadResult]

PATIENT = rule_yaml("patient", 10, "{fact: requester, is: patient}", "avoid")


def fallback(*fields: str, verdict: str = "caution") -> str:
    extra = "".join(f"    {f}\n" for f in fields)
    return f"  - id: default\n    priority: 0\n    verdict: {verdict}\n{extra}" + RULE_BODY


def codes(result: LoadResult) -> list[tuple[str, str, str]]:
    return [(p.code, p.severity.value, p.message) for p in result.problems]


def test_a_not_covered_fallback_with_a_contact_is_clean(load_text: LoadText) -> None:
    result = load_text(topic_yaml(REQUESTER + "rules:\n" + PATIENT + fallback(
        "scope: not-covered", "contact: demo_lead")))

    assert codes(result) == []


def test_a_fallback_that_reads_like_a_finding_is_a_warning(load_text: LoadText) -> None:
    result = load_text(topic_yaml(REQUESTER + "rules:\n" + PATIENT + fallback()))

    assert codes(result) == [(
        "not-covered-rule", "warning",
        "rule 'default' has no 'when', so it is a fallback, but it reads like a specific "
        "finding")]
    assert result.ok


def test_not_covered_needs_someone_to_ask(load_text: LoadText) -> None:
    result = load_text(topic_yaml(REQUESTER + "rules:\n" + PATIENT + fallback(
        "scope: not-covered")))

    assert codes(result) == [("not-covered-rule", "warning",
                              "not-covered rule 'default' names no one to ask")]


def test_not_covered_is_never_acceptable(load_text: LoadText) -> None:
    result = load_text(topic_yaml(REQUESTER + "rules:\n" + PATIENT + fallback(
        "scope: not-covered", "contact: demo_lead", verdict="acceptable")))

    assert [(p.code, p.severity.value, p.span.line) for p in result.problems] == [
        ("not-covered-rule", "error", 36)]
    assert not result.ok
