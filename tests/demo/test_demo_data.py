"""manage.py demo_data: every status in every jurisdiction, made through the services at fixed
past moments; logins that work; and a second run that changes nothing."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from pytest_django.fixtures import Settings

from permitdesk.accounts.models import ApiToken, Membership, token_digest
from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application, Inspection, Permit
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.demo.build import DEMO_PASSWORD, demo_token
from permitdesk.demo.clock import REFERENCE_DAY
from permitdesk.demo.plans import PLANS
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Jurisdiction, Property, Unit
from permitdesk.rules.calendar import zone

pytestmark = pytest.mark.django_db

EVERY_JURISDICTION = {"submitted", "inspection-requested", "failed", "approved", "issued", "ended"}
STAFF = ("clerk", "inspector", "code-official", "division-admin")
TAGS = {
    "clayton-mo": "clayton",
    "st-clair-county-il": "st-clair",
    "st-louis-county-mo": "st-louis",
    "village-ord-08-457": "village",
}


def demo_data(today: dt.date = REFERENCE_DAY, **options: object) -> str:
    """The demo as loaded on `today` (by default the day its plans were written for, so their
    moments are the ones written)."""
    out = StringIO()
    call_command("demo_data", force=True, stdout=out, today=today, **options)
    return out.getvalue()


def everything() -> dict[str, str]:
    """Every row of every table, serialised: what a second run must leave as it was."""
    return {
        model._meta.label: serializers.serialize("json", model._default_manager.order_by("pk"))
        for model in apps.get_models()
    }


def logins(output: str) -> dict[str, tuple[str, str, str, str]]:
    """The printed table: username -> (role, jurisdiction, password, token)."""
    rows: dict[str, tuple[str, str, str, str]] = {}
    table = output.split("USERNAME", 1)[1].splitlines()[1:]
    for line in table:
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) == 5:
            rows[cells[0]] = (cells[1], cells[2], cells[3], cells[4])
    return rows


def test_a_second_run_changes_nothing() -> None:
    first = demo_data()
    before = everything()
    second = demo_data()
    assert everything() == before
    assert "made nothing" in second
    assert logins(second) == logins(first)  # the same tokens, printed again


def test_every_jurisdiction_has_a_case_in_each_status_and_the_two_special_permits() -> None:
    demo_data()
    for jurisdiction in Jurisdiction.objects.all():
        statuses = set(
            Application.objects.filter(jurisdiction=jurisdiction).values_list("status", flat=True)
        )
        assert statuses >= EVERY_JURISDICTION, jurisdiction.slug
    conditional = Permit.objects.get(kind=Permit.Kind.CONDITIONAL)
    assert conditional.application.jurisdiction.slug == "village-ord-08-457"
    assert conditional.application.status == Application.Status.CONDITIONAL
    assert conditional.active
    assert conditional.correction_due_on == dt.date(2026, 12, 31)
    temporary = Permit.objects.get(kind=Permit.Kind.TEMPORARY)
    assert temporary.application.jurisdiction.slug == "st-clair-county-il"
    assert temporary.active
    assert temporary.application.status == Application.Status.SUBMITTED


def test_each_status_is_what_its_case_file_shows() -> None:
    demo_data()
    for case in Application.objects.all():
        permits = list(case.permits.all())
        inspections = list(case.inspections.all())
        if case.status == Application.Status.INSPECTION_REQUESTED:
            assert balance_due(case) == 0
            assert inspections[-1].result == Inspection.Result.PENDING
            assert inspections[-1].inspector is not None
        elif case.status == Application.Status.FAILED:
            assert inspections[-1].result == Inspection.Result.FAILED
            assert inspections[-1].violations.count() >= 1
        elif case.status == Application.Status.APPROVED:
            assert case.approval.valid_through is None or case.approval.valid_through > dt.date(
                2026, 11, 23
            )
        elif case.status == Application.Status.ISSUED:
            assert case.occupants.count() >= 1
            assert [p.kind for p in permits if p.active] == [Permit.Kind.STANDARD]
            assert balance_due(case) == 0
        elif case.status == Application.Status.ENDED:
            assert permits
            assert not any(p.active for p in permits)
            assert case.occupants.count() >= 1
    assert all(unit.bedrooms.exists() for unit in Unit.objects.all())


def test_every_status_was_reached_through_the_services_at_fixed_past_moments() -> None:
    demo_data()
    for case in Application.objects.all():
        events = list(AuditEvent.objects.filter(application_id=case.pk).order_by("id"))
        assert events[0].action == "submit"
        assert events[0].actor_id == case.applicant_id
        with_status = [e for e in events if e.after and "status" in e.after]
        assert with_status[-1].after is not None
        assert with_status[-1].after["status"] == case.status, case.idempotency_key
        assert [e.at for e in events] == sorted(e.at for e in events)
    for plan in PLANS:
        tz = zone(get_pack(plan.slug))
        for spec in plan.cases:
            case = Application.objects.get(idempotency_key=f"demo:{plan.slug}:{spec.key}")
            assert case.submitted_at == dt.datetime.fromisoformat(spec.start).replace(tzinfo=tz)
    # The properties and units, too, were recorded through the records services.
    assert AuditEvent.objects.filter(action="create-property").count() == Property.objects.count()
    assert AuditEvent.objects.filter(action="add-unit").count() == Unit.objects.count()
    latest = AuditEvent.objects.order_by("-at").first()
    assert latest is not None
    assert latest.at < dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


def test_the_printed_logins_work_and_their_tokens_are_stored_as_digests(client: Client) -> None:
    output = demo_data()
    table = logins(output)
    expected = {"admin", "owner", "agent"} | {
        f"{tag}-{role}" for tag in TAGS.values() for role in STAFF
    }
    assert set(table) == expected
    for username, (role, jurisdiction, password, token) in table.items():
        assert password == DEMO_PASSWORD
        assert token == demo_token(username)
        person = User.objects.get(username=username)
        stored = ApiToken.objects.get(digest=token_digest(token))
        assert stored.user == person
        assert stored.revoked_at is None
        assert not ApiToken.objects.filter(digest=token).exists()  # never the token itself
        assert client.login(username=username, password=DEMO_PASSWORD), username
        client.logout()
        if role in STAFF:
            assert Membership.objects.filter(
                user=person, role=role, jurisdiction__slug=jurisdiction
            ).exists()
            assert username == f"{TAGS[jurisdiction]}-{role}"
    staff_roles = Counter(Membership.objects.values_list("role", flat=True))
    assert staff_roles == dict.fromkeys(STAFF, 4)


def test_the_admin_can_use_the_admin_site(client: Client) -> None:
    demo_data()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.is_staff
    assert client.get("/admin/login/").status_code == 200
    assert client.login(username="admin", password=DEMO_PASSWORD)
    page = client.get("/admin/")
    assert page.status_code == 200
    assert b"Site administration" in page.content


def test_a_changed_demo_password_is_put_back() -> None:
    demo_data()
    clerk = User.objects.get(username="clayton-clerk")
    clerk.set_password("something else")
    clerk.save()
    output = demo_data()
    clerk.refresh_from_db()
    assert clerk.check_password(DEMO_PASSWORD)
    assert "Put back the demo password of: clayton-clerk." in output


def test_it_refuses_a_database_that_looks_real(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.DEBUG = False
    monkeypatch.setattr(connection, "vendor", "postgresql")
    with pytest.raises(CommandError, match="published password"):
        call_command("demo_data", stdout=StringIO())
    assert not User.objects.exists()
