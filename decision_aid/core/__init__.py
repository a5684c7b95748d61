"""The pure core: knowledge base, loader, conditions, sessions and the step function.

Faces (terminal, Slack, trainer tools) import from here only. The core does no network
I/O and imports no face library (rich, prompt_toolkit, slack_bolt).
"""

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
from decision_aid.core._problems import Problem, Severity, Span, did_you_mean
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
    "trace_text",
    "validate",
    "with_answers",
    "yaml_files",
]
