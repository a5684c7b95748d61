"""KnowledgeBaseHolder under threads: reloads never let an older read win; GC stays on.

Issue #13 item 7: two overlapping reloads used to swap in whichever finished last, even one
that had read the older files; and load() switched the garbage collector off for the whole
process while it ran.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from decision_aid.core import KnowledgeBase, KnowledgeBaseHolder, Layer, LoadResult, load
from decision_aid.core import _loader as loader

DEMO_RULES = Path(__file__).resolve().parents[2] / "examples" / "rules"


def test_an_overlapping_reload_that_read_older_files_never_wins(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The first reload reads version 1 and is slow; the packs change to version 2 and a
    second reload starts. The holder must end on version 2."""
    real = load([Layer("demo", (DEMO_RULES,))]).unwrap()
    on_disk = {"version": "v0"}
    first_has_read, release_first, second_has_read = (threading.Event() for _ in range(3))
    calls: list[str] = []

    def slow_load(layers: object, **kwargs: object) -> LoadResult:
        read = on_disk["version"]
        calls.append(read)
        if read == "v1":
            first_has_read.set()
            assert release_first.wait(10)
        elif read == "v2":
            second_has_read.set()
        return LoadResult(KnowledgeBase(topics=real.topics, sources=real.sources,
                                        layers=(read,)), ())

    monkeypatch.setattr(loader, "load", slow_load)
    holder = KnowledgeBaseHolder([Layer("demo", (DEMO_RULES,))])
    on_disk["version"] = "v1"
    first = threading.Thread(target=holder.reload)
    first.start()
    assert first_has_read.wait(10)
    on_disk["version"] = "v2"
    second = threading.Thread(target=holder.reload)
    second.start()
    second_has_read.wait(0.5)  # unserialised, the second reload reads v2 and swaps now
    release_first.set()
    first.join(10)
    second.join(10)

    assert calls == ["v0", "v1", "v2"]
    assert holder.kb.layers == ("v2",)


def test_a_reload_keeps_the_old_knowledge_base_when_the_new_one_fails(
        monkeypatch: pytest.MonkeyPatch) -> None:
    holder = KnowledgeBaseHolder([Layer("demo", (DEMO_RULES,))])
    before = holder.kb
    monkeypatch.setattr(loader, "load", lambda layers, **kwargs: LoadResult(None, ()))

    assert holder.reload().kb is None
    assert holder.kb is before


def test_loading_leaves_the_garbage_collector_on_for_other_threads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    checks = loader.run_checks

    def watching(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return checks(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "run_checks", watching)
    assert gc.isenabled()
    load([Layer("demo", (DEMO_RULES,))]).unwrap()

    assert seen == [True]
    assert gc.isenabled()
