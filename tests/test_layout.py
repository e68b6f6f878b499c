"""The layout a newcomer relies on, checked: no import cycle, no private name borrowed across modules,
no oversized module or function, and no word list outside the lexicon.

Every import counts, wherever it stands (module level, inside a function, under ``TYPE_CHECKING``):
an import hidden in a function is still a dependency, and a cycle through it is still a tangle.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
#: Collections of words that are not vocabulary: parser labels and tag names, which name the model's
#: own inventory and belong beside the code that reads them.
_LABEL_NAMES = re.compile(r"(DEPS|DEP|POS|ENTS|TAGS|LABELS|KIDS|FIELDS|COLUMNS|ROLES|KINDS|STAGES|ATTRS|FEATURES)$")


def module_name(path: Path, root: Path = SRC) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path = SRC) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def _resolve_from(node: ast.ImportFrom, current: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = current.split(".") if is_package else current.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_edges(known: dict[str, Path]) -> dict[str, set[str]]:
    """For each module, the modules of this tree it imports (a ``from pkg import sub`` names ``pkg.sub``)."""
    edges: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve_from(node, name, path.name == "__init__.py")
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in known else base)
            edges[name].update(t for t in targets if t in known and t != name)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle() -> None:
    found = cycles(import_edges(modules()))
    assert not found, "import cycles: " + "; ".join(" <-> ".join(c) for c in found)


def test_cycle_check_sees_a_cycle_through_a_function_import(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg.b import g\n")
    (pkg / "b.py").write_text("def g():\n    from pkg import a\n    return a\n")
    (pkg / "c.py").write_text("from . import a\n")
    assert cycles(import_edges(modules(tmp_path))) == [["pkg.a", "pkg.b"]]


def test_no_private_name_imported_across_modules() -> None:
    known = modules()
    borrowed = []
    for name, path in known.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = _resolve_from(node, name, path.name == "__init__.py")
                if base.split(".")[0] != "selon":
                    continue
                borrowed += [
                    f"{name} imports {base}.{a.name}"
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                ]
    assert not borrowed, "\n".join(borrowed)


def test_modules_and_functions_stay_small() -> None:
    too_long = []
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n") + 1
        if lines > MAX_MODULE_LINES:
            too_long.append(f"module {name}: {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"function {name}.{node.name} (line {node.lineno}): {length} lines")
    assert not too_long, "\n".join(too_long)


_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*")


def word_lists(tree: ast.Module) -> Iterator[tuple[str, int]]:
    """Module-level collections of four or more lowercase words: vocabulary, by the look of it."""
    for node in tree.body:
        if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if not names or any(_LABEL_NAMES.search(n.upper()) for n in names):
            continue
        strings = [c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant) and isinstance(c.value, str)]
        items = [w for s in strings for w in s.split()]
        words = [w for w in items if _WORD.fullmatch(w) and w.islower()]
        if len(words) >= 4 and len(words) >= 0.8 * len(items):
            yield names[0], node.lineno


def test_word_lists_live_in_the_lexicon() -> None:
    outside = []
    for name, path in modules().items():
        if not name.startswith("selon.nlp.") or name.startswith("selon.nlp.lexicon"):
            continue
        outside += [f"{name}.{var} (line {line})" for var, line in word_lists(ast.parse(path.read_text("utf-8")))]
    assert not outside, "word lists outside selon.nlp.lexicon:\n" + "\n".join(outside)


@pytest.mark.parametrize(
    "snippet, expected",
    [
        ("_VERBS = frozenset({'dire', 'affirmer', 'estimer', 'ajouter'})", ["_VERBS"]),
        ("_SUBJ_DEPS = ('nsubj', 'nsubj:pass', 'expl', 'csubj')", []),
        ("def f():\n    words = {'un', 'deux', 'trois', 'quatre'}", []),
        ("_Q = frozenset({'«', '»', '\"', '“'})", []),
    ],
)
def test_word_list_check(snippet: str, expected: list[str]) -> None:
    assert [name for name, _ in word_lists(ast.parse(snippet))] == expected
