"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), so a city's 311 system can
submit residents' reports of a change of occupancy (decision 0022, docs/discovery.md):

  GET  /open311/v2/services.json              the one service, change-of-occupancy
  GET  /open311/v2/services/{code}.json       its definition: the attributes it takes
  POST /open311/v2/requests.json              a report (form-encoded; api_key required)
  GET  /open311/v2/requests/{id}.json         its status (open/closed), never the reporter
  GET  /open311/v2/requests.json?service_request_id=a,b

Each in JSON or XML (.xml). Plain Django views, not ninja: the protocol is form-encoded with
its own error shape ([{"code": 400, "description": ...}], with the same HTTP status). The
report is filed by permitdesk.discovery.reports.file_report, as from the public page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from permitdesk.accounts import throttle
from permitdesk.accounts.clients import client_ip
from permitdesk.accounts.models import token_digest
from permitdesk.discovery.models import Open311Client, Report
from permitdesk.discovery.open311_clients import client_for_key
from permitdesk.discovery.reports import Contact, file_report, reference_key
from permitdesk.discovery.selectors import PublicReport, public_reports
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local, zone
from permitdesk.rules.lifecycle import Refused

SERVICE_CODE = "change-of-occupancy"
SERVICE_NAME = "Change of occupancy"
SERVICE = {
    "service_code": SERVICE_CODE,
    "service_name": SERVICE_NAME,
    "description": "Report that new people moved into a home, it was sold, new tenants came, "
    "or its occupants moved out: the building division checks that the occupancy permit the "
    "ordinance requires follows.",
    "metadata": True,
    "type": "realtime",
    "keywords": "occupancy, re-occupancy, permit, sale, tenants",
    "group": "Housing",
}
# The service's parameter for each field a refusal names (Refused.field).
PARAMETERS = {
    "jurisdiction": "jurisdiction_id",
    "address": "address_string",
    "unit": "attribute[unit]",
    "change": "attribute[change]",
    "changed_on": "attribute[changed_on]",
    "description": "description",
    "name": "first_name",
    "email": "email",
    "phone": "phone",
}
# XML: a list's items are named for the list (<services><service>...).
ITEMS = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "errors": "error",
}
LIST_IDS = 50  # service_request_id=a,b,...: at most this many at once


def _definition() -> dict[str, Any]:
    return {
        "service_code": SERVICE_CODE,
        "attributes": [
            {
                "variable": True,
                "code": "change",
                "datatype": "singlevaluelist",
                "required": True,
                "datatype_description": "One of the keys of values.",
                "order": 1,
                "description": "What changed?",
                "values": [{"key": k, "name": n} for k, n in Report.Change.choices],
            },
            {
                "variable": True,
                "code": "changed_on",
                "datatype": "datetime",
                "required": False,
                "datatype_description": "The day it changed, YYYY-MM-DD (an ISO 8601 date and "
                "time is read as its day); the day of the request if not given. Not in the "
                "future.",
                "order": 2,
                "description": "When did it change?",
            },
            {
                "variable": True,
                "code": "unit",
                "datatype": "string",
                "required": False,
                "datatype_description": "At most 32 characters, e.g. 2B.",
                "order": 3,
                "description": "Apartment or unit, if any",
            },
        ],
    }


