"""The actions that finish a case on the staff's case page: issuing the occupancy permit (with
St. Clair's evidence), amending and ending it, refunding a payment, withdrawing the
application; each refusal beside its field in the service's words with nothing changed; who
may do what; the page's queries."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from permitdesk.cases.models import Application, Payment, Permit
from permitdesk.cases.services import inspections, occupants, payments
from tests import factories
from tests.api.client import Clock
from tests.factories import pass_inspection
from tests.moments import central
from tests.web.staff.conftest import client_of

AFTER_THE_PASS = central("2026-11-18 11:00")


def page_of(client: Client, case: Application) -> str:
    response = client.get(f"/staff/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def passed_without_occupants(who: factories.People) -> Application:
    case, visit = factories.scheduled(who)
    inspections.record_inspection_result(
        actor=who.inspector, inspection=visit, result="passed", now=central("2026-11-18 10:00")
    )
    return case


def st_clair_approved(who: factories.People) -> Application:
    """A St. Clair case passed with its occupant named; the $35 permit fee still due."""
    case = factories.submitted(who, "st-clair-county-il", "occupancy-inspection", "lease")
    payments.record_payment(
        actor=who.clerk,
        application=case,
        method="cash",
        amount=Decimal("125.00"),
        now=factories.MONDAY,
    )
    pass_inspection(
        case,
        requester=who.owner,
        crew={"clerk": who.clerk, "inspector": who.inspector},  # type: ignore[dict-item]
        wanted_on=factories.WEDNESDAY,
        requested_at=factories.MONDAY,
        passed_at=central("2026-11-18 10:00"),
    )
    occupants.add_occupant(
        actor=who.owner,
        application=case,
        first_name="Hal",
        last_name="Renter",
        age=30,
        relationship="head",
        now=central("2026-11-18 10:30"),
    )
    return case


@pytest.fixture
def st_clair(db: None) -> factories.People:
    return factories.people("st-clair-county-il")


# Issuing


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["clerk", "official"])
def test_the_desk_issues_the_permit_and_the_page_links_its_pdf_and_verification(
    who: factories.People, clock: Clock, role: str
) -> None:
    clock.set(AFTER_THE_PASS)
    case = factories.approved(who)
    desk = client_of(getattr(who, role))
    assert "Issue the occupancy permit" in page_of(desk, case)
    preview = desk.post(f"/staff/cases/{case.pk}/permit/")
    assert preview.status_code == 200
    shown = preview.content.decode()
    assert "Check the permit before it is issued" in shown
    assert "Ada Tenant, 34, head" in shown
    assert not Permit.objects.filter(application=case).exists()  # the preview issued nothing
    response = desk.post(f"/staff/cases/{case.pk}/permit/", {"confirmed": "on"})
    assert response.status_code == 302
    permit = Permit.objects.get(application=case)
    assert (permit.kind, permit.evidence) == ("standard", "")
    case.refresh_from_db()
    assert case.status == "issued"
    page = desk.get(response["Location"]).content.decode()
    assert f"Occupancy permit {permit.number} issued." in page
    assert permit.number in page
    assert f'href="/documents/permits/{permit.pk}.pdf"' in page
    assert f'href="/verify/{permit.verification_token}/"' in page
    assert "Issue the occupancy permit" not in page  # issued once
    pdf = desk.get(f"/documents/permits/{permit.pk}.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_a_permit_with_no_occupant_named_is_refused_in_the_services_words(
    who: factories.People, clock: Clock
) -> None:
    clock.set(AFTER_THE_PASS)
    case = passed_without_occupants(who)
    response = client_of(who.clerk).post(f"/staff/cases/{case.pk}/permit/")
    assert response.status_code == 422
    page = response.content.decode()
    assert "The permit names its occupants: add every occupant first." in page
    assert 'role="alert"' in page
    assert not Permit.objects.filter(application=case).exists()
    case.refresh_from_db()
    assert case.status == "approved"


@pytest.mark.django_db
def test_a_permit_before_the_inspection_passed_is_refused(
    who: factories.People, clock: Clock
) -> None:
    clock.set(AFTER_THE_PASS)
    case, _visit = factories.scheduled(who)
    response = client_of(who.official).post(f"/staff/cases/{case.pk}/permit/")
    assert response.status_code == 422
    assert "Cannot issue permit a case that is inspection-requested" in response.content.decode()
    assert not Permit.objects.filter(application=case).exists()


@pytest.mark.django_db
def test_st_clair_asks_for_the_occupants_document_and_the_fee_first(
    st_clair: factories.People, clock: Clock
) -> None:
    clock.set(AFTER_THE_PASS)
    case = st_clair_approved(st_clair)
    clerk = client_of(st_clair.clerk)
    page = page_of(clerk, case)
    assert "Rent receipt with photo ID" in page
    assert "Document the occupant showed" in page

    missing = clerk.post(f"/staff/cases/{case.pk}/permit/")
    assert missing.status_code == 422
    text = missing.content.decode()
    assert 'id="id_evidence-error"' in text
    assert (
        "Choose the document the occupant showed: lease, rent receipt with photo ID, "
        "sales contract." in text
    )
    unknown = clerk.post(f"/staff/cases/{case.pk}/permit/", {"evidence": "utility-bill"})
    assert unknown.status_code == 422
    assert "utility-bill is not a document the permit accepts" in unknown.content.decode()

    unpaid = clerk.post(f"/staff/cases/{case.pk}/permit/", {"evidence": "lease"})
    assert unpaid.status_code == 422
    assert "Fees must be paid before the permit is issued; 35.00 is due." in unpaid.content.decode()
    assert not Permit.objects.filter(application=case).exists()

    payments.record_payment(
        actor=st_clair.clerk,
        application=case,
        method="cash",
        amount=Decimal("35.00"),
        now=central("2026-11-18 10:40"),
    )
    done = clerk.post(
        f"/staff/cases/{case.pk}/permit/",
        {"evidence": "rent-receipt-with-photo-id", "confirmed": "on"},
    )
    assert done.status_code == 302
    assert Permit.objects.get(application=case).evidence == "rent-receipt-with-photo-id"
    page = page_of(clerk, case)
    assert "An amended permit adds a fee of $25.00 to the balance due" in page
    assert "Occupancy Permit Amended" in page  # the fee schedule's line, cited
    amended = clerk.post(f"/staff/cases/{case.pk}/permit/amend/", {"household_changed": "on"})
    assert amended.status_code == 302
    case.refresh_from_db()
    assert case.balance_due == Decimal("25.00")


# Amending and ending


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["clerk", "official"])
def test_the_desk_amends_the_permit_once_the_box_is_ticked(
    who: factories.People, clock: Clock, role: str
) -> None:
    clock.set(central("2026-11-19 09:00"))
    first = factories.issued(who)
    clerk = client_of(getattr(who, role))
    unticked = clerk.post(f"/staff/cases/{first.application_id}/permit/amend/", {})
    assert unticked.status_code == 422
    assert 'id="id_household_changed-error"' in unticked.content.decode()
    assert Permit.objects.filter(application_id=first.application_id).count() == 1

    done = clerk.post(
        f"/staff/cases/{first.application_id}/permit/amend/", {"household_changed": "on"}
    )
    assert done.status_code == 302
    assert "An amended permit adds a fee" not in page_of(clerk, first.application)  # Clayton
    first.refresh_from_db()
    assert first.end_reason == "superseded by an amended permit"
    amended = Permit.objects.get(application_id=first.application_id, ended_at=None)
    assert (amended.kind, amended.ends_on) == ("amended", first.ends_on)


@pytest.mark.django_db
def test_amending_a_case_with_no_permit_is_refused(who: factories.People, clock: Clock) -> None:
    clock.set(AFTER_THE_PASS)
    case = factories.approved(who)
    response = client_of(who.clerk).post(
        f"/staff/cases/{case.pk}/permit/amend/", {"household_changed": "on"}
    )
    assert response.status_code == 422
    assert "Cannot amend permit a case that is approved" in response.content.decode()
    assert not Permit.objects.filter(application=case).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["clerk", "official"])
def test_the_desk_ends_a_permit_on_a_change_of_tenancy(
    who: factories.People, clock: Clock, role: str
) -> None:
    clock.set(central("2026-11-19 09:00"))
    permit = factories.issued(who)
    case = permit.application
    clerk = client_of(getattr(who, role))
    assert f"End permit {permit.number}" in page_of(clerk, case)
    response = clerk.post(
        f"/staff/cases/{case.pk}/permits/{permit.pk}/end/",
        {f"end-{permit.pk}-reason": "change-of-tenancy"},
    )
    assert response.status_code == 302
    permit.refresh_from_db()
    assert permit.end_reason == "change-of-tenancy"
    case.refresh_from_db()
    assert case.status == "ended"
    page = clerk.get(response["Location"]).content.decode()
    assert "ended: change of tenancy (the occupants moved out)." in page
    assert f"End permit {permit.number}" not in page
    assert "Ended Nov 19, 2026</strong>: change of tenancy" in page
    again = clerk.post(
        f"/staff/cases/{case.pk}/permits/{permit.pk}/end/",
        {f"end-{permit.pk}-reason": "revoked"},
    )
    assert again.status_code == 422
    assert "Cannot end permit a case that is ended" in again.content.decode()
    permit.refresh_from_db()
    assert permit.end_reason == "change-of-tenancy"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reason", "words"),
    [
        (
            "",
            "Choose why the permit ends: change-of-tenancy, change-of-occupancy, term-expired, "
            "superseded, revoked.",
        ),
        ("moved", "moved is not a reason a permit ends: change-of-tenancy, change-of-occupancy"),
    ],
)
def test_a_missing_or_unknown_end_reason_is_named_beside_the_field(
    who: factories.People, clock: Clock, reason: str, words: str
) -> None:
    clock.set(central("2026-11-19 09:00"))
    permit = factories.issued(who)
    response = client_of(who.clerk).post(
        f"/staff/cases/{permit.application_id}/permits/{permit.pk}/end/",
        {f"end-{permit.pk}-reason": reason},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="id_end-{permit.pk}-reason-error"' in page
    assert words in page
    permit.refresh_from_db()
    assert permit.ended_at is None


@pytest.mark.django_db
def test_a_permit_of_another_case_is_not_found(who: factories.People, clock: Clock) -> None:
    clock.set(central("2026-11-19 09:00"))
    permit = factories.issued(who)
    other = factories.submitted(who)
    response = client_of(who.clerk).post(
        f"/staff/cases/{other.pk}/permits/{permit.pk}/end/",
        {f"end-{permit.pk}-reason": "revoked"},
    )
    assert response.status_code == 404
    permit.refresh_from_db()
    assert permit.ended_at is None


# Refunds and withdrawal


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["clerk", "official"])
def test_the_desk_refunds_part_of_a_payment_and_the_case_owes_it_again(
    who: factories.People, role: str
) -> None:
    case, _visit = factories.scheduled(who)
    paid = Payment.objects.get(application=case)
    clerk = client_of(getattr(who, role))
    assert "Refund a payment" in page_of(clerk, case)
    response = clerk.post(
        f"/staff/cases/{case.pk}/refunds/",
        {"refund-payment": paid.pk, "refund-amount": "30.00", "refund-reason": "Paid twice"},
    )
    assert response.status_code == 302
    refund = Payment.objects.get(refund_of=paid)
    assert refund.amount == Decimal("-30.00")
    case.refresh_from_db()
    assert case.balance_due == Decimal("30.00")
    page = clerk.get(response["Location"]).content.decode()
    assert f"Refund of $30.00 recorded: receipt {refund.receipt_number}." in page
    assert "$50.00 refundable" in page
    assert f"{refund.receipt_number} (refund)" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sent", "field", "words"),
    [
        ({"amount": "90.00", "reason": "Overpaid"}, "amount", "at most 80.00"),
        ({"amount": "0.00", "reason": "Overpaid"}, "amount", "greater than or equal to 0.01"),
        ({"amount": "10.00", "reason": ""}, "reason", "This field is required."),
        ({"amount": "abc", "reason": "Overpaid"}, "amount", "Enter a number."),
        ({"payment": "999999", "amount": "1", "reason": "x"}, "payment", "999999 is not a payment"),
        ({"payment": "", "amount": "1", "reason": "x"}, "payment", "Choose the payment to refund"),
    ],
)
def test_a_refused_refund_is_named_beside_its_field_and_records_nothing(
    who: factories.People, sent: dict[str, str], field: str, words: str
) -> None:
    case, _visit = factories.scheduled(who)
    paid = Payment.objects.get(application=case)
    response = client_of(who.clerk).post(
        f"/staff/cases/{case.pk}/refunds/",
        {f"refund-{k}": v for k, v in {"payment": str(paid.pk), **sent}.items()},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="id_refund-{field}-error"' in page
    assert words in page
    assert Payment.objects.filter(application=case).count() == 1
    case.refresh_from_db()
    assert case.balance_due == 0


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["clerk", "official"])
def test_the_desk_withdraws_a_submitted_application(who: factories.People, role: str) -> None:
    case = factories.submitted(who)
    clerk = client_of(getattr(who, role))
    unconfirmed = clerk.post(f"/staff/cases/{case.pk}/withdraw/", {})
    assert unconfirmed.status_code == 422
    assert "Tick this box to confirm the withdrawal." in unconfirmed.content.decode()
    case.refresh_from_db()
    assert case.status == "submitted"
    done = clerk.post(f"/staff/cases/{case.pk}/withdraw/", {"confirmed": "on"})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.status == "withdrawn"
    assert "Withdraw the application" not in page_of(clerk, case)


@pytest.mark.django_db
def test_an_issued_case_cannot_be_withdrawn(who: factories.People, clock: Clock) -> None:
    clock.set(central("2026-11-19 09:00"))
    case = factories.issued(who).application
    response = client_of(who.clerk).post(f"/staff/cases/{case.pk}/withdraw/", {"confirmed": "on"})
    assert response.status_code == 422
    assert "Cannot withdraw a case that is issued" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "issued"


# Who may


ACTIONS = [
    ("permit/", {"confirmed": "on"}),
    ("permit/amend/", {"household_changed": "on"}),
    ("withdraw/", {"confirmed": "on"}),
    ("refunds/", {"refund-amount": "1.00", "refund-reason": "x"}),
    ("end", {"reason": "revoked"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("caller", "status"),
    [
        ("inspector", 403),
        ("owner", 403),
        ("clerk_elsewhere", 404),
    ],
)
@pytest.mark.parametrize(("action", "data"), ACTIONS)
def test_no_one_else_may_finish_a_case(
    who: factories.People, clock: Clock, caller: str, status: int, action: str, data: dict[str, str]
) -> None:
    clock.set(central("2026-11-19 09:00"))
    permit = factories.issued(who)
    case = permit.application
    paid = Payment.objects.get(application=case)
    if action == "end":
        path, data = f"permits/{permit.pk}/end/", {f"end-{permit.pk}-reason": "revoked"}
    else:
        path, data = action, {**data, "refund-payment": str(paid.pk)}
    response = client_of(getattr(who, caller)).post(f"/staff/cases/{case.pk}/{path}", data)
    assert response.status_code == status
    assert list(Permit.objects.filter(application=case).values_list("pk", "ended_at")) == [
        (permit.pk, None)
    ]
    assert Payment.objects.filter(application=case).count() == 1
    case.refresh_from_db()
    assert case.status == "issued"


@pytest.mark.django_db
def test_a_stranger_is_sent_to_sign_in_and_nothing_changes(who: factories.People) -> None:
    case = factories.submitted(who)
    response = Client().post(f"/staff/cases/{case.pk}/withdraw/", {"confirmed": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")
    case.refresh_from_db()
    assert case.status == "submitted"


@pytest.mark.django_db
def test_the_assigned_inspector_sees_the_case_but_no_finishing_action(
    who: factories.People, clock: Clock
) -> None:
    clock.set(AFTER_THE_PASS)
    case = factories.approved(who)
    page = page_of(client_of(who.inspector), case)
    for offer in ("Issue the occupancy permit", "Refund a payment", "Withdraw the application"):
        assert offer not in page


@pytest.mark.django_db
def test_a_get_on_a_finishing_action_is_not_allowed(who: factories.People) -> None:
    case = factories.submitted(who)
    assert client_of(who.clerk).get(f"/staff/cases/{case.pk}/withdraw/").status_code == 405


# Queries


@pytest.mark.django_db
def test_the_case_page_reads_the_same_queries_for_one_permit_or_three(
    who: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-19 09:00"))
    one = factories.issued(who)
    three = factories.issued(who)
    clerk = client_of(who.clerk)
    for _ in range(2):
        clerk.post(
            f"/staff/cases/{three.application_id}/permit/amend/", {"household_changed": "on"}
        )
    assert Permit.objects.filter(application_id=three.application_id).count() == 3
    counts = []
    for permit in (one, three):
        with CaptureQueriesContext(connection) as queries:
            page_of(clerk, permit.application)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 25


@pytest.mark.django_db
def test_no_two_fields_of_the_case_page_share_an_id(
    st_clair: factories.People, clock: Clock
) -> None:
    """The payment and the refund forms both have an amount: each label finds its own."""
    clock.set(AFTER_THE_PASS)
    case = st_clair_approved(st_clair)
    page = page_of(client_of(st_clair.official), case)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert "id_amount" in ids
    assert "id_refund-amount" in ids
    assert sorted(i for i in set(ids) if ids.count(i) > 1) == []


@pytest.mark.django_db
def test_issuing_reads_as_many_queries_for_one_occupant_or_five(
    who: factories.People, clock: Clock
) -> None:
    clock.set(AFTER_THE_PASS)
    small, large = factories.approved(who), factories.approved(who)
    for n in range(4):
        occupants.add_occupant(
            actor=who.owner,
            application=large,
            first_name=f"Kid{n}",
            last_name="Tenant",
            age=n + 1,
            relationship="child",
            now=central("2026-11-18 10:30"),
        )
    clerk = client_of(who.clerk)
    counts = []
    for case in (small, large):
        with CaptureQueriesContext(connection) as queries:
            confirmed = {"confirmed": "on"}
            assert clerk.post(f"/staff/cases/{case.pk}/permit/", confirmed).status_code == 302
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 40
