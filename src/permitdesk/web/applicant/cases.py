"""An applicant's cases: the list, and one case's page (what is owed and how to pay, the
receipts, inspections and violations, occupants, the permit, the timeline and what is next)."""

from __future__ import annotations

import contextlib
import datetime as dt
import mimetypes
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from permitdesk.cases.actions import allowed_actions, flags
from permitdesk.cases.models import Application, Violation
from permitdesk.cases.selectors import today_in
from permitdesk.cases.selectors.applicant import (
    CASES_PER_PAGE,
    cases_on_my_properties,
    my_filtered_cases,
    my_jurisdictions,
)
from permitdesk.cases.selectors.case_file import applicants_cases, my_case
from permitdesk.cases.selectors.history import audit_trail
from permitdesk.cases.selectors.ledger import balance_due, deposits_due
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.payments.providers.base import ProviderError
from permitdesk.payments.selectors import checkout_of
from permitdesk.payments.services import convenience_fee, online_origin, refresh_checkout
from permitdesk.records.selectors import my_properties, my_relations
from permitdesk.rules.calendar import zone
from permitdesk.web.applicant.forms import CaseFilterForm
from permitdesk.web.applicant.timeline import case_deadlines, happened, next_step

# How a pack's payment methods read on the page.
METHOD_WORDS = {
    "cash-exact": "cash (exact amount only)",
    "visa": "Visa",
    "mastercard": "Mastercard",
    "discover": "Discover",
    "card": "credit or debit card",
}


@dataclass(frozen=True)
class PaymentTerms:
    methods: list[str]
    citation: str
    note: str | None


def payment_terms(pack: Pack) -> PaymentTerms | None:
    """How the jurisdiction accepts payment, from its pack (None: the pack does not say)."""
    if not pack.has_term("payment_methods"):
        return None
    on = today_in(pack)
    version = pack.term_version("payment_methods", on)
    return PaymentTerms(
        methods=[
            METHOD_WORDS.get(m, m.replace("-", " ")) for m in pack.names("payment_methods", on)
        ],
        citation=pack.cite(version.citation),
        note=version.note,
    )


def who_pays(pack: Pack) -> tuple[str, str] | None:
    """Who may pay the fee, in words, with its citation, where the pack says (St. Louis County:
    "payable by either the seller, buyer or a representative of either")."""
    if not pack.has_term("who_pays"):
        return None
    on = today_in(pack)
    payers = [p.replace("-", " ") for p in pack.names("who_pays", on)]
    words = payers[0] if len(payers) == 1 else ", ".join(payers[:-1]) + " or " + payers[-1]
    return f"The fee may be paid by the {words}.", pack.cite(
        pack.term_version("who_pays", on).citation
    )


def document_url(name: str, pk: int, path: str) -> str:
    """The documents app's URL by name where it is installed, else its published path."""
    try:
        return reverse(f"documents:{name}", args=[pk])
    except NoReverseMatch:
        return f"/documents/{path}/{pk}.pdf"


OTHERS_LISTED = 50  # the newest of the cases others filed on the person's properties


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    places = [(j.slug, j.name) for j in my_jurisdictions(request.user)]
    wanted = request.GET.copy()
    wanted.pop("page", None)
    form = CaseFilterForm(wanted or None, jurisdictions=places)
    chosen = form.cleaned_data if form.is_valid() else {}
    cases = my_filtered_cases(
        request.user,
        status=chosen.get("status", ""),
        jurisdiction=chosen.get("jurisdiction", ""),
        text=chosen.get("q", ""),
    )
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    # The list shows each property's number of units, not the units: count them in the query
    # (an apartment building's units and bedrooms, prefetched, were most of the page's time).
    properties = (
        my_properties(request.user).prefetch_related(None).annotate(units_count=Count("units"))
    )
    return render(
        request,
        "web/applicant/case_list.html",
        {
            "page": page,
            "form": form,
            "filtered": bool(chosen and any(chosen.values())),
            "query": wanted.urlencode(),
            "properties": properties,
            "relations": my_relations(request.user)[:50],
            "others": cases_on_my_properties(request.user)[:OTHERS_LISTED],
        },
        status=422 if form.errors else 200,
    )


