"""Arguments that used to be taken silently: a repeated --answer, an unknown jurisdiction,
a topic named after `topics` (#9 item 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from decision_aid.cli import main

from .args import DEMO, PATIENT, Run


def test_a_question_answered_twice_is_refused_with_both_answers(
        cli: Run) -> None:
    code, out, err = cli("ask", "demo-requests", *PATIENT, "--answer", "urgent=yes",
                         *DEMO)

    assert (code, out) == (2, "")
    # was: "(a multi-choice one takes a list: urgent=a,b)" for a yes/no question
    assert err == ("decision-aid: --answer gives 'urgent' twice ('no', then 'yes'); give each "
                   "question once\n")


def test_a_multi_choice_question_given_twice_shows_the_list_to_give(cli: Run) -> None:
    code, _, err = cli("ask", "demo-requests", "--answer", "requester=colleague",
                       "--answer", "signals=met", "--answer", "signals=verified", *DEMO)

    assert code == 2
    assert err.endswith("give each question once (it takes several options as a list: "
                        "signals=met,verified)\n")


def test_the_same_answer_twice_is_refused_too(cli: Run) -> None:
    code, _, err = cli("ask", "demo-requests", *PATIENT, "--answer", "urgent=no", *DEMO)

    assert code == 2
    assert "gives 'urgent' twice" in err


@pytest.mark.parametrize("command", [
    pytest.param(["ask", "demo-requests", *PATIENT], id="ask"),
    pytest.param(["interview", "--plain", "demo-requests"], id="interview"),
])
def test_an_unknown_jurisdiction_is_refused_with_the_known_ones(
        cli: Run, command: list[str]) -> None:
    code, out, err = cli(*command, "--jurisdiction", "Mars", *DEMO)

    assert (code, out) == (2, "")
    assert err == ("decision-aid: --jurisdiction 'Mars' is not one the sources name "
                   "(known: international)\n")


def test_an_unknown_jurisdiction_from_the_environment_names_the_variable(
        cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECISION_AID_JURISDICTION", "Mars")

    code, _, err = cli("ask", "demo-requests", *PATIENT, *DEMO)

    assert code == 2
    assert err.startswith("decision-aid: DECISION_AID_JURISDICTION 'Mars' is not one")


def test_a_known_jurisdiction_in_any_case_is_taken(cli: Run) -> None:
    code, out, err = cli("ask", "demo-requests", *PATIENT, "--jurisdiction",
                         "INTERNATIONAL", "--format", "json", *DEMO)

    assert (code, err) == (0, "")
    assert json.loads(out)["verdict"] == "avoid"


def test_topics_with_a_topic_shows_that_topic(cli: Run) -> None:
    code, out, err = cli("topics", "demo-requests", *DEMO)

    assert (code, err) == (0, "")
    assert out.startswith("demo-requests — Demo — a connection request (v1.0.0")
    assert "  urgent: Does the message describe urgent symptoms? [yes/no]" in out


def test_topics_with_a_topic_as_json_is_that_topic(cli: Run) -> None:
    code, out, _ = cli("topics", "demo-requests", "--format", "json", *DEMO)

    assert code == 0
    assert [t["id"] for t in json.loads(out)] == ["demo-requests"]


def test_topics_with_an_unknown_topic_suggests_one(cli: Run) -> None:
    code, out, err = cli("topics", "demo-request", *DEMO)

    assert (code, out) == (2, "")
    assert err == "decision-aid: unknown topic 'demo-request' (did you mean 'demo-requests'?)\n"


def test_the_slack_bot_gets_the_jurisdiction_option(
        cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import decision_aid.slack.main as slack_main

    seen: list[object] = []
    monkeypatch.setattr(slack_main, "run", lambda options: seen.append(options) or 0)

    assert main(["slack", "--jurisdiction", "UK"]) == 0
    assert [getattr(o, "jurisdiction", None) for o in seen] == ["UK"]


CASES = "tests/fixtures/cases/demo-cases.yaml"


@pytest.mark.parametrize("command", [
    pytest.param(["topics"], id="topics"),
    pytest.param(["topics", "demo-requests"], id="topics-one"),
    pytest.param(["cases", "run", CASES], id="cases-run"),
    pytest.param(["cases", "play", CASES], id="cases-play"),
    pytest.param(["cases", "coverage", CASES], id="cases-coverage"),
    pytest.param(["cases", "export", CASES, "--output", "never.html"], id="cases-export"),
    pytest.param(["cases", "new", "demo-requests"], id="cases-new"),
    pytest.param(["rules", "lint"], id="rules-lint"),
    pytest.param(["rules", "graph", "demo-requests"], id="rules-graph"),
    pytest.param(["ask", "demo-requests", *PATIENT], id="ask"),
    pytest.param(["interview", "--plain", "demo-requests"], id="interview"),
])
def test_every_command_that_takes_a_jurisdiction_refuses_an_unknown_one_alike(
        cli: Run, command: list[str]) -> None:
    # was: only interview and ask checked it; the rest took any name and ignored it
    code, out, err = cli(*command, "--jurisdiction", "internationl", *DEMO)

    assert (code, out) == (2, "")
    assert err == ("decision-aid: --jurisdiction 'internationl' is not one the sources name "
                   "(did you mean 'international'? known: international)\n")


def test_an_unknown_jurisdiction_in_the_environment_is_refused_by_cases_run_too(
        cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECISION_AID_JURISDICTION", "Mars")

    code, _, err = cli("cases", "run", CASES, *DEMO)

    assert code == 2
    assert err.startswith("decision-aid: DECISION_AID_JURISDICTION 'Mars' is not one")


def test_the_slack_bot_refuses_an_unknown_jurisdiction_before_it_connects(
        capsys: pytest.CaptureFixture[str]) -> None:
    from decision_aid.slack.main import Options, run

    env = {"SLACK_BOT_TOKEN": "xoxb-0000-1111", "SLACK_APP_TOKEN": "xapp-0000-1111",
           "DECISION_AID_JURISDICTION": "Mars"}

    code = run(Options(overlays=(Path("examples/rules"),)), environ=env)

    assert code == 2
    assert capsys.readouterr().err == (
        "decision-aid slack: DECISION_AID_JURISDICTION 'Mars' is not one the sources name "
        "(known: international)\n")


@pytest.mark.parametrize(("argv", "said"), [
    pytest.param(["ask", "demo-requests", "--format", "nope"],
                 "decision-aid ask: argument --format: invalid choice: 'nope'", id="bad-choice"),
    pytest.param(["cases", "export"], "decision-aid cases export: the following arguments "
                 "are required: --output", id="missing-option"),
    pytest.param(["rules"], "decision-aid rules: the following arguments are required: ACTION",
                 id="missing-action"),
    pytest.param(["ask", "demo-requests", "--bogus"], "decision-aid: unrecognized arguments: "
                 "--bogus",
                 id="unknown-option"),
])
def test_a_usage_error_is_one_line_that_points_at_help(
        cli: Run, argv: list[str], said: str) -> None:
    code, out, err = cli(*argv)

    assert (code, out) == (2, "")
    assert err.startswith(said)
    assert err.count("\n") == 1 and err.rstrip().endswith("--help)")
