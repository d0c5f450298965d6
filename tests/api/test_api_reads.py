"""The hand-written reads (permitdesk.api.reads) give the documents the ORM reads give through
their ninja schemas, to every user, for every case of the demo data (with a visitor, a waived
fee, a refund and checklist answers added): the case file byte for byte, the lists page by
page, item for item (their items are JSON the database writes: the same values, its spacing).
Run on SQLite and on PostgreSQL, as the whole suite is."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from ninja import Schema
from ninja.responses import NinjaJSONEncoder

from permitdesk.accounts.models import Membership, Role
from permitdesk.api.routers.queues import Queue
from permitdesk.api.schemas.cases import ApplicationBrief, ApplicationOut, QueueItem
from permitdesk.cases.models import Application, FeeLine, Inspection, Payment
from permitdesk.cases.permissions import visible_applications
from permitdesk.cases.selectors import today_in
from permitdesk.cases.selectors.case_file import application_detail
from permitdesk.cases.selectors.queues import clerk_queue
from permitdesk.demo.clock import REFERENCE_DAY
from permitdesk.records.models import Jurisdiction
from tests.api.client import Api

pytestmark = pytest.mark.django_db
QUEUES: tuple[str, ...] = Queue.__args__  # type: ignore[attr-defined]


def rendered(schema: type[Schema], obj: Any) -> str:
    """What a ninja operation answers for `obj` under `schema` (its dump, its encoder)."""
    return json.dumps(schema.from_orm(obj).model_dump(), cls=NinjaJSONEncoder)


def staff(role: str) -> User:
    return Membership.objects.filter(role=role).select_related("user").first().user  # type: ignore[union-attr]


@pytest.fixture
def demo() -> None:
    """The demo data, with what it lacks: a visitor, a waived fee, a refund, and an
    inspection's checklist answers — each through the API, as a clerk or code official."""
    call_command("load_jurisdictions", verbosity=0)
    # As loaded on the day its plans were written for: its visits are past, so one of them
    # can be given a result now (a demo loaded today books them today and later).
    call_command("demo_data", force=True, verbosity=0, today=REFERENCE_DAY)
    issued = Application.objects.filter(status=Application.Status.ISSUED).first()
    assert issued is not None
    official = User.objects.get(
        memberships__role=Role.CODE_OFFICIAL, memberships__jurisdiction=issued.jurisdiction
    )
    api = Api(official)
    status, _ = api.post(
        f"/applications/{issued.pk}/visitors",
        {"name": "Ada Visitor", "arrived_on": str(timezone.localdate() - dt.timedelta(days=3))},
    )
    assert status == 201
    fee = FeeLine.objects.filter(application__status=Application.Status.SUBMITTED).first()
    assert fee is not None
    official = User.objects.get(
        memberships__role=Role.CODE_OFFICIAL, memberships__jurisdiction=fee.application.jurisdiction
    )
    api = Api(official)
    assert api.post(f"/fee-lines/{fee.pk}/waive", {"reason": "hardship"})[0] == 200
    paid = Payment.objects.first()
    assert paid is not None
    official = User.objects.get(
        memberships__role=Role.CODE_OFFICIAL,
        memberships__jurisdiction=paid.application.jurisdiction,
    )
    api = Api(official)
    body = {"amount": "1.00", "reason": "overpaid"}
    assert api.post(f"/payments/{paid.pk}/refunds", body)[0] == 201
    pending = Inspection.objects.filter(result=Inspection.Result.PENDING).first()
    assert pending is not None
    official = User.objects.get(
        memberships__role=Role.CODE_OFFICIAL,
        memberships__jurisdiction=pending.application.jurisdiction,
    )
    body = {"result": "passed", "checklist": {"smoke-alarms": True, "bedrooms": 2, "x": "ok"}}
    status, answer = Api(official).post(f"/inspections/{pending.pk}/result", body)
    assert status == 200, answer


def users() -> Iterator[User]:
    yield from User.objects.order_by("id")


