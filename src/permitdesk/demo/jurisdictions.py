"""A Jurisdiction row for each shipped pack: the case file's link to the law."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from permitdesk.law.loader import all_packs
from permitdesk.records.models import Jurisdiction


@dataclass(frozen=True)
class Synced:
    slug: str
    name: str
    outcome: str  # "created", "updated" or "unchanged"


def sync_jurisdictions() -> list[Synced]:
    """Create the row of each pack that has none; rename a row whose pack's name changed.

    Idempotent: a second run finds every row as the packs say and writes nothing. Rows whose
    pack is gone are left alone (cases refer to them).
    """
    done: list[Synced] = []
    with transaction.atomic():
        for pack in all_packs():
            row = Jurisdiction.objects.select_for_update().filter(slug=pack.slug).first()
            if row is None:
                Jurisdiction.objects.create(slug=pack.slug, name=pack.name)
                outcome = "created"
            elif row.name != pack.name:
                row.name = pack.name
                row.save(update_fields=["name"])
                outcome = "updated"
            else:
                outcome = "unchanged"
            done.append(Synced(pack.slug, pack.name, outcome))
    return done
