"""The case as the sweep's services read it: locked, with what the notices say of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from permitdesk.cases.models import Application
from permitdesk.law.pack import Pack


def locked_case(application_id: int) -> Application:
    """The case row locked for the rest of the transaction, as cases.services.base.locked
    does, read in the same query with its jurisdiction, unit, property and applicant (the
    notices name them); only the case row is locked."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("jurisdiction", "unit__property", "applicant")
        .get(pk=application_id)
    )


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
