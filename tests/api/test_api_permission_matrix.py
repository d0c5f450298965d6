"""Who may call what. A case the caller may not see is 404, never 403 (its existence is not
disclosed); an action on a case they see but may not take is 403; no credentials is 401.

The matrix: every case endpoint × every kind of caller, on a Clayton case paid, with its
inspection requested and assigned, and a permit issued on a second case. "ok" is an answer
past the permission check: 2xx, or 409 where the lifecycle then refuses (require() runs first).
Each caller meets the case as it was built: what one caller changed (an occupant removed, an
inspection cancelled) is rolled back before the next.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from permitdesk.accounts.models import ApiToken, token_digest
from permitdesk.cases.models import Application
from permitdesk.cases.services.occupants import add_occupant
from permitdesk.correspondence.services import Upload, send_message
from tests.api.client import Api, Clock, token_for
from tests.correspondence.conftest import pdf
from tests.factories import issued, people, relation, scheduled, superuser, unit
from tests.moments import central

pytestmark = pytest.mark.django_db

# The superuser has no membership: the API gives a superuser nothing a membership does not.
ROLES = (
    "owner",
    "other",
    "clerk",
    "clerk_elsewhere",
    "inspector",
    "inspector_unassigned",
    "official",
    "superuser",
    "anonymous",
)
SEES = ("ok", "404", "ok", "404", "ok", "404", "ok", "404", "401")  # the case's own people
OWNER_AND_STAFF = ("ok", "404", "ok", "404", "403", "404", "ok", "404", "401")
STAFF = ("403", "404", "ok", "404", "403", "404", "ok", "404", "401")
OFFICIAL = ("403", "404", "403", "404", "403", "404", "ok", "404", "401")
INSPECTOR = ("403", "404", "403", "404", "ok", "404", "ok", "404", "401")
ANYONE_BUT_INSPECTORS = ("ok", "ok", "ok", "ok", "403", "403", "ok", "ok", "401")
ANYONE_SIGNED_IN = ("ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "401")
JURISDICTION_STAFF = ("403", "403", "ok", "403", "403", "403", "ok", "403", "401")
OWN = ("ok", "404", "404", "404", "404", "404", "404", "404", "401")  # the owner's own token
# Recording on a property (a unit, a change-of-occupancy report): its owner or agent (who
# recorded it or applied for it) and its jurisdiction's clerks and code officials; its
# inspectors know it (403); to anyone else it is not found.
RECORDERS = ("ok", "404", "ok", "404", "403", "403", "ok", "404", "401")
PUBLIC = ("ok",) * len(ROLES)
# Relations (the claim is `other`'s, on another Clayton parcel): the jurisdiction's staff claim
# nothing there (403); the desk decides (its inspectors 403, anyone else 404); the person or the
# desk ends it.
CLAIMANTS = ("ok", "ok", "403", "ok", "403", "403", "403", "ok", "401")
DESK_DECIDES = ("404", "404", "ok", "404", "403", "403", "ok", "404", "401")
PERSON_OR_DESK = ("404", "ok", "ok", "404", "403", "403", "ok", "404", "401")
CLAIM = {"jurisdiction": "clayton-mo", "parcel_id": "CLAIM-1", "kind": "tenant", "evidence": "x"}

PLACE = {
    "jurisdiction": "clayton-mo",
    "parcel_id": "M-1",
    "address": "1 Main St",
    "city": "Clayton",
    "state": "MO",
    "zip_code": "63105",
}
QUOTE = {
    "jurisdiction": "clayton-mo",
    "item": "residential-occupancy",
    "facts": {"unit_type": "single-family", "occupied": False},
}
REQUEST = {"wanted_on": "2026-11-20", "contact_name": "O", "contact_phone": "1"}
OCCUPANT = {"first_name": "A", "last_name": "B", "moves_in_on": "2026-12-01"}


class Form(dict[str, Any]):
    """A body sent as multipart/form-data (with files), not as JSON."""


def _letter() -> Form:
    return Form(body="the lease", kind="lease", documents=[SimpleUploadedFile("l.pdf", pdf())])


MATRIX: list[tuple[str, str, Any, tuple[str, ...]]] = [
    ("GET", "/applications/{case}", None, SEES),
    ("GET", "/applications/{case}/audit", None, STAFF),
    ("POST", "/applications/{case}/withdraw", None, OWNER_AND_STAFF),
    ("POST", "/applications/{case}/payments", {"method": "check", "amount": "1.00"}, STAFF),
    ("POST", "/fee-lines/{line}/waive", {"reason": "hardship"}, OFFICIAL),
    ("POST", "/applications/{case}/inspection-requests", REQUEST, OWNER_AND_STAFF),
    ("POST", "/inspections/{inspection}/assign", {"inspector": "{inspector}"}, STAFF),
    ("POST", "/inspections/{inspection}/result", {"result": "passed"}, INSPECTOR),
    (
        "POST",
        "/applications/{case}/occupants",
        {"first_name": "A", "last_name": "B"},
        OWNER_AND_STAFF,
    ),
    ("POST", "/occupants/{occupant}/change", OCCUPANT, OWNER_AND_STAFF),
    ("POST", "/occupants/{occupant}/remove", None, OWNER_AND_STAFF),
    (
        "POST",
        "/inspections/{inspection}/reschedule",
        {"wanted_on": "2026-11-19", "window": "pm"},
        OWNER_AND_STAFF,
    ),
    ("POST", "/inspections/{inspection}/cancel", {"reason": "tenant delayed"}, OWNER_AND_STAFF),
    ("GET", "/applications/{case}/messages", None, SEES),
    ("POST", "/applications/{case}/messages", _letter, OWNER_AND_STAFF),
    ("GET", "/applications/{case}/documents/{document}", None, SEES),
    ("POST", "/applications/{case}/permits", None, STAFF),
    (
        "POST",
        "/applications/{case}/conditional-permits",
        {"owner_statement": "will fix", "correction_due_on": "2026-12-31"},
        OFFICIAL,
    ),
    ("POST", "/applications/{case}/temporary-permits", None, OFFICIAL),
    ("POST", "/permits/{permit}/end", {"reason": "change-of-tenancy"}, STAFF),
    ("POST", "/applications/{issued}/amended-permits", None, STAFF),
    (
        "POST",
        "/applications",
        {"unit": "{unit}", "fee_item": "residential-occupancy", "trigger": "lease"},
        ANYONE_BUT_INSPECTORS,
    ),
    ("GET", "/applications", None, ANYONE_SIGNED_IN),
    ("POST", "/properties", PLACE, ANYONE_BUT_INSPECTORS),
    ("GET", "/properties/{property}", None, ANYONE_SIGNED_IN),
    ("POST", "/properties/{property}/units", {"unit_type": "condo"}, RECORDERS),
    ("GET", "/units/{unit}", None, ANYONE_SIGNED_IN),
    ("GET", "/relations", None, ANYONE_SIGNED_IN),
    ("POST", "/relations", CLAIM, CLAIMANTS),
    ("GET", "/claims", None, ANYONE_SIGNED_IN),
    ("POST", "/relations/{claim}/verify", None, DESK_DECIDES),
    ("POST", "/relations/{claim}/refuse", {"reason": "no lease"}, DESK_DECIDES),
    ("POST", "/relations/{claim}/end", {"reason": "lease over"}, PERSON_OR_DESK),
    ("POST", "/payments/{payment}/refunds", {"amount": "1.00", "reason": "overpaid"}, STAFF),
    (
        "POST",
        "/applications/{case}/visitors",
        {"name": "A Visitor", "arrived_on": "2026-11-15"},
        OWNER_AND_STAFF,
    ),
    (
        "POST",
        "/units/{unit}/change-of-occupancy-reports",
        {"changed_on": "2026-11-10"},
        RECORDERS,
    ),
    ("GET", "/jurisdictions/clayton-mo/change-of-occupancy-reports", None, JURISDICTION_STAFF),
    ("GET", "/jurisdictions/clayton-mo/queues/awaiting-payment", None, JURISDICTION_STAFF),
    ("POST", "/tokens", {"name": "laptop"}, ANYONE_SIGNED_IN),
    ("GET", "/tokens", None, ANYONE_SIGNED_IN),
    ("POST", "/tokens/{token}/revoke", None, OWN),
    # Public: the law (quotes, eligibility, the packs' items) and permit verification.
    ("GET", "/jurisdictions", None, PUBLIC),
    ("GET", "/jurisdictions/clayton-mo/items", None, PUBLIC),
    ("POST", "/quotes", QUOTE, PUBLIC),
    (
        "POST",
        "/eligibility",
        {"jurisdiction": "village-ord-08-457", "facts": {"event": "lease", "unit_type": "condo"}},
        PUBLIC,
    ),
    ("GET", "/verify/{permit_token}", None, PUBLIC),
    ("GET", "/verify/{permit_token}/child?first_name=Ana&last_name=Lee", None, PUBLIC),
]


def _fill(template: Any, ids: dict[str, Any]) -> Any:
    if isinstance(template, str):
        for name, value in ids.items():
            if template == f"{{{name}}}":
                return value
            template = template.replace(f"{{{name}}}", str(value))
        return template
    if isinstance(template, dict):
        return {key: _fill(value, ids) for key, value in template.items()}
    return template


def _document(case: Application) -> int:
    """A lease the applicant sent on the case: the id of its document."""
    message = send_message(
        actor=case.applicant,
        application=case,
        body="the lease",
        uploads=[Upload(name="lease.pdf", data=pdf(), kind="lease")],
        now=central("2026-11-16 10:30"),
    )
    return message.attachments.get().pk


def _call(caller: Api, method: str, path: str, body: Any) -> int:
    if method == "GET" and "/documents/" in path:
        return caller.download(path)[0]
    if method == "GET":
        return caller.get(path)[0]
    if callable(body):
        return caller.post_form(path, body())[0]
    return caller.post(path, body)[0]


def _outcome(status: int) -> str:
    if status in (401, 403, 404):
        return str(status)
    assert status in (200, 201, 409), status
    return "ok"


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    MATRIX,
    ids=[f"{method} {path}" for method, path, _, _ in MATRIX],
)
def test_each_caller_gets_what_their_role_allows(
    clock: Clock,
    settings: Any,
    tmp_path: Path,
    method: str,
    path: str,
    body: Any,
    expected: tuple[str, ...],
) -> None:
    settings.MEDIA_ROOT = tmp_path
    clock.set(central("2026-11-16 11:00"))
    who = people()
    case, inspection = scheduled(who)
    permit = issued(who)
    ids = {
        "case": case.pk,
        "inspection": inspection.pk,
        "line": case.fee_lines.get().pk,
        "permit": permit.pk,
        "permit_token": permit.verification_token,
        "issued": permit.application_id,
        "inspector": who.inspector.pk,
        "occupant": add_occupant(
            actor=who.owner, application=case, first_name="A", last_name="B", now=clock.now
        ).pk,
        "document": _document(case) if "{document}" in path else 0,
        "unit": case.unit_id,
        "property": case.unit.property_id,
        "payment": case.payments.get().pk,
        "token": ApiToken.objects.get(digest=token_digest(token_for(who.owner, "spare"))).pk,
        "claim": relation(
            who.other, unit("clayton-mo", parcel="CLAIM-1").property, "tenant", "claimed"
        ).pk,
    }
    outcomes = []
    callers = {**who.roles(), "superuser": superuser()}
    for role in ROLES:
        # Each caller meets the case as it was: one's removal or cancellation is undone.
        with transaction.atomic():
            caller = Api(callers[role])
            outcomes.append(_outcome(_call(caller, method, _fill(path, ids), _fill(body, ids))))
            transaction.set_rollback(True)
    assert dict(zip(ROLES, outcomes, strict=True)) == dict(zip(ROLES, expected, strict=True))


def test_the_list_holds_only_the_cases_the_caller_may_see(clock: Clock) -> None:
    who = people()
    scheduled(who)
    counts = {
        role: len(Api(user).get("/applications")[1]["items"])
        for role, user in who.roles().items()
        if user is not None
    }
    assert counts == {
        "owner": 1,
        "other": 0,
        "clerk": 1,
        "inspector": 1,
        "inspector_unassigned": 0,
        "official": 1,
        "clerk_elsewhere": 0,
    }


def test_another_applicants_case_and_another_jurisdictions_case_are_not_found() -> None:
    who = people()
    case, _ = scheduled(who)
    for stranger in (who.other, who.clerk_elsewhere):
        status, body = Api(stranger).get(f"/applications/{case.pk}")
        assert (status, body) == (404, {"detail": f"application {case.pk} not found"})
        status, _ = Api(stranger).post(f"/applications/{case.pk}/withdraw")
        assert status == 404
