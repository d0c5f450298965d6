"""The sample files of docs/import: each imports in the documented order, a second run finds
everything unchanged, and the permits in force are seen as valid, with the pack's five-year
Clayton term."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application, Payment, Permit
from permitdesk.cases.selectors.permits import public_permit
from permitdesk.imports.pipeline import Report
from permitdesk.records.models import Bedroom, Party, Property, Relation, Unit
from tests.imports.conftest import ORDER, SAMPLES, Importer

pytestmark = pytest.mark.django_db

COUNTS = {
    "properties": 3,
    "units": 4,
    "cases": 2,
    "permits": 2,
    "parties": 4,
    "payments": 1,
    "relations": 2,
}
# The fourth party row names the first party on a second case: an update, not a new party.
CREATED = {**COUNTS, "parties": 3}


def test_every_sample_imports_with_its_reconciliation(samples: dict[str, Report]) -> None:
    found = {k: (r.read, r.created, r.updated, r.unchanged, r.refused) for k, r in samples.items()}
    assert found == {k: (n, CREATED[k], n - CREATED[k], 0, 0) for k, n in COUNTS.items()}
    assert all(report.written for report in samples.values())
    assert samples["units"].lines()[-2:] == [
        "units: rows read 4, created 4, updated 0, unchanged 0, refused 0",
        "written",
    ]
    assert (Property.objects.count(), Unit.objects.count(), Bedroom.objects.count()) == (3, 4, 8)
    assert Party.objects.count() == 3
    assert Payment.objects.get().amount == Decimal("25.00")
    assert sorted(Relation.objects.values_list("person__email", "kind", "status")) == [
        ("hvance@example.org", "owner", "verified"),
        ("mlee@example.org", "tenant", "claimed"),  # left for the clerk's claims page
    ]


def test_a_second_run_finds_every_row_unchanged(
    samples: dict[str, Report], importer: Importer
) -> None:
    events = AuditEvent.objects.count()
    again = {kind: importer(kind, SAMPLES / f"{kind}.csv") for kind in ORDER}
    assert {k: (r.created, r.updated, r.unchanged) for k, r in again.items()} == {
        k: (0, 0, n) for k, n in COUNTS.items()
    }
    assert AuditEvent.objects.count() == events


def test_each_record_written_has_its_audit_event(samples: dict[str, Report]) -> None:
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert {a: actions.count(a) for a in set(actions)} == {
        "import-property": 3,
        "import-unit": 4,
        "import-case": 2,
        "import-permit": 2,
        "import-party": 4,
        "import-payment": 1,
        "import-relation": 2,
    }
    unit_event = AuditEvent.objects.filter(action="import-unit").order_by("pk").first()
    assert unit_event is not None
    assert unit_event.after is not None
    assert unit_event.after["bedrooms"] == ["140.00", "120.00", "96.00"]
    assert unit_event.after["source"] == "units.csv:2"


def test_the_live_clayton_permits_are_valid_for_five_years(samples: dict[str, Report]) -> None:
    given, computed = public_permit("CM-2023-0815"), public_permit("CM-2025-0102")
    assert (given.status, given.issued_on, given.ends_on) == (
        "valid",
        dt.date(2023, 8, 15),
        dt.date(2028, 8, 15),
    )
    assert (computed.status, computed.ends_on) == ("valid", dt.date(2030, 1, 2))
    assert Application.objects.get(permits__number="CM-2023-0815").status == "issued"
    assert Permit.objects.filter(ended_at=None).count() == 2


def test_a_payment_brings_its_case_balance_down(samples: dict[str, Report]) -> None:
    case = Application.objects.get(payments__receipt_number="R-2026-1101")
    assert case.balance_due == Decimal("50.00")  # 75.00 assessed, 25.00 paid
    assert [p.name for p in case.parties.order_by("name")] == ["Harriet Vance", "Marcus Lee"]
    harriet = Party.objects.get(name="Harriet Vance")
    assert harriet.applications.count() == 2


def test_a_changed_unit_is_updated_with_its_bedrooms_before_and_after(
    samples: dict[str, Report], importer: Importer
) -> None:
    report = importer(
        "units",
        "jurisdiction,parcel_id,label,unit_type,bedroom_areas\n"
        "clayton-mo,18K310142,,single-family,140;120\n",
    )
    assert (report.updated, report.created) == (1, 0)
    event = AuditEvent.objects.filter(action="import-unit").order_by("-pk")[0]
    assert event.before is not None
    assert event.after is not None
    assert (event.before["bedrooms"], event.after["bedrooms"]) == (
        ["140.00", "120.00", "96.00"],
        ["140.00", "120.00"],
    )
    assert Bedroom.objects.filter(unit__property__parcel_id="18K310142").count() == 2


def test_a_changed_property_and_party_are_updated_with_before_and_after(
    samples: dict[str, Report], importer: Importer
) -> None:
    place = importer(
        "properties",
        "jurisdiction,parcel_id,address,city,state,zip_code\n"
        "clayton-mo,18K310142,10 N Brentwood Blvd,Clayton,MO,63105\n",
    )
    party = importer(
        "parties",
        "jurisdiction,source_ref,kind,name,email\nclayton-mo,AGT-007,managing-agent,Meramec Co.,\n",
    )
    assert (place.updated, party.updated) == (1, 1)
    events = AuditEvent.objects.order_by("-pk")
    party_event, place_event = events[0], events[1]
    assert place_event.before is not None
    assert place_event.after is not None
    assert (place_event.before["address"], place_event.after["address"]) == (
        "8 N Brentwood Blvd",
        "10 N Brentwood Blvd",
    )
    assert Property.objects.get(parcel_id="18K310142").normalized_address == "10 N BRENTWOOD BLVD"
    assert party_event.before is not None
    assert (party_event.before["email"], Party.objects.get(name="Meramec Co.").email) == (
        "office@example.org",
        "",
    )
