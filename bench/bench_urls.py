"""The project's URLs plus `bench/bare`, a Django view that does nothing (the yardstick), and
under `bench/orm/` the API's three hot reads served through the ORM instead of the
hand-written statements: the same documents (the selectors of permitdesk.cases.selectors
rendered by the same ninja schemas; tests/api/test_api_reads.py holds the SQL's to them), for
`bench/api.py --orm` to measure beside the SQL in the same run (decision 0011)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, path
from ninja import NinjaAPI, Router
from ninja.pagination import paginate

from permitdesk.api.auth import AUTH, actor
from permitdesk.api.pagination import Keyset
from permitdesk.api.schemas.cases import ApplicationBrief, ApplicationOut, QueueItem
from permitdesk.cases.models import Application
from permitdesk.cases.permissions import visible_applications
from permitdesk.cases.selectors import today_in
from permitdesk.cases.selectors.case_file import application_detail
from permitdesk.cases.selectors.desks import staff_jurisdiction
from permitdesk.cases.selectors.queues import clerk_queue
from permitdesk.site.urls import urlpatterns as site_urlpatterns

router = Router(auth=AUTH)


@router.get("/applications/{id}", response=ApplicationOut)
def orm_application(request: HttpRequest, id: int) -> Application:
    return application_detail(actor(request), id)


@router.get("/applications", response=list[ApplicationBrief])
@paginate(Keyset)
def orm_applications(request: HttpRequest, **kwargs: Any) -> QuerySet[Application]:
    return (
        visible_applications(actor(request))
        .select_related("jurisdiction", "unit__property")
        .order_by("-submitted_at", "-id")
    )


@router.get("/jurisdictions/{slug}/queues/{queue}", response=list[QueueItem])
@paginate(Keyset)
def orm_queue(request: HttpRequest, slug: str, queue: str, **kwargs: Any) -> QuerySet[Application]:
    found = staff_jurisdiction(actor(request), slug)
    return clerk_queue(found, queue, today_in(slug)).select_related("jurisdiction")


orm_api = NinjaAPI(urls_namespace="bench-orm", docs_url=None, openapi_url=None)
orm_api.add_router("", router)


def bare(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/bare", bare),
    path("bench/orm/", orm_api.urls),
    *site_urlpatterns,
]
