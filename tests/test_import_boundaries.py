"""The import picture: faces use only the core's curated API, the core imports no face, and
no module-level import circle exists anywhere in the package.

A face (terminal, Slack, trainer tools, the command line) may import `decision_aid.core`
names listed in its `__all__`, and the `phi` and `routing` faces of the core by their own
`__all__`; never a private module (`decision_aid.core._engine`, `routing._lexicon`, ...).
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "decision_aid"
CORE = "decision_aid.core"
PUBLIC_SUBPACKAGES = (f"{CORE}.phi", f"{CORE}.routing")
FACE_LIBRARIES = ("rich", "prompt_toolkit", "slack_bolt", "slack_sdk")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield module_name(path), path


def imports(path: Path, *, module_level_only: bool = False
            ) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    """(line, module, names) of every import; relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    nodes = tree.body if module_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base, tuple(a.name for a in node.names)


def is_face(name: str) -> bool:
    return name.startswith("decision_aid.") and not (name == CORE or name.startswith(CORE + "."))


def test_faces_import_only_the_curated_core_api() -> None:
    exported = {CORE: set(importlib.import_module(CORE).__all__) | {"phi", "routing"}}
    for sub in PUBLIC_SUBPACKAGES:
        exported[sub] = set(importlib.import_module(sub).__all__)
    reaching: list[str] = []
    for name, path in modules():
        if not is_face(name):
            continue
        for line, target, names in imports(path):
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            if target != CORE and not target.startswith(CORE + "."):
                continue
            if target not in exported:
                reaching.append(f"{where} imports the private module {target}")
                continue
            reaching += [f"{where} imports {target}.{n}, which is not in its __all__"
                         for n in names if n not in exported[target]]
    assert reaching == []


def test_the_core_imports_no_face_and_no_face_library() -> None:
    wrong = [f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}"
             for name, path in modules() if name == CORE or name.startswith(CORE + ".")
             for line, target, _ in imports(path)
             if (is_face(target) and target != "decision_aid.exit_codes")
             or target.split(".")[0] in FACE_LIBRARIES]
    assert wrong == []


def _module_graph() -> dict[str, set[str]]:
    """Module-level imports between the package's own modules (what runs at import)."""
    known = {name for name, _ in modules()}
    graph: dict[str, set[str]] = {}
    for name, path in modules():
        edges = graph.setdefault(name, set())
        for _, target, names in imports(path, module_level_only=True):
            for candidate in (*(f"{target}.{n}" for n in names), target):
                if candidate in known and candidate != name:
                    edges.add(candidate)
                    break
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_level_import_circle() -> None:
    assert _cycles(_module_graph()) == []


def test_the_circle_check_finds_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("target", ["decision_aid.core._engine", "decision_aid.core.routing._x"])
def test_the_check_sees_a_face_reaching_past_the_api(tmp_path: Path, target: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The boundary check itself fails on a face that imports a private core module."""
    face = tmp_path / "decision_aid" / "terminal" / "sneaky.py"
    face.parent.mkdir(parents=True)
    face.write_text(f"from {target} import something\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", tmp_path / "decision_aid")
    with pytest.raises(AssertionError, match="private module"):
        test_faces_import_only_the_curated_core_api()
