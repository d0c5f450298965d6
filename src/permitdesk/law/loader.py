"""Reads packs from YAML and checks them, with errors that name the file, line and key."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from permitdesk.law.checks import cross_check
from permitdesk.law.pack import Pack, UnknownName
from permitdesk.law.schema import (
    ChecklistFile,
    EligibilityFile,
    FeesFile,
    JurisdictionFile,
    SourcesFile,
    TermsFile,
)

PACKS_DIR = Path(__file__).resolve().parent.parent / "packs"
PACK_FILES = (
    "jurisdiction.yaml",
    "terms.yaml",
    "fees.yaml",
    "eligibility.yaml",
    "checklist.yaml",
)

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]


class PackError(ValueError):
    """A pack that does not match the schema: `file:line: key: problem`."""

    def __init__(self, path: Path, line: int | None, key: str, problem: str) -> None:
        self.path, self.line, self.key, self.problem = path, line, key, problem
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {key or '(top level)'}: {problem}")


class _Loader(yaml.SafeLoader):
    """Safe YAML with two changes: duplicate keys are errors; decimals stay exact."""


def _mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first on line {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


def _decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node).replace("_", ""))


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)


def _line_of(root: yaml.Node | None, loc: Loc) -> int | None:
    """The 1-based line of the node at `loc` (or of its nearest ancestor that exists)."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    child = value_node
                    line = key_node.start_mark.line + 1
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def _dotted(loc: Loc) -> str:
    return ".".join(str(p) for p in loc)


def read_model(path: Path, model: type[M]) -> tuple[M, yaml.Node | None]:
    """Parse one YAML file into `model`; any problem is a PackError naming file, line, key."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PackError(path, None, "", f"cannot read the file: {exc.strerror}") from None
    try:
        data = yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise PackError(
            path, mark.line + 1 if mark else None, "", exc.problem or "invalid YAML"
        ) from None
    try:
        return model.model_validate(data if data is not None else {}), root
    except ValidationError as exc:
        errors = exc.errors()
        # A value that fits no member of a union is one problem, reported once per member.
        places = list(
            dict.fromkeys(tuple(p for p in e["loc"] if not _is_union_tag(p)) for e in errors)
        )
        loc = places[0]
        problem = errors[0]["msg"]
        if len(places) > 1:
            problem += f" (and {len(places) - 1} more problem(s) in this file)"
        raise PackError(path, _line_of(root, loc), _dotted(loc), problem) from None


def _is_union_tag(part: str | int) -> bool:
    # pydantic puts the union member it tried into the location ("decimal", "RateByFact", ...)
    return isinstance(part, str) and (
        part[:1].isupper()
        or part in {"decimal", "bool", "int", "str", "list[str]", "constrained-decimal"}
        or part.startswith(("function-", "list[", "literal["))
    )


def load_pack(slug: str, root: Path = PACKS_DIR) -> Pack:
    folder = root / slug
    if not folder.is_dir():
        raise UnknownName(f"jurisdiction '{slug}' is not one of: {', '.join(pack_slugs(root))}")
    sources, _ = read_model(root / "sources.yaml", SourcesFile)
    jurisdiction, j_root = read_model(folder / "jurisdiction.yaml", JurisdictionFile)
    fees, f_root = read_model(folder / "fees.yaml", FeesFile)
    terms_file, t_root = read_model(folder / "terms.yaml", TermsFile)
    eligibility, e_root = read_model(folder / "eligibility.yaml", EligibilityFile)
    checklist, c_root = read_model(folder / "checklist.yaml", ChecklistFile)
    for key, item in checklist.items.items():
        if item.standard is not None and item.standard not in terms_file.terms:
            raise PackError(
                folder / "checklist.yaml",
                _line_of(c_root, ("items", key, "standard")),
                f"items.{key}.standard",
                f"'{item.standard}' is not a term of {slug} (terms.yaml)",
            )
    pack = Pack(
        slug=slug,
        jurisdiction=jurisdiction,
        sources=dict(sources.sources),
        fees=fees,
        terms=dict(terms_file.terms),
        information=dict(terms_file.information),
        eligibility=eligibility,
        checklist=checklist,
    )
    nodes = {
        "jurisdiction.yaml": j_root,
        "fees.yaml": f_root,
        "terms.yaml": t_root,
        "eligibility.yaml": e_root,
    }
    for problem in cross_check(pack):
        raise PackError(
            folder / problem.file,
            _line_of(nodes[problem.file], problem.loc),
            _dotted(problem.loc),
            problem.message,
        )
    return pack


def pack_slugs(root: Path = PACKS_DIR) -> list[str]:
    return sorted(p.name for p in root.iterdir() if (p / "jurisdiction.yaml").is_file())


@cache
def get_pack(slug: str) -> Pack:
    """The shipped pack for `slug`, loaded once per process."""
    return load_pack(slug)


def all_packs() -> Iterator[Pack]:
    for slug in pack_slugs():
        yield get_pack(slug)
