"""The staff case page offers the actions allowed_actions gives the user, no more and no
fewer; a refusal that names a field lands on that field; recording a payment re-renders the
fees panel alone for htmx, and the whole page without it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from permitdesk.accounts.permissions import Forbidden
from permitdesk.cases.actions import Action, allowed_actions
from permitdesk.cases.models import Application, FeeLine, Inspection, Payment, Permit
from permitdesk.law.loader import get_pack
from permitdesk.rules.lifecycle import STATUSES, Refused
from permitdesk.web.refusals import attach_refusal
from tests import factories
from tests.web.staff.conftest import client_of

HX = {"HTTP_HX_REQUEST": "true"}


def busy_case(who: factories.People) -> Application:
    """A Clayton case with something for every form: a fee still owed and one to waive, a
    payment to refund, a pending inspection assigned to the inspector, a permit in force."""
    case, _ = factories.scheduled(who)
    FeeLine.objects.create(
        application=case,
        fee_item="residential-occupancy",
        line_id="extra",
        label="Re-inspection",
        kind="fee",
        amount=Decimal("10.00"),
        basis="test",
        citation="test",
        assessed_at=timezone.now(),
    )
    Application.objects.filter(pk=case.pk).update(balance_due=Decimal("10.00"))
    Permit.objects.create(
        application=case, kind=Permit.Kind.STANDARD, number=f"T-{case.pk}", issued_at=timezone.now()
    )
    return case


def form_urls(case: Application) -> dict[Action, str]:
    """Where each action's form posts, or its link leads, on the case page."""
    visit = Inspection.objects.get(application=case)
    line = FeeLine.objects.filter(application=case).first()
    permit = Permit.objects.get(application=case)
    assert line is not None
    pk = case.pk
    return {
        Action.RECORD_PAYMENT: reverse("web:staff-record-payment", args=[pk]),
        Action.REFUND_PAYMENT: reverse("web:staff-refund", args=[pk]),
        Action.WAIVE_FEE: reverse("web:staff-waive-fee", args=[pk, line.pk]),
        Action.REQUEST_INSPECTION: reverse("web:staff-schedule", args=[pk]),
        Action.ASSIGN_INSPECTOR: reverse("web:staff-assign", args=[pk, visit.pk]),
        Action.RECORD_RESULT: reverse("web:inspection", args=[visit.pk]),
        Action.ISSUE_PERMIT: reverse("web:staff-issue-permit", args=[pk]),
        Action.ISSUE_CONDITIONAL_PERMIT: reverse("web:staff-conditional-permit", args=[pk]),
        Action.ISSUE_TEMPORARY_PERMIT: reverse("web:staff-temporary-permit", args=[pk]),
        Action.AMEND_PERMIT: reverse("web:staff-amend-permit", args=[pk]),
        Action.END_PERMIT: reverse("web:staff-end-permit", args=[pk, permit.pk]),
        Action.WITHDRAW: reverse("web:staff-withdraw", args=[pk]),
        Action.VIEW_AUDIT: reverse("web:staff-case-history", args=[pk]),
    }


def shown(page: str, urls: dict[Action, str]) -> set[Action]:
    return {action for action, url in urls.items() if f'"{url}"' in page}


@pytest.mark.django_db
@pytest.mark.parametrize("status", STATUSES)
def test_the_forms_on_the_case_page_are_the_allowed_actions(
    who: factories.People, status: str
) -> None:
    case = busy_case(who)
    Application.objects.filter(pk=case.pk).update(status=status)
    urls = form_urls(case)
    # Clayton provides for neither a conditional nor a temporary permit: the law's matter,
    # so the page offers neither whoever may issue one.
    pack = get_pack("clayton-mo")
    assert not pack.has_term("conditional_permit_conditions")
    assert not pack.has_term("temporary_permit_authorizes_occupancy")
    not_offered = {Action.ISSUE_CONDITIONAL_PERMIT, Action.ISSUE_TEMPORARY_PERMIT}
    # The staff page has no form to name, change or remove an occupant, or to move or cancel
    # an inspection request: the applicant does these on their own pages (decision 0017), a
    # clerk names occupants through the API; so they are no forms of this page.
    not_offered |= {Action.ADD_OCCUPANT, Action.CHANGE_OCCUPANT, Action.CHANGE_INSPECTION_REQUEST}
    for user in (who.clerk, who.official, who.inspector):
        page = client_of(user).get(f"/staff/cases/{case.pk}/").content.decode()
        allowed = allowed_actions(user, Application.objects.get(pk=case.pk))
        assert shown(page, urls) == allowed - not_offered, (user.username, status)


