"""What the reminder templates are given about a case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from permitdesk.cases.models import Application
from permitdesk.law.pack import Pack


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
