"""The code official's conditional and temporary permits, and the audit history of a case in
plain words: who did what, when, and what changed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.actions import require
from permitdesk.cases.selectors.case_file import staff_case
from permitdesk.cases.selectors.history import audit_trail
from permitdesk.cases.services.permits import issue_conditional_permit, issue_temporary_permit
from permitdesk.law.loader import get_pack
from permitdesk.web.staff.access import signed_in_user, staff_page
from permitdesk.web.staff.case import acted, back_to_case, case_page, confirmed_action
from permitdesk.web.staff.forms import ConditionalPermitForm, TemporaryPermitForm
from permitdesk.web.words import stored_value

HISTORY_PAGE_SIZE = 50


@require_POST
@staff_page()
def conditional_permit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    case = staff_case(user, pk)
    form = ConditionalPermitForm(request.POST)
    # The form's fields are the service's arguments: the owner's statement and the date.
    issue = partial(issue_conditional_permit, actor=user, application=case, now=timezone.now())
    permit = acted(form, partial(issue, **form.cleaned_data)) if form.is_valid() else None
    if permit is None:
        return case_page(request, case, 422, conditional_form=form)
    return back_to_case(request, case, f"Conditional permit {permit.number} issued.")


@require_POST
@staff_page()
def temporary_permit(request: HttpRequest, pk: int) -> HttpResponse:
    return confirmed_action(
        request,
        pk,
        issue_temporary_permit,
        ("temporary_form", TemporaryPermitForm),
        lambda permit: (
            f"Temporary permit {permit.number} issued (it does not authorize occupancy)."
        ),
    )


# What each audited action means, in the building division's words.
ACTION_WORDS = {
    "submit": "submitted the application",
    "record-payment": "recorded a payment",
    "refund-payment": "refunded a payment",
    "waive-fee": "waived a fee",
    "request-inspection": "requested an inspection",
    "assign-inspector": "assigned the inspector",
    "reschedule-inspection": "moved the inspection request",
    "cancel-inspection": "cancelled the inspection request",
    "record-passed": "recorded the inspection as passed",
    "record-failed": "recorded the inspection as failed",
    "record-no-access": "recorded no access to the unit",
    "add-occupant": "named an occupant",
    "change-occupant": "changed an occupant",
    "remove-occupant": "removed an occupant",
    "issue-permit": "issued the occupancy permit",
    "issue-conditional-permit": "issued a conditional permit",
    "issue-temporary-permit": "issued a temporary permit",
    "amend-permit": "amended the permit",
    "end-permit": "ended the permit",
    "lapse-approval": "recorded that the approval lapsed",
    "withdraw": "withdrew the application",
    "send-message": "wrote a message",
    "purge-attachment": "removed a document kept past its retention",
}


@dataclass(frozen=True)
class Change:
    what: str
    before: str
    after: str


@dataclass(frozen=True)
class Entry:
    event: AuditEvent
    who: str
    did: str
    changes: list[Change]


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def _value(values: dict[str, Any], key: str, names: dict[int, str], slug: str) -> str:
    value = values.get(key)
    if key == "inspector" and isinstance(value, int):
        return names.get(value, f"user {value}")
    return _shown(stored_value(key, value, slug))


def entry(event: AuditEvent, names: dict[int, str]) -> Entry:
    before, after = event.before or {}, event.after or {}
    changes = [
        Change(
            key.replace("_", " "),
            _value(before, key, names, event.jurisdiction_slug),
            _value(after, key, names, event.jurisdiction_slug),
        )
        for key in dict.fromkeys([*before, *after])
    ]
    actor = event.actor
    who = (actor.get_full_name() or actor.username) if actor else "the system"
    did = ACTION_WORDS.get(event.action, event.action.replace("-", " "))
    return Entry(event, who, f"{did} ({event.object_type} {event.object_id})", changes)


def inspector_names(events: list[AuditEvent]) -> dict[int, str]:
    """The names of the inspectors the events name (one query)."""
    ids = {
        v
        for e in events
        for side in (e.before or {}, e.after or {})
        if isinstance(v := side.get("inspector"), int)
    }
    return {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=ids)}


@staff_page()
def history(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    case = staff_case(user, pk)
    require(user, "view-audit", case)
    page = Paginator(audit_trail(case), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    events = list(page.object_list)
    names = inspector_names(events)
    return render(
        request,
        "web/staff/history.html",
        {
            "case": case,
            "zone": get_pack(case.jurisdiction.slug).jurisdiction.time_zone,
            "page": page,
            "entries": [entry(e, names) for e in events],
        },
    )
