"""Applying: choose the unit and what is happening there, see the fee quote, then submit
(cases.services.applications.submit_application). The fee item is the one the jurisdiction's
eligibility rules name for that event at that unit."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.cases.models import Application
from permitdesk.cases.selectors import today_in
from permitdesk.cases.services.applications import submit_application
from permitdesk.cases.services.base import case_facts, case_file
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records.models import Unit
from permitdesk.records.selectors import my_units
from permitdesk.rules.case_facts import eligibility_facts
from permitdesk.rules.eligibility import eligibility
from permitdesk.rules.lifecycle import Refused
from permitdesk.rules.quote import Quote, quote
from permitdesk.web.applicant.forms import ApplyForm
from permitdesk.web.refusals import refused_field

KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class Program:
    """The fee item an application for this event at this unit is assessed with, or why none."""

    fee_item: str | None
    reason: str
    citation: str


def program_for(pack: Pack, unit: Unit, trigger: str, on: dt.date) -> Program:
    """The first obligation the eligibility rules find required whose fee item is filed as a
    case (St. Clair's permit fee item is charged later, within the inspection's case)."""
    findings = eligibility(pack, eligibility_facts(case_file(unit, trigger)), on).findings
    filed = set(pack.case_items())
    for finding in findings:
        if finding.required and finding.fee_item in filed:
            return Program(finding.fee_item, finding.reason, finding.citation)
    first = next((f for f in findings if f.kind in ("permit", "inspection")), None)
    if first is None:
        return Program(None, f"{pack.name} has no occupancy program in its rules", "")
    return Program(None, first.reason, first.citation)


def _quote(form: ApplyForm) -> tuple[Pack, Program, Quote | None, Quote | None]:
    """The quote of the application's fee item, and of the fee the pack charges later, on
    approval (St. Clair's occupancy permit fee), where it has one."""
    unit: Unit = form.cleaned_data["unit"]
    pack = get_pack(unit.property.jurisdiction.slug)
    on = today_in(pack)
    program = program_for(pack, unit, form.cleaned_data["trigger"], on)
    if program.fee_item is None:
        return pack, program, None, None
    facts = case_facts(
        pack.item(program.fee_item),
        unit,
        form.cleaned_data["trigger"],
        form.cleaned_data["occupied"],
    )
    later = (
        quote(pack, pack.text("permit_fee_item", on), {}, on)
        if pack.has_term("permit_fee_item")
        else None
    )
    return pack, program, quote(pack, program.fee_item, facts, on), later


def _submission_key(request: HttpRequest) -> str:
    """The form's own key, kept from the quote to the submission: the same form sent twice
    (a double click, the browser's back and resend) makes one application."""
    sent = request.POST.get("key", "")
    return sent if KEY.fullmatch(sent) else secrets.token_urlsafe(18)


@login_required
def apply(request: HttpRequest) -> HttpResponse:
    units = my_units(request.user)
    initial = {"unit": request.GET.get("unit")} if request.GET.get("unit", "").isdigit() else {}
    # From the "Do I need a permit?" answer: the event the guide was told of, where it is one.
    if request.GET.get("trigger") in Application.Trigger.values:
        initial["trigger"] = request.GET["trigger"]
    user = request.user
    initial["owner_name"] = user.get_full_name()  # type: ignore[union-attr]
    form = ApplyForm(request.POST or None, units=units, initial=initial)
    context: dict[str, object] = {
        "form": form,
        "has_units": units.exists(),
        "key": _submission_key(request),
    }
    if request.method == "POST" and form.is_valid():
        try:
            pack, program, fees, later = _quote(form)
        except (ValueError, LookupError) as problem:
            form.add_error(None, str(problem))
        else:
            context.update(pack=pack, program=program, quote=fees, later=later)
            if fees is None:
                form.add_error("trigger", f"No application is called for: {program.reason}")
            elif request.POST.get("step") == "submit":
                return _submit(request, form, program.fee_item or "", context)
    status = 422 if form.errors else 200
    return render(request, "web/applicant/apply.html", context, status=status)


def _submit(
    request: HttpRequest, form: ApplyForm, fee_item: str, context: dict[str, object]
) -> HttpResponse:
    data = form.cleaned_data
    try:
        case = submit_application(
            actor=request.user,  # type: ignore[arg-type]
            idempotency_key=f"web-{request.user.pk}-{context['key']}",
            unit=data["unit"],
            fee_item=fee_item,
            trigger=data["trigger"],
            occupied=data["occupied"],
            parties=form.parties(),
            now=timezone.now(),
            owner_certified=(
                data["owner_certified"]
                if get_pack(data["unit"].property.jurisdiction.slug).has_term(
                    "owner_certifies_rental_application"
                )
                else None
            ),
        )
    except NotFound:
        raise Http404("unit not found") from None
    except Forbidden as refusal:
        raise PermissionDenied(str(refusal)) from None
    except Refused as refusal:
        # a refusal that names no field of the form is about the program applied for
        form.add_error(refused_field(form, refusal, "trigger"), refusal.reason)
    except (ValueError, LookupError) as problem:
        form.add_error(None, str(problem))
    else:
        messages.success(request, f"Application {case.pk} is submitted.")
        return redirect("web:case", pk=case.pk)
    return render(request, "web/applicant/apply.html", context, status=422)
