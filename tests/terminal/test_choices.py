"""The choice list under prompt_toolkit pipe input: keys in, returned values out."""

from __future__ import annotations

import pytest

from decision_aid.terminal.choices import ChoiceList, choose, run_choice
from decision_aid.terminal.face import Nav

from .conftest import CTRL_C, CTRL_D, DOWN, ENTER, LEFT, SPACE, UP, Keys


def single(**kwargs: object) -> ChoiceList:
    return ChoiceList("Who sent it?", ["A patient", "A colleague", "Someone else"],
                      why="Patients and colleagues differ.", **kwargs)  # type: ignore[arg-type]


def text_of(state: ChoiceList) -> str:
    return "".join(fragment[1] for fragment in state.fragments())


@pytest.mark.parametrize(("typed", "expected"), [
    pytest.param(ENTER, 0, id="enter-takes-the-cursor"),
    pytest.param(DOWN + "\n", 1, id="line-feed-is-enter"),
    pytest.param(DOWN + DOWN + ENTER, 2, id="arrows"),
    pytest.param(DOWN + DOWN + DOWN + ENTER, 0, id="arrows-wrap"),
    pytest.param(UP + ENTER, 2, id="up-wraps"),
    pytest.param("j" + ENTER, 1, id="j-moves-down"),
    pytest.param("2", 1, id="digit-picks-at-once"),
    pytest.param("9" + "3", 2, id="digit-out-of-range-ignored"),
])
def test_single_choice(keys: Keys, typed: str, expected: int) -> None:
    keys.type(typed)
    assert run_choice(single()) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    pytest.param(LEFT, Nav.BACK, id="left"),
    pytest.param("\x7f", Nav.BACK, id="backspace"),
    pytest.param("b", Nav.BACK, id="b"),
    pytest.param("r", Nav.RESTART, id="r"),
])
def test_navigation_keys(keys: Keys, typed: str, expected: Nav) -> None:
    keys.type(typed)
    assert run_choice(single()) is expected


def test_question_mark_shows_why_and_keeps_waiting(keys: Keys) -> None:
    state = single()
    assert "Why this is asked" not in text_of(state)
    keys.type("?" + DOWN + ENTER)
    assert run_choice(state) == 1
    assert state.show_why
    assert "Why this is asked: Patients and colleagues differ." in text_of(state)


def test_the_why_line_is_the_wording_an_overlay_gives() -> None:
    # was: the list wrote "Why this is asked: ..." itself, so a replaced
    # interview.why_asked changed the plain face and not this one
    from decision_aid.core import Wording

    words = Wording({**Wording.base().entries, "interview.why_asked": "Pourquoi : {why}"})
    state = single(words=words, show_why=True)

    assert "Pourquoi : Patients and colleagues differ." in text_of(state)
    assert "Why this is asked" not in text_of(state)


def test_preselected_answer_is_where_the_cursor_starts(keys: Keys) -> None:
    keys.type(ENTER)
    assert run_choice(single(cursor=2)) == 2


def test_multi_ticks_with_space_and_digits(keys: Keys) -> None:
    state = single(multi=True)
    keys.type(SPACE + DOWN + DOWN + SPACE + "1" + "2" + ENTER)
    assert run_choice(state) == (1, 2)
    assert "[x] A colleague" in text_of(state)


def test_multi_enter_with_nothing_ticked_is_none_of_these(keys: Keys) -> None:
    keys.type(ENTER)
    assert run_choice(single(multi=True)) == ()


@pytest.mark.parametrize(("typed", "error"), [
    pytest.param(CTRL_C, KeyboardInterrupt, id="ctrl-c"),
    pytest.param(CTRL_D, EOFError, id="ctrl-d"),
])
def test_leaving_raises(keys: Keys, typed: str, error: type[BaseException]) -> None:
    keys.type(typed)
    with pytest.raises(error):
        run_choice(single())


def test_menu_hotkeys_return_values_and_b_is_not_back(keys: Keys) -> None:
    items = [("why", "[w] why"), ("quit", "[q] quit")]
    keys.type("b" + "q")
    assert choose("What next?", items, hotkeys={"w": "why", "q": "quit"}) == "quit"


