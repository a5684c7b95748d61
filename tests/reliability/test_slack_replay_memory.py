"""The bot's in-process memory of deliveries and signatures stays proportional to the
traffic of its time-to-live, not to everything seen since start (found by the soak:
benchmarks/soak_slack.py). Keys past their TTL were kept until 100,000 had piled up
(~24 MB a worker), so a quiet bot's memory crept up for days."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decision_aid.slack import shared
from decision_aid.slack.wsgi import MAX_SKEW, REPLAY_MARGIN, replay_ttl


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(shared.time, "monotonic", clock)
    return clock


def held(state: Any) -> int:
    return sum(len(keys) for keys in state._seen.values())


def test_keys_past_their_ttl_are_forgotten(clock: Clock) -> None:
    state = shared.MemoryState()
    for i in range(1000):
        assert state.first_delivery(f"signature:{i}", ttl=660)
    clock.now += 300
    assert not state.first_delivery("signature:5", ttl=660)  # still a replay within the TTL

    clock.now += 700  # every key above has expired
    assert state.first_delivery("signature:new", ttl=660)

    assert held(state) == 1
    assert state.first_delivery("signature:5", ttl=660)  # expired: seen afresh


def test_a_key_still_live_is_kept_while_older_ones_go(clock: Clock) -> None:
    state = shared.MemoryState()
    state.first_delivery("old", ttl=10)
    clock.now += 5
    state.first_delivery("young", ttl=10)
    clock.now += 6  # "old" has expired, "young" has not

    state.first_delivery("newest", ttl=10)

    assert held(state) == 2
    assert not state.first_delivery("young", ttl=10)


def test_a_long_lived_key_does_not_hold_back_short_lived_ones(clock: Clock) -> None:
    state = shared.MemoryState()
    state.first_delivery("event:Ev1", ttl=3600)  # an event id, kept an hour
    for i in range(100):
        state.first_delivery(f"signature:{i}", ttl=660)
    clock.now += 700

    state.first_delivery("signature:new", ttl=660)

    assert held(state) == 2  # the event id and the new signature
    assert not state.first_delivery("event:Ev1", ttl=3600)


def test_the_limit_still_bounds_memory(clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared, "MEMORY_LIMIT", 50)
    state = shared.MemoryState()
    for i in range(80):
        state.first_delivery(f"signature:{i}", ttl=660)

    assert held(state) == 50
    assert state.first_delivery("signature:0", ttl=660)  # the oldest were let go


@settings(max_examples=300, deadline=None, database=None)
@given(st.integers(-MAX_SKEW, MAX_SKEW), st.floats(0, 10**9, allow_nan=False))
def test_a_signature_is_remembered_while_its_timestamp_is_accepted(skew: int,
                                                                   now: float) -> None:
    """Any stamp check_signature accepts at `now` stays accepted until stamp + MAX_SKEW;
    the memory must hold the signature at least that long (a replay is refused only while
    it is remembered), and the stamp of a request sent now is held about 6 minutes, not 11."""
    stamp = int(now) + skew
    ttl = replay_ttl(stamp, now)
    assert now + ttl >= stamp + MAX_SKEW + REPLAY_MARGIN
    if stamp <= now:
        assert ttl == MAX_SKEW + REPLAY_MARGIN