@pytest.mark.usefixtures("demo")
def test_the_case_file_is_the_orm_reads_document_for_every_user_and_case() -> None:
    seen: dict[str, int] = {}
    for user in users():
        api = Api(user)
        visible = set(visible_applications(user).values_list("id", flat=True))
        for case_id in Application.objects.values_list("id", flat=True):
            response = api.client.get(f"/api/applications/{case_id}", headers=api.headers)
            if case_id not in visible:
                assert response.status_code == 404, (user.username, case_id)
                continue
            assert response.status_code == 200, (user.username, case_id)
            expected = rendered(ApplicationOut, application_detail(user, case_id))
            assert response.content.decode() == expected, (user.username, case_id)
            document = json.loads(expected)
            for key in ("visitors", "permits", "occupants", "inspections", "payments"):
                seen[key] = seen.get(key, 0) + len(document[key])
            seen["violations"] = seen.get("violations", 0) + sum(
                len(i["violations"]) for i in document["inspections"]
            )
            seen["checklists"] = seen.get("checklists", 0) + sum(
                bool(i["checklist"]) for i in document["inspections"]
            )
            seen["approvals"] = seen.get("approvals", 0) + (document["approval"] is not None)
            seen["waived"] = seen.get("waived", 0) + sum(
                bool(f["waived_reason"]) for f in document["fee_lines"]
            )
            seen["refunds"] = seen.get("refunds", 0) + sum(
                p["refund_of"] is not None for p in document["payments"]
            )
    # Every part of the document was compared somewhere, not only empty lists.
    assert all(
        seen.get(key, 0) > 0
        for key in (
            "visitors",
            "permits",
            "occupants",
            "inspections",
            "payments",
            "violations",
            "checklists",
            "approvals",
            "waived",
            "refunds",
        )
    ), seen


def pages(api: Api, path: str, limit: int) -> list[dict[str, Any]]:
    """Every item of a keyset list, `limit` at a time, following `next`."""
    items: list[dict[str, Any]] = []
    after: str | None = None
    for _ in range(1000):
        params: dict[str, Any] = {"limit": limit, **({"after": after} if after else {})}
        status, page = api.get(path, **params)
        assert status == 200, page
        assert len(page["items"]) <= limit
        items += page["items"]
        after = page["next"]
        if after is None:
            return items
    raise AssertionError("the pages never ended")


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("limit", [1, 3, 100])
def test_the_case_list_pages_through_the_orm_reads_list(limit: int) -> None:
    nonempty = 0
    for user in users():
        expected = [
            json.loads(rendered(ApplicationBrief, case))
            for case in visible_applications(user)
            .select_related("jurisdiction", "unit__property")
            .order_by("-submitted_at", "-id")
        ]
        assert pages(Api(user), "/applications", limit) == expected, user.username
        nonempty += bool(expected)
    assert nonempty >= 3


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("limit", [1, 2, 100])
def test_every_queue_pages_through_the_orm_reads_queue(limit: int) -> None:
    found = 0
    for membership in Membership.objects.filter(
        role__in=[Role.CLERK, Role.CODE_OFFICIAL]
    ).select_related("user", "jurisdiction"):
        api = Api(membership.user)
        slug = membership.jurisdiction.slug
        for queue in QUEUES:
            expected = [
                json.loads(rendered(QueueItem, case))
                for case in clerk_queue(
                    membership.jurisdiction_id, queue, today_in(slug)
                ).select_related("jurisdiction", "unit__property")
            ]
            assert pages(api, f"/jurisdictions/{slug}/queues/{queue}", limit) == expected, (
                slug,
                queue,
            )
            found += len(expected)
    assert found >= 10


@pytest.mark.usefixtures("demo")
def test_a_queue_of_no_such_jurisdiction_is_404_and_of_another_403() -> None:
    clerk = staff(Role.CLERK)
    other = Jurisdiction.objects.exclude(memberships__user=clerk).first()
    assert other is not None
    api = Api(clerk)
    assert api.get("/jurisdictions/atlantis/queues/new")[0] == 404
    assert api.get(f"/jurisdictions/{other.slug}/queues/new")[0] == 403


@pytest.mark.usefixtures("demo")
def test_the_reads_that_check_their_token_with_their_statement_answer_401_for_a_bad_one() -> None:
    case = Application.objects.order_by("id").first()
    assert case is not None
    clerk = staff(Role.CLERK)
    slug = clerk.memberships.get().jurisdiction.slug
    paths = [
        f"/api/applications/{case.pk}",
        "/api/applications",
        f"/api/jurisdictions/{slug}/queues/new",
    ]
    api = Api(clerk)
    for path in paths:
        assert api.client.get(path, headers=api.headers).status_code == 200, path
        for token in ("not-a-token", ""):
            answer = api.client.get(path, headers={"Authorization": f"Bearer {token}"})
            assert answer.status_code == 401, (path, token)
    clerk.api_tokens.update(revoked_at=timezone.now())
    for path in paths:
        assert api.client.get(path, headers=api.headers).status_code == 401, path
    assert (
        api.client.get("/api/jurisdictions/atlantis/queues/new", headers=api.headers).status_code
        == 401
    )
