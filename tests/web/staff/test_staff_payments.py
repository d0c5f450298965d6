"""The clerk records payments (the pack's methods) and the code official waives fees, with the
errors beside their fields and nothing recorded when refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Payment
from tests import factories
from tests.web.staff.conftest import client_of


def pay(who_client, case, **data):  # type: ignore[no-untyped-def]
    body = {"method": "check", "amount": "80.00", "key": "key-1", **data}
    return who_client.post(f"/staff/cases/{case.pk}/payments/", body)


@pytest.mark.django_db
def test_the_case_page_offers_only_claytons_payment_methods(who: factories.People) -> None:
    case = factories.submitted(who)
    page = client_of(who.clerk).get(f"/staff/cases/{case.pk}/").content.decode()
    assert '<option value="cash-exact">Cash (exact amount)</option>' in page
    assert '<option value="visa">Visa</option>' in page
    assert 'value="card"' not in page
    assert "Record a payment" in page


@pytest.mark.django_db
def test_a_clerk_records_a_payment(who: factories.People) -> None:
    case = factories.submitted(who)
    clerk = client_of(who.clerk)
    response = pay(clerk, case)
    assert response.status_code == 302
    payment = Payment.objects.get(application=case)
    assert (payment.method, payment.amount) == ("check", Decimal("80.00"))
    assert payment.recorded_by == who.clerk
    page = clerk.get(response["Location"]).content.decode()
    assert f"receipt {payment.receipt_number}" in page
    assert "$0.00" in page


@pytest.mark.django_db
def test_the_check_number_is_kept_and_shown_in_the_ledger(who: factories.People) -> None:
    case = factories.submitted(who)
    clerk = client_of(who.clerk)
    assert (
        "Check number or card reference" in clerk.get(f"/staff/cases/{case.pk}/").content.decode()
    )
    response = pay(clerk, case, reference="Check 1042")
    assert response.status_code == 302
    assert Payment.objects.get(application=case).reference == "Check 1042"
    assert "<td>Check 1042</td>" in clerk.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_the_same_form_sent_twice_records_one_payment(who: factories.People) -> None:
    case = factories.submitted(who)
    clerk = client_of(who.clerk)
    pay(clerk, case, amount="30.00")
    pay(clerk, case, amount="30.00")
    assert Payment.objects.filter(application=case).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"method": "bitcoin"}, "method", "Select a valid choice"),
        ({"amount": "0"}, "amount", "greater than or equal to 0.01"),
        ({"amount": "ten"}, "amount", "Enter a number"),
        ({"amount": "80.001"}, "amount", "no more than 2 decimal places"),
        ({"amount": "95.00"}, "amount", "more than the 80.00 due"),
        ({"reference": "9" * 65}, "reference", "at most 64 characters"),
        ({"reference": "12\u000734"}, "reference", "letters, digits, spaces and punctuation"),
    ],
)
def test_a_refused_payment_shows_why_beside_the_field_and_records_nothing(
    who: factories.People, data: dict[str, str], field: str, message: str
) -> None:
    case = factories.submitted(who)
    response = pay(client_of(who.clerk), case, **data)
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="id_{field}-error"' in page
    assert message in page
    assert f'value="{data.get("amount", "80.00")}"' in page  # what was typed is kept
    assert not Payment.objects.filter(application=case).exists()


@pytest.mark.django_db
def test_an_inspector_may_not_record_a_payment(who: factories.People) -> None:
    case, _ = factories.scheduled(who)
    before = Payment.objects.count()
    assert pay(client_of(who.inspector), case, key="k2").status_code == 403
    assert Payment.objects.count() == before


@pytest.mark.django_db
def test_a_code_official_waives_a_fee_with_a_reason(who: factories.People) -> None:
    case = factories.submitted(who)
    line = case.fee_lines.get()
    official = client_of(who.official)
    refused = official.post(
        f"/staff/cases/{case.pk}/fees/{line.pk}/waive/", {f"waive-{line.pk}-reason": "  "}
    )
    assert refused.status_code == 422
    assert f'id="id_waive-{line.pk}-reason-error"' in refused.content.decode()
    line.refresh_from_db()
    assert line.waived_reason == ""
    done = official.post(
        f"/staff/cases/{case.pk}/fees/{line.pk}/waive/", {f"waive-{line.pk}-reason": "Hardship"}
    )
    assert done.status_code == 302
    line.refresh_from_db()
    case.refresh_from_db()
    assert (line.waived_reason, case.balance_due) == ("Hardship", Decimal("0.00"))
    assert AuditEvent.objects.filter(application_id=case.pk, action="waive-fee").exists()


@pytest.mark.django_db
def test_a_clerk_may_not_waive_a_fee_nor_is_it_offered(who: factories.People) -> None:
    case = factories.submitted(who)
    line = case.fee_lines.get()
    clerk = client_of(who.clerk)
    assert "Waive this fee" not in clerk.get(f"/staff/cases/{case.pk}/").content.decode()
    response = clerk.post(
        f"/staff/cases/{case.pk}/fees/{line.pk}/waive/", {f"waive-{line.pk}-reason": "x"}
    )
    assert response.status_code == 403
    line.refresh_from_db()
    assert line.waived_reason == ""


@pytest.mark.django_db
def test_a_fee_line_of_another_case_is_not_found(who: factories.People) -> None:
    case, other = factories.submitted(who), factories.submitted(who)
    line = other.fee_lines.get()
    response = client_of(who.official).post(
        f"/staff/cases/{case.pk}/fees/{line.pk}/waive/", {f"waive-{line.pk}-reason": "x"}
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_get_on_an_action_is_not_allowed(who: factories.People) -> None:
    case = factories.submitted(who)
    assert client_of(who.clerk).get(f"/staff/cases/{case.pk}/payments/").status_code == 405
