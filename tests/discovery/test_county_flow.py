"""St. Louis County's flow, end to end at the case level: a sale recorded with no application
becomes a lead, the buyer is written to, the buyer applies, the lead closes itself, and the
case goes on to its permit. Marked django_db so `make test` runs it on PostgreSQL too."""

from __future__ import annotations

import datetime as dt

import pytest

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import applications, occupants, payments, permits
from permitdesk.discovery import leads
from permitdesk.discovery.letters import render_letter
from permitdesk.discovery.models import Lead
from permitdesk.discovery.sweep import run_discovery
from tests import factories
from tests.discovery.conftest import County, Importer, row
from tests.moments import central

pytestmark = pytest.mark.django_db


def test_a_sale_recorded_ends_in_a_permit_through_a_lead(
    county: County, import_sales: Importer
) -> None:
    import_sales(row(mailing="4 Far Away Ct, Chesterfield, MO 63017"))
    run_discovery(now=central("2026-10-02 06:00"))
    lead = Lead.objects.get()
    assert lead.possible_rental  # the buyer lives elsewhere, and no permit is in force

    letter_at = central("2026-10-02 09:00")
    leads.send_letter(lead=lead, actor=county.clerk, now=letter_at)
    name, pdf = render_letter(Lead.objects.get(pk=lead.pk), letter_at)
    assert name == f"lead-{lead.pk}-letter.pdf"
    assert pdf.startswith(b"%PDF")
    assert OutboxMessage.objects.filter(
        kind="discovery-lead-letter", to="ann@example.test"
    ).exists()

    home = county.units["123 North Main Street"]
    filed = central("2026-10-06 10:00")
    case = applications.submit_application(
        actor=county.clerk, unit=home, fee_item="re-occupancy-permit", trigger="sale", now=filed,
        channel="in-person",
    )  # fmt: skip
    lead.refresh_from_db()  # closed in the filing's transaction, not at the next sweep
    assert (lead.status, lead.application, lead.closed_at) == ("closed", case, filed)
    assert run_discovery(now=central("2026-10-06 11:00")).closed == 0

    payments.record_payment(
        actor=county.clerk, application=case, method="check", amount=balance_due(case), now=filed
    )
    factories.pass_inspection(
        case,
        requester=county.clerk,
        crew=county.crew,
        wanted_on=dt.date(2026, 10, 8),
        requested_at=filed,
        passed_at=central("2026-10-08 10:00"),
    )
    occupants.add_occupant(
        actor=county.clerk, application=case, first_name="Ann", last_name="Buyer", age=40,
        relationship="head", now=central("2026-10-08 11:00"),
    )  # fmt: skip
    permit = permits.issue_permit(
        actor=county.clerk, application=case, now=central("2026-10-08 12:00")
    )
    assert permit.application == case
    actions = set(
        AuditEvent.objects.filter(action__startswith="discovery.").values_list("action", flat=True)
    )
    assert actions >= {"discovery.sale-recorded", "discovery.matched", "discovery.lead-opened",
                       "discovery.letter-sent", "discovery.lead-closed"}  # fmt: skip
