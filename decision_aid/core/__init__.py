"""The pure core: knowledge base, loader, conditions, sessions and the step function.

Faces (terminal, Slack, trainer tools) import from here only. The core does no network
I/O and imports no face library (rich, prompt_toolkit, slack_bolt).

Names are imported from their modules when first used (PEP 562), so a face pays only for
the parts it touches: starting an interview does not compile the graph, intake, holder,
document and codec modules (with PYTHONDONTWRITEBYTECODE, every start compiles what it
imports). Type checkers read the imports below as they are; a new export goes into both
the imports and `_LAZY` (tests/core/test_exports.py checks the imports equal `_LAZY` and
`_LAZY` agrees with __all__).
"""

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
    from decision_aid.core._codec import decode as decode_session
    from decision_aid.core._codec import encode as encode_session
    from decision_aid.core._documents import (
        document_format,
        outline_markdown,
        outline_text,
        require_format,
        result_document,
        result_json,
        step_json,
        trace_text,
    )
    from decision_aid.core._engine import Ask, Conclude, Step, next_step
    from decision_aid.core._errors import (
        DecisionAidError,
        RulePackError,
        SessionError,
        UnknownJurisdiction,
    )
    from decision_aid.core._files import display_path, real_path, yaml_files
    from decision_aid.core._graph import dot as graph_dot
    from decision_aid.core._graph import mermaid as graph_mermaid
    from decision_aid.core._graph import notes as graph_notes
    from decision_aid.core._holder import KnowledgeBaseHolder
    from decision_aid.core._intake import (
        Candidate,
        MatchLike,
        Prefilled,
        Refusal,
        Routed,
        Router,
        begin,
        intake,
    )
    from decision_aid.core._jurisdiction import check_jurisdiction, jurisdiction_setting
    from decision_aid.core._loader import LoadResult, document_kind, load, load_default
    from decision_aid.core._model import (
        Answer,
        Contact,
        Figure,
        KnowledgeBase,
        Option,
        Question,
        QuestionKind,
        Reply,
        Rule,
        Source,
        Topic,
        Verdict,
    )
    from decision_aid.core._outline import (
        Item,
        Outline,
        Section,
        TraceStep,
        answer_text,
        asked_line,
        explain,
    )
    from decision_aid.core._problems import Problem, Severity, Span, did_you_mean, topic_hint
    from decision_aid.core._result import AskedQuestion, Result, TraceEntry
    from decision_aid.core._schema import check as check_schema
    from decision_aid.core._schema import pack_schema
    from decision_aid.core._session import (
        Session,
        answer,
        back,
        dropped,
        start,
        validate,
        with_answers,
    )
    from decision_aid.core._sources import BuiltinPacks, Layer, builtin_packs, default_layers
    from decision_aid.core._vocabulary import Phrase, Vocabulary
    from decision_aid.core._wording import Wording
    from decision_aid.core._yamlsafe import Document, read_yaml

__all__ = [
    "Answer",
    "Ask",
    "AskedQuestion",
    "BuiltinPacks",
    "Candidate",
    "Conclude",
    "Contact",
    "DecisionAidError",
    "Document",
    "Figure",
    "Item",
    "KnowledgeBase",
    "KnowledgeBaseHolder",
    "Layer",
    "LoadResult",
    "MatchLike",
    "Option",
    "Outline",
    "Phrase",
    "Prefilled",
    "Problem",
    "Question",
    "QuestionKind",
    "Refusal",
    "Reply",
    "Result",
    "Routed",
    "Router",
    "Rule",
    "RulePackError",
    "Section",
    "Session",
    "SessionError",
    "Severity",
    "Source",
    "Span",
    "Step",
    "Topic",
    "TraceEntry",
    "TraceStep",
    "UnknownJurisdiction",
    "Verdict",
    "Vocabulary",
    "Wording",
    "answer",
    "answer_text",
    "asked_line",
    "back",
    "begin",
    "builtin_packs",
    "check_jurisdiction",
    "check_schema",
    "decode_session",
    "default_layers",
    "did_you_mean",
    "display_path",
    "document_format",
    "document_kind",
    "dropped",
    "encode_session",
    "explain",
    "graph_dot",
    "graph_mermaid",
    "graph_notes",
    "intake",
    "jurisdiction_setting",
    "load",
    "load_default",
    "next_step",
    "outline_markdown",
    "outline_text",
    "pack_schema",
    "read_yaml",
    "real_path",
    "require_format",
    "result_document",
    "result_json",
    "start",
    "step_json",
    "topic_hint",
    "trace_text",
    "validate",
    "with_answers",
    "yaml_files",
]