def test_ticking_an_exclusive_option_clears_the_others_and_back() -> None:
    state = single(multi=True, exclusive=frozenset({2}))
    state.toggle(0)
    state.toggle(1)
    state.toggle(2)
    alone = set(state.ticked)
    state.toggle(0)

    assert (alone, state.ticked) == ({2}, {0})


# -- drawn for the screen: folded at words, scrolled around the cursor (#9 items 2, 3) ------
def checklist(rows: int, columns: int = 40) -> ChoiceList:
    from prompt_toolkit.data_structures import Size

    labels = [f"Option number {n} with a label long enough to wrap at forty columns"
              for n in range(1, 13)]
    return ChoiceList("Which of these hold?", labels, multi=True,
                      screen=lambda: Size(rows=rows, columns=columns))


def test_a_list_taller_than_the_screen_shows_a_window_with_the_hints() -> None:
    state = checklist(rows=14)
    lines = text_of(state).splitlines()

    assert len(lines) <= 14 and all(len(line) <= 40 for line in lines)
    assert lines[0] == "Which of these hold?"
    assert lines[1].startswith("❯  1. [ ] Option number 1 ")  # numbers align under 12.
    assert "  ↓ " in text_of(state) and "Ctrl-C quit" in lines[-1]


def test_the_window_follows_the_cursor_and_stays_put_inside_it() -> None:
    state = checklist(rows=14)
    for _ in range(11):
        state.move(1)
    text = text_of(state)
    assert "❯ 12. [ ] Option number 12 " in text and "Option number 1 " not in text
    assert "  ↑ " in text and "  ↓ " not in text
    top = state.top

    state.move(-1)
    text_of(state)

    assert state.top == top  # still in view: the list does not jump


def test_a_list_that_fits_shows_every_option_and_no_marks() -> None:
    text = text_of(checklist(rows=60))

    assert "Option number 12 " in text and "↑" not in text.replace("↑↓", "")
    assert " more" not in text


def twelve(**kwargs: object) -> ChoiceList:
    return ChoiceList("Which one?", [f"Option {n}" for n in range(1, 13)],
                      **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("typed", "expected"), [
    pytest.param("1" + "2", 11, id="two-digits-pick-at-once"),
    pytest.param("1" + ENTER, 0, id="one-then-enter"),
    pytest.param("1" + "0", 9, id="ten"),
    pytest.param("2", 1, id="no-longer-number-picks-at-once"),
    pytest.param("1" + "5" + ENTER, 4, id="out-of-range-starts-again"),
    pytest.param("0" + "3", 2, id="a-lone-zero-is-ignored"),
    pytest.param("1" + DOWN + ENTER, 1, id="an-arrow-ends-the-typing"),
])
def test_options_past_nine_are_picked_by_typing_their_number(
        keys: Keys, typed: str, expected: int) -> None:
    # was: options 10 and up had no number key (and no number on screen)
    keys.type(typed)
    assert run_choice(twelve()) == expected


def test_multi_past_nine_ticks_the_typed_number_and_enter_ticks_a_pending_one(
        keys: Keys) -> None:
    state = twelve(multi=True)
    keys.type("1" + "1" + "1" + ENTER + ENTER)
    assert run_choice(state) == (0, 10)


def test_every_option_is_numbered_and_the_hint_names_the_range() -> None:
    assert "12. Option 12" in text_of(twelve())
    assert " 9. Option 9" in text_of(twelve())
    assert "1-12 pick" in twelve().hint() and "1-3 pick" in single().hint()


def test_a_pending_number_is_shown_until_it_is_picked() -> None:
    state = twelve()
    state.type_digit("1")
    assert state.cursor == 0
    assert "typed 1: another digit, or Enter" in text_of(state)


def test_a_number_that_could_go_on_is_taken_after_a_pause(keys: Keys) -> None:
    keys.pipe.send_text("1")  # of twelve: it could be 10, 11 or 12, so it waits, then is 1
    assert run_choice(twelve(window=0.05)) == 0  # (the input stays open: no EOFError)
