"""manage.py load_jurisdictions: one row per shipped pack, and nothing more on a second run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from permitdesk.law.loader import all_packs
from permitdesk.records.models import Jurisdiction

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_jurisdictions", stdout=out)
    return out.getvalue()


def test_it_creates_a_row_for_each_shipped_pack() -> None:
    output = load()
    packs = {pack.slug: pack.name for pack in all_packs()}
    assert len(packs) == 4
    assert dict(Jurisdiction.objects.values_list("slug", "name")) == packs
    assert output.count("created") == 4
    assert "clayton-mo" in output


def test_a_second_run_changes_nothing() -> None:
    load()
    before = list(Jurisdiction.objects.order_by("pk").values())
    output = load()
    assert list(Jurisdiction.objects.order_by("pk").values()) == before
    assert output.count("unchanged") == 4


def test_it_puts_back_the_name_the_pack_gives_and_keeps_the_row() -> None:
    load()
    row = Jurisdiction.objects.get(slug="clayton-mo")
    Jurisdiction.objects.filter(pk=row.pk).update(name="Clayton (old name)")
    output = load()
    renamed = Jurisdiction.objects.get(slug="clayton-mo")
    assert renamed.pk == row.pk
    assert renamed.name == "City of Clayton, Missouri"
    assert output.count("updated") == 1
    assert output.count("unchanged") == 3
