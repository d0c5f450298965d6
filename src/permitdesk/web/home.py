"""The home page: what each kind of user came to do. Staff start on their own page (their work
queue or day sheet: web.landing), so the public page sends them there."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from permitdesk.records.models import Jurisdiction
from permitdesk.web.landing import staff_start


def home(request: HttpRequest) -> HttpResponse:
    start = staff_start(request)
    if start is not None:
        return redirect(start)
    jurisdictions = Jurisdiction.objects.order_by("name").only("slug", "name")
    return render(request, "web/home.html", {"jurisdictions": jurisdictions})
