"""Folding at word boundaries: every line fits, words stay whole, continuations hang."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from decision_aid.terminal.wrap import cells, fold, fold_items, screen_width

WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzé界—-'", min_size=1, max_size=10),
                 min_size=1, max_size=30)
"""Words of at most 20 cells: they fit beside the deepest hang (10) from 32 columns."""


@given(words=WORDS, width=st.integers(min_value=32, max_value=120),
       marker=st.sampled_from(["", "  1. ", "❯ 12. [x] ", "✔ ", "• ", "    "]))
def test_lines_fit_and_words_come_back_whole(words: list[str], width: int, marker: str) -> None:
    line = marker + " ".join(words)
    lines = fold(line, width)

    assert all(cells(row) <= width for row in lines)
    assert " ".join(lines).split() == line.split()  # no word cut or lost


def test_an_option_hangs_under_its_label() -> None:
    assert fold("❯ 1. [x] A colleague shared a patient's photo, screenshot or details", 40) == [
        "❯ 1. [x] A colleague shared a patient's",
        "         photo, screenshot or details"]


def test_a_word_wider_than_the_line_is_cut_as_a_last_resort() -> None:
    address = "https://example.org/" + "a" * 50

    lines = fold(f"  • {address}", 30)

    assert all(cells(row) <= 30 for row in lines)
    assert "".join(row.strip() for row in lines) == f"• {address}"


def test_wide_characters_take_two_cells() -> None:
    assert cells("界界") == 4
    assert fold("界界 界界 界界", 9) == ["界界 界界", "界界"]


def test_hints_break_only_between_keys() -> None:
    keys = ["↑↓ move", "1-9 pick", "Enter choose", "? why", "← back", "r restart", "Ctrl-C quit"]

    assert fold_items(keys, 40, " · ") == ["↑↓ move · 1-9 pick · Enter choose",
                                           "? why · ← back · r restart · Ctrl-C quit"]


def test_without_a_width_nothing_is_folded() -> None:
    text = "word " * 100
    assert fold(text, None) == [text]
    assert screen_width(io.StringIO()) is None


def test_an_option_past_nine_keeps_its_column_under_the_cursor() -> None:
    assert fold("❯    [ ] I'm not sure, or I haven't checked the file's metadata", 40) == [
        "❯    [ ] I'm not sure, or I haven't",
        "         checked the file's metadata"]


def test_a_text_of_several_lines_is_folded_line_by_line() -> None:
    from decision_aid.terminal.wrap import fold_all

    assert fold_all(["AVOID: no\n\n  - one two three four five six", "x"], 20) == [
        "AVOID: no", "", "  - one two three", "    four five six", "x"]
