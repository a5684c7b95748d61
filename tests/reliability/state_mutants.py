"""Interview states for fuzzing the codec and the bot's clicks: real ones, then changed.

`real_states` walks every topic with random answers (and Back) and keeps each state on
the way, so the mutants start from states the faces really write. `mutant` changes one:
at the field level (drop, repeat, swap, another option or question id, another topic or
version, `<`/`!` markers, `+` lists), at the character level (as tests/hostile does),
truncated or oversized; then, half of the time, signs it again with the right key, so
the change gets past the signature to the checks behind it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
from collections.abc import Iterator

from decision_aid.core import (
    Ask,
    KnowledgeBase,
    QuestionKind,
    SessionError,
    answer,
    back,
    encode_session,
    next_step,
    start,
)

ODD = "|~=+*<!-_.aZ9 \u00e9\ud800\x00\n\t"


def sign(body: str, key: bytes) -> str:
    """What the codec appends: `~` and a truncated HMAC-SHA256 (core/_codec.py)."""
    digest = hmac.new(key, body.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()[:16]
    return body + "~" + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def real_states(kb: KnowledgeBase, rng: random.Random, walks: int = 3) -> Iterator[str]:
    """Unsigned states met on random walks through every topic."""
    for topic in kb.topics:
        for _ in range(walks):
            session = start(kb, topic)
            for _ in range(40):
                yield encode_session(session)
                step = next_step(kb, session)
                if not isinstance(step, Ask):
                    break
                if session.answers and rng.random() < 0.2:
                    session = back(session)
                    continue
                q = step.question
                options = [o.id for o in q.options]
                value: object = tuple(o for o in options if rng.random() < 0.3) \
                    if q.kind is QuestionKind.MULTI else rng.choice(options)
                try:
                    session = answer(kb, session, q.id, value)
                except SessionError:
                    session = answer(kb, session, q.id, () if q.kind is QuestionKind.MULTI
                                     else options[0])


def _ids(kb: KnowledgeBase) -> list[str]:
    found = {"x", "none", "yes", "no", "v1"}
    for topic in kb.topics.values():
        found.update((topic.id, topic.version))
        for q in topic.questions:
            found.add(q.id)
            found.update(o.id for o in q.options)
    return sorted(found)


def mutant(state: str, kb: KnowledgeBase, key: bytes, rng: random.Random) -> str:
    """One changed state (re-signed half of the time, else left unsigned or mis-signed)."""
    ids = _ids(kb)
    fields = state.split("|")
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(12)
        i = rng.randrange(len(fields))
        if op == 0 and len(fields) > 1:
            del fields[i]
        elif op == 1:
            fields.insert(i, fields[i])
        elif op == 2:
            j = rng.randrange(len(fields))
            fields[i], fields[j] = fields[j], fields[i]
        elif op == 3:  # another id in a field's value or name
            name, sep, value = fields[i].partition("=")
            if sep and rng.random() < 0.5:
                fields[i] = f"{name}={rng.choice(ids)}"
            else:
                fields[i] = f"{rng.choice(ids)}{sep}{value}"
        elif op == 4:
            fields.append(f"{rng.choice(ids)}={rng.choice(ids)}")
        elif op == 5:
            fields[i] = rng.choice("<!") + fields[i]
        elif op == 6:
            name, _, value = fields[i].partition("=")
            fields[i] = f"{name}=" + "+".join(rng.choice(ids) for _ in range(rng.randint(0, 4)))
        elif op == 7:
            fields[i] = f"{fields[i]}={rng.choice(['*', '', '+', '=', 'a+a'])}"
        elif op == 8 and len(fields) > 2:
            fields[rng.choice((1, 2))] = rng.choice(ids)
        else:  # character level
            chars = list(fields[i])
            at = rng.randrange(len(chars) + 1)
            chars.insert(at, rng.choice(ODD))
            if chars and rng.random() < 0.5:
                del chars[rng.randrange(len(chars))]
            fields[i] = "".join(chars)
    body = "|".join(fields)
    shape = rng.random()
    if shape < 0.05:
        body = body[: rng.randrange(len(body) + 1)]
    elif shape < 0.08:
        body = body + "|q=a" * rng.randint(400, 3000)
    how = rng.random()
    if how < 0.5:
        return sign(body, key)
    if how < 0.75:
        return sign(body, key)[: -rng.randint(1, 5)]
    return body
