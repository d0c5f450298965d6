"""permits.issue_permit: the occupancy permit, once the case is approved, paid and its
occupants named."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application, Permit
from permitdesk.cases.services import applications, inspections, occupants, payments, permits
from permitdesk.cases.services.base import balance_due
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Relation
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.factories import anywhere
from tests.factories.anywhere import MONDAY
from tests.factories.anywhere import file_case as _file
from tests.factories.anywhere import issue as _issue
from tests.moments import central
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def issue(actor: User, case: Application, at: str = "2026-11-18 11:00", **more: Any) -> Permit:
    return permits.issue_permit(actor=actor, application=case, now=central(at), **more)


def name(who: factories.People, case: Application, *names: str) -> Application:
    for first in names:
        occupants.add_occupant(
            actor=who.owner,
            application=case,
            first_name=first,
            last_name="Tenant",
            age=30,
            relationship="head",
            now=factories.ON_WEDNESDAY,
        )
    return case


def passed(who: factories.People, case: Application | None = None) -> Application:
    """A Clayton case (or `case`) that passed on Wednesday, no occupant named yet."""
    case, visit = factories.scheduled(who, case)
    inspections.record_inspection_result(
        actor=who.inspector, inspection=visit, result="passed", now=factories.ON_WEDNESDAY
    )
    return case


def _passed_unpaid(who: factories.People) -> partial[Permit]:
    case = factories.submitted(who)
    visit = factories.request(case, who.owner, factories.WEDNESDAY, factories.MONDAY)
    inspections.assign_inspector(
        actor=who.clerk, inspection=visit, inspector=who.inspector, now=factories.MONDAY
    )
    inspections.record_inspection_result(
        actor=who.inspector, inspection=visit, result="passed", now=factories.ON_WEDNESDAY
    )
    return partial(issue, who.clerk, name(who, case, "Ada"))


def _elsewhere(slug: str, who: factories.People, *, details: bool = True) -> partial[Permit]:
    """`who.owner`'s case of `slug`, passed on Wednesday, paid, its occupant named (`details`:
    with the age and relationship), ready for its permit but for what the row tests."""
    crew = factories.staff(slug)
    case = anywhere.ready_for_permit(
        anywhere.file_case(slug, who.owner), crew, factories.WEDNESDAY, details=details
    )
    return partial(issue, crew[Role.CLERK], case, at="2026-11-18 12:00")


def _prior_to_sale_passed(who: factories.People) -> Application:
    """Clayton's prior-to-sale inspection of a three-unit building, paid and passed: approved,
    as far as the case goes (the status admits a permit; the program does not)."""
    case = applications.submit_application(
        actor=who.owner,
        unit=factories.unit("clayton-mo", "apartment", 3, owner=who.owner),
        fee_item="prior-to-sale-inspection",
        trigger="sale",
        now=factories.MONDAY,
    )
    anywhere.pay(case, who.clerk, factories.MONDAY)
    visit = factories.book(case, who.crew(), who.owner, factories.WEDNESDAY, factories.MONDAY)
    anywhere.record(who.crew(), visit, factories.ON_WEDNESDAY, "passed")
    case.refresh_from_db()
    assert case.status == "approved"
    return case


def _claim_refused_since(who: factories.People) -> Application:
    """An approved case whose applicant's relation to the property the clerk has since
    refused (the application was held for the clerk on that claim)."""
    case = factories.approved(who)
    Relation.objects.filter(person=who.owner, property_id=case.unit.property_id).update(
        status=Relation.Status.REFUSED
    )
    return case


REFUSALS = [
    pytest.param(
        lambda who: partial(issue, who.owner, factories.approved(who)),
        "forbidden",
        "may not issue permit",
        id="the applicant issues it",
    ),
    pytest.param(
        lambda who: partial(issue, who.other, factories.approved(who)),
        "not-found",
        "not found",
        id="another applicant issues it",
    ),
    pytest.param(
        lambda who: partial(issue, who.clerk, factories.scheduled(who)[0]),
        "status",
        "cannot issue permit a case that is inspection-requested",
        id="before the inspection",
    ),
    pytest.param(
        lambda who: partial(issue, who.clerk, factories.failed(who)[0]),
        "status",
        "cannot issue permit a case that is failed",
        id="after a failed inspection",
    ),
    pytest.param(
        lambda who: partial(issue, who.clerk, factories.issued(who).application),
        "status",
        "cannot issue permit a case that is issued",
        id="a second time",
    ),
    pytest.param(
        lambda who: partial(issue, who.clerk, passed(who)),
        "occupants-missing",
        "add every occupant first",
        id="no occupant named",
    ),
    pytest.param(
        _passed_unpaid,
        "fee-due",
        "fees must be paid before the permit is issued; 80.00 is due",
        id="the fee unpaid",
    ),
    pytest.param(
        lambda who: partial(issue, who.clerk, factories.approved(who), at="2027-03-01 10:00"),
        "approval-lapsed",
        "the approval ran out on 2027-02-16",
        id="after the approval's 90 days",
    ),
    pytest.param(
        lambda who: partial(issue, who.clerk, factories.approved(who), at="2026-11-16 12:00"),
        "not-processed",
        "the application is not processed yet; no permit before it is",
        id="before the application is processed",
    ),
    pytest.param(
        lambda who: partial(issue, who.clerk, factories.approved(who), at="2026-11-17 15:00"),
        "before-approval",
        "the approval is dated 2026-11-18; no permit before it",
        id="the day before the approval",
    ),
    pytest.param(
        lambda who: partial(_elsewhere("st-clair-county-il", who), evidence="rent-receipt"),
        "document",
        "evidence 'rent-receipt' is not one of",
        id="St. Clair, a rent receipt without a photo ID",
    ),
    pytest.param(
        lambda who: _elsewhere("st-clair-county-il", who),
        "document",
        "evidence '' is not one of",
        id="St. Clair, no evidence of occupancy",
    ),
    pytest.param(
        lambda who: _elsewhere(factories.VILLAGE, who, details=False),
        "occupant-details",
        "each occupant's age and relationship; missing for: Ann Tenant",
        id="the village, an occupant without age or relationship",
    ),
    pytest.param(
        lambda who: partial(issue, who.clerk, factories.approved(who), override_reason="rush"),
        "forbidden",
        "only a code official may override",
        id="a clerk overrides the timing",
    ),
    pytest.param(
        lambda who: partial(issue, who.clerk, _prior_to_sale_passed(who)),
        "no-permit",
        "ends in its inspection report, not an occupancy permit",
        id="a case that ends in an inspection report",
    ),
    pytest.param(
        lambda who: partial(issue, who.clerk, _claim_refused_since(who)),
        "relation-refused",
        "the applicant's claim to this property was refused or has ended",
        id="the applicant's claim was refused after they applied",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_permit_writes_one_audit_event_and_queues_its_notice(who: factories.People) -> None:
    case = factories.approved(who)
    with writes_one_event("issue-permit", messages=("permit-issued",)) as written:
        permit = issue(who.clerk, case)
    assert written.event.before == {"status": "approved"}
    assert written.event.after == {
        "status": "issued",
        "permit": permit.number,
        "ends_on": "2031-11-18",  # Clayton's permits run five years
        "ended": [],
    }
    assert permit.number == f"CM-2026-{case.pk:06d}-S1"


def test_a_new_occupancys_permit_ends_the_earlier_one_with_an_event_of_its_own(
    who: factories.People,
) -> None:
    """The one success that writes two events: the issue, and the end of the unit's earlier
    permit (Clayton: a new permit ends the one of the earlier tenancy)."""
    earlier = factories.issued(who)
    case = name(who, passed(who, factories.submitted(who)), "Bo")
    case.unit = earlier.application.unit
    case.save(update_fields=["unit"])
    last = AuditEvent.objects.order_by("-pk").first()
    issue(who.clerk, case, at="2026-11-18 12:00")
    written = AuditEvent.objects.filter(pk__gt=last.pk if last else 0).order_by("pk")
    assert [e.action for e in written] == ["end-permit", "issue-permit"]
    earlier.refresh_from_db()
    assert earlier.end_reason == "change-of-tenancy"


def test_st_louis_county_checks_the_occupant_count_against_the_bedrooms() -> None:
    slug = "st-louis-county-mo"
    crew = factories.staff(slug)
    buyer = factories.user("buyer")
    home = factories.unit(slug, "condo", 12, bedrooms=("75",))
    factories.relation(buyer, home.property, kind="buyer")
    now = central("2026-04-01 10:00")
    case = applications.submit_application(
        actor=buyer, unit=home, fee_item="re-occupancy-permit", trigger="sale", now=now
    )
    assert balance_due(case) == Decimal("80.00")
    payments.record_payment(
        actor=crew[Role.CLERK], application=case, method="check", amount=Decimal("80.00"), now=now
    )
    factories.pass_inspection(
        case,
        requester=buyer,
        crew=crew,
        wanted_on=dt.date(2026, 4, 3),
        requested_at=now,
        passed_at=central("2026-04-03 10:00"),
    )
    case.refresh_from_db()
    assert case.approval.valid_through == dt.date(2026, 8, 1)  # 120 days to name the occupants
    occupants.add_occupant(actor=buyer, application=case, first_name="E", last_name="One", now=now)
    occupants.add_occupant(actor=buyer, application=case, first_name="F", last_name="Two", now=now)
    with pytest.raises(Refused, match="bedrooms allow at most 1"):
        permits.issue_permit(
            actor=crew[Role.CLERK], application=case, now=central("2026-04-04 10:00")
        )


@pytest.mark.parametrize(
    ("slug", "reason"),
    [
        ("clayton-mo", "change-of-tenancy"),
        ("village-ord-08-457", "change-of-occupancy"),
        ("st-louis-county-mo", "change-of-occupancy"),
        ("st-clair-county-il", "change-of-occupancy"),
    ],
)
def test_a_new_occupancys_permit_ends_the_permit_in_force_on_the_unit(
    slug: str, reason: str
) -> None:
    crew = factories.staff(slug)
    owner = factories.user("owner")
    home = factories.unit(slug, "single-family", owner=owner)
    item = get_pack(slug).case_items()[0]
    evidence = "lease" if slug == "st-clair-county-il" else ""
    first_case = applications.submit_application(
        actor=owner, unit=home, fee_item=item, trigger="lease", now=MONDAY
    )
    first = _issue(first_case, crew, dt.date(2026, 11, 18), evidence)
    second_case = applications.submit_application(
        actor=owner,
        unit=home,
        fee_item=item,
        trigger="change-of-occupancy",
        now=central("2027-03-01 10:00"),
    )
    # Filing does not end it: the old tenants still live there until the new permit.
    first.refresh_from_db()
    assert first.ended_at is None
    second = _issue(second_case, crew, dt.date(2027, 3, 4), evidence)
    first.refresh_from_db()
    first_case.refresh_from_db()
    assert first.ended_at == second.issued_at
    assert first.end_reason == reason
    assert first_case.status == "ended"
    assert Permit.objects.filter(application__unit=home, ended_at=None).get() == second
    ended = AuditEvent.objects.get(action="end-permit", application_id=first_case.pk)
    assert ended.after["by_permit"] == second.number
    assert ended.actor == crew[Role.CLERK]


def test_st_clair_refuses_a_rent_receipt_without_a_photo_id() -> None:
    slug = "st-clair-county-il"
    crew = factories.staff(slug)
    case = _file(slug, factories.user("owner"))
    with pytest.raises(Refused, match="evidence 'rent-receipt' is not one of"):
        _issue(case, crew, dt.date(2026, 11, 18), evidence="rent-receipt")
