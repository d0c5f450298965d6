"""A case's reads have one ordering wherever they are shown: the audit trail oldest first by
(at, id) from the API, on the staff history page and on the applicant's timeline; the case
file's lists in the orders of permitdesk.cases.selectors.case_file.LIST_ORDERS, from the
staff page's read, the applicant page's read and the API's."""

from __future__ import annotations

import datetime as dt

import pytest

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application
from permitdesk.cases.selectors.case_file import (
    LIST_ORDERS,
    application_detail,
    my_case,
    staff_case,
)
from permitdesk.cases.selectors.history import audit_trail
from permitdesk.web.applicant.timeline import describe
from tests import factories
from tests.api.client import Api
from tests.web.staff.conftest import client_of

pytestmark = pytest.mark.django_db


def out_of_order_trail(case: Application) -> list[int]:
    """Two more events written after the case's own, one dated before all of them and one at
    the same moment as the first: the trail's order is not the order of the ids."""
    first = AuditEvent.objects.filter(application_id=case.pk).order_by("at", "id")[0]
    for at in (first.at - dt.timedelta(hours=1), first.at):
        AuditEvent.objects.create(
            action="application.submitted",
            object_type="application",
            object_id=str(case.pk),
            application_id=case.pk,
            jurisdiction_slug=case.jurisdiction.slug,
            at=at,
            after={"status": case.status},
        )
    ordered = [e.pk for e in audit_trail(case)]
    assert ordered != sorted(ordered)  # the test can tell the orders apart
    return ordered


def test_the_audit_trail_is_in_one_order_from_the_api_and_both_pages() -> None:
    who = factories.people()
    case, _visit = factories.scheduled(who)
    expected = out_of_order_trail(case)
    assert expected == [
        e.pk
        for e in sorted(
            AuditEvent.objects.filter(application_id=case.pk), key=lambda e: (e.at, e.pk)
        )
    ]

    status, page = Api(who.official).get(f"/applications/{case.pk}/audit", limit=100)
    assert status == 200, page
    assert [e["id"] for e in page["items"]] == expected

    history = client_of(who.official).get(f"/staff/cases/{case.pk}/history/")
    assert history.status_code == 200
    assert [e.event.pk for e in history.context["entries"]] == expected

    timeline = client_of(who.owner).get(f"/cases/{case.pk}/")
    assert timeline.status_code == 200
    events = AuditEvent.objects.in_bulk(expected)
    assert [(h.at, h.text) for h in timeline.context["events"]] == [
        (events[pk].at, describe(events[pk])) for pk in expected
    ]


def test_the_case_files_lists_are_in_the_same_order_for_every_reader() -> None:
    who = factories.people()
    case = factories.issued(who).application
    readers = {
        "api": application_detail(who.official, case.pk),
        "staff": staff_case(who.official, case.pk),
        "applicant": my_case(who.owner, case.pk),
    }
    for name in ("fee_lines", "payments", "inspections", "occupants", "permits"):
        orders = {
            reader: [obj.pk for obj in getattr(found, name).all()]
            for reader, found in readers.items()
        }
        assert orders["api"], name  # something to order
        assert orders["api"] == orders["staff"] == orders["applicant"], name
        keys = [
            tuple(getattr(obj, field) for field in LIST_ORDERS[name])
            for obj in getattr(readers["api"], name).all()
        ]
        assert keys == sorted(keys), name
