"""Interfaces never write models: the portal (web), the API and the CLI call a service for every
change (ARCHITECTURE: "Services own every state change").

The import contract (pyproject [tool.importlinter], `lint-imports`) cannot say this: the
interfaces import the models to read them, so only the calls tell a write from a read. This
test reads their source and flags the ORM's writing calls: .save(), .delete(), the bulk and
get-or-create family anywhere, and .create()/.update() on a manager or a queryset
(`Model.objects...`, `.filter(...)`...), where dict.update() and the like are left alone.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "permitdesk"
INTERFACES = ("web", "api", "cli", "imports/management")

WRITES = {"save", "delete", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
QUERYSET_WRITES = {"create", "update"}
QUERYSET_STEPS = {"objects", "filter", "exclude", "all", "select_for_update", "select_related"}


def _chain(node: ast.expr) -> set[str]:
    """The attribute and method names a call's receiver is built from: `A.objects.filter(x)`
    gives {"objects", "filter"}."""
    names: set[str] = set()
    while True:
        if isinstance(node, ast.Attribute):
            names.add(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        else:
            return names


def model_writes(source: str) -> list[tuple[int, str]]:
    """(line, method) of each call in `source` that writes a model."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method = node.func.attr
        if method in WRITES or (
            method in QUERYSET_WRITES and _chain(node.func.value) & QUERYSET_STEPS
        ):
            found.append((node.lineno, method))
    return found


def test_the_check_finds_writes_and_leaves_dicts_alone() -> None:
    source = "\n".join(
        [
            "permit.save(update_fields=['status'])",
            "Application.objects.filter(pk=1).update(status='x')",
            "Payment.objects.create(amount=1)",
            "form.instance.delete()",
            "context.update(pack=pack)",
            "found.update({'a': 1})",
            "rows = Application.objects.filter(pk=1)",
        ]
    )
    assert model_writes(source) == [(1, "save"), (2, "update"), (3, "create"), (4, "delete")]


@pytest.mark.parametrize("package", INTERFACES)
def test_interfaces_write_no_models(package: str) -> None:
    files = sorted((SRC / package).rglob("*.py"))
    assert files, f"no Python files under {SRC / package}"
    writes = [
        f"{path.relative_to(SRC)}:{line}: .{method}()"
        for path in files
        for line, method in model_writes(path.read_text(encoding="utf-8"))
    ]
    assert writes == [], "interfaces call a service to change a model:\n" + "\n".join(writes)
