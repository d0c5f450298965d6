"""The staff's page of one case, built from its panels (web/staff/panels.py). The action views
answer with it: a refusal re-renders the page with the bound form (status 422); a success
redirects to it. A request htmx sent (HX-Request) gets only the panel the action concerns,
with the summary beside it (swapped out of band, since the balance it shows may have moved)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from permitdesk.cases.models import Application
from permitdesk.cases.selectors.case_file import staff_case
from permitdesk.web.staff.access import signed_in_user, staff_page
from permitdesk.web.staff.panels import Page, context

# htmx's answer: the panel, and the summary swapped out of band.
ANSWER = "web/staff/panels/answer.html"


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


def case_done(request: HttpRequest, case: Application, panel: str, notice: str) -> HttpResponse:
    """An action succeeded: the case page again (a redirect, so a reload sends nothing twice),
    or for htmx its panel read afresh, with `notice` in it."""
    if not wants_panel(request):
        messages.success(request, notice)
        return redirect("web:staff-case", pk=case.pk)
    fresh = staff_case(signed_in_user(request), case.pk)
    page = Page.of(signed_in_user(request), fresh, {})
    found = {**context(page, panel, "summary"), "panel": panel, "notice": notice}
    return render(request, ANSWER, found)


@staff_page()
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return case_page(request, staff_case(signed_in_user(request), pk))
