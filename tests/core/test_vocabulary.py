"""The routing vocabulary as content: the built-in file, overlays extending it, bad entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_aid.core import Layer, Phrase, Vocabulary, default_layers, load
from decision_aid.core.routing import normalise, route

VOCABULARY_PATH = Path(__file__).resolve().parents[2] / "content" / "vocabulary.yaml"

LOCAL = """\
vocabulary:
  phrases:
    - {say: [the blue app], means: secure messaging}
    - {say: [x ray|rays], means: radiograph}
  words: {pt: client, klinix: whatsapp}
  common: [innit]
  negating: [hardly]
  concepts:
    message: [bleeped]
    roster: [rota, rotas]
"""


def _load(tmp_path: Path, text: str, *, builtin: bool = True):  # type: ignore[no-untyped-def]
    folder = tmp_path / "local"
    folder.mkdir(exist_ok=True)
    (folder / "vocabulary.yaml").write_text(text, encoding="utf-8")
    layers = [Layer("built-in", (VOCABULARY_PATH,))] if builtin else []
    return load([*layers, Layer("local", (folder,))])


def test_the_builtin_packs_carry_the_builtin_vocabulary() -> None:
    kb = load(default_layers()).unwrap()
    assert kb.vocabulary.words["insta"] == "instagram"
    assert "patient" not in kb.vocabulary.common
    assert {"not", "never"} <= kb.vocabulary.negating
    assert "texted" in kb.vocabulary.concepts["message"]
    assert normalise("pt DM'd me on FB", kb.vocabulary) == "patient direct messaged me on facebook"


def test_an_overlay_extends_the_vocabulary(tmp_path: Path) -> None:
    vocabulary = _load(tmp_path, LOCAL).unwrap().vocabulary
    assert vocabulary.words["klinix"] == "whatsapp"  # added
    assert vocabulary.words["pt"] == "client"  # replaced
    assert vocabulary.words["fb"] == "facebook"  # kept
    assert {"innit", "the"} <= vocabulary.common
    assert {"hardly", "never"} <= vocabulary.negating
    assert {"bleeped", "texted"} <= vocabulary.concepts["message"]
    assert vocabulary.concepts["roster"] == frozenset({"rota", "rotas"})
    # the overlay's phrases come first, so a local reading wins over the built-in one
    assert vocabulary.phrases[:2] == (Phrase(("the blue app",), "secure messaging"),
                                      Phrase(("x ray|rays",), "radiograph"))
    assert normalise("an X-ray via the Blue App", vocabulary) == (
        "an radiograph via secure messaging")


def test_overlay_words_reach_routing(tmp_path: Path) -> None:
    before = route(load(default_layers()).unwrap(),
                   "a patient keeps contacting me on klinix about her tablets")
    _load(tmp_path, LOCAL)
    kb = load([*default_layers(), Layer("local", (tmp_path / "local",))]).unwrap()
    after = route(kb, "a patient keeps contacting me on klinix about her tablets")
    assert after and after[0].topic.id == "patient-contact"
    assert not before or after[0].score > before[0].score


def test_vocabulary_merging_keeps_each_layer_whole() -> None:
    base = Vocabulary(phrases=(Phrase(("a b",), "c"),), common=frozenset({"x"}))
    top = Vocabulary(phrases=(Phrase(("d e",), "f"),), negating=frozenset({"no"}))
    merged = base.extended(top)
    assert [p.means for p in merged.phrases] == ["f", "c"]
    assert merged.common == {"x"} and merged.negating == {"no"}
    assert base.phrases == (Phrase(("a b",), "c"),)  # values, not shared state


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("vocabulary:\n  phrases:\n    - {say: [X Ray], means: xray}\n",
                 [(3, 14, "bad-format")], id="say-not-normalised"),
    pytest.param("vocabulary:\n  phrases:\n    - {say: [xray], means: xray}\n",
                 [(3, 14, "bad-format")], id="say-one-word"),
    pytest.param("vocabulary:\n  phrases:\n    - {say: ['* *'], means: nothing}\n",
                 [(3, 14, "bad-phrase")], id="say-only-wildcards"),
    pytest.param("vocabulary:\n  phrases:\n    - {say: [look up], means: search *}\n",
                 [(3, 14, "bad-phrase")], id="means-wildcard-unmatched"),
    pytest.param("vocabulary:\n  words: {Insta: instagram}\n",
                 [(2, 10, "bad-format")], id="word-not-normalised"),
    pytest.param("vocabulary:\n  slang: {insta: instagram}\n",
                 [(2, 3, "unknown-field")], id="unknown-field"),
    pytest.param("vocabulary:\n  concepts: {message: []}\n",
                 [(2, 23, "empty-value")], id="empty-concept"),
    pytest.param("vocabulary:\n  words: {Insta: instagram}\n  phrases:\n"
                 "    - {say: [look up], means: search *}\n",
                 [(2, 10, "bad-format"), (4, 14, "bad-phrase")], id="all-problems-at-once"),
])
def test_bad_vocabulary_entries_are_problems(tmp_path: Path, text: str,
                                             expected: list[tuple[int, int, str]]) -> None:
    result = _load(tmp_path, text, builtin=False)
    assert [(p.span.line, p.span.col, p.code) for p in result.problems] == expected
    assert result.kb is None
