"""The cases as the sweep's services read them: locked, with what the notices say of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from permitdesk.cases.models import Application
from permitdesk.law.pack import Pack


def locked_cases(ids: Iterable[int] | QuerySet[Any], *related: str) -> dict[int, Application]:
    """The case rows of `ids` (a list, or a subquery of ids), locked for the rest of the
    transaction in one query, in id order (so two sweeps, each taking a batch's locks, never
    wait on each other in a circle), as cases.services.base.locked locks one; read with their
    jurisdiction, unit, property and applicant (the notices name them) and `related`. Only
    the case rows are locked; a case deleted since it was found is not there."""
    rows = (
        Application.objects.select_for_update(of=("self",))
        .select_related("jurisdiction", "unit__property", "applicant", *related)
        .filter(pk__in=ids)
        .order_by("pk")
    )
    return {case.pk: case for case in rows}


def case_context(pack: Pack, application: Application, today: dt.date) -> dict[str, Any]:
    """The jurisdiction, the case and its address, and the case page's public link."""
    applicant = application.applicant
    return {
        "jurisdiction": pack.name,
        "application_id": application.pk,
        "address": str(application.unit),
        "recipient": applicant.get_full_name() or applicant.username,
        "case_url": f"{settings.PUBLIC_URL}/cases/{application.pk}/",
        "today": today,
    }


def days_left(today: dt.date, last_day: dt.date) -> int:
    return (last_day - today).days


def within_lead(pack: Pack, lead_term: str, last_day: dt.date | None, today: dt.date) -> bool:
    """Whether `today` is within the pack's lead time (`lead_term`, in days) of `last_day`,
    up to that day: when a reminder or notice before it is due."""
    if last_day is None or not pack.has_term(lead_term):
        return False
    return last_day - dt.timedelta(days=pack.count(lead_term, today)) <= today <= last_day
