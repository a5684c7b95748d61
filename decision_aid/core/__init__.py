"""The pure core: knowledge base, loader, conditions, sessions and the step function.

Faces (terminal, Slack, trainer tools) import from here only. The core does no network
I/O and imports no face library (rich, prompt_toolkit, slack_bolt).
"""

from decision_aid.core._codec import decode as decode_session
from decision_aid.core._codec import encode as encode_session
from decision_aid.core._engine import Ask, Conclude, Step, next_step
from decision_aid.core._errors import DecisionAidError, RulePackError, SessionError
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

__all__ = [
    "Answer",
    "Ask",
    "AskedQuestion",
    "BuiltinPacks",
    "Conclude",
    "Contact",
    "DecisionAidError",
    "Figure",
    "KnowledgeBase",
    "KnowledgeBaseHolder",
    "Layer",
    "LoadResult",
    "Option",
    "Phrase",
    "Problem",
    "Question",
    "QuestionKind",
    "Reply",
    "Result",
    "Rule",
    "RulePackError",
    "Session",
    "SessionError",
    "Severity",
    "Source",
    "Span",
    "Step",
    "Topic",
    "TraceEntry",
    "Verdict",
    "Vocabulary",
    "answer",
    "back",
    "builtin_packs",
    "decode_session",
    "default_layers",
    "dropped",
    "encode_session",
    "load",
    "load_default",
    "next_step",
    "start",
    "validate",
    "with_answers",
]
