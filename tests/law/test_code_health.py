"""Health of the shipped law and of the rules core.

The packs: every dated value has a real effective date and a citation to one of its own
pack's sources; every jurisdiction folder holds the same files; every choice of reading
(counting started units, or units beyond an included number) says why.

The rules core: pure. It imports nothing from Django or from the command-line interface, and
never reads the clock (rules take `now` and `on` as arguments). These are checked with the
`ast` module, so a comment or a string that mentions `datetime.now` does not count, and an
aliased import (`import datetime as dt`) does not hide a call.
"""

from __future__ import annotations

import ast
import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import permitdesk.rules
from permitdesk.law.loader import PACK_FILES, PACKS_DIR, get_pack
from permitdesk.law.pack import Pack
from permitdesk.law.schema import Citation

SLUGS = ["clayton-mo", "st-clair-county-il", "st-louis-county-mo", "village-ord-08-457"]
EARLIEST = dt.date(1990, 1, 1)  # nothing these documents describe predates 1998
RULES_DIR = Path(permitdesk.rules.__file__).resolve().parent
RULES_FILES = sorted(RULES_DIR.glob("*.py"))
CLOCK_READERS = {
    "datetime.datetime.now",
    "datetime.datetime.utcnow",
    "datetime.datetime.today",
    "datetime.date.today",
    "time.time",
    "time.time_ns",
}


# --- the packs ------------------------------------------------------------------------------


def dated_values(pack: Pack) -> Iterator[tuple[str, dt.date, Citation]]:
    """(where, effective date, citation) of every dated value and every cited fee line."""
    for name, term in pack.terms.items():
        for i, tv in enumerate(term.values):
            yield f"terms.{name}.values.{i}", tv.effective, tv.citation
    for name, table in pack.fees.tables.items():
        yield f"tables.{name}", table.effective, table.citation
    for slug, item in pack.fees.items.items():
        for i, version in enumerate(item.versions):
            where = f"items.{slug}.versions.{i}"
            yield where, version.effective, version.citation
            for line in version.lines:
                if line.citation is not None:
                    yield f"{where}.lines.{line.id}", version.effective, line.citation
    for slug, obligation in pack.eligibility.obligations.items():
        for i, case in enumerate(obligation.cases):
            yield f"obligations.{slug}.cases.{i}", case.effective, case.citation


@pytest.mark.parametrize("slug", SLUGS)
def test_every_dated_value_takes_effect_on_a_real_date(slug: str) -> None:
    values = list(dated_values(get_pack(slug)))
    assert values
    early = [(where, on.isoformat()) for where, on, _ in values if on < EARLIEST]
    assert early == [], f"placeholder dates in {slug}"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_dated_value_cites_one_of_its_own_packs_sources(slug: str) -> None:
    pack = get_pack(slug)
    sources = set(pack.jurisdiction.sources)
    stray = [(where, c.doc) for where, _, c in dated_values(pack) if c.doc not in sources]
    assert stray == [], f"{slug} cites documents outside its sources {sorted(sources)}"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_citation_names_a_section_of_at_least_three_characters(slug: str) -> None:
    short = [
        (where, c.section)
        for where, _, c in dated_values(get_pack(slug))
        if len(c.section.strip()) < 3
    ]
    assert short == []


@pytest.mark.parametrize("slug", SLUGS)
def test_every_source_of_a_pack_is_a_known_document(slug: str) -> None:
    pack = get_pack(slug)
    assert pack.jurisdiction.sources
    for doc in pack.jurisdiction.sources:
        assert doc in pack.sources


def test_every_jurisdiction_folder_holds_exactly_the_same_file_names() -> None:
    folders = sorted(
        p for p in PACKS_DIR.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))
    )
    assert [f.name for f in folders] == SLUGS
    names = {
        f.name: sorted(x.name for x in f.iterdir() if x.is_file() and not x.name.startswith("."))
        for f in folders
    }
    assert all(files == sorted(PACK_FILES) for files in names.values()), names


@pytest.mark.parametrize("slug", SLUGS)
def test_every_line_that_counts_started_units_or_units_beyond_some_says_why(slug: str) -> None:
    unexplained = []
    chosen = 0
    for item_slug, item in get_pack(slug).fees.items.items():
        for version in item.versions:
            for line in version.lines:
                quantity = line.quantity
                if quantity is None:
                    continue
                if quantity.rounding != "up" and "beyond" not in quantity.model_fields_set:
                    continue
                chosen += 1
                reasons = [n for n in (line.note, quantity.note) if n and n.strip()]
                if not reasons:
                    unexplained.append(f"{item_slug} {version.effective} {line.id}")
    assert unexplained == []
    if slug != "st-clair-county-il":  # its fees are flat: nothing to count
        assert chosen > 0