def online_payment(
    request: HttpRequest, case: Application, pack: Pack, now: dt.datetime, *, payer: bool
) -> dict[str, Any]:
    """The "Pay online" button where the jurisdiction takes payment online and a balance is
    due; the checkout the provider returned the applicant from, read there and settled; how
    to pay in person where the pack says; the convenience fee (none where the pack says so).
    Only the applicant (`payer`) pays online: the unit's owner or agent reads the case."""
    on = today_in(pack)
    checkout = None
    reference = request.GET.get("checkout", "") if payer else ""
    if reference:
        checkout = checkout_of(case, reference)
        if checkout is not None:
            # The provider unreachable: the webhook settles it later.
            with contextlib.suppress(ProviderError):
                checkout = refresh_checkout(checkout=checkout, now=now)
    in_person = None
    if pack.has_term("in_person_payment"):
        version = pack.term_version("in_person_payment", on)
        in_person = (pack.text("in_person_payment", on), version.note, pack.cite(version.citation))
    form = None
    if pack.has_term("card_authorization_form"):
        version = pack.term_version("card_authorization_form", on)
        form = (pack.text("card_authorization_form", on), pack.cite(version.citation))
    return {
        "pay_online": online_origin(case, on) if payer and balance_due(case) > 0 else None,
        "checkout": checkout,
        "checkout_cancelled": bool(request.GET.get("cancelled")),
        "convenience_fee": convenience_fee(pack, on),
        "in_person": in_person,
        "card_form": form,
    }


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = my_case(request.user, pk, overseen=True)
    mine = case.applicant_id == request.user.pk
    pack = get_pack(case.jurisdiction.slug)
    now = timezone.now()
    online = online_payment(request, case, pack, now, payer=mine)  # first: it may settle one
    if online["checkout"] is not None:
        case = my_case(request.user, pk)  # its ledger, as the settlement left it
    payments = [(p, document_url("receipt", p.pk, "receipts")) for p in case.payments.all()]
    permits = [(p, document_url("permit", p.pk, "permits")) for p in case.permits.all()]
    inspections = [
        (i, document_url("violation-notice", i.pk, "violation-notices"))
        for i in case.inspections.all()
    ]
    pending = next((i for i, _ in inspections if i.result == i.Result.PENDING), None)
    context = {
        "case": case,
        "pack": pack,
        "balance": balance_due(case),
        "deposits": deposits_due(case),
        "terms": payment_terms(pack),
        "payers": who_pays(pack),
        "payments": payments,
        "permits": permits,
        "inspections": inspections,
        "pending": pending,
        "events": happened(pack, list(audit_trail(case))),
        "next": next_step(case, pending, now),
        "deadlines": case_deadlines(pack, case, now),
        "may": flags(allowed_actions(request.user, case)),
        "overseeing": not mine,  # the unit's verified owner or agent: read-only
        **online,
    }
    with timezone.override(zone(pack)):  # dates on the page in the jurisdiction's zone
        response = render(request, "web/applicant/case_detail.html", context)
    if context["pay_online"]:
        # The Pay form posts here and is redirected to the provider's hosted page: the
        # browser follows only if the page's form-action allows that origin (django-csp).
        response._csp_update = {"form-action": [context["pay_online"]]}  # type: ignore[attr-defined]
    return response


@login_required
def violation_photo(request: HttpRequest, pk: int, violation: int) -> FileResponse:
    """A violation's photo, for the case's applicant and the unit's verified owner or agent
    (uploads are not served publicly; staff have their own route)."""
    found = Violation.objects.filter(
        pk=violation,
        inspection__application_id=pk,
        inspection__application__in=applicants_cases(request.user, overseen=True),
    ).first()
    if found is None or not found.photo:
        raise Http404("photo not found")
    kind = mimetypes.guess_type(found.photo.name or "")[0] or "application/octet-stream"
    try:
        return FileResponse(found.photo.open("rb"), content_type=kind)
    except OSError:  # the file is gone from storage: nothing to show, not an error page
        raise Http404("photo not found") from None
