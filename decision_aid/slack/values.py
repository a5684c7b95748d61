"""Button values: an argument and the signed interview state, validated on every click.

    value = "<argument> <state>"      e.g. "requester=current_patient v1|friend-requests|...~sig"

The state is the core codec's compact, versioned text, HMAC-signed with a key derived from
the Slack secret, so any replica can continue any interview and nothing is kept server
side. A click's value is untrusted input: `read_state` checks the signature, the topic, the
pack version and every answer, and turns any failure into a `StaleState` with a one-line
note for the user (who then starts again).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from decision_aid.core import KnowledgeBase, Session, SessionError, decode_session, encode_session

BUTTON_VALUE_LIMIT = 2000
ARGUMENT_LIMIT = 140


class StaleState(Exception):
    """The state in a click cannot be continued; `note` says why in one line."""

    def __init__(self, note: str) -> None:
        super().__init__(note)
        self.note = note


@dataclass(frozen=True, slots=True)
class Codec:
    """Encodes and checks interview state with one key."""

    key: bytes

    def value(self, argument: str, session: Session | None) -> str:
        state = _encoded(session, self.key) if session is not None else ""
        value = f"{argument[:ARGUMENT_LIMIT]} {state}"
        if len(value) > BUTTON_VALUE_LIMIT:
            raise ValueError(f"interview state of {len(value)} characters does not fit a "
                             f"button ({BUTTON_VALUE_LIMIT}); the topic has too many answers")
        return value

    def state(self, session: Session) -> str:
        return _encoded(session, self.key)

    def read(self, value: object, kb: KnowledgeBase) -> tuple[str, Session | None]:
        """(argument, session) from a click's value; the session is None when none was sent."""
        if not isinstance(value, str) or len(value) > BUTTON_VALUE_LIMIT:
            raise StaleState("This button's data was not readable; starting again.")
        argument, _, state = value.partition(" ")
        return argument, self.read_state(state, kb) if state else None

    def read_state(self, state: object, kb: KnowledgeBase) -> Session:
        try:
            return decode_session(str(state), kb, key=self.key)
        except SessionError as err:
            raise StaleState(_note(err)) from None


@lru_cache(maxsize=512)
def _encoded(session: Session, key: bytes) -> str:
    """One screen signs the same state into a dozen buttons: encode it once."""
    return encode_session(session, key=key)


def _note(err: SessionError) -> str:
    text = err.message.rstrip(".")
    return f"{text[:1].upper()}{text[1:]}; starting again."
