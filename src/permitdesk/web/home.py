"""The home page: what each kind of user came to do."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from permitdesk.records.models import Jurisdiction


def home(request: HttpRequest) -> HttpResponse:
    jurisdictions = Jurisdiction.objects.order_by("name").only("slug", "name")
    return render(request, "web/home.html", {"jurisdictions": jurisdictions})
