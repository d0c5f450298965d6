"""Reads of accounts: a jurisdiction's staff, in one ordering (jurisdiction, role, username)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from permitdesk.accounts.models import Membership


def staff_list(jurisdiction_ids: Iterable[int] | None = None) -> QuerySet[Membership]:
    """Every membership (of these jurisdictions, when given), with its user and jurisdiction."""
    found = Membership.objects.select_related("user", "jurisdiction").order_by(
        "jurisdiction__slug", "role", "user__username", "pk"
    )
    if jurisdiction_ids is not None:
        found = found.filter(jurisdiction_id__in=list(jurisdiction_ids))
    return found
