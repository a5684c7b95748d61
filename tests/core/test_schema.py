"""The shipped JSON Schema: valid itself, and its errors turned into positioned problems."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from decision_aid.core._schema import _validator, check, is_valid, pack_schema
from decision_aid.core._yamlsafe import read_yaml


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(pack_schema())


def test_schema_defines_every_file_kind() -> None:
    assert {"topic_file", "extension_file", "references_file", "replies_file", "figures_file",
            "contacts_file", "cases_file"} <= set(pack_schema()["$defs"])


def problems(text: str, definition: str) -> list[str]:
    doc, found = read_yaml("s.yaml", text)
    assert found == []
    return [p.format() for p in check(doc, definition)]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("contacts: [{id: lead, role: Lead, how: Call.}]", [], id="valid"),
    pytest.param("contacts: [{id: lead, role: Lead, hwo: Call.}]",
                 ["s.yaml:1:12: missing-field 'how' is required in 'contacts' (add how: ...)",
                  "s.yaml:1:35: unknown-field 'hwo' is not a field here (did you mean 'how'?)"],
                 id="misspelt-field"),
    pytest.param("contacts: [{id: Lead, role: Lead, how: Call.}]",
                 ["s.yaml:1:17: bad-format 'Lead' has the wrong form in 'id' "
                  "(use snake_case: lower-case letters, digits and _)"], id="bad-id"),
    pytest.param("contacts: [{id: lead, role: '', how: Call.}]",
                 ["s.yaml:1:29: empty-value this must not be empty in 'role' (fill it in)"],
                 id="empty-text"),
    pytest.param("contacts: {id: lead}",
                 ["s.yaml:1:11: wrong-type expected a list in 'contacts', found a mapping "
                  "(check the indentation and quoting)"], id="mapping-for-list"),
])
def test_schema_errors_become_positioned_problems(text: str, expected: list[str]) -> None:
    assert problems(text, "contacts_file") == expected


def test_reference_year_out_of_range() -> None:
    text = ("references: [{key: a, citation: C, year: 1800, kind: study, jurisdiction: UK, "
            "url: 'https://x.org', checked: primary}]")

    found = problems(text, "references_file")

    assert len(found) == 1
    assert found[0].startswith("s.yaml:1:42: bad-value 1800 is out of range in 'year'")


def test_reference_url_must_be_http() -> None:
    text = ("references: [{key: a, citation: C, year: 2000, kind: study, jurisdiction: UK, "
            "url: 'doi:10.1/x', checked: primary}]")

    assert problems(text, "references_file") == [
        "s.yaml:1:84: bad-format 'doi:10.1/x' has the wrong form in 'url' "
        "(write a full http(s) URL or https://doi.org/...)"]


DEFINITIONS = ("topic_file", "extension_file", "references_file", "replies_file",
               "figures_file", "contacts_file", "case", "cases_list")


def yaml_documents() -> list[object]:
    paths = sorted([*Path("tests/fixtures").rglob("*.yaml"), *Path("rules").glob("*.yaml"),
                    *Path("content").rglob("*.yaml"), *Path("examples").rglob("*.yaml")])
    docs = []
    for path in paths:
        doc, found = read_yaml(path)
        if not found:
            docs.append(pytest.param(doc.data, id=path.as_posix()))
    return docs


@pytest.mark.parametrize("data", yaml_documents())
def test_the_compiled_validator_agrees_with_python_jsonschema(data: object) -> None:
    for definition in DEFINITIONS:
        python_errors = list(_validator(definition).iter_errors(data))

        assert is_valid(data, definition) == (not python_errors), definition


def test_a_huge_wrong_value_is_quoted_by_a_short_prefix() -> None:
    found = problems("contacts: [{id: " + "X" * 600_000 + ", role: Lead, how: Call.}]",
                     "contacts_file")

    assert len(found) == 1
    assert found[0].startswith("s.yaml:1:17: bad-format 'XXXX")
    assert "(600000 characters) has the wrong form in 'id'" in found[0]
    assert len(found[0]) < 300
