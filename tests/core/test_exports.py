"""The curated core API: a sorted, complete __all__ and no face libraries on import."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import decision_aid.core


def _printed(code: str) -> object:
    """What a fresh interpreter running `code` prints as JSON (a clean sys.modules)."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    return json.loads(out.stdout)


def test_all_is_sorted_and_lists_every_public_member() -> None:
    for name in decision_aid.core.__all__:  # names are imported on first use
        getattr(decision_aid.core, name)
    public = (name for name in vars(decision_aid.core) if not name.startswith("_"))
    modules = {name for name in vars(decision_aid.core)
               if type(getattr(decision_aid.core, name)).__name__ == "module"}

    assert decision_aid.core.__all__ == sorted(name for name in public if name not in modules)


def test_every_exported_name_is_imported_on_first_use() -> None:
    code = (
        "import json, sys\n"
        "import decision_aid.core as core\n"
        "before = sorted(m for m in sys.modules if m.startswith('decision_aid.core.'))\n"
        "core.graph_dot\n"
        "print(json.dumps([before, 'decision_aid.core._graph' in sys.modules]))\n"
    )

    assert _printed(code) == [[], True]
    assert sorted(decision_aid.core._LAZY) == decision_aid.core.__all__


def test_the_type_checking_imports_are_the_lazy_table() -> None:
    # was: only _LAZY was checked against __all__; an import type checkers read could point
    # at another module or name than the one __getattr__ loads, and nothing said so
    tree = ast.parse(Path(decision_aid.core.__file__).read_text(encoding="utf-8"))
    guarded = next(node for node in tree.body if isinstance(node, ast.If))
    imported = {alias.asname or alias.name: (node.module, alias.name)
                for node in guarded.body if isinstance(node, ast.ImportFrom)
                for alias in node.names}

    assert imported == decision_aid.core._LAZY


def test_every_exported_name_exists() -> None:
    missing = [name for name in decision_aid.core.__all__ if not hasattr(decision_aid.core, name)]

    assert missing == []


def test_importing_the_core_loads_no_face_library() -> None:
    code = (
        "import json, sys\n"
        "import decision_aid.core\n"
        "from decision_aid.core import _graph, _worlds, _codec, phi\n"
        "print(json.dumps(sorted(m for m in sys.modules\n"
        "                        if m.split('.')[0] in ('rich', 'prompt_toolkit', 'slack_bolt',\n"
        "                                               'slack_sdk'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)

    assert json.loads(out.stdout) == []
