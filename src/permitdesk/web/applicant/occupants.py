"""Naming the occupants: every person who will live there, children included, with age and
relationship where the jurisdiction's permit states them, and the day they move in; each one
corrected or removed until the permit is issued (cases.services.occupants)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from permitdesk.cases.actions import Action, allowed_actions
from permitdesk.cases.models import Application, Occupant
from permitdesk.cases.selectors import today_in
from permitdesk.cases.selectors.case_file import my_case
from permitdesk.cases.selectors.ledger import max_occupants
from permitdesk.cases.services.occupants import add_occupant, change_occupant, remove_occupant
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.rules.lifecycle import Refused
from permitdesk.web.applicant.acting import by_user
from permitdesk.web.applicant.forms import OccupantForm
from permitdesk.web.refusals import on_form, refusal_text, serviced


def details_rule(pack: Pack) -> str | None:
    """The sentence that makes each occupant's age and relationship required, if any (the
    same term the permit's issue checks: permit_content)."""
    if not pack.has_term("permit_content"):
        return None
    on = today_in(pack)
    return pack.cite(pack.term_version("permit_content", on).citation)


def _page(
    request: HttpRequest,
    case: Application,
    form: OccupantForm,
    refusal: str = "",
    status: int | None = None,
) -> HttpResponse:
    pack = get_pack(case.jurisdiction.slug)
    allowed = allowed_actions(request.user, case)
    context = {
        "case": case,
        "form": form,
        "rule": details_rule(pack),
        "may_add": Action.ADD_OCCUPANT in allowed,
        "may_change": Action.CHANGE_OCCUPANT in allowed,
        "limit": max_occupants(pack, case, today_in(pack)),
        "refusal": refusal,
    }
    if status is None:
        status = 422 if form.errors else 200
    return render(request, "web/applicant/occupants.html", context, status=status)


def _form(request: HttpRequest, case: Application, **kwargs: Any) -> OccupantForm:
    # Bound on every POST, an empty one too: a message is added to it below.
    posted = request.POST if request.method == "POST" else None
    rule = details_rule(get_pack(case.jurisdiction.slug))
    return OccupantForm(posted, details_required=rule is not None, **kwargs)


@login_required
def occupants(request: HttpRequest, pk: int) -> HttpResponse:
    case = my_case(request.user, pk)
    form = _form(request, case)
    may_add = Action.ADD_OCCUPANT in allowed_actions(request.user, case)
    if request.method == "POST" and may_add and form.is_valid():
        # The form's fields are the person's, as the services take them.
        person = on_form(
            form, by_user(request, add_occupant, application=case, **form.cleaned_data)
        )
        if person is not None:
            messages.success(request, f"{person.first_name} {person.last_name} is added.")
            return redirect("web:case-occupants", pk=case.pk)
    if request.method == "POST" and not may_add:
        form.add_error(None, f"Occupants cannot be added to a case that is {case.status}.")
    return _page(request, case, form)


def _occupant(case: Application, occupant: int) -> Occupant:
    found = next((o for o in case.occupants.all() if o.pk == occupant), None)
    if found is None:
        raise Http404("occupant not found")
    return found


@login_required
def occupant_change(request: HttpRequest, pk: int, occupant: int) -> HttpResponse:
    """One occupant's details, corrected: the form filled in with what is recorded."""
    case = my_case(request.user, pk)
    person = _occupant(case, occupant)
    initial = {name: getattr(person, name) for name in OccupantForm.base_fields}
    form = _form(request, case, initial=initial, prefix="change")
    if request.method == "POST" and form.is_valid():
        changed = on_form(
            form, by_user(request, change_occupant, occupant=person, **form.cleaned_data)
        )
        if changed is not None:
            messages.success(request, f"{changed.first_name} {changed.last_name} is changed.")
            return redirect("web:case-occupants", pk=case.pk)
    return render(
        request,
        "web/applicant/occupant_change.html",
        {"case": case, "form": form, "person": person},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def occupant_remove(request: HttpRequest, pk: int, occupant: int) -> HttpResponse:
    case = my_case(request.user, pk)
    person = _occupant(case, occupant)
    refused = serviced(by_user(request, remove_occupant, occupant=person))
    if isinstance(refused, Refused):  # the permit is issued meanwhile: said above the list
        blank = OccupantForm(
            details_required=details_rule(get_pack(case.jurisdiction.slug)) is not None
        )
        return _page(request, case, blank, refusal=refusal_text(refused), status=409)
    messages.success(request, f"{person.first_name} {person.last_name} is removed.")
    return redirect("web:case-occupants", pk=case.pk)
