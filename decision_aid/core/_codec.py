"""A compact, text form of a session that round-trips, for Slack buttons and files.

    v1|friend-requests|1.0.0|requester=current_patient|signals=a+b|<platform=personal|!urgent[~sig]

Answers in order; `<q=a` an answer stepped back over (pre-selected when asked again); `!q`
a question whose answer the last change dropped (see `Session`).

Decoding treats the text as untrusted: size, shape and every id are checked here, and
`session.validate` checks it against the knowledge base. The form is ASCII: anything else
(a lone surrogate that JSON can deliver, say) is a SessionError, never a UnicodeError.
With a key, an HMAC-SHA256 signature (truncated to 128 bits) is added and required, so a
face can carry state in a message and refuse anything it did not write. An empty key is a
ValueError both ways: anyone can compute an HMAC with the empty key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from decision_aid.core._errors import SessionError
from decision_aid.core._model import Answer, KnowledgeBase
from decision_aid.core._session import Session, validate

PREFIX = "v1"
MAX_LENGTH = 1900  # a Slack button value holds 2000 characters
_ID = r"[a-z][a-z0-9_-]{0,63}"
# \Z, not $: `$` also matches before a final line break ("1.0.0\n" would pass)
_FIELD = re.compile(rf"^({_ID})=((?:{_ID})(?:\+{_ID})*|\*)?\Z")
_TOPIC = re.compile(rf"^{_ID}\Z")
_VERSION = re.compile(r"^[A-Za-z0-9.+_-]{1,80}\Z")


def _sign(body: str, key: bytes) -> str:
    digest = hmac.new(key, body.encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _check_key(key: bytes | None) -> None:
    if key is not None and not key:
        raise ValueError("the signing key is empty: pass a secret key, or None for no signature")


def encode(session: Session, *, key: bytes | None = None) -> str:
    """Serialize; multi-choice answers are `a+b`, an empty multi answer is `*`; answers
    stepped back over are `<q=a`, a dropped answer's question is `!q`."""
    _check_key(key)
    parts = [PREFIX, session.topic, session.version]
    parts += [_field(qid, value) for qid, value in session.answers]
    parts += ["<" + _field(qid, value) for qid, value in session.ahead]
    parts += ["!" + qid for qid in session.dropped]
    body = "|".join(parts)
    return f"{body}~{_sign(body, key)}" if key else body


def _field(qid: str, value: Answer) -> str:
    if isinstance(value, tuple):
        return f"{qid}=" + ("+".join(value) if value else "*")
    return f"{qid}={value}"


def decode(text: str, kb: KnowledgeBase, *, key: bytes | None = None) -> Session:
    """Parse and validate untrusted text; raises SessionError with a plain reason."""
    _check_key(key)
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        raise SessionError("the saved interview state is too long or not text")
    if not text.isascii():
        raise SessionError("the saved interview state was changed or is not ours",
                           hint="start the interview again")  # it is ASCII when we write it
    body, _, signature = text.partition("~")
    if key is not None:
        if not signature or not hmac.compare_digest(signature.encode(),
                                                    _sign(body, key).encode()):
            raise SessionError("the saved interview state was changed or is not ours",
                               hint="start the interview again")
    elif signature:
        raise SessionError("the saved interview state is signed, but no key was given")
    parts = body.split("|")
    if len(parts) < 3 or parts[0] != PREFIX:
        raise SessionError("the saved interview state is not in a format we know",
                           hint="start the interview again")
    _, topic, version, *fields = parts
    if not _TOPIC.match(topic) or not _VERSION.match(version):
        raise SessionError("the saved interview state names an invalid topic or version")
    topic_obj = kb.topic(topic)
    answers: list[tuple[str, Answer]] = []
    ahead: list[tuple[str, Answer]] = []
    dropped: list[str] = []
    for field in fields:
        if field.startswith("!") and _TOPIC.match(field[1:]):
            dropped.append(field[1:])
            continue
        into = ahead if field.startswith("<") else answers
        match = _FIELD.match(field[1:] if into is ahead else field)
        if not match:
            raise SessionError(f"the saved interview state has a malformed answer: {field[:40]!r}")
        qid, raw = match.group(1), match.group(2) or ""
        question = topic_obj.question(qid) if topic_obj else None
        is_multi = question is not None and question.kind.value == "multi"
        if is_multi:
            into.append((qid, () if raw in ("*", "") else tuple(raw.split("+"))))
        else:
            into.append((qid, raw))
    return validate(kb, Session(topic, version, tuple(answers), tuple(ahead), tuple(dropped)))