# --- the rules core -------------------------------------------------------------------------


def _package_of(module: str) -> list[str]:
    return module.split(".")[:-1]


def imported_names(tree: ast.AST, module: str) -> list[str]:
    """Every module (and `from` module.name) that `tree`, the source of `module`, imports."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = _package_of(module)
                base = package[: len(package) - (node.level - 1)]
                parts = base + ([node.module] if node.module else [])
                source = ".".join(parts)
            else:
                source = node.module or ""
            found.append(source)
            found += [f"{source}.{alias.name}" for alias in node.names]
    return found


def clock_reads(tree: ast.AST) -> list[str]:
    """Every reference to a clock-reading function, however its module was imported."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    aliases[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def qualified(node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            return aliases.get(node.id)
        if isinstance(node, ast.Attribute):
            owner = qualified(node.value)
            return f"{owner}.{node.attr}" if owner else None
        return None

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name | ast.Attribute):
            name = qualified(node)
            if name in CLOCK_READERS:
                found.append(f"line {node.lineno}: {name}")
    return found


def forbidden_imports(tree: ast.AST, module: str) -> list[str]:
    return [
        name
        for name in imported_names(tree, module)
        if name == "django"
        or name.startswith("django.")
        or name == "permitdesk.cli"
        or name.startswith("permitdesk.cli.")
    ]


def parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def module_name(path: Path) -> str:
    return f"permitdesk.rules.{path.stem}" if path.stem != "__init__" else "permitdesk.rules"


def test_the_rules_package_has_its_modules() -> None:
    names = {p.stem for p in RULES_FILES}
    assert {"quote", "eligibility", "deadlines", "calendar", "occupancy"} <= names


@pytest.mark.parametrize("path", RULES_FILES, ids=lambda p: p.name)
def test_no_rules_module_imports_django_or_the_cli(path: Path) -> None:
    assert forbidden_imports(parse(path), module_name(path)) == []


@pytest.mark.parametrize("path", RULES_FILES, ids=lambda p: p.name)
def test_no_rules_module_reads_the_clock(path: Path) -> None:
    assert clock_reads(parse(path)) == []


def test_importing_every_rules_module_loads_neither_django_nor_the_cli() -> None:
    program = (
        "import importlib, pkgutil, sys\n"
        "import permitdesk.rules as rules\n"
        "for m in pkgutil.iter_modules(rules.__path__):\n"
        "    importlib.import_module('permitdesk.rules.' + m.name)\n"
        "print(sorted(n for n in sys.modules\n"
        "             if n.split('.')[0] == 'django' or n.startswith('permitdesk.cli')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# --- the checks above catch what they look for ----------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "import datetime as dt\ndt.datetime.now()",
        "import datetime\ndatetime.datetime.now(datetime.UTC)",
        "from datetime import datetime\ndatetime.now()",
        "from datetime import datetime as DT\nstamp = DT.utcnow",
        "from datetime import date\ndate.today()",
        "import datetime as dt\ndt.date.today()",
        "import time\ntime.time()",
        "from time import time as clock\nclock()",
    ],
)
def test_the_clock_check_catches_each_way_of_reading_the_clock(source: str) -> None:
    assert clock_reads(ast.parse(source)) != []


@pytest.mark.parametrize(
    "source",
    [
        "import datetime as dt\ndt.time(16, 0)\ndt.time.fromisoformat('16:00')",
        "import datetime as dt\ndt.datetime.combine(dt.date(2026, 1, 1), dt.time())",
        "# datetime.now() in a comment\ntext = 'date.today()'",
        "def today():\n    return 1\ntoday()",
    ],
)
def test_the_clock_check_lets_pure_date_arithmetic_pass(source: str) -> None:
    assert clock_reads(ast.parse(source)) == []


@pytest.mark.parametrize(
    "source",
    [
        "import django",
        "from django.db import models",
        "import django.utils.timezone as tz",
        "from permitdesk.cli import render",
        "from permitdesk import cli",
        "import permitdesk.cli.main",
        "from ..cli import serialize",
    ],
)
def test_the_import_check_catches_django_and_the_cli(source: str) -> None:
    assert forbidden_imports(ast.parse(source), "permitdesk.rules.quote") != []


def test_the_import_check_lets_the_law_and_the_standard_library_pass() -> None:
    source = (
        "from __future__ import annotations\nimport datetime as dt\n"
        "from permitdesk.law.pack import Pack\nfrom .money import usd\n"
    )
    assert forbidden_imports(ast.parse(source), "permitdesk.rules.quote") == []