_LAZY: dict[str, tuple[str, str]] = {
    "Answer": ("decision_aid.core._model", "Answer"),
    "Ask": ("decision_aid.core._engine", "Ask"),
    "AskedQuestion": ("decision_aid.core._result", "AskedQuestion"),
    "BuiltinPacks": ("decision_aid.core._sources", "BuiltinPacks"),
    "Candidate": ("decision_aid.core._intake", "Candidate"),
    "Conclude": ("decision_aid.core._engine", "Conclude"),
    "Contact": ("decision_aid.core._model", "Contact"),
    "DecisionAidError": ("decision_aid.core._errors", "DecisionAidError"),
    "Document": ("decision_aid.core._yamlsafe", "Document"),
    "Figure": ("decision_aid.core._model", "Figure"),
    "Item": ("decision_aid.core._outline", "Item"),
    "KnowledgeBase": ("decision_aid.core._model", "KnowledgeBase"),
    "KnowledgeBaseHolder": ("decision_aid.core._holder", "KnowledgeBaseHolder"),
    "Layer": ("decision_aid.core._sources", "Layer"),
    "LoadResult": ("decision_aid.core._loader", "LoadResult"),
    "MatchLike": ("decision_aid.core._intake", "MatchLike"),
    "Option": ("decision_aid.core._model", "Option"),
    "Outline": ("decision_aid.core._outline", "Outline"),
    "Phrase": ("decision_aid.core._vocabulary", "Phrase"),
    "Prefilled": ("decision_aid.core._intake", "Prefilled"),
    "Problem": ("decision_aid.core._problems", "Problem"),
    "Question": ("decision_aid.core._model", "Question"),
    "QuestionKind": ("decision_aid.core._model", "QuestionKind"),
    "Refusal": ("decision_aid.core._intake", "Refusal"),
    "Reply": ("decision_aid.core._model", "Reply"),
    "Result": ("decision_aid.core._result", "Result"),
    "Routed": ("decision_aid.core._intake", "Routed"),
    "Router": ("decision_aid.core._intake", "Router"),
    "Rule": ("decision_aid.core._model", "Rule"),
    "RulePackError": ("decision_aid.core._errors", "RulePackError"),
    "Section": ("decision_aid.core._outline", "Section"),
    "Session": ("decision_aid.core._session", "Session"),
    "SessionError": ("decision_aid.core._errors", "SessionError"),
    "Severity": ("decision_aid.core._problems", "Severity"),
    "Source": ("decision_aid.core._model", "Source"),
    "Span": ("decision_aid.core._problems", "Span"),
    "Step": ("decision_aid.core._engine", "Step"),
    "Topic": ("decision_aid.core._model", "Topic"),
    "TraceEntry": ("decision_aid.core._result", "TraceEntry"),
    "TraceStep": ("decision_aid.core._outline", "TraceStep"),
    "UnknownJurisdiction": ("decision_aid.core._errors", "UnknownJurisdiction"),
    "Verdict": ("decision_aid.core._model", "Verdict"),
    "Vocabulary": ("decision_aid.core._vocabulary", "Vocabulary"),
    "Wording": ("decision_aid.core._wording", "Wording"),
    "answer": ("decision_aid.core._session", "answer"),
    "answer_text": ("decision_aid.core._outline", "answer_text"),
    "asked_line": ("decision_aid.core._outline", "asked_line"),
    "back": ("decision_aid.core._session", "back"),
    "begin": ("decision_aid.core._intake", "begin"),
    "builtin_packs": ("decision_aid.core._sources", "builtin_packs"),
    "check_jurisdiction": ("decision_aid.core._jurisdiction", "check_jurisdiction"),
    "check_schema": ("decision_aid.core._schema", "check"),
    "decode_session": ("decision_aid.core._codec", "decode"),
    "default_layers": ("decision_aid.core._sources", "default_layers"),
    "did_you_mean": ("decision_aid.core._problems", "did_you_mean"),
    "topic_hint": ("decision_aid.core._problems", "topic_hint"),
    "display_path": ("decision_aid.core._files", "display_path"),
    "document_format": ("decision_aid.core._documents", "document_format"),
    "document_kind": ("decision_aid.core._loader", "document_kind"),
    "dropped": ("decision_aid.core._session", "dropped"),
    "encode_session": ("decision_aid.core._codec", "encode"),
    "explain": ("decision_aid.core._outline", "explain"),
    "graph_dot": ("decision_aid.core._graph", "dot"),
    "graph_mermaid": ("decision_aid.core._graph", "mermaid"),
    "graph_notes": ("decision_aid.core._graph", "notes"),
    "intake": ("decision_aid.core._intake", "intake"),
    "jurisdiction_setting": ("decision_aid.core._jurisdiction", "jurisdiction_setting"),
    "load": ("decision_aid.core._loader", "load"),
    "load_default": ("decision_aid.core._loader", "load_default"),
    "next_step": ("decision_aid.core._engine", "next_step"),
    "outline_markdown": ("decision_aid.core._documents", "outline_markdown"),
    "outline_text": ("decision_aid.core._documents", "outline_text"),
    "pack_schema": ("decision_aid.core._schema", "pack_schema"),
    "read_yaml": ("decision_aid.core._yamlsafe", "read_yaml"),
    "real_path": ("decision_aid.core._files", "real_path"),
    "require_format": ("decision_aid.core._documents", "require_format"),
    "result_document": ("decision_aid.core._documents", "result_document"),
    "result_json": ("decision_aid.core._documents", "result_json"),
    "start": ("decision_aid.core._session", "start"),
    "step_json": ("decision_aid.core._documents", "step_json"),
    "trace_text": ("decision_aid.core._documents", "trace_text"),
    "validate": ("decision_aid.core._session", "validate"),
    "with_answers": ("decision_aid.core._session", "with_answers"),
    "yaml_files": ("decision_aid.core._files", "yaml_files"),
}


def __getattr__(name: str) -> object:
    """The exported name from its module, imported on first use and kept."""
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(_importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
