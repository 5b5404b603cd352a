"""The code's shape, checked: imports at module level, so that a dependency between apps is
visible where the import-linter contract (pyproject.toml) and a reader look for it.

A `lindung.*` import inside a function is allowed in two places only (docs/architecture.md):
`AppConfig.ready()` (Django loads models before it), and a service enqueuing its own
background task (`<app>.tasks` imports the service it runs, so the service imports the task
where it enqueues it: the one documented service <-> task cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "lindung"


def _local_imports(path: Path) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []

    def visit(node: ast.AST, chain: tuple[str, ...]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, (*chain, child.name))
            elif chain and isinstance(child, ast.ImportFrom | ast.Import):
                names = ([child.module or ""] if isinstance(child, ast.ImportFrom)
                         else [alias.name for alias in child.names])
                found.extend((child.lineno, chain[0], name) for name in names
                             if name.startswith("lindung"))
            else:
                visit(child, chain)

    visit(ast.parse(path.read_text(encoding="utf-8")), ())
    return found


def _allowed(path: Path, function: str, module: str) -> bool:
    if path.name == "apps.py" and function == "ready":
        return True
    return module.endswith(".tasks") and path.name != "tasks.py"


def test_no_lindung_import_inside_a_function_outside_the_documented_cases() -> None:
    offending = [f"{path.relative_to(SRC)}:{line} in {function}(): {module}"
                 for path in sorted(SRC.rglob("*.py")) if "migrations" not in path.parts
                 for line, function, module in _local_imports(path)
                 if not _allowed(path, function, module)]
    assert offending == []


def test_the_checker_sees_a_local_import(tmp_path: Path) -> None:
    module = tmp_path / "views.py"
    module.write_text("def f():\n    from lindung.people.models import Person\n    return Person\n",
                      encoding="utf-8")
    assert _local_imports(module) == [(2, "f", "lindung.people.models")]
    assert not _allowed(module, "f", "lindung.people.models")
    assert _allowed(tmp_path / "services.py", "submit", "lindung.screening.tasks")
    assert _allowed(tmp_path / "apps.py", "ready", "lindung.people.signals")
