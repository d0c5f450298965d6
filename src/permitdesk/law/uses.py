"""Which pack terms the code reads: a term under `terms` must be read somewhere (enforced by a
service or rule, or shown where it applies); one that no code reads is inert, and `permitdesk
packs check` lists it. The text that nothing acts on belongs under `information`.

A term counts as read where its name is a string literal in a module of the package (outside
the packs themselves): found by parsing the source, so the list cannot drift from the code.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from permitdesk.law.pack import Pack

PACKAGE = Path(__file__).resolve().parent.parent


@cache
def literals() -> dict[str, tuple[str, ...]]:
    """Every string literal of the package's modules, with the modules it appears in."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in {"packs", "migrations"} or "migrations" in relative.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.setdefault(node.value, set()).add(str(relative))
    return {text: tuple(sorted(modules)) for text, modules in found.items()}


def readers(term: str) -> tuple[str, ...]:
    """The modules that read `term` (name it as a string literal)."""
    return literals().get(term, ())


def inert_terms(pack: Pack) -> list[str]:
    """The pack's terms that no code reads: neither enforced nor shown anywhere."""
    return [name for name in pack.terms if not readers(name)]
