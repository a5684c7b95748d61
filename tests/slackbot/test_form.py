"""Form bodies are read exactly as parse_qsl reads them, whatever the text, and a click's
percent-encoded JSON payload round-trips."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode

from hypothesis import given
from hypothesis import strategies as st

from decision_aid.slack.form import parse_form

# Text made of the pieces that matter: escapes good and broken, separators, non-ASCII.
PIECES = st.sampled_from(["%", "%2", "%41", "%zz", "%e2%82%ac", "%ff", "%C3", "+", "&", "=",
                          "\\", "\\x41", "a", "Z", "é", "€", " ", "\n", "payload"])
FORMISH = st.lists(PIECES, max_size=30).map("".join)


@given(st.one_of(st.text(), FORMISH))
def test_any_text_is_read_as_parse_qsl_reads_it(text: str) -> None:
    assert parse_form(text) == parse_qsl(text, keep_blank_values=True)


@given(st.dictionaries(st.text(min_size=1), st.text()))
def test_an_encoded_form_reads_back(fields: dict[str, str]) -> None:
    assert dict(parse_form(urlencode(fields))) == fields


def test_a_click_payload_reads_back() -> None:
    payload = {"type": "block_actions", "actions": [{"value": "q1=a v1|t|x~sig", "text": "Oui ✓"}]}
    [(name, value)] = parse_form(urlencode({"payload": json.dumps(payload)}))
    assert name == "payload" and json.loads(value) == payload
