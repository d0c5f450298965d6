"""manage.py export_csv: the same CSV as the download, to a file or standard output."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.exports.downloads import download
from tests.factories import issued, people

pytestmark = pytest.mark.django_db

ARGS = ["--from", "2026-11-01", "--to", "2026-11-30", "--jurisdiction", "clayton-mo"]


def test_it_writes_the_same_csv_as_the_download_to_a_file(tmp_path: Path) -> None:
    who = people()
    issued(who)
    out = tmp_path / "permits.csv"
    call_command("export_csv", "permits", *ARGS, "-o", str(out))
    assert out.read_bytes().decode() == download("permits", who.clerk)[1]
    assert len(out.read_bytes().decode().splitlines()) == 2


def test_it_writes_to_standard_output_without_a_file() -> None:
    who = people()
    issued(who)
    stdout = io.StringIO()
    call_command("export_csv", "payments", *ARGS, stdout=stdout)
    assert stdout.getvalue() == download("payments", who.clerk)[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-11-31"], "from '2026-11-31' is not a date"),
        (["--to", "2026-10-01"], "to 2026-10-01 is before from 2026-11-01"),
        (["--jurisdiction", "atlantis"], "jurisdiction 'atlantis' is not one of: clayton-mo"),
    ],
)
def test_bad_input_is_an_error_naming_the_option(args: list[str], message: str) -> None:
    people()
    with pytest.raises(CommandError, match=message):
        call_command("export_csv", "cases", *ARGS, *args)


def test_an_unwritable_output_is_an_error_naming_it(tmp_path: Path) -> None:
    people()
    target = tmp_path / "missing" / "cases.csv"
    with pytest.raises(CommandError, match=r"output .*cases\.csv: No such file or directory"):
        call_command("export_csv", "cases", *ARGS, "-o", str(target))


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(CommandError, match="invalid choice: 'fees'"):
        call_command("export_csv", "fees", *ARGS)
