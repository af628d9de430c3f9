"""The package's shape: its import graph has no circle (imports inside functions count;
those only for a type checker do not), and no module outside ui/ uses widgets."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tanhoi_desktop"


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _type_checking_only(tree: ast.AST) -> set[int]:
    """Line numbers of imports under `if TYPE_CHECKING:`."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for inner in node.body:
                for sub in ast.walk(inner):
                    if isinstance(sub, ast.Import | ast.ImportFrom):
                        lines.add(sub.lineno)
    return lines


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_only(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.lineno not in skip:
                if node.level:
                    base = package.split(".")[:len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                wanted = [target, *(f"{target}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import) and node.lineno not in skip:
                wanted = [a.name for a in node.names]
            else:
                continue
            # a package is imported before its modules anyway: no edge to one's own parent
            edges[name] |= {w for w in wanted if w in modules and w != name
                            and not name.startswith(w + ".")}
    return edges


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in edges:
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_has_no_circle():
    assert _circles(_graph()) == []


def test_a_circle_would_be_found():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_widget_below_ui():
    below = [path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
             if "ui" not in path.relative_to(PACKAGE).parts[:1]
             and ("QtWidgets" in path.read_text(encoding="utf-8")
                  or "QtPrintSupport" in path.read_text(encoding="utf-8"))]
    assert below == []


def _unexplained_inner_imports(source: str) -> list[int]:
    """Lines of imports inside a function with no comment saying why, on the import's
    own lines or the line above."""
    lines = source.splitlines()
    out = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if in_function and isinstance(child, ast.Import | ast.ImportFrom):
                own = lines[child.lineno - 1:child.end_lineno]
                above = lines[child.lineno - 2].strip() if child.lineno > 1 else ""
                if not any("#" in line for line in own) and not above.startswith("#"):
                    out.append(child.lineno)
            visit(child, in_function
                  or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    visit(ast.parse(source), False)
    return out


def test_an_import_inside_a_function_says_why_it_is_there():
    """At module level unless start-up needs it later (or it exists on one platform only):
    then a short comment says so, so that it is not moved up by mistake."""
    found = {path.relative_to(PACKAGE).as_posix(): lines for path in PACKAGE.rglob("*.py")
             if (lines := _unexplained_inner_imports(path.read_text(encoding="utf-8")))}
    assert found == {}


def test_an_unexplained_inner_import_would_be_found():
    source = ("import os\n\n\ndef f():\n    import sys\n    return sys\n\n\n"
              "def g():\n    import json  # on first use\n    return json\n")
    assert _unexplained_inner_imports(source) == [5]
