"""An owner's or agent's own filings on their property, outside a case: the village's report
of a change of occupancy (and its confirmation, late ones flagged), its written-disclosure
form (a PDF) and the record of its receipt, and Clayton's prior-to-sale notice with the
buyer's notarized acknowledgement. Each write is one service call (cases.services.occupants,
permitdesk.filings.services); another person's property is not found (404)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from permitdesk.cases.models import ChangeOfOccupancyReport
from permitdesk.cases.permissions import RECORDS_ON
from permitdesk.cases.services.occupants import report_change_of_occupancy
from permitdesk.correspondence.services import Upload
from permitdesk.documents.disclosure import offers_disclosure, render_disclosure
from permitdesk.documents.views import pdf_response
from permitdesk.filings.models import PriorToSaleNotice, WrittenDisclosure
from permitdesk.filings.services import (
    file_prior_to_sale_notice,
    record_written_disclosure,
    upload_buyer_acknowledgement,
)
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Property, Unit
from permitdesk.records.selectors import my_property
from permitdesk.rules.bounds import OutOfRange
from permitdesk.rules.lifecycle import Refused
from permitdesk.web.applicant.acting import by_user
from permitdesk.web.refusals import on_form

T = TypeVar("T")

DATE = forms.DateInput(attrs={"type": "date"})
DOCUMENT_HINT = "A PDF, PNG or JPEG file (a scan or a photo of the signed paper)."


class ChangeReportForm(forms.Form):
    changed_on = forms.DateField(label="Date the occupancy changed", widget=DATE)
    new_occupants = forms.CharField(
        label="New occupants' names (optional)",
        max_length=500,
        required=False,
        help_text="Everyone who moved in, if you know them; separate the names with commas.",
    )


class DisclosureForm(forms.Form):
    occasion = forms.ChoiceField(
        label="The disclosure was for", choices=WrittenDisclosure.Occasion.choices
    )
    disclosed_by = forms.CharField(label="Name of the person who disclosed", max_length=200)
    discloser_role = forms.ChoiceField(
        label="They disclosed as", choices=WrittenDisclosure.Discloser.choices
    )
    received_by = forms.CharField(label="Name of the buyer or renter", max_length=200)
    received_on = forms.DateField(label="Date the buyer or renter received it", widget=DATE)
    signed_copy = forms.FileField(
        label="Signed form (optional)", required=False, help_text=DOCUMENT_HINT
    )

    def clean_signed_copy(self) -> Upload | None:
        return _upload(self.cleaned_data["signed_copy"])


class SaleNoticeForm(forms.Form):
    disposal = forms.ChoiceField(
        label="What is planned", choices=PriorToSaleNotice.Disposal.choices
    )
    planned_on = forms.DateField(label="Date planned", widget=DATE)
    buyer_name = forms.CharField(
        label="Name of the buyer, transferee, mortgagee or lessee", max_length=200
    )


class AcknowledgementForm(forms.Form):
    acknowledgement = forms.FileField(
        label="The buyer's signed and notarized acknowledgement", help_text=DOCUMENT_HINT
    )


def _unit(place: Property, pk: int) -> Unit:
    found = next((u for u in place.units.all() if u.pk == pk), None)
    if found is None:
        raise Http404("unit not found")
    return found


def _upload(file: UploadedFile[bytes] | None) -> Upload | None:
    if file is None:
        return None
    return Upload(name=file.name or "document", data=file.read(), kind="other")


def _plainly(call: Callable[[], T]) -> Callable[[], T]:
    """The call, its date-range refusal said without the field's code name."""

    def called() -> T:
        try:
            return call()
        except OutOfRange as refusal:
            words = refusal.reason.split(" ", 1)[1]
            raise Refused(f"the date {words}", code=refusal.code, field=refusal.field) from None

    return called


def _filing(
    request: HttpRequest,
    form: forms.Form,
    service: Callable[..., T],
    default: str | None = None,
    **arguments: Any,
) -> T | None:
    """On a valid POST, the filing made (`service`) with the form's fields and `arguments`; a
    refusal goes on the form, beside `default` where it names no field of it. None on a GET,
    an invalid form or a refusal."""
    if request.method != "POST" or not form.is_valid():
        return None
    filed = by_user(request, service, **arguments, **form.cleaned_data)
    return on_form(form, _plainly(filed), default)


def _status(form: forms.Form) -> int:
    return 422 if form.errors else 200


