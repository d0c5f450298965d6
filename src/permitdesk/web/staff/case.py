"""The staff's page of one case, built from its panels (web/staff/panels.py). The action views
answer with it: a refusal re-renders the page with the bound form (status 422); a success
redirects to it. A request htmx sent (HX-Request) gets only the panel the action concerns,
with the summary beside it (swapped out of band, since the balance it shows may have moved)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from permitdesk.cases.models import Application
from permitdesk.cases.selectors.case_file import staff_case
from permitdesk.web.refusals import attach_refusal
from permitdesk.web.staff.access import SERVICE_ERRORS, signed_in_user, staff_page
from permitdesk.web.staff.panels import Page, context

# htmx's answer: the panel, and the summary swapped out of band.
ANSWER = "web/staff/panels/answer.html"

M = TypeVar("M", bound=Model)


def acted(form: forms.Form, act: Callable[[], M]) -> M | None:
    """What the case action's service made or changed; None when it refused, its refusal then
    on the form (and nothing written)."""
    try:
        return act()
    except SERVICE_ERRORS as error:
        attach_refusal(form, error)
        return None


def wants_panel(request: HttpRequest) -> bool:
    """Whether htmx sent the request (it then swaps the panel in place)."""
    return request.headers.get("HX-Request") == "true"


def case_page(
    request: HttpRequest,
    case: Application,
    status: int = 200,
    panel: str | None = None,
    /,
    **bound: forms.Form,
) -> HttpResponse:
    """The case page, or only `panel` for htmx; `bound` replaces a blank form by the one the
    user sent (with errors)."""
    page = Page.of(signed_in_user(request), case, bound)
    if panel is not None and wants_panel(request):
        return render(
            request, ANSWER, {**context(page, panel, "summary"), "panel": panel}, status=status
        )
    return render(request, "web/staff/case.html", context(page), status=status)


def back_to_case(request: HttpRequest, case: Application, notice: str) -> HttpResponse:
    """An action succeeded: the case page again, a redirect (so a reload sends nothing twice)
    with `notice` on it."""
    messages.success(request, notice)
    return redirect("web:staff-case", pk=case.pk)


def case_done(request: HttpRequest, case: Application, panel: str, notice: str) -> HttpResponse:
    """An action succeeded: back_to_case(), or for htmx the case's panel read afresh, with
    `notice` in it."""
    if not wants_panel(request):
        return back_to_case(request, case, notice)
    fresh = staff_case(signed_in_user(request), case.pk)
    page = Page.of(signed_in_user(request), fresh, {})
    found = {**context(page, panel, "summary"), "panel": panel, "notice": notice}
    return render(request, ANSWER, found)


def confirmed_action(
    request: HttpRequest,
    pk: int,
    act: Callable[..., M],
    confirm: tuple[str, type[forms.Form]],
    notice: Callable[[M], str],
) -> HttpResponse:
    """An action on the case that takes nothing but the case (amend the permit, withdraw, a
    temporary permit): its form, named `confirm` on the page, only confirms it; `act` is the
    service; `notice`, what is said of the result."""
    user = signed_in_user(request)
    case = staff_case(user, pk)
    name, form_class = confirm
    form = form_class(request.POST)
    act_on_case = partial(act, actor=user, application=case, now=timezone.now())
    done = acted(form, act_on_case) if form.is_valid() else None
    if done is None:
        return case_page(request, case, 422, **{name: form})
    return back_to_case(request, case, notice(done))


@staff_page()
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return case_page(request, staff_case(signed_in_user(request), pk))
