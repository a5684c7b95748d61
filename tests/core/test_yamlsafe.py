"""Safe YAML reading: plain data, 1-based positions, and problems instead of exceptions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from decision_aid.core import Span
from decision_aid.core import _yamlsafe as yamlsafe
from decision_aid.core._yamlsafe import read_yaml


def codes(text: str) -> list[tuple[int, int, str]]:
    _, problems = read_yaml("x.yaml", text)
    return [(p.span.line, p.span.col, p.code) for p in problems]


def data(text: str) -> object:
    doc, problems = read_yaml("x.yaml", text)
    assert problems == []
    return doc.data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a: yes", "yes", id="yes"),
        pytest.param("a: no", "no", id="no"),
        pytest.param("a: on", "on", id="on"),
        pytest.param("a: off", "off", id="off"),
        pytest.param("a: Yes", "Yes", id="capital-yes"),
        pytest.param("a: y", "y", id="y"),
        pytest.param("a: true", True, id="true"),
        pytest.param("a: False", False, id="false"),
        pytest.param("a: 3", 3, id="int"),
        pytest.param("a: -12", -12, id="negative-int"),
        pytest.param("a: 999999999", 999_999_999, id="largest-int"),
        pytest.param("a: 1.0.0", "1.0.0", id="version-is-text"),
        pytest.param("a: '0x1F'", "0x1F", id="quoted-hex-is-text"),
        pytest.param("a: ~", None, id="null"),
        pytest.param("a:", None, id="empty"),
        pytest.param("a: 2026-11-21", "2026-11-21", id="date-as-iso-text"),
        pytest.param("a: '3'", "3", id="quoted-number"),
        pytest.param("a: !!str 3", "3", id="str-tag"),
    ],
)
def test_scalars_are_read_as_yaml_1_2_plain_data(text: str, expected: object) -> None:
    value = data(text)

    assert value == {"a": expected}
    assert type(value["a"]) is type(expected)  # type: ignore[index]


def test_spans_are_one_based_for_values_and_keys() -> None:
    doc, _ = read_yaml("x.yaml", "top:\n  - id: first\n    kind: single\n")

    assert doc.span(()) == Span("x.yaml", 1, 1)
    assert doc.span(("top", 0, "id")) == Span("x.yaml", 2, 9)
    assert doc.key_span(("top", 0, "kind")) == Span("x.yaml", 3, 5)
    assert doc.span(("top", 0, "kind")) == Span("x.yaml", 3, 11)


def test_span_of_a_missing_path_falls_back_to_the_nearest_value() -> None:
    doc, _ = read_yaml("x.yaml", "top:\n  inner: 1\n")

    assert doc.span(("top", "absent", 3)) == Span("x.yaml", 2, 3)
    assert doc.key_span(("top", "absent")) == Span("x.yaml", 2, 3)


def test_duplicate_key_reports_the_second_and_names_the_first() -> None:
    _, problems = read_yaml("x.yaml", "a: 1\nb: 2\na: 3\n")

    assert [p.format() for p in problems] == [
        "x.yaml:3:1: duplicate-key key 'a' appears twice in this mapping "
        "(first at line 1; keep one)"]


def test_duplicate_key_keeps_the_first_value() -> None:
    doc, _ = read_yaml("x.yaml", "a: 1\na: 2\n")

    assert doc.data == {"a": 1}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a: !!python/object:os.system {}\n", id="python-object"),
        pytest.param("a: !!python/name:os.system ''\n", id="python-name"),
        pytest.param("a: !!python/object/apply:os.system [ls]\n", id="python-apply"),
        pytest.param("a: !custom x\n", id="local-tag"),
        pytest.param("a: !!binary aGk=\n", id="binary"),
        pytest.param("a: !!set {x: null}\n", id="set"),
    ],
)
def test_tags_outside_plain_yaml_are_problems(text: str) -> None:
    assert codes(text) == [(1, 4, "yaml-tag")]


def test_python_tag_never_constructs_anything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    marker = tmp_path / "ran"
    monkeypatch.chdir(tmp_path)
    text = f"a: !!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path " \
           f"['{marker}']]\n"

    read_yaml("x.yaml", text)

    assert not marker.exists()


def test_merge_key_is_a_problem() -> None:
    assert codes("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n") == [(3, 3, "yaml-merge-key")]


def test_complex_key_is_a_problem() -> None:
    assert codes("? [a, b]\n: 1\n") == [(1, 3, "yaml-complex-key")]


def test_multiple_documents_point_at_the_second() -> None:
    assert codes("a: 1\n---\nb: 2\n") == [(3, 1, "yaml-multiple-documents")]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_file_is_a_problem(text: str) -> None:
    assert codes(text) == [(1, 1, "empty-file")]


def test_syntax_error_points_where_the_open_construct_began() -> None:
    _, problems = read_yaml("x.yaml", "a: [1, 2\nb: 3\n")

    assert [p.format() for p in problems] == [
        "x.yaml:1:4: yaml-syntax syntax error: did not find expected ',' or ']' while parsing "
        "a flow sequence (it starts here; the parser stopped at line 2, column 2: check "
        "indentation and quoting)"]


def test_an_unclosed_quote_points_at_the_quote_not_past_the_end_of_the_file() -> None:
    # issue 9 item 7: was fr.yaml:4:1 for a 3-line file, without PyYAML's context
    text = "topic:\n  id: fr\n  title: 'Friend requests\n"

    _, problems = read_yaml("fr.yaml", text)

    assert [p.format() for p in problems] == [
        "fr.yaml:3:10: yaml-syntax syntax error: found unexpected end of stream while "
        "scanning a quoted scalar (it starts here; the parser stopped at the end of the file: "
        "check indentation and quoting)"]


@pytest.mark.parametrize("text", [
    pytest.param("a: b: c", id="no-context"),
    pytest.param("a: [1, 2", id="no-final-newline"),
    pytest.param("a: {b: 1\n\n\n", id="blank-lines-after"),
    pytest.param("a:\n\tb: 1\n", id="tab"),
])
def test_a_syntax_error_never_points_past_the_last_line(text: str) -> None:
    _, problems = read_yaml("x.yaml", text)

    lines = text.rstrip("\n").split("\n")
    [problem] = problems
    assert problem.code == "yaml-syntax"
    assert 1 <= problem.span.line <= len(lines)
    assert 1 <= problem.span.col <= len(lines[problem.span.line - 1]) + 1


@pytest.mark.parametrize(("text", "where"), [
    pytest.param("a: b\nc: d\x1b\n", (2, 5), id="escape"),
    pytest.param("a: \x00\n", (1, 4), id="nul"),
    pytest.param("a: b\n\ufffe", (2, 1), id="noncharacter"),
])
def test_a_character_yaml_forbids_is_one_line_at_its_position(text: str,
                                                              where: tuple[int, int]) -> None:
    # found by the loader fuzz (issue 12): PyYAML's ReaderError has no mark, only a position,
    # and its text is two lines ('\n  in "<unicode string>", position 9'), without line:col
    _, problems = read_yaml("x.yaml", text)

    [problem] = problems
    assert (problem.span.line, problem.span.col, problem.code) == (*where, "yaml-syntax")
    assert "\n" not in problem.format() and "#x" in problem.message


@pytest.mark.parametrize("text", [
    pytest.param('a: "x\\e[2J"\n', id="escape-sequence"),
    pytest.param('a: "\\e]52;c;aGk=\\a"\n', id="osc-52-clipboard"),
    pytest.param('a: "nul\\0"\n', id="nul"),
    pytest.param('a: "c1 \\x9b"\n', id="c1-control"),
    pytest.param('a: ["ok", "\\x1b"]\n', id="in-a-list"),
])
def test_control_characters_in_pack_text_are_refused(text: str) -> None:
    # issue 12 (a malicious overlay author): escapes in a double-quoted scalar put ESC and
    # other controls into text the terminal prints as is (rich passes ESC through), so a
    # headline could clear the screen or set the clipboard
    _, problems = read_yaml("x.yaml", text)

    assert [(p.span.line, p.code) for p in problems] == [(1, "bad-scalar")]
    assert "control character" in problems[0].message


def test_tabs_and_line_breaks_in_pack_text_are_kept() -> None:
    doc, problems = read_yaml("x.yaml", 'a: "one\\ttwo\\nthree"\nb: |\n  x\n  y\n')

    assert problems == [] and doc.data == {"a": "one\ttwo\nthree", "b": "x\ny\n"}


def test_tab_indentation_is_a_syntax_error() -> None:
    assert [c for _, _, c in codes("a:\n\tb: 1\n")] == ["yaml-syntax"]


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghijk"[: levels - 1]:
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_quickly() -> None:
    started = time.perf_counter()
    _, problems = read_yaml("x.yaml", billion_laughs())
    elapsed = time.perf_counter() - started

    assert [p.code for p in problems] == ["yaml-too-many-nodes"]
    assert elapsed < 1.0


def test_aliases_below_the_bound_are_expanded() -> None:
    value = data("a: &x [1, 2]\nb: *x\n")

    assert value == {"a": [1, 2], "b": [1, 2]}


def test_alias_expansion_bound_counts_every_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 10)

    assert [c for _, _, c in codes("a: &x [1, 2, 3, 4]\nb: *x\nc: *x\n")] == [
        "yaml-too-many-nodes"]


def test_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 10)
    path = tmp_path / "big.yaml"
    path.write_text("a: 12345678901234567890\n")

    _, problems = read_yaml(path)

    assert [p.code for p in problems] == ["file-too-large"]


def test_file_not_in_utf8_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: café\n".encode("latin-1"))

    _, problems = read_yaml(path)

    assert [p.code for p in problems] == ["file-encoding"]


def test_missing_file_is_a_problem(tmp_path: Path) -> None:
    _, problems = read_yaml(tmp_path / "absent.yaml")

    assert [p.code for p in problems] == ["file-unreadable"]
    assert problems[0].span == Span(str(tmp_path / "absent.yaml"))


# -- numbers: plain decimal integers only (issue 13 items 1 and 6) ---------------------------
@pytest.mark.parametrize("value", [
    pytest.param("0x1F", id="hex"),
    pytest.param("0o17", id="octal"),
    pytest.param("017", id="leading-zero"),
    pytest.param("1_000", id="underscores"),
    pytest.param("1:30", id="sexagesimal"),
    pytest.param("1.5", id="float"),
    pytest.param("1e3", id="exponent"),
    pytest.param(".inf", id="infinity"),
    pytest.param(".nan", id="nan"),
    pytest.param("!!int 0x10", id="int-tag"),
    pytest.param("!!float 2", id="float-tag"),
])
def test_numbers_other_than_plain_decimals_are_bad_scalars(value: str) -> None:
    _, problems = read_yaml("x.yaml", f"priority: {value}\n")

    assert [(p.span.line, p.span.col, p.code) for p in problems] == [(1, 11, "bad-scalar")]
    assert "not a plain whole number" in problems[0].message


@pytest.mark.parametrize("value", ["1000000000", "-1000000000", "9" * 5000])
def test_decimal_numbers_outside_the_range_are_bad_scalars(value: str) -> None:
    _, problems = read_yaml("x.yaml", f"priority: {value}\n")

    assert [p.code for p in problems] == ["bad-scalar"]
    assert "outside the range" in problems[0].message


@pytest.mark.parametrize("value", [
    pytest.param("1" + ":59" * 100_000, id="sexagesimal-600kb"),
    pytest.param("0x" + "f" * 5000, id="hex-5000-digits"),
])
def test_a_huge_number_is_refused_with_a_short_quote(value: str) -> None:
    _, problems = read_yaml("x.yaml", f"priority: {value}\n")

    [problem] = problems
    assert problem.code == "bad-scalar"
    assert len(problem.format()) < 300
    assert f"({len(value)} characters)" in problem.message


def test_a_bool_tag_on_other_text_is_a_bad_scalar() -> None:
    assert codes("a: !!bool yes\n") == [(1, 4, "bad-scalar")]


# -- bounds while composing -------------------------------------------------------------------
def test_a_huge_flow_list_is_stopped_while_composing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 100)
    built: list[int] = []
    builder_value = yamlsafe._Builder.value
    monkeypatch.setattr(yamlsafe._Builder, "value",
                        lambda self, *a: built.append(1) or builder_value(self, *a))

    _, problems = read_yaml("x.yaml", "a: [" + "1, " * 10_000 + "1]\n")

    assert [p.code for p in problems] == ["yaml-too-many-nodes"]
    assert built == []  # refused before any data was built


def test_deep_nesting_is_refused_while_composing(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []
    builder_value = yamlsafe._Builder.value
    monkeypatch.setattr(yamlsafe._Builder, "value",
                        lambda self, *a: built.append(1) or builder_value(self, *a))

    _, problems = read_yaml("x.yaml", "a: " + "[" * 900 + "]" * 900 + "\n")

    assert [p.code for p in problems] == ["yaml-too-deep"]
    assert built == []


def test_twenty_thousand_levels_of_nesting_are_one_problem() -> None:
    _, problems = read_yaml("x.yaml", "a: " + "[" * 20_000 + "]" * 20_000 + "\n")

    assert len(problems) == 1  # libyaml's own limit (1000 flow levels) or ours
    assert problems[0].code in ("yaml-syntax", "yaml-too-deep")


# -- positions found on demand ---------------------------------------------------------------
def test_lazy_positions_equal_the_plain_positions_the_cache_stores() -> None:
    text = ("top:\n  - id: a\n    opts: [x, {y: 1}]\n  - &b {id: b}\n  - *b\n"
            "dup: 1\ndup: 2\nnum: 3\n")
    doc, _ = read_yaml("x.yaml", text)
    values, keys = doc.plain_positions()
    stored = yamlsafe.Document("x.yaml", doc.data, values, keys)

    probes = [(), ("top",), ("top", 0), ("top", 0, "opts", 1, "y"), ("top", 2, "id"),
              ("dup",), ("num",), ("top", 9), ("top", 0, "absent", 3), ("num", 0)]
    assert [doc.span(p) for p in probes] == [stored.span(p) for p in probes]
    assert [doc.key_span(p) for p in probes[1:]] == [stored.key_span(p) for p in probes[1:]]
    assert doc.span(("dup",)) == Span("x.yaml", 6, 6)  # the first of duplicate keys


# -- inputs that used to escape as exceptions ------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("reviewed: 2026-13-45\n", id="month-13"),
        pytest.param("reviewed: 2026-02-30\n", id="february-30"),
    ],
)
def test_impossible_date_is_a_problem_not_an_exception(text: str) -> None:
    _, problems = read_yaml("x.yaml", text)

    assert [(p.span.line, p.span.col) for p in problems] == [(1, 11)]
    assert problems[0].is_error


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a: " + "[" * 600 + "]" * 600 + "\n", id="deep-lists"),
        pytest.param("a: " + "{b: " * 600 + "1" + "}" * 600 + "\n", id="deep-mappings"),
        pytest.param("loop: &loop [*loop]\n", id="recursive-alias"),
    ],
)
def test_deep_or_recursive_nesting_is_a_problem_not_an_exception(text: str) -> None:
    _, problems = read_yaml("x.yaml", text)

    assert len(problems) == 1
    assert problems[0].is_error


# -- the composer's bookkeeping --------------------------------------------------------------
def test_depth_is_the_chain_being_composed_not_the_nodes_seen_so_far() -> None:
    # thousands of siblings, each nested a few levels, with aliases among them: the depth
    # counted while composing returns to where it was after every node
    items = "".join(f"  - {{id: r{i}, when: {{all: [{{fact: q, is: [a]}}]}}}}\n"
                    for i in range(3_000))
    text = f"anchor: &x {{a: [1]}}\nrules:\n{items}  - *x\n  - *x\n"
    doc, problems = read_yaml("x.yaml", text)

    assert problems == []
    assert len(doc.data["rules"]) == 3_002
    assert doc.data["rules"][-1] == {"a": [1]}


@pytest.mark.parametrize(("levels", "refused"), [(yamlsafe.MAX_DEPTH + 1, False),
                                                 (yamlsafe.MAX_DEPTH + 2, True)])
def test_depth_limit_holds_at_its_edge(levels: int, refused: bool) -> None:
    # the root is depth 0: MAX_DEPTH + 1 nested lists reach depth MAX_DEPTH
    _, problems = read_yaml("x.yaml", "[" * levels + "]" * levels + "\n")

    assert [p.code for p in problems] == (["yaml-too-deep"] if refused else [])


def test_only_the_loader_freezes_what_is_composed(monkeypatch: pytest.MonkeyPatch) -> None:
    frozen: list[int] = []
    monkeypatch.setattr(yamlsafe.gc, "freeze", lambda: frozen.append(1))
    text = "rules:\n" + "".join(f"  - {{id: r{i}, n: {i}}}\n" for i in range(5_000))

    plain, _ = read_yaml("x.yaml", text)
    assert frozen == []  # a case or answers file read outside a load: nothing to unfreeze
    loaded, _ = read_yaml("x.yaml", text, freeze=True)
    assert len(frozen) == 5_000 * 5 // yamlsafe.FREEZE_EVERY
    assert loaded.data == plain.data