@login_required
def change_report(request: HttpRequest, pk: int, unit: int) -> HttpResponse:
    """GET: the village's report form; POST: the report, then its confirmation."""
    place = my_property(request.user, pk, RECORDS_ON)
    home = _unit(place, unit)
    form = ChangeReportForm(request.POST or None)
    report = _filing(request, form, report_change_of_occupancy, "changed_on", unit=home)
    if report is not None:
        return redirect("web:change-report-done", pk=place.pk, report=report.pk)
    pack = get_pack(place.jurisdiction.slug)
    context = {
        "place": place,
        "unit": home,
        "form": form,
        "offered": pack.has_term("change_report_window"),
        "window": pack.count("change_report_window", timezone.now().date())
        if pack.has_term("change_report_window")
        else None,
    }
    return render(request, "web/applicant/change_report.html", context, status=_status(form))


@require_GET
@login_required
def change_report_done(request: HttpRequest, pk: int, report: int) -> HttpResponse:
    place = my_property(request.user, pk, RECORDS_ON)
    found = (
        ChangeOfOccupancyReport.objects.filter(pk=report, unit__property_id=place.pk)
        .select_related("unit", "application")
        .first()
    )
    if found is None:
        raise Http404("report not found")
    return render(
        request, "web/applicant/change_report_done.html", {"place": place, "report": found}
    )


@require_GET
@login_required
def disclosure_pdf(request: HttpRequest, pk: int, unit: int) -> HttpResponse:
    """The blank disclosure form for the unit, where its jurisdiction asks for one."""
    home = _unit(my_property(request.user, pk), unit)
    if not offers_disclosure(home):
        raise Http404("no written disclosure here")
    return pdf_response(*render_disclosure(home, timezone.now()))


@login_required
def disclosure_new(request: HttpRequest, pk: int, unit: int) -> HttpResponse:
    """GET: the form recording a disclosure's receipt; POST: the record."""
    place = my_property(request.user, pk, RECORDS_ON)
    home = _unit(place, unit)
    form = DisclosureForm(request.POST or None, request.FILES or None)
    made = _filing(request, form, record_written_disclosure, unit=home)
    if made is not None:
        messages.success(request, f"The disclosure {made.received_by} received is on record.")
        return redirect("web:property", pk=place.pk)
    context = {"place": place, "unit": home, "form": form, "offered": offers_disclosure(home)}
    return render(request, "web/applicant/disclosure_new.html", context, status=_status(form))


@login_required
def sale_notice_new(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: Clayton's prior-to-sale notice form; POST: the notice."""
    place = my_property(request.user, pk, RECORDS_ON)
    form = SaleNoticeForm(request.POST or None)
    made = _filing(request, form, file_prior_to_sale_notice, "planned_on", place=place)
    if made is not None:
        late = (
            f" It is late: the {made.get_disposal_display().lower()} may not lawfully take "
            f"place before {made.lawful_from:%B} {made.lawful_from.day}, {made.lawful_from.year}."
        ) * made.late
        ask = " Upload the buyer's notarized acknowledgement below." * made.needs_acknowledgement
        messages.success(request, f"Your notice is on record.{late}{ask}")
        return redirect("web:property", pk=place.pk)
    offered = get_pack(place.jurisdiction.slug).has_term("prior_to_sale_notice")
    context = {"place": place, "form": form, "offered": offered}
    return render(request, "web/applicant/sale_notice_new.html", context, status=_status(form))


@login_required
def sale_notice_acknowledgement(request: HttpRequest, pk: int, notice: int) -> HttpResponse:
    """GET: the upload form; POST: the buyer's notarized acknowledgement."""
    place = my_property(request.user, pk, RECORDS_ON)
    found = PriorToSaleNotice.objects.filter(pk=notice, building_id=place.pk).first()
    if found is None:
        raise Http404("notice not found")
    form = AcknowledgementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = _upload(form.cleaned_data["acknowledgement"])
        done = on_form(
            form,
            by_user(request, upload_buyer_acknowledgement, notice=found, upload=upload),
            "acknowledgement",
        )
        if done is not None:
            messages.success(request, "The buyer's acknowledgement is on record.")
            return redirect("web:property", pk=place.pk)
    context = {"place": place, "notice": found, "form": form}
    return render(
        request, "web/applicant/sale_notice_acknowledgement.html", context, status=_status(form)
    )
