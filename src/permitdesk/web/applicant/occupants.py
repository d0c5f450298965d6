"""Naming the occupants: every person who will live there, children included, with age and
relationship where the jurisdiction's permit states them (cases.services.occupants)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.cases.actions import Action, allowed_actions
from permitdesk.cases.selectors import today_in
from permitdesk.cases.selectors.case_file import my_case
from permitdesk.cases.selectors.ledger import max_occupants
from permitdesk.cases.services.occupants import add_occupant
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.rules.lifecycle import Refused
from permitdesk.web.applicant.forms import OccupantForm
from permitdesk.web.refusals import refused_field


def details_rule(pack: Pack) -> str | None:
    """The sentence that makes each occupant's age and relationship required, if any (the
    same term the permit's issue checks: permit_content)."""
    if not pack.has_term("permit_content"):
        return None
    on = today_in(pack)
    return pack.cite(pack.term_version("permit_content", on).citation)


@login_required
def occupants(request: HttpRequest, pk: int) -> HttpResponse:
    case = my_case(request.user, pk)
    pack = get_pack(case.jurisdiction.slug)
    rule = details_rule(pack)
    # Bound on every POST, an empty one too: a message is added to it below.
    posted = request.POST if request.method == "POST" else None
    form = OccupantForm(posted, details_required=rule is not None)
    may_add = Action.ADD_OCCUPANT in allowed_actions(request.user, case)
    if request.method == "POST" and may_add and form.is_valid():
        data = form.cleaned_data
        try:
            person = add_occupant(
                actor=request.user,  # type: ignore[arg-type]
                application=case,
                first_name=data["first_name"],
                last_name=data["last_name"],
                age=data["age"],
                relationship=data["relationship"],
                now=timezone.now(),
            )
        except NotFound:
            raise Http404("case not found") from None
        except Forbidden as denied:
            raise PermissionDenied(str(denied)) from None
        except Refused as refused:
            form.add_error(refused_field(form, refused), refused.reason)
        else:
            messages.success(request, f"{person.first_name} {person.last_name} is added.")
            return redirect("web:case-occupants", pk=case.pk)
    if request.method == "POST" and not may_add:
        form.add_error(None, f"Occupants cannot be added to a case that is {case.status}.")
    context = {
        "case": case,
        "form": form,
        "rule": rule,
        "may_add": may_add,
        "limit": max_occupants(pack, case, today_in(pack)),
    }
    status = 422 if form.errors else 200
    return render(request, "web/applicant/occupants.html", context, status=status)