@pytest.mark.django_db
@pytest.mark.parametrize("status", STATUSES)
def test_the_applicants_buttons_are_the_allowed_actions(who: factories.People, status: str) -> None:
    case = busy_case(who)
    Application.objects.filter(pk=case.pk).update(status=status)
    page = client_of(who.owner).get(f"/cases/{case.pk}/").content.decode()
    urls = {
        Action.REQUEST_INSPECTION: reverse("web:case-inspection", args=[case.pk]),
        Action.ADD_OCCUPANT: reverse("web:case-occupants", args=[case.pk]),
    }
    allowed = allowed_actions(who.owner, Application.objects.get(pk=case.pk))
    assert shown(page, urls) == allowed & set(urls)


class ReasonForm(forms.Form):
    reason = forms.CharField()


def errors_of(error: Exception) -> dict[str, list[str]]:
    form = ReasonForm({"reason": "x"})
    assert form.is_valid()
    attach_refusal(form, error)
    return dict(form.errors)


def test_a_refusal_lands_on_the_field_it_names_whatever_its_words() -> None:
    assert errors_of(Refused("anything at all", code="required", field="reason")) == {
        "reason": ["Anything at all."]
    }
    assert errors_of(Refused("the reason is wrong", code="other")) == {
        "__all__": ["The reason is wrong."]
    }
    assert errors_of(Forbidden("no", field="payment")) == {"__all__": ["No."]}


@pytest.mark.django_db
def test_a_payment_over_the_balance_is_refused_on_the_amount(who: factories.People) -> None:
    case = factories.submitted(who)
    body = {"method": "check", "amount": "500.00", "key": "k-1"}
    response = client_of(who.clerk).post(f"/staff/cases/{case.pk}/payments/", body)
    assert response.status_code == 422
    assert list(response.context["payment_form"].errors) == ["amount"]
    assert not Payment.objects.filter(application=case).exists()


def pay_with_htmx(who: factories.People, amount: str) -> tuple[int, str]:
    """A clerk records a payment on a new Clayton case ($80.00 due) as htmx sends it: the
    status, and the panel answered (never a whole page)."""
    case = factories.submitted(who)
    body = {"method": "check", "amount": amount, "key": f"k-{amount}"}
    response = client_of(who.clerk).post(f"/staff/cases/{case.pk}/payments/", body, **HX)
    panel = response.content.decode()
    assert "<html" not in panel
    return response.status_code, panel


HTMX_PAYMENTS = [
    (
        "30.00",
        200,
        [
            '<section id="panel-fees"',
            '<section id="panel-summary" class="pd-panel" hx-swap-oob="true"',
            "Payment of $30.00 recorded",
            "$50.00",  # the balance the summary shows now
        ],
    ),
    ("500.00", 422, ['id="id_amount-error"', "Amount 500.00 is more than the 80.00 due."]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("amount", "status", "texts"), HTMX_PAYMENTS)
def test_htmx_gets_the_fees_panel_and_the_summary_alone(
    who: factories.People, amount: str, status: int, texts: list[str]
) -> None:
    got, panel = pay_with_htmx(who, amount)
    assert got == status
    assert [text for text in texts if text not in panel] == []
    assert '"panel-inspections"' not in panel


@pytest.mark.django_db
def test_without_htmx_a_payment_redirects_to_the_whole_page(who: factories.People) -> None:
    case = factories.submitted(who)
    clerk = client_of(who.clerk)
    body = {"method": "check", "amount": "30.00", "key": "k-4"}
    response = clerk.post(f"/staff/cases/{case.pk}/payments/", body)
    assert (response.status_code, response["Location"]) == (302, f"/staff/cases/{case.pk}/")
    page = clerk.get(response["Location"]).content.decode()
    assert "<html" in page
    assert "Payment of $30.00 recorded" in page


@pytest.mark.django_db
def test_htmx_gets_the_fees_panel_after_a_waiver(who: factories.People) -> None:
    case = factories.submitted(who)
    line = FeeLine.objects.filter(application=case).first()
    assert line is not None
    response = client_of(who.official).post(
        f"/staff/cases/{case.pk}/fees/{line.pk}/waive/",
        {f"waive-{line.pk}-reason": "hardship"},
        **HX,
    )
    assert response.status_code == 200
    panel = response.content.decode()
    assert "Waived: hardship" in panel
    assert "$0.00" in panel


@pytest.mark.django_db
def test_htmx_gets_the_inspections_panel_after_an_assignment(who: factories.People) -> None:
    case, visit = factories.scheduled(who)
    inspector = who.inspector_unassigned
    response = client_of(who.clerk).post(
        f"/staff/cases/{case.pk}/inspections/{visit.pk}/assign/",
        {f"assign-{visit.pk}-inspector": str(inspector.pk)},
        **HX,
    )
    assert response.status_code == 200
    panel = response.content.decode()
    assert '<section id="panel-inspections"' in panel
    assert f"Inspection {visit.number} assigned to {inspector.username}." in panel
    assert '"panel-fees"' not in panel
    assert Inspection.objects.get(pk=visit.pk).inspector == inspector
