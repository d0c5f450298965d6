"""Who may open and post what in the portal, the documents and the exports. Every URL pattern
of the site has a row here (or in tests/api/test_api_permission_matrix.py for the API's
operations): tests/test_every_route_has_a_permission_row.py fails when one has none.

A row is a route, the path it is called at, and what each kind of caller gets on a GET (read)
and on a POST (write: the staff forms' valid BODIES, so the service's own check runs; an empty
form elsewhere): the case and its documents belong to `owner` in Clayton; `other`
is another applicant, `clerk_elsewhere` another jurisdiction's staff, `inspector_unassigned` a
Clayton inspector not assigned to it, `superuser` Django's superuser without a membership.

  ok    past the permission check: 2xx, a redirect elsewhere than the sign-in page, or the
        form's own 400/409/422 answer
  login sent to sign in (302 to /accounts/sign-in/)
  403   seen but not allowed · 404 not found (may not know it exists) · 405 no such method
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from permitdesk.accounts.models import Membership, Role
from permitdesk.cases.services import inspections, occupants
from permitdesk.cases.services.inspections import ViolationInput
from permitdesk.correspondence.services import Upload, send_message
from permitdesk.exports.links import feed_url_for
from permitdesk.filings.services import (
    file_prior_to_sale_notice,
    record_written_disclosure,
    upload_buyer_acknowledgement,
)
from permitdesk.payments.models import Checkout
from permitdesk.records.models import Party
from tests import factories
from tests.api.client import Clock
from tests.factories import discovery
from tests.factories.photos import PNG
from tests.moments import central

pytestmark = pytest.mark.django_db

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


def _same(outcome: str) -> tuple[str, ...]:
    return (outcome,) * len(ROLES)


PUBLIC = _same("ok")
NOTHING = _same("404")
NO_POST = _same("405")
POST_ONLY = ("405",) * (len(ROLES) - 1) + ("login",)  # a signed-in POST form's GET
SIGNED_IN = ("ok",) * (len(ROLES) - 1) + ("login",)
# The applicant's pages of their own case: others are told it is not found.
OWNER = ("ok", "404", "404", "404", "404", "404", "404", "404", "login")
# The staff pages of a case: an applicant gets 403 (no staff role), a stranger 404.
STAFF_CASE = ("403", "403", "ok", "404", "ok", "404", "ok", "403", "login")
STAFF_ONLY = ("403", "403", "ok", "404", "403", "404", "ok", "403", "login")
OFFICIAL_ONLY = ("403", "403", "403", "404", "403", "404", "ok", "403", "login")
STAFF_HOME = ("403", "403", "ok", "ok", "ok", "ok", "ok", "403", "login")
QUEUE = ("403", "403", "ok", "404", "403", "403", "ok", "403", "login")
INSPECTION = ("403", "403", "ok", "404", "ok", "404", "ok", "403", "login")
# Documents: the case's own people; the feed link is a secret anyone holding it may use.
DOCUMENT = ("ok", "404", "ok", "404", "ok", "404", "ok", "404", "login")
# An owner's filed copy: the property's owner and the jurisdiction's clerks and code officials
# (Clayton's, for the notice on the owner's Clayton building; not for the village's disclosure).
FILED_DOCUMENT = ("ok", "404", "ok", "404", "404", "404", "ok", "404", "login")
OWNERS_ONLY_HERE = ("ok",) + ("404",) * (len(ROLES) - 2) + ("login",)
EXPORT = ("404", "404", "ok", "404", "403", "403", "ok", "404", "401")
INSPECTORS = ("403", "403", "403", "403", "ok", "ok", "403", "403", "login")
FEED = ("403", "403", "403", "403", "ok", "ok", "403", "403", "401")
STAFF_SEARCH = ("403", "403", "ok", "ok", "403", "403", "ok", "403", "login")
# The case's staff people (its assigned inspector too): a violation's photo.
CASE_FORM = ("403", "403", "ok", "404", "ok", "404", "ok", "403", "login")
# The staff forms posted (BODIES): the assigned inspector sees the case but may not act (403).
STAFF_WRITE = ("403", "403", "ok", "404", "403", "404", "ok", "403", "login")
OFFICIAL_WRITE = ("403", "403", "403", "404", "403", "404", "ok", "403", "login")
PERMIT_FORM = ("403", "403", "ok", "404", "403", "403", "ok", "403", "login")
INSPECTION_PAGE = ("403", "403", "404", "404", "ok", "404", "ok", "403", "login")
# The clerk's pending claims (any jurisdiction's desk sees its own list); deciding one is for
# the desk of the claim's jurisdiction, whose inspector may not (403), others not know it (404).
CLAIMS = ("403", "403", "ok", "ok", "403", "403", "ok", "403", "login")
CLAIM_WRITE = ("403", "403", "ok", "404", "403", "403", "ok", "403", "login")
# Ending a relation: the person's own page (the claim is `other`'s); the desk has its own.
RELATION_OWN = ("404", "ok", "404", "404", "404", "404", "404", "404", "login")
TENANT_LETTERS = ("403", "403", "ok", "403", "403", "403", "ok", "403", "login")
ADMIN = ("login",) * 7 + ("ok", "login")
# The record pages: the jurisdiction's clerks and code officials; no desk role anywhere, 403.
RECORDS = (
    "403",
    "403",
    "ok",
    "404",
    "403",
    "403",
    "ok",
    "403",
    "login",
)  # Django's own is_staff check

# A division administrator holds no case role: on every row above they get what `other` (an
# applicant with no case here) gets, but for the staff home, where their desk links to their
# staff list, and the exports, which tell staff without an exporting role 403 (as they tell an
# inspector) where they tell an applicant 404. Their own pages are the rows of PEOPLE_MATRIX, with two more callers:
# `division_admin` of Clayton and `division_admin_elsewhere` of St. Louis County.
DIVISION_ADMIN_DIFFERS = {
    "staff/": ("ok", "ok"),
    "properties/relations/<int:pk>/end/": ("404", "404"),  # the claim is `other`'s own
    r"^exports/(?P<kind>cases|inspections|payments|permits)\.csv$": ("403", "405"),
}
PEOPLE_ROLES = (*ROLES, "division_admin", "division_admin_elsewhere")
# Only Clayton's division administrator; the other's is told Clayton's staff are not found.
DIVISION_ADMIN_ONLY = ("403",) * 8 + ("login", "ok", "404")
DIVISION_ADMINS = ("403",) * 8 + ("login", "ok", "ok")

# (route as Django names it, path called, GET outcomes, POST outcomes)
MATRIX: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ("", "/", PUBLIC, PUBLIC),
    ("accounts/sign-up/", "/accounts/sign-up/", PUBLIC, PUBLIC),
    ("accounts/sign-up/sent/", "/accounts/sign-up/sent/", PUBLIC, PUBLIC),
    # An unknown link is not found for anyone; posting it is refused with its message (409).
    ("accounts/verify/<str:token>/", "/accounts/verify/not-a-token/", NOTHING, PUBLIC),
    ("accounts/sign-in/", "/accounts/sign-in/", PUBLIC, PUBLIC),
    ("accounts/two-factor/", "/accounts/two-factor/", SIGNED_IN, SIGNED_IN),
    ("accounts/sign-out/", "/accounts/sign-out/", NO_POST, PUBLIC),
    ("accounts/password-reset/", "/accounts/password-reset/", PUBLIC, PUBLIC),
    ("accounts/password-reset/sent/", "/accounts/password-reset/sent/", PUBLIC, NO_POST),
    (
        "accounts/password-reset/<uidb64>/<token>/",
        "/accounts/password-reset/MQ/bad-token/",
        PUBLIC,
        PUBLIC,
    ),
    ("accounts/password-reset/done/", "/accounts/password-reset/done/", PUBLIC, NO_POST),
    ("estimate/", "/estimate/", PUBLIC, PUBLIC),
    (
        "estimate/<slug:jurisdiction>/<slug:item>/",
        "/estimate/clayton-mo/residential-occupancy/",
        PUBLIC,
        PUBLIC,
    ),
    ("guide/", "/guide/", PUBLIC, PUBLIC),
    ("guide/<slug:slug>/", "/guide/clayton-mo/", PUBLIC, PUBLIC),
    ("verify/", "/verify/", PUBLIC, PUBLIC),
    ("verify/child/", "/verify/child/", PUBLIC, PUBLIC),
    ("verify/<str:token>/", "/verify/{verify_token}/", PUBLIC, PUBLIC),
    # Residents' reports (issue 21): the form for anyone (an empty one is answered 422); a
    # report's status only by its reference (a token): an unknown one is not found.
    ("report/", "/report/", PUBLIC, PUBLIC),
    ("report/check/", "/report/check/", PUBLIC, NO_POST),
    ("report/<str:reference>/", "/report/AAAA-AAAA-AAAA/", NOTHING, NO_POST),
    # Open311 (decision 0022): the service is public; creating a request needs a 311
    # system's api_key (none here: 403 for everyone, whatever their role in the portal).
    (r"^open311/v2/services\.(?P<fmt>json|xml)$", "/open311/v2/services.json", PUBLIC, NO_POST),
    (
        r"^open311/v2/services/(?P<code>[^/.]+)\.(?P<fmt>json|xml)$",
        "/open311/v2/services/change-of-occupancy.json",
        PUBLIC,
        NO_POST,
    ),
    (
        r"^open311/v2/requests\.(?P<fmt>json|xml)$",
        "/open311/v2/requests.json",
        PUBLIC,
        _same("403"),
    ),
    (
        r"^open311/v2/requests/(?P<request_id>[^/.]+)\.(?P<fmt>json|xml)$",
        "/open311/v2/requests/AAAA-AAAA-AAAA.json",
        NOTHING,
        NO_POST,
    ),
    ("cases/", "/cases/", SIGNED_IN, SIGNED_IN),
    ("cases/<int:pk>/", "/cases/{case}/", OWNER, OWNER),
    ("cases/<int:pk>/inspection/", "/cases/{case}/inspection/", OWNER, OWNER),
    (
        "cases/<int:pk>/violations/<int:violation>/photo/",
        "/cases/{failed}/violations/{violation}/photo/",
        OWNER,
        OWNER,
    ),
    ("cases/<int:pk>/occupants/", "/cases/{case}/occupants/", OWNER, OWNER),
    (
        "cases/<int:pk>/occupants/<int:occupant>/",
        "/cases/{case}/occupants/{occupant}/",
        OWNER,
        OWNER,
    ),
    (
        "cases/<int:pk>/occupants/<int:occupant>/remove/",
        "/cases/{case}/occupants/{occupant}/remove/",
        POST_ONLY,
        OWNER,
    ),
    ("cases/<int:pk>/messages/", "/cases/{case}/messages/", OWNER, OWNER),
    (
        "cases/<int:pk>/documents/<int:document>/",
        "/cases/{case}/documents/{document}/",
        DOCUMENT,
        POST_ONLY,
    ),
    # The pending inspection booked for today: the owner is told it is set (409), not refused.
    (
        "cases/<int:pk>/inspections/<int:inspection>/change/",
        "/cases/{case}/inspections/{inspection}/change/",
        OWNER,
        OWNER,
    ),
    (
        "cases/<int:pk>/inspections/<int:inspection>/cancel/",
        "/cases/{case}/inspections/{inspection}/cancel/",
        POST_ONLY,
        OWNER,
    ),
    # Pay online: a POST only; here Clayton has no provider set, so the owner is told so.
    ("cases/<int:pk>/pay/", "/cases/{case}/pay/", POST_ONLY, OWNER),
    # The provider's webhook: anyone may post; an unsigned delivery is refused (400).
    ("payments/webhook/<slug:jurisdiction>/", "/payments/webhook/clayton-mo/", NO_POST, PUBLIC),
    ("apply/", "/apply/", SIGNED_IN, SIGNED_IN),
    ("properties/new/", "/properties/new/", SIGNED_IN, SIGNED_IN),
    ("properties/claim/", "/properties/claim/", SIGNED_IN, SIGNED_IN),
    (
        "properties/relations/<int:pk>/end/",
        "/properties/relations/{claim}/end/",
        RELATION_OWN,
        RELATION_OWN,
    ),
    ("staff/relations/<int:pk>/end/", "/staff/relations/{claim}/end/", CLAIM_WRITE, CLAIM_WRITE),
    ("properties/<int:pk>/", "/properties/{property}/", OWNER, OWNER),
    ("properties/<int:pk>/units/new/", "/properties/{property}/units/new/", OWNER, OWNER),
    # The owner's own filings (issue 21): the village's report, its confirmation and the
    # disclosure (on the owner's village unit), Clayton's notice before a sale.
    (
        "properties/<int:pk>/units/<int:unit>/change-report/",
        "/properties/{village_property}/units/{village_unit}/change-report/",
        OWNER,
        OWNER,
    ),
    (
        "properties/<int:pk>/change-reports/<int:report>/",
        "/properties/{village_property}/change-reports/{report}/",
        OWNER,
        NO_POST,
    ),
    (
        "properties/<int:pk>/units/<int:unit>/disclosure.pdf",
        "/properties/{village_property}/units/{village_unit}/disclosure.pdf",
        OWNER,
        NO_POST,
    ),
    (
        "properties/<int:pk>/units/<int:unit>/disclosures/new/",
        "/properties/{village_property}/units/{village_unit}/disclosures/new/",
        OWNER,
        OWNER,
    ),
    (
        "properties/<int:pk>/sale-notices/new/",
        "/properties/{building}/sale-notices/new/",
        OWNER,
        OWNER,
    ),
    (
        "properties/<int:pk>/sale-notices/<int:notice>/acknowledgement/",
        "/properties/{building}/sale-notices/{notice}/acknowledgement/",
        OWNER,
        OWNER,
    ),
    (
        "filings/disclosures/<int:pk>/signed-copy/",
        "/filings/disclosures/{disclosure}/signed-copy/",
        OWNERS_ONLY_HERE,
        NO_POST,
    ),
    (
        "filings/sale-notices/<int:pk>/acknowledgement/",
        "/filings/sale-notices/{acknowledged}/acknowledgement/",
        FILED_DOCUMENT,
        NO_POST,
    ),
    ("staff/", "/staff/", STAFF_HOME, STAFF_HOME),
    ("staff/search/", "/staff/search/?q=1", STAFF_SEARCH, STAFF_SEARCH),
    ("staff/claims/", "/staff/claims/", CLAIMS, NO_POST),
    (
        "staff/claims/<int:pk>/verify/",
        "/staff/claims/{claim}/verify/",
        NO_POST,
        CLAIM_WRITE,
    ),
    (
        "staff/claims/<int:pk>/refuse/",
        "/staff/claims/{claim}/refuse/",
        NO_POST,
        CLAIM_WRITE,
    ),
    # Discovery's leads and review queue (issue 21): the desk of the jurisdiction, as a queue;
    # another jurisdiction's clerk is told it is not found.
    ("staff/<slug:slug>/leads/", "/staff/clayton-mo/leads/", QUEUE, NO_POST),
    ("staff/<slug:slug>/catch-rate/", "/staff/clayton-mo/catch-rate/", QUEUE, NO_POST),
    # a sales file: the form, its dry run (an empty POST: the form's 422), its import
    ("staff/<slug:slug>/leads/sales-file/", "/staff/clayton-mo/leads/sales-file/", QUEUE, QUEUE),
    ("staff/<slug:slug>/exports/", "/staff/clayton-mo/exports/", QUEUE, NO_POST),
    (
        "staff/<slug:slug>/leads/<int:pk>/letter.pdf",
        "/staff/clayton-mo/leads/{lead}/letter.pdf",
        QUEUE,
        NO_POST,
    ),
    *[
        (f"staff/<slug:slug>/{route}/", f"/staff/clayton-mo/{path}/", NO_POST, CLAIM_WRITE)
        for route, path in (
            ("leads/<int:pk>/letter", "leads/{lead}/letter"),
            ("leads/<int:pk>/dismiss", "leads/{lead}/dismiss"),
            ("leads/<int:pk>/escalate", "leads/{lead}/escalate"),
            ("sales/<int:pk>/confirm", "sales/{review}/confirm"),
            ("sales/<int:pk>/reject", "sales/{review}/reject"),
        )
    ],
    ("staff/inspections/today/", "/staff/inspections/today/", INSPECTORS, INSPECTORS),
    (
        "staff/inspections/<int:pk>/",
        "/staff/inspections/{inspection}/",
        INSPECTION_PAGE,
        INSPECTION_PAGE,
    ),
    (
        "staff/violations/<int:pk>/photo/",
        "/staff/violations/{violation}/photo/",
        CASE_FORM,
        CASE_FORM,
    ),
    ("staff/<slug:slug>/queues/<slug:name>/", "/staff/clayton-mo/queues/new/", QUEUE, QUEUE),
    # The bulk assignment from a queue: the jurisdiction's desk.
    (
        "staff/<slug:slug>/queues/<slug:name>/assign/",
        "/staff/clayton-mo/queues/ready-to-schedule/assign/",
        NO_POST,
        QUEUE,
    ),
    # Finance's reconciliation: the desk of the jurisdiction (no provider set here: a 400).
    (
        "staff/<slug:slug>/payments/reconciliation/",
        "/staff/clayton-mo/payments/reconciliation/",
        QUEUE,
        NO_POST,
    ),
    ("staff/cases/<int:pk>/", "/staff/cases/{case}/", STAFF_CASE, STAFF_CASE),
    # The village's records in the API only before issue 20: the desk of the jurisdiction.
    ("staff/cases/<int:pk>/visitors/", "/staff/cases/{case}/visitors/", PERMIT_FORM, PERMIT_FORM),
    ("staff/<slug:slug>/change-reports/", "/staff/clayton-mo/change-reports/", QUEUE, QUEUE),
    ("staff/<slug:slug>/owner-filings/", "/staff/clayton-mo/owner-filings/", QUEUE, NO_POST),
    ("staff/cases/<int:pk>/history/", "/staff/cases/{case}/history/", STAFF_ONLY, STAFF_ONLY),
    ("staff/cases/<int:pk>/messages/", "/staff/cases/{case}/messages/", STAFF_CASE, STAFF_WRITE),
    ("staff/cases/<int:pk>/payments/", "/staff/cases/{case}/payments/", NO_POST, STAFF_WRITE),
    (
        "staff/cases/<int:pk>/fees/<int:line>/waive/",
        "/staff/cases/{case}/fees/{line}/waive/",
        NO_POST,
        OFFICIAL_WRITE,
    ),
    (
        "staff/cases/<int:pk>/inspections/",
        "/staff/cases/{case}/inspections/",
        NO_POST,
        STAFF_WRITE,
    ),
    (
        "staff/cases/<int:pk>/inspections/<int:inspection>/assign/",
        "/staff/cases/{case}/inspections/{inspection}/assign/",
        NO_POST,
        STAFF_WRITE,
    ),
    (
        "staff/cases/<int:pk>/conditional-permit/",
        "/staff/cases/{case}/conditional-permit/",
        NO_POST,
        OFFICIAL_WRITE,
    ),
    (
        "staff/cases/<int:pk>/temporary-permit/",
        "/staff/cases/{case}/temporary-permit/",
        NO_POST,
        OFFICIAL_WRITE,
    ),
    ("staff/cases/<int:pk>/permit/", "/staff/cases/{case}/permit/", NO_POST, PERMIT_FORM),
    (
        "staff/cases/<int:pk>/permit/amend/",
        "/staff/cases/{issued}/permit/amend/",
        NO_POST,
        PERMIT_FORM,
    ),
    (
        "staff/cases/<int:pk>/permits/<int:permit>/end/",
        "/staff/cases/{issued}/permits/{permit}/end/",
        NO_POST,
        PERMIT_FORM,
    ),
    ("staff/cases/<int:pk>/refunds/", "/staff/cases/{case}/refunds/", NO_POST, PERMIT_FORM),
    ("staff/cases/<int:pk>/withdraw/", "/staff/cases/{case}/withdraw/", NO_POST, PERMIT_FORM),
    (
        "staff/cases/<int:pk>/online-refunds/<int:checkout>/",
        "/staff/cases/{case}/online-refunds/{checkout}/",
        NO_POST,
        PERMIT_FORM,
    ),
    ("staff/properties/<int:pk>/", "/staff/properties/{property}/", RECORDS, RECORDS),
    ("staff/units/<int:pk>/", "/staff/units/{unit}/", RECORDS, RECORDS),
    ("staff/units/<int:pk>/bedrooms/", "/staff/units/{unit}/bedrooms/", NO_POST, RECORDS),
    (
        "staff/units/<int:pk>/bedrooms/change/",
        "/staff/units/{unit}/bedrooms/change/",
        NO_POST,
        RECORDS,
    ),
    (
        "staff/units/<int:pk>/bedrooms/remove/",
        "/staff/units/{unit}/bedrooms/remove/",
        NO_POST,
        RECORDS,
    ),
    ("staff/parties/<int:pk>/", "/staff/parties/{party}/", RECORDS, RECORDS),
    ("documents/permits/<int:permit_id>.pdf", "/documents/permits/{permit}.pdf", DOCUMENT, NO_POST),
    (
        "documents/violation-notices/<int:inspection_id>.pdf",
        "/documents/violation-notices/{failed_inspection}.pdf",
        DOCUMENT,
        NO_POST,
    ),
    (
        "documents/receipts/<int:payment_id>.pdf",
        "/documents/receipts/{payment}.pdf",
        DOCUMENT,
        NO_POST,
    ),
    (
        r"documents/^tenant-letters/(?P<slug>[-a-z0-9]+)/(?P<day>\d{4}-\d{2}-\d{2})\.pdf$",
        "/documents/tenant-letters/clayton-mo/2026-11-18.pdf",
        TENANT_LETTERS,
        NO_POST,
    ),
    (
        r"documents/^tenant-letters/(?P<slug>[-a-z0-9]+)/"
        r"(?P<first>\d{4}-\d{2}-\d{2})--(?P<last>\d{4}-\d{2}-\d{2})\.pdf$",
        "/documents/tenant-letters/clayton-mo/2025-11-01--2025-11-18.pdf",
        TENANT_LETTERS,
        NO_POST,
    ),
    (
        r"^feeds/inspections/(?P<secret>[A-Za-z0-9_-]{1,32}\.[0-9a-f]{64})\.ics$",
        "{feed}",
        PUBLIC,
        NO_POST,
    ),
    ("feeds/inspections/mine", "/feeds/inspections/mine", FEED, NO_POST),
    ("feeds/inspections/rotate", "/feeds/inspections/rotate", NO_POST, FEED),
    (
        r"^exports/(?P<kind>cases|inspections|payments|permits)\.csv$",
        "/exports/cases.csv?from=2026-11-01&to=2026-11-30&jurisdiction=clayton-mo",
        EXPORT,
        NO_POST,
    ),
    # The API's own pages (its operations are rows of the API's matrix).
    ("api/openapi.json", "/api/openapi.json", PUBLIC, PUBLIC),
    ("api/docs", "/api/docs", PUBLIC, PUBLIC),
    ("api/", "/api/", NOTHING, NOTHING),  # ninja's namespace root: no page
    # Django's admin checks is_staff itself on every one of its pages: one row for all.
    ("admin/", "/admin/", ADMIN, ADMIN),
]

PEOPLE_MATRIX: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ("staff/people/", "/staff/people/", DIVISION_ADMINS, DIVISION_ADMINS),
    ("staff/<slug:slug>/people/", "/staff/clayton-mo/people/", *(DIVISION_ADMIN_ONLY,) * 2),
    (
        "staff/<slug:slug>/people/grant/",
        "/staff/clayton-mo/people/grant/",
        *(DIVISION_ADMIN_ONLY,) * 2,
    ),
    (
        "staff/<slug:slug>/people/<int:pk>/change/",
        "/staff/clayton-mo/people/{clerk_membership}/change/",
        *(DIVISION_ADMIN_ONLY,) * 2,
    ),
    (
        "staff/<slug:slug>/people/<int:pk>/revoke/",
        "/staff/clayton-mo/people/{clerk_membership}/revoke/",
        *(DIVISION_ADMIN_ONLY,) * 2,
    ),
]

ROUTES = {route for route, *_ in MATRIX} | {route for route, *_ in PEOPLE_MATRIX}

# The staff forms' POST with a valid form, so that the write reaches the service and its own
# permission check (an empty form would stop at the form's validation); {name} is an id.
BODIES: dict[str, dict[str, str]] = {
    "staff/cases/<int:pk>/payments/": {"method": "check", "amount": "1.00", "key": "k"},
    "staff/cases/<int:pk>/fees/<int:line>/waive/": {"waive-{line}-reason": "hardship"},
    "staff/cases/<int:pk>/inspections/": {
        "wanted_on": "2026-11-20",
        "window": "am",
        "contact_name": "O",
        "contact_phone": "1",
    },
    "staff/cases/<int:pk>/inspections/<int:inspection>/assign/": {
        "assign-{inspection}-inspector": "{inspector}"
    },
    "staff/cases/<int:pk>/visitors/": {"name": "A visitor", "arrived_on": "2026-11-20"},
    "staff/<slug:slug>/change-reports/": {"parcel": "P-1", "changed_on": "2026-11-20"},
    "staff/<slug:slug>/queues/<slug:name>/assign/": {
        "inspections": "{inspection}",
        "inspector": "{inspector}",
    },
    "staff/cases/<int:pk>/conditional-permit/": {
        "owner_statement": "will fix",
        "correction_due_on": "2026-12-31",
    },
    "staff/cases/<int:pk>/temporary-permit/": {"utilities_in_owner_name": "on"},
    "staff/cases/<int:pk>/permit/amend/": {"household_changed": "on"},
    "staff/cases/<int:pk>/permits/<int:permit>/end/": {"end-{permit}-reason": "change-of-tenancy"},
    "staff/cases/<int:pk>/refunds/": {
        "refund-payment": "{payment}",
        "refund-amount": "1.00",
        "refund-reason": "x",
    },
    "staff/cases/<int:pk>/withdraw/": {"confirmed": "on"},
    "staff/cases/<int:pk>/messages/": {"body": "Please send the lease.", "kind": "other"},
    "staff/<slug:slug>/people/grant/": {"user": "other-applicant", "role": "clerk"},
    "staff/<slug:slug>/people/<int:pk>/change/": {"role": "inspector"},
    "staff/claims/<int:pk>/refuse/": {"refuse-{claim}-reason": "no lease shown"},
    "staff/<slug:slug>/leads/<int:pk>/dismiss/": {"dismiss-{lead}-reason": "duplicate"},
    "staff/<slug:slug>/leads/<int:pk>/escalate/": {"escalate-{lead}-note": "no answer"},
    "staff/<slug:slug>/sales/<int:pk>/confirm/": {"confirm-{review}-parcel_id": "NEAR-1"},
    "properties/relations/<int:pk>/end/": {"reason": "the lease ended"},
    "staff/relations/<int:pk>/end/": {"reason": "the lease ended"},
    "staff/properties/<int:pk>/": {
        "parcel_id": "P-1",
        "address": "12 N Central Ave",
        "city": "Clayton",
        "state": "MO",
    },
    "staff/units/<int:pk>/": {"unit_type": "single-family", "units_in_building": "1"},
    "staff/units/<int:pk>/bedrooms/": {"area_sqft": "90", "smoke_alarm": "on"},
    "staff/units/<int:pk>/bedrooms/change/": {"bedroom": "{bedroom}", "area_sqft": "95"},
    "staff/units/<int:pk>/bedrooms/remove/": {"bedroom": "{bedroom}"},
    "staff/parties/<int:pk>/": {"kind": "owner", "name": "Ada Owner"},
}


def _outcome(status: int, location: str) -> str:
    if status in (401, 403, 404, 405):
        return str(status)
    if status == 302 and location.startswith(("/accounts/sign-in/", "/admin/login/")):
        return "login"
    assert status < 500, status
    return "ok"


def _world() -> tuple[dict[str, Any], dict[str, str]]:
    who = factories.people()
    case, inspection = factories.scheduled(who)
    permit = factories.issued(who)
    failed, _ = factories.scheduled(who)
    failed_inspection = failed.inspections.get()
    inspections.record_inspection_result(
        actor=who.inspector,
        inspection=failed_inspection,
        result="failed",
        now=central("2026-11-18 10:00"),
        violations=[ViolationInput("PM 304.7", "Gutters detached")],
    )
    violation = failed_inspection.violations.get()
    violation.photo.save("gutter.png", ContentFile(PNG))
    # another Clayton parcel, whose tenant's claim waits for the clerk
    claimed = factories.unit("clayton-mo", parcel="CLAIMED-1").property
    claim = factories.relation(who.other, claimed, kind="tenant", status="claimed")
    occupant = occupants.add_occupant(
        actor=who.owner,
        application=case,
        first_name="Ada",
        last_name="Tenant",
        now=central("2026-11-18 10:00"),
    )
    letter = send_message(
        actor=who.owner,
        application=case,
        body="Lease",
        uploads=[Upload("lease.png", PNG, "lease")],
        now=central("2026-11-18 10:00"),
    )
    lead, review = discovery.lead_and_review()
    party = Party.objects.create(kind="owner", name="Ada")
    case.parties.add(party)
    # An online payment the case could not take (no provider is set here: the clerk is told).
    owed = Checkout.objects.create(
        application=case,
        reference="pd-matrix",
        provider="stripe",
        amount="80.00",
        status=Checkout.Status.REFUND_OWED,
        started_by=who.owner,
        started_at=central("2026-11-18 10:00"),
        provider_payment_id="pi_matrix",
    )
    # the owner's village house, reported on, and their Clayton building, noticed for sale
    village_unit = factories.unit(factories.VILLAGE, parcel="V-MATRIX", owner=who.owner)
    report = occupants.report_change_of_occupancy(
        actor=who.owner,
        unit=village_unit,
        changed_on=dt.date(2026, 11, 2),
        now=central("2026-11-18 10:00"),
    )
    building = factories.unit(
        "clayton-mo", "apartment", units_in_building=4, parcel="B-MATRIX", owner=who.owner
    ).property
    notice = file_prior_to_sale_notice(
        actor=who.owner,
        place=building,
        disposal="sale",
        planned_on=dt.date(2027, 2, 1),
        buyer_name="Bea Buyer",
        now=central("2026-11-18 10:00"),
    )
    signed = Upload(name="signed.png", data=PNG, kind="other")
    acknowledged = upload_buyer_acknowledgement(
        actor=who.owner,
        notice=file_prior_to_sale_notice(
            actor=who.owner,
            place=building,
            disposal="lease",
            planned_on=dt.date(2027, 2, 1),
            buyer_name="Lee Lessee",
            now=central("2026-11-18 10:00"),
        ),
        upload=signed,
        now=central("2026-11-18 10:00"),
    )
    disclosure = record_written_disclosure(
        actor=who.owner,
        unit=village_unit,
        occasion="rental",
        disclosed_by="Olive Owner",
        discloser_role="owner",
        received_by="Rhea Renter",
        received_on=dt.date(2026, 11, 10),
        now=central("2026-11-18 10:00"),
        signed_copy=signed,
    )
    callers: dict[str, Any] = {
        **who.roles(),
        "superuser": factories.superuser(),
        "division_admin": factories.user("clayton-admin", Role.DIVISION_ADMIN, "clayton-mo"),
        "division_admin_elsewhere": factories.user(
            "county-admin", Role.DIVISION_ADMIN, "st-louis-county-mo"
        ),
    }
    ids = {
        "case": case.pk,
        "inspection": inspection.pk,
        "failed": failed.pk,
        "failed_inspection": failed_inspection.pk,
        "violation": violation.pk,
        "line": case.fee_lines.get().pk,
        "permit": permit.pk,
        "issued": permit.application_id,
        "property": case.unit.property_id,
        "unit": case.unit_id,
        "bedroom": case.unit.bedrooms.order_by("pk")[0].pk,
        "party": party.pk,
        "checkout": owed.pk,
        "payment": case.payments.order_by("id").first().pk,  # type: ignore[union-attr]
        "verify_token": permit.verification_token,
        "feed": feed_url_for(who.inspector),
        "inspector": who.inspector.pk,
        "clerk_membership": Membership.objects.get(user=who.clerk, role=Role.CLERK).pk,
        "claim": claim.pk,
        "occupant": occupant.pk,
        "document": letter.attachments.get().pk,
        "lead": lead.pk,
        "review": review.pk,
        "village_unit": village_unit.pk,
        "village_property": village_unit.property_id,
        "report": report.pk,
        "building": building.pk,
        "notice": notice.pk,
        "acknowledged": acknowledged.pk,
        "disclosure": disclosure.pk,
    }
    return callers, {name: str(value) for name, value in ids.items()}


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _observe(route: str, path: str, roles: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """What each caller of `roles` gets on a GET and on a POST of the route, in a new world."""
    callers, ids = _world()
    path = path.format(**ids)
    body = {
        name.format(**ids): value.format(**ids) for name, value in BODIES.get(route, {}).items()
    }
    got: dict[str, tuple[str, str]] = {}
    for role in roles:
        client = Client()
        if callers[role] is not None:
            client.force_login(callers[role])
        read = client.get(path)
        write = client.post(path, body)
        got[role] = (
            _outcome(read.status_code, read.get("Location", "")),
            _outcome(write.status_code, write.get("Location", "")),
        )
    return got


@pytest.mark.parametrize(
    ("route", "path", "reads", "writes"), MATRIX, ids=[row[0] or "home" for row in MATRIX]
)
def test_each_caller_gets_what_their_role_allows(
    clock: Clock, route: str, path: str, reads: tuple[str, ...], writes: tuple[str, ...]
) -> None:
    clock.set(central("2026-11-18 12:00"))
    got = _observe(route, path, (*ROLES, "division_admin"))
    observed = (tuple(got[r][0] for r in ROLES), tuple(got[r][1] for r in ROLES))
    assert observed == (reads, writes), f"{route}: {observed}"
    other = ROLES.index("other")
    expected = DIVISION_ADMIN_DIFFERS.get(route, (reads[other], writes[other]))
    assert got["division_admin"] == expected, f"{route}: division admin {got['division_admin']}"


@pytest.mark.parametrize(
    ("route", "path", "reads", "writes"), PEOPLE_MATRIX, ids=[row[0] for row in PEOPLE_MATRIX]
)
def test_only_the_division_administrator_manages_the_staff(
    clock: Clock, route: str, path: str, reads: tuple[str, ...], writes: tuple[str, ...]
) -> None:
    clock.set(central("2026-11-18 12:00"))
    got = _observe(route, path, PEOPLE_ROLES)
    observed = (tuple(got[r][0] for r in PEOPLE_ROLES), tuple(got[r][1] for r in PEOPLE_ROLES))
    assert observed == (reads, writes), f"{route}: {observed}"
