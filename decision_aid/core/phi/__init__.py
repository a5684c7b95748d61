"""Patient-identifier (PHI) guard for free text.

Every free-text entrance (the terminal "describe your situation" prompt, Slack messages) calls
:func:`scan` before anything else sees the text, so that a message which seems to identify a
patient can be refused before it is routed, logged or stored.

The detector is built from regular expressions and small heuristics for the HIPAA Safe Harbor
categories that can be recognised in text: names next to patient words, dates of birth or
admission, ages over 89, phone numbers, emails, record/account/licence/device numbers, social
security numbers, street addresses, ZIP codes and UK postcodes, URLs, social handles and IP
addresses. It errs towards flagging: a false alarm costs the user a rephrase, a miss may leak a
patient's identity.

Design constraints, and why:

* Pure and stdlib-only: the core must not do I/O or log the text it inspects.
* Findings hold character spans, never the text, so a report can be kept or logged safely.
* Every pattern is compiled once, anchored by a look-behind or a literal keyword, and uses only
  bounded repetition, so the work per character is bounded and long inputs scan in linear time.
  Context a finding needs nearby (a patient word beside a capitalised pair) is found once per
  text, not searched again around each candidate.
* Text longer than :data:`MAX_TEXT_CHARS` (3,000 characters) is refused before any detector
  runs: every face calls :func:`scan` first, and its report says ``too_long``.

Layout: the public types live in ``_report`` and are re-exported here; the detectors are split
by identifier kind (``_names``, with its word lists in ``_words``; ``_dates``; ``_numbers``;
``_places``; ``_online``); ``_spans`` holds the rule shape and merges overlapping findings.
This module fixes the order the rules run in and offers :func:`scan` and :func:`redact`.
"""

from __future__ import annotations

from decision_aid.core.phi._dates import AGE_RULES, DATE_RULES
from decision_aid.core.phi._names import NAME_RULES
from decision_aid.core.phi._numbers import PHONE_RULES, RECORD_RULES, SSN_RULES
from decision_aid.core.phi._online import ONLINE_RULES
from decision_aid.core.phi._places import ADDRESS_RULES, POSTCODE_RULES
from decision_aid.core.phi._report import MAX_TEXT_CHARS, PhiFinding, PhiKind, PhiReport
from decision_aid.core.phi._spans import Rule, candidates, merge

__all__ = ["MAX_TEXT_CHARS", "PhiFinding", "PhiKind", "PhiReport", "redact", "scan"]

TOO_LONG_REDACTION = "[TOO LONG]"
"""What :func:`redact` returns for text refused as too long: none of it is shown."""

_RULES: tuple[Rule, ...] = (
    *ONLINE_RULES,
    *SSN_RULES,
    *RECORD_RULES,
    *DATE_RULES,
    *PHONE_RULES,
    *POSTCODE_RULES,
    *ADDRESS_RULES,
    *AGE_RULES,
    *NAME_RULES,
)


def scan(text: str) -> PhiReport:
    """Find likely identifiers in ``text``; pure, and safe on any input length.

    Text longer than :data:`MAX_TEXT_CHARS` is not scanned: the report says ``too_long``
    (and ``flagged``), and its warning asks for a shorter description.
    """
    if len(text) > MAX_TEXT_CHARS:
        return PhiReport((), too_long=True)
    return PhiReport(_detect(text))


def _detect(text: str) -> tuple[PhiFinding, ...]:
    """Every detector over ``text`` with no length limit: time linear in its length.

    Faces call :func:`scan`, which refuses long text first; this is the detector itself,
    for the tests and benchmarks that measure it on long input.
    """
    return merge(list(candidates(_RULES, text)))


def redact(text: str, report: PhiReport | None = None) -> str:
    """Replace each finding with ``[KIND]`` (e.g. "[NAME]"); scans first if no report is given.

    Text refused as too long is replaced whole by ``[TOO LONG]``.
    """
    if report is None:
        report = scan(text)
    if report.too_long:
        return TOO_LONG_REDACTION
    parts: list[str] = []
    pos = 0
    for f in sorted(report.findings, key=lambda f: f.start):
        if f.start < pos or f.end > len(text):
            raise ValueError("report does not match this text")
        parts.append(text[pos : f.start])
        parts.append(f"[{f.kind.name}]")
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)
