"""The closures conditions compile into: a few fixed shapes filled in with integer masks.

Each returns a function of a state (core/_facts.py) giving True, False or None. A leaf
on a single-choice slot `p` with the options it accepts and the bits it rejects (the
other options and "does not apply") holds when `p & rejects == 0` and fails when
`p & accepts == 0`. The commonest shapes of a whole condition (an `all`/`any` of such
leaves, a relevance or a count over them) get one closure with the tests inlined, so
that evaluating them makes one call instead of one per leaf. No code is generated.
"""

from __future__ import annotations

from collections.abc import Callable

from decision_aid.core._conditions import Truth
from decision_aid.core._facts import COUNT_MASK, COUNT_SHIFT, NO, YES

State = list[int]
Fn = Callable[[State], Truth]
Step = Callable[[State], None]
Test = tuple[int, int, int]  # slot, accepts, rejects (a single-choice leaf)
Has = tuple[int, int, int, int]  # slot, options, their `may` bits, the `na` bit (has_any)


# -- leaves ---------------------------------------------------------------------------------
def single(i: int, accepts: int, rejects: int) -> Fn:
    def fn(s: State) -> Truth:
        p = s[i]
        if not p & rejects:
            return True
        if not p & accepts:
            return False
        return None

    return fn


def has_any(i: int, options: int, width: int, na: int) -> Fn:
    may = options << width

    def fn(s: State) -> Truth:
        p = s[i]
        if not p & may:
            return False
        if p & options and not p & na:
            return True
        return None

    return fn


def has_all(i: int, options: int, width: int, na: int) -> Fn:
    may = options << width

    def fn(s: State) -> Truth:
        p = s[i]
        if p & may != may:
            return False
        if p & options == options and not p & na:
            return True
        return None

    return fn


def count(i: int, op: str, n: int) -> Fn:
    def fn(s: State) -> Truth:
        p = s[i]
        lo, hi = p & COUNT_MASK, p >> COUNT_SHIFT
        if op == "gte":
            return True if lo >= n else (False if hi < n else None)
        if op == "gt":
            return True if lo > n else (False if hi <= n else None)
        if op == "lte":
            return True if hi <= n else (False if lo > n else None)
        if op == "lt":
            return True if hi < n else (False if lo >= n else None)
        return True if lo == hi == n else (False if n < lo or n > hi else None)  # eq

    return fn


# -- branches ---------------------------------------------------------------------------------
def negate(child: Fn) -> Fn:
    def fn(s: State) -> Truth:
        v = child(s)
        return None if v is None else not v

    return fn


def all_of(fns: tuple[Fn, ...]) -> Fn:
    def fn(s: State) -> Truth:
        unknown = False
        for f in fns:
            v = f(s)
            if v is False:
                return False
            if v is None:
                unknown = True
        return None if unknown else True

    return fn


def any_of(fns: tuple[Fn, ...]) -> Fn:
    def fn(s: State) -> Truth:
        unknown = False
        for f in fns:
            v = f(s)
            if v is True:
                return True
            if v is None:
                unknown = True
        return None if unknown else False

    return fn


def at_least(n: int, fns: tuple[Fn, ...]) -> Fn:
    def fn(s: State) -> Truth:
        yes = maybe = 0
        for f in fns:
            v = f(s)
            if v is True:
                yes += 1
            elif v is None:
                maybe += 1
        if yes >= n:
            return True
        return None if yes + maybe >= n else False

    return fn


def all_tests(tests: tuple[Test, ...]) -> Fn:
    """`all` of single-choice leaves, inlined."""
    def fn(s: State) -> Truth:
        unknown = False
        for i, accepts, rejects in tests:
            p = s[i]
            if not p & accepts:
                return False
            if p & rejects:
                unknown = True
        return None if unknown else True

    return fn


def any_tests(tests: tuple[Test, ...]) -> Fn:
    """`any` of single-choice leaves, inlined."""
    def fn(s: State) -> Truth:
        unknown = False
        for i, accepts, rejects in tests:
            p = s[i]
            if not p & rejects:
                return True
            if p & accepts:
                unknown = True
        return None if unknown else False

    return fn


# -- filling in relevance and derived facts ---------------------------------------------------
def count_step(i: int, fns: tuple[Fn, ...]) -> Step:
    """Fill a count fact's slot: how many of its conditions hold at least and at most."""
    def step(s: State) -> None:
        yes = maybe = 0
        for f in fns:
            v = f(s)
            if v is True:
                yes += 1
            elif v is None:
                maybe += 1
        s[i] = yes | (yes + maybe) << COUNT_SHIFT

    return step


def count_has_step(i: int, tests: tuple[Has, ...]) -> Step:
    """A count of `has`/`has_any` leaves on multi-choice slots, inlined."""
    def step(s: State) -> None:
        yes = maybe = 0
        for j, options, may, na in tests:
            p = s[j]
            if not p & may:
                continue
            if p & options and not p & na:
                yes += 1
            else:
                maybe += 1
        s[i] = yes | (yes + maybe) << COUNT_SHIFT

    return step


def count_tests_step(i: int, tests: tuple[Test, ...]) -> Step:
    """A count of single-choice leaves, inlined."""
    def step(s: State) -> None:
        yes = maybe = 0
        for j, accepts, rejects in tests:
            p = s[j]
            if not p & rejects:
                yes += 1
            elif p & accepts:
                maybe += 1
        s[i] = yes | (yes + maybe) << COUNT_SHIFT

    return step


def bool_step(i: int, f: Fn) -> Step:
    """Fill a true/false derived fact's slot."""
    def step(s: State) -> None:
        v = f(s)
        s[i] = YES if v else (NO if v is False else YES | NO)

    return step


def relevance_step(i: int, na: int, f: Fn) -> Step:
    """Narrow a question's slot by its relevance: only `na` when false, `na` added when
    unknown (an answer counts only once its question applies)."""
    def step(s: State) -> None:
        v = f(s)
        if v is False:
            s[i] = na
        elif v is None:
            s[i] |= na

    return step


def relevance_tests_step(runs: tuple[tuple[int, int, int, int, int], ...]) -> Step:
    """A run of relevances that are each one single-choice leaf, in one loop: for each
    (question slot, its `na` bit, the leaf's slot, accepts, rejects), in order."""
    def step(s: State) -> None:
        for i, na, j, accepts, rejects in runs:
            p = s[j]
            if not p & rejects:
                continue
            if not p & accepts:
                s[i] = na
            else:
                s[i] |= na

    return step
