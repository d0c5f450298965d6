"""The catch rate by month: each counted sale on a covered unit counted once, by how it ended."""

from __future__ import annotations

import datetime as dt

from permitdesk.cases.services import applications
from permitdesk.discovery import leads
from permitdesk.discovery.models import Lead
from permitdesk.discovery.selectors import catch_rate
from permitdesk.discovery.sweep import run_discovery
from tests.discovery.conftest import County, Importer, row
from tests.moments import central


def test_each_sale_is_counted_by_how_it_ended(county: County, import_sales: Importer) -> None:
    applications.submit_application(
        actor=county.clerk, unit=county.units["77 Oak Ave"], fee_item="re-occupancy-permit",
        trigger="sale", now=central("2026-09-05 10:00"), channel="in-person",
    )  # fmt: skip
    import_sales(
        row(),  # a lead, then answered: caught
        row(parcel="0033", address="77 Oak Ave", zip_code="63119", grantee="B"),  # on their own
        row(parcel="", address="45 Pine Rd", unit="1A", zip_code="63117", grantee="C"),  # dismissed
        row(parcel="", address="45 Pine Rd", unit="2B", zip_code="63117", grantee="D"),  # open
        row(
            parcel="19J-22-0101",
            address="12 Elm St",
            zip_code="63122",
            grantee="E",
            recorded="2026-10-20",
        ),  # not yet due
        row(deed="spousal", grantee="F"),  # exempt: not counted
    )
    run_discovery(now=central("2026-10-02 06:00"))
    applications.submit_application(
        actor=county.clerk, unit=county.units["123 North Main Street"], fee_item="re-occupancy-permit",
        trigger="sale", now=central("2026-10-06 10:00"), channel="in-person",
    )  # fmt: skip
    leads.dismiss_lead(
        lead=Lead.objects.get(evidence__grantee="C"), actor=county.clerk, reason="duplicate",
        note="", now=central("2026-10-03 10:00"),
    )  # fmt: skip
    run_discovery(now=central("2026-10-07 06:00"))
    september, october = catch_rate(county.jurisdiction, dt.date(2026, 1, 1))
    assert september.month == dt.date(2026, 9, 1)
    assert (september.known, september.own, september.caught, september.open) == (4, 1, 1, 1)
    assert september.dismissed["duplicate"] == 1
    assert september.waiting == 0
    assert september.days_to_comply == 35  # recorded 2026-09-01, applied 2026-10-06
    assert (october.known, october.waiting) == (1, 1)
