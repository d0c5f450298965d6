"""Adding a property and its units (with their bedrooms), through permitdesk.records.services."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from permitdesk.accounts.permissions import Forbidden
from permitdesk.cases.permissions import RECORDS_ON, own_property_ids
from permitdesk.filings.selectors import (
    property_change_reports,
    property_disclosures,
    property_sale_notices,
)
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Property
from permitdesk.records.selectors import my_property
from permitdesk.records.services import add_unit, create_property
from permitdesk.rules.lifecycle import Refused
from permitdesk.web.applicant.acting import by_user
from permitdesk.web.applicant.forms import BedroomFormSet, PropertyForm, UnitForm
from permitdesk.web.refusals import named_jurisdiction, refused_field

PAGE = 20  # each list of filings shows the newest this many


@login_required
def property_new(request: HttpRequest) -> HttpResponse:
    form = PropertyForm(request.POST or None)
    claim = ""  # the parcel is recorded: the claim form, filled in
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        place = named_jurisdiction(form, by_user(request, create_property, **form.arguments()))
        if isinstance(place, Refused):
            refusal = place
            if refusal.code == "taken":  # before the error takes the field from the data
                claim = (
                    reverse("web:claim-new")
                    + "?"
                    + urlencode(
                        {
                            "jurisdiction": data["jurisdiction"],
                            "parcel_id": data["parcel_id"].strip(),
                            "kind": data["relation"],
                        }
                    )
                )
            form.add_error(refused_field(form, refusal), refusal.reason)
        elif place is not None:
            messages.success(request, f"{place.address} is recorded. Now add its units.")
            return redirect("web:unit-new", pk=place.pk)
    status = 422 if form.errors else 200
    return render(
        request, "web/applicant/property_new.html", {"form": form, "claim": claim}, status=status
    )


@login_required
def property_detail(request: HttpRequest, pk: int) -> HttpResponse:
    place = my_property(request.user, pk)
    context: dict[str, object] = {"place": place}
    if pk in own_property_ids(request.user, RECORDS_ON):  # a tenant or buyer sees no filings
        context.update(filings_of(place))
    return render(request, "web/applicant/property_detail.html", context)


def filings_of(place: Property) -> dict[str, object]:
    """What the owner or agent files on the property, and which filings its law asks for."""
    pack = get_pack(place.jurisdiction.slug)
    return {
        "files": True,
        "reports_offered": pack.has_term("change_report_window"),
        "disclosure_offered": pack.has_term("written_disclosure_statement"),
        "sale_notice_offered": pack.has_term("prior_to_sale_notice"),
        "reports": property_change_reports(place.pk)[:PAGE],
        "disclosures": property_disclosures(place.pk)[:PAGE],
        "sale_notices": property_sale_notices(place.pk)[:PAGE],
    }


@login_required
def unit_new(request: HttpRequest, pk: int) -> HttpResponse:
    place = my_property(request.user, pk, RECORDS_ON)  # a tenant or buyer adds no unit
    form = UnitForm(request.POST or None)
    rooms = BedroomFormSet(request.POST or None, prefix="bedroom")
    if request.method == "POST" and all([form.is_valid(), rooms.is_valid()]):
        try:
            unit = add_unit(
                actor=request.user,  # type: ignore[arg-type]
                place=place,
                label=form.cleaned_data["label"],
                unit_type=form.cleaned_data["unit_type"],
                units_in_building=form.cleaned_data["units_in_building"],
                new_construction=form.cleaned_data["new_construction"],
                bedrooms=[room.to_input() for room in rooms if room.has_changed()],
                now=timezone.now(),
                **form.alarms(),
            )
        except Forbidden as refusal:
            raise PermissionDenied(str(refusal)) from None
        except Refused as refusal:
            form.add_error(refused_field(form, refusal), refusal.reason)
        else:
            name = f"Unit {unit.label}" if unit.label else "The unit"
            messages.success(request, f"{name} is recorded with its bedrooms.")
            return redirect("web:property", pk=place.pk)
    invalid = bool(form.errors) or any(r.errors for r in rooms) or bool(rooms.non_form_errors())
    return render(
        request,
        "web/applicant/unit_new.html",
        {"place": place, "form": form, "rooms": rooms},
        status=422 if request.method == "POST" and invalid else 200,
    )
