"""A result on a small screen leads with its summary and keeps the verdict in view above the
menu; the full result is one key away and ends with the verdict again (#9 item 4)."""

from __future__ import annotations

import shutil

import pytest

from .tmux import Tmux, command_line

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

HEADLINE = "Don't accept; decline kindly and point them to your professional page"


def flat(screen: str) -> str:
    return " ".join(screen.split())


def friend_request_result(term: Tmux, width: int, height: int) -> str:
    """A current patient's friend request on a personal account: AVOID."""
    term.start(command_line(None, ["interview", "friend-requests"]), width=width,
               height=height)
    for key, wait in (("1", "What kind of connection is it?"),     # a current patient
                      ("1", "romantic"),                           # personal account
                      ("2", "Did you know them socially"),         # not romantic
                      ("2", "a doctor in training?"),              # no prior tie
                      ("2", "What next?")):                        # not a trainee
        term.wait_words("Ctrl-C quit")
        term.type(key)
        term.wait_words(wait)
    return term.visible()


@pytest.mark.parametrize(("width", "height"), [(100, 35), (40, 30)])
def test_the_verdict_is_on_screen_when_the_result_is_shown(term: Tmux, width: int,
                                                          height: int) -> None:
    screen = friend_request_result(term, width, height)

    assert " AVOID " in screen, screen
    assert HEADLINE in flat(screen)
    assert "Sources" not in screen.splitlines()   # details wait behind a key
    assert "[d] full result (sources, limits)" in screen


def test_the_summary_fits_a_35_row_screen_at_100_columns(term: Tmux) -> None:
    screen = friend_request_result(term, 100, 35)
    lines = screen.splitlines()

    assert lines.count("What to do") == 1 and "A reply you can send" in flat(screen)
    assert sum(1 for line in lines if line.startswith(" AVOID ")) == 2, screen


def test_the_full_result_is_one_key_away_and_ends_with_the_verdict(term: Tmux) -> None:
    friend_request_result(term, 100, 35)
    term.type("d")
    screen = term.wait(lambda s: "Sources" in s.splitlines() and "What next?" in s,
                       "the full result")
    after = screen[screen.rindex(" AVOID "):]
    assert "Sources" not in after and "What next?" in after
    term.type("q")
    assert "EXIT=0" in term.wait_text("EXIT=")
