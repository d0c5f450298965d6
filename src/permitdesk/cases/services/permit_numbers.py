"""A new permit's row and its number: the pack's initials, the local year, the case and the
permit's kind with its count on the case."""

from __future__ import annotations

import datetime as dt

from permitdesk.cases.models import Application, Permit
from permitdesk.law.pack import Pack
from permitdesk.rules.calendar import local


def _number(pack: Pack, application: Application, kind: str, now: dt.datetime) -> str:
    prefix = "".join(part[0] for part in pack.slug.split("-")).upper()
    count = Permit.objects.filter(application=application).count() + 1
    return f"{prefix}-{local(pack, now):%Y}-{application.pk:06d}-{kind[0].upper()}{count}"


def create_permit(
    pack: Pack, application: Application, kind: str, now: dt.datetime, **extra: object
) -> Permit:
    """The permit of `kind` issued now on `application` (`extra`: its end, evidence or
    correction date); the caller holds the case's row lock and writes the audit event."""
    return Permit.objects.create(
        application=application,
        number=_number(pack, application, kind, now),
        kind=kind,
        issued_at=now,
        **extra,
    )
