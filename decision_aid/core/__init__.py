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
    trace_text,
)
from decision_aid.core._engine import Ask, Conclude, Step, next_step
from decision_aid.core._errors import DecisionAidError, RulePackError, SessionError
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
from decision_aid.core._loader import (
    KnowledgeBaseHolder,
    Layer,
    LoadResult,
    default_layers,
    load,
    load_default,
)
from decision_aid.core._model import (
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
from decision_aid.core._problems import Problem, Severity, Span
from decision_aid.core._result import AskedQuestion, Result, TraceEntry
from decision_aid.core._session import (
    Answer,
    Session,
    answer,
    back,
    dropped,
    start,
    validate,
    with_answers,
)
from decision_aid.core._sources import BuiltinPacks, builtin_packs
from decision_aid.core._vocabulary import Phrase, Vocabulary
from decision_aid.core._wording import Wording

__all__ = [
    "Answer",
    "Ask",
    "AskedQuestion",
    "BuiltinPacks",
    "Candidate",
    "Conclude",
    "Contact",
    "DecisionAidError",
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
    "Verdict",
    "Vocabulary",
    "Wording",
    "answer",
    "answer_text",
    "asked_line",
    "back",
    "begin",
    "builtin_packs",
    "decode_session",
    "default_layers",
    "document_format",
    "dropped",
    "encode_session",
    "explain",
    "intake",
    "load",
    "load_default",
    "next_step",
    "outline_markdown",
    "outline_text",
    "require_format",
    "result_document",
    "result_json",
    "start",
    "trace_text",
    "validate",
    "with_answers",
]