class Problem(Exception):
    """An Open311 error: its HTTP status and description."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after


def _xml(tag: str, value: Any) -> ElementTree.Element:
    element = ElementTree.Element(tag)
    if isinstance(value, list):
        for item in value:
            element.append(_xml(ITEMS.get(tag, "item"), item))
    elif isinstance(value, dict):
        for key, inner in value.items():
            element.append(_xml(key, inner))
    elif value is not None:
        element.text = str(value).lower() if isinstance(value, bool) else str(value)
    return element


def _answer(data: Any, fmt: str, root: str, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        body = ElementTree.tostring(_xml(root, data), encoding="unicode", xml_declaration=True)
        return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
    return JsonResponse(data, status=status, safe=False)


def _handled(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """The view's Problem as Open311's error list, with its HTTP status."""

    def handle(request: HttpRequest, fmt: str, **kwargs: str) -> HttpResponse:
        try:
            return view(request, fmt, **kwargs)
        except Problem as problem:
            errors = [{"code": problem.status, "description": problem.description}]
            response = _answer(errors, fmt, "errors", problem.status)
            if problem.retry_after is not None:
                response["Retry-After"] = str(problem.retry_after)
            return response

    handle.__name__ = view.__name__
    handle.__doc__ = view.__doc__
    return handle


def _count(scope_ident: str, now: dt.datetime) -> None:
    try:
        throttle.count("open311", scope_ident, now=now)
    except throttle.Throttled as over:
        raise Problem(429, str(over), over.retry_after) from None


def _method(request: HttpRequest, *allowed: str) -> None:
    if request.method not in allowed:
        raise Problem(405, f"{request.method} is not allowed here: {', '.join(allowed)}")


def _jurisdiction(request: HttpRequest) -> None:
    slug = request.GET.get("jurisdiction_id", "")[:64]
    # A NUL is no slug (and PostgreSQL refuses it in a query).
    if slug and ("\x00" in slug or not Jurisdiction.objects.filter(slug=slug).exists()):
        raise Problem(404, f"jurisdiction_id '{slug[:64]}' is not a jurisdiction of this server")


@_handled
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    """The service list: one service, for every jurisdiction."""
    _method(request, "GET")
    _count(client_ip(request), timezone.now())
    _jurisdiction(request)
    return _answer([SERVICE], fmt, "services")


@_handled
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    _method(request, "GET")
    _count(client_ip(request), timezone.now())
    _jurisdiction(request)
    if code != SERVICE_CODE:
        raise Problem(404, f"service_code '{code[:64]}' is not a service here: {SERVICE_CODE}")
    return _answer(_definition(), fmt, "service_definition")


def _client(request: HttpRequest, now: dt.datetime) -> Open311Client:
    key = request.POST.get("api_key", "")
    throttle_key = token_digest(key) if key else client_ip(request)
    # A client that sent too many bad keys is refused before its key is looked at.
    try:
        throttle.check("api-token", client_ip(request), now=now)
    except throttle.Throttled as over:
        raise Problem(429, str(over), over.retry_after) from None
    if not key:
        raise Problem(403, "api_key is required: the key this server gave your 311 system")
    client = client_for_key(key)
    if client is None:
        try:
            throttle.count("api-token", client_ip(request), now=now)
        except throttle.Throttled as over:
            raise Problem(429, str(over), over.retry_after) from None
        raise Problem(403, "api_key is not a key of this server (or it was revoked)")
    _count(throttle_key, now)
    asked = request.POST.get("jurisdiction_id", "")
    if asked and asked != client.jurisdiction.slug:
        raise Problem(
            403, f"this api_key submits to jurisdiction_id '{client.jurisdiction.slug}' only"
        )
    return client


def _changed_on(text: str, client: Open311Client, now: dt.datetime) -> dt.date:
    if not text:
        return local(get_pack(client.jurisdiction.slug), now).date()
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) <= 10 else _day_of(text, client)
    except ValueError:
        raise Problem(
            400, f"attribute[changed_on] '{text[:40]}' is not a date: YYYY-MM-DD, e.g. 2026-11-18"
        ) from None


def _day_of(text: str, client: Open311Client) -> dt.date:
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(zone(get_pack(client.jurisdiction.slug))).date()


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    now = timezone.now()
    client = _client(request, now)
    form = request.POST
    if form.get("service_code", "") != SERVICE_CODE:
        shown = form.get("service_code", "")[:64] or "missing"
        raise Problem(400, f"service_code is {shown}: the service here is {SERVICE_CODE}")
    if not form.get("address_string", "").strip():
        raise Problem(
            400,
            "address_string is required: reports are matched to homes by street address; "
            "lat and long alone cannot be",
        )
    name = " ".join([form.get("first_name", ""), form.get("last_name", "")])
    try:
        filed = file_report(
            jurisdiction=client.jurisdiction.slug,
            address=form.get("address_string", ""),
            unit=form.get("attribute[unit]", ""),
            change=form.get("attribute[change]", ""),
            changed_on=_changed_on(form.get("attribute[changed_on]", ""), client, now),
            description=form.get("description", ""),
            contact=Contact(
                name=name.strip(), email=form.get("email", ""), phone=form.get("phone", "")
            ),
            channel=Report.Channel.OPEN311,
            client=client,
            now=now,
        )
    except Refused as refused:
        parameter = PARAMETERS.get(refused.field or "", "request")
        raise Problem(400, f"{parameter}: {refused.reason}") from None
    notice = (
        f"Received by {client.jurisdiction.name}; matched to the property records within the "
        f"hour. Its status: requests/{filed.reference}.json"
    )
    created = [
        {"service_request_id": filed.reference, "service_notice": notice, "account_id": None}
    ]
    return _answer(created, fmt, "service_requests", 201)


def _shown(report: PublicReport) -> dict[str, Any]:
    """A request as Open311 reads it: its status, never the reporter or the owner."""
    when = report.received_at.astimezone(zone(get_pack(report.jurisdiction))).isoformat()
    unit = f", unit {report.unit_label}" if report.unit_label else ""
    return {
        "service_request_id": report.reference,
        "status": "closed" if report.status == "closed" else "open",
        "status_notes": report.notes,
        "service_name": SERVICE_NAME,
        "service_code": SERVICE_CODE,
        "requested_datetime": when,
        "address": f"{report.address}{unit}",
    }


def _ids(text: str) -> list[str]:
    asked = [part.strip() for part in text.split(",") if part.strip()]
    if not asked:
        raise Problem(
            400,
            "service_request_id is required: one or more ids, comma-separated (requests are "
            "not listed otherwise, to keep the addresses reported private)",
        )
    if len(asked) > LIST_IDS:
        raise Problem(400, f"service_request_id: at most {LIST_IDS} ids at once")
    return [reference_key(part) for part in asked]


@csrf_exempt
@_handled
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    """POST: a new request (a report); GET: the requests of service_request_id=a,b."""
    _method(request, "GET", "POST")
    if request.method == "POST":
        return _create(request, fmt)
    _count(client_ip(request), timezone.now())
    found = public_reports([key for key in _ids(request.GET.get("service_request_id", "")) if key])
    return _answer([_shown(r) for r in found], fmt, "service_requests")


@_handled
def request_status(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    _method(request, "GET")
    _count(client_ip(request), timezone.now())
    key = reference_key(request_id)
    found = public_reports([key]) if key else []
    if not found:
        raise Problem(404, f"service_request_id '{request_id[:40]}' is not a request here")
    return _answer([_shown(found[0])], fmt, "service_requests")
