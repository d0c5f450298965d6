"""Leads: opened by the sweep for a counted, covered, matched sale past its day with no
application; never for an exempt transfer, a near match, a unit the program does not cover
or a sale already answered; closed when an application is filed; and the staff's services,
each refusal with its code and field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from permitdesk.accounts.permissions import Forbidden
from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.services import applications
from permitdesk.discovery import leads
from permitdesk.discovery.models import ChangeEvidence, Lead
from permitdesk.discovery.sweep import run_discovery
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.discovery.conftest import County, Importer, row
from tests.moments import central

pytestmark = pytest.mark.django_db

DUE = central("2026-10-01 12:00")  # recorded 2026-09-01: due 2026-10-01, a lead the day after
AFTER = central("2026-10-02 06:00")


def apply(county: County, unit_name: str, now: dt.datetime) -> None:
    applications.submit_application(
        actor=county.clerk,
        unit=county.units[unit_name],
        fee_item="re-occupancy-permit",
        trigger="sale",
        now=now,
        channel="in-person",
    )


def test_no_lead_on_the_last_day_and_one_the_day_after(
    county: County, import_sales: Importer
) -> None:
    import_sales(row())
    assert run_discovery(now=DUE).opened == 0
    run = run_discovery(now=AFTER)
    assert run.opened == 1
    lead = Lead.objects.get()
    assert lead.unit == county.units["123 North Main Street"]
    assert lead.status == "open"
    assert AuditEvent.objects.filter(
        action="discovery.lead-opened", object_id=str(lead.pk)
    ).exists()
    assert run_discovery(now=AFTER).opened == 0  # a second run finds nothing more


@pytest.mark.parametrize(
    "sale",
    [
        row(deed="trust-funding"),  # an exempt transfer
        row(parcel="", address="123 N Mian St"),  # a near match, to review
        row(
            parcel="19J-22-0200", address="900 Lakeview Dr", unit="2", zip_code="63122"
        ),  # apartment
    ],
)
def test_no_lead_for_an_exempt_transfer_a_near_match_or_a_unit_not_covered(
    county: County, import_sales: Importer, sale: str
) -> None:
    import_sales(sale)
    assert run_discovery(now=AFTER).opened == 0


def test_an_application_filed_before_the_sale_answers_it(
    county: County, import_sales: Importer
) -> None:
    apply(county, "123 North Main Street", central("2026-08-20 10:00"))
    import_sales(row())
    assert run_discovery(now=AFTER).opened == 0


def test_an_application_on_another_unit_does_not_answer_it(
    county: County, import_sales: Importer
) -> None:
    apply(county, "45 Pine Rd 2B", central("2026-09-02 10:00"))
    import_sales(row(parcel="", address="45 Pine Rd", unit="1A", zip_code="63117"))
    assert run_discovery(now=AFTER).opened == 1


def test_an_application_filed_after_the_sale_within_its_days_answers_it(
    county: County, import_sales: Importer
) -> None:
    import_sales(row())
    apply(county, "123 North Main Street", central("2026-09-20 10:00"))
    assert run_discovery(now=AFTER).opened == 0
    assert not Lead.objects.exists()


def test_an_application_filed_before_the_look_back_does_not_answer_it(
    county: County, import_sales: Importer
) -> None:
    apply(county, "123 North Main Street", central("2026-03-01 10:00"))  # 184 days before
    import_sales(row())
    assert run_discovery(now=AFTER).opened == 1


def test_a_lead_closes_itself_in_the_transaction_of_the_application_filed(
    county: County, import_sales: Importer
) -> None:
    import_sales(row())
    run_discovery(now=AFTER)
    filed = central("2026-10-05 10:00")
    case = applications.submit_application(
        actor=county.clerk, unit=county.units["123 North Main Street"],
        fee_item="re-occupancy-permit", trigger="sale", now=filed, channel="in-person",
    )  # fmt: skip
    lead = Lead.objects.get()
    assert (lead.status, lead.application, lead.closed_at) == ("closed", case, filed)
    event = AuditEvent.objects.get(action="discovery.lead-closed")
    assert event.before == {"status": "open"}
    assert event.after["why"] == f"closed: application {case.pk} filed"
    assert (event.application_id, event.at) == (case.pk, filed)
    assert run_discovery(now=central("2026-10-05 11:00")).closed == 0  # nothing left to close


def test_an_application_on_any_unit_closes_the_lead_of_a_property_sold_whole(
    county: County, import_sales: Importer
) -> None:
    import_sales(row(parcel="21K340045", address="45 Pine Rd", zip_code="63117"))
    run_discovery(now=AFTER)
    assert Lead.objects.get().unit is None
    apply(county, "45 Pine Rd 2B", central("2026-10-05 10:00"))
    assert Lead.objects.get().status == "closed"


def test_an_application_on_another_unit_leaves_the_lead_open(
    county: County, import_sales: Importer
) -> None:
    import_sales(row(parcel="", address="45 Pine Rd", unit="1A", zip_code="63117"))
    run_discovery(now=AFTER)
    apply(county, "45 Pine Rd 2B", central("2026-10-05 10:00"))
    assert Lead.objects.get().status == "open"
    assert not AuditEvent.objects.filter(action="discovery.lead-closed").exists()


def test_a_dismissed_lead_stays_dismissed_when_an_application_is_filed(
    county: County, import_sales: Importer
) -> None:
    import_sales(row())
    run_discovery(now=AFTER)
    leads.dismiss_lead(
        lead=Lead.objects.get(), actor=county.clerk, reason="duplicate", note="", now=AFTER
    )
    apply(county, "123 North Main Street", central("2026-10-05 10:00"))
    lead = Lead.objects.get()
    assert (lead.status, lead.application) == ("dismissed", None)


def test_the_sweep_still_closes_a_lead_an_imported_application_answers(
    county: County, import_sales: Importer
) -> None:
    """An import writes applications in bulk, past the filing hook: as if this one had been,
    the lead is put back open; the sweep closes it."""
    import_sales(row())
    run_discovery(now=AFTER)
    apply(county, "123 North Main Street", central("2026-10-05 10:00"))
    Lead.objects.update(status="open", closed_at=None, application=None)
    assert run_discovery(now=central("2026-10-05 11:00")).closed == 1
    lead = Lead.objects.get()
    assert lead.status == "closed"
    event = AuditEvent.objects.filter(action="discovery.lead-closed").latest("id")
    assert event.after["why"] == f"closed: application {lead.application_id} filed"


def test_a_mailing_address_elsewhere_is_a_possible_rental(
    county: County, import_sales: Importer
) -> None:
    import_sales(
        row(mailing="4 Far Away Ct, Chesterfield, MO 63017"),
        row(parcel="0033", address="77 Oak Ave", zip_code="63119", mailing="77 Oak Avenue"),
    )
    run_discovery(now=AFTER)
    signals = dict(Lead.objects.values_list("evidence__address", "possible_rental"))
    assert signals == {"123 North Main Street": True, "77 Oak Ave": False}


@pytest.fixture
def lead(county: County, import_sales: Importer) -> Lead:
    import_sales(row())
    run_discovery(now=AFTER)
    return Lead.objects.get()


def test_the_letter_is_queued_to_the_buyer_citing_the_ordinance(county: County, lead: Lead) -> None:
    leads.send_letter(lead=lead, actor=county.clerk, now=AFTER)
    mail = OutboxMessage.objects.get(kind="discovery-lead-letter")
    assert mail.to == "ann@example.test"
    assert "St. Louis County" in mail.body
    assert "within 30 days of its recording" in mail.body
    assert "anyone purchasing a home must obtain" in mail.body  # the citation
    # how to apply: the portal's claim form, filled in, and what to apply for
    claim = "/properties/claim/?jurisdiction=st-louis-county-mo&parcel_id=21K-34-0012&kind=buyer"
    assert f"go to:\n{settings.PUBLIC_URL}{claim}\n" in mail.body
    assert '"Apply for this unit" and "A sale of the property"' in mail.body
    assert "submit the application for: Re-occupancy inspection and permit" in mail.body
    assert AuditEvent.objects.filter(action="discovery.letter-sent").count() == 1


def test_a_dismissal_records_its_reason(county: County, lead: Lead) -> None:
    done = leads.dismiss_lead(
        lead=lead, actor=county.official, reason="duplicate", note="", now=AFTER
    )
    assert (done.status, done.dismissal, done.decided_by) == (
        "dismissed",
        "duplicate",
        county.official,
    )
    event = AuditEvent.objects.get(action="discovery.lead-dismissed")
    assert event.before == {"status": "open"}
    assert event.after["reason"] == "duplicate"


def _dismiss(reason: str, note: str = "") -> object:
    return lambda lead, who: leads.dismiss_lead(
        lead=lead, actor=who, reason=reason, note=note, now=AFTER
    )


REFUSALS = [
    ("unknown reason", _dismiss("moved-away"), "reason-unknown", "reason"),
    ("not a change without a note", _dismiss("not-a-change"), "note-required", "note"),
    ("a note too long", _dismiss("exempt", "x" * 2001), "note-too-long", "note"),
    (
        "escalation without a note",
        lambda lead, who: leads.escalate_lead(lead=lead, actor=who, note=" ", now=AFTER),
        "note-required",
        "note",
    ),
]


@pytest.mark.parametrize(("name", "act", "code", "field"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_refused_step_names_its_field_and_changes_nothing(
    county: County, lead: Lead, name: str, act: object, code: str, field: str
) -> None:
    with pytest.raises(Refused) as refused:
        act(lead, county.clerk)  # type: ignore[operator]
    assert (refused.value.code, refused.value.field) == (code, field)
    lead.refresh_from_db()
    assert lead.status == "open"
    assert lead.note == ""
    assert not AuditEvent.objects.filter(action__startswith="discovery.lead-d").exists()


def test_a_dismissed_lead_is_not_dismissed_escalated_or_written_to_again(
    county: County, lead: Lead
) -> None:
    leads.dismiss_lead(lead=lead, actor=county.clerk, reason="exempt", note="", now=AFTER)
    for act in (
        lambda: leads.dismiss_lead(
            lead=lead, actor=county.clerk, reason="exempt", note="", now=AFTER
        ),
        lambda: leads.send_letter(lead=lead, actor=county.clerk, now=AFTER),
    ):
        with pytest.raises(Refused) as refused:
            act()
        assert refused.value.code == "lead-not-live"
    with pytest.raises(Refused) as refused:
        leads.escalate_lead(lead=lead, actor=county.clerk, note="why", now=AFTER)
    assert refused.value.code == "lead-not-open"


def test_a_letter_is_sent_once(county: County, lead: Lead) -> None:
    leads.send_letter(lead=lead, actor=county.clerk, now=AFTER)
    with pytest.raises(Refused) as refused:
        leads.send_letter(lead=lead, actor=county.clerk, now=AFTER)
    assert (refused.value.code, refused.value.field) == ("letter-already-sent", "letter")
    assert OutboxMessage.objects.filter(kind="discovery-lead-letter").count() == 1


@pytest.mark.parametrize("who", ["inspector", "clerk elsewhere", "applicant"])
def test_only_the_jurisdictions_clerk_or_code_official_works_a_lead(
    county: County, lead: Lead, who: str
) -> None:
    actor: User = {
        "inspector": county.inspector,
        "clerk elsewhere": factories.user("clayton-clerk-x", "clerk", "clayton-mo"),
        "applicant": factories.user("someone"),
    }[who]
    with pytest.raises(Forbidden):
        leads.escalate_lead(lead=lead, actor=actor, note="enforce", now=AFTER)
    lead.refresh_from_db()
    assert lead.status == "open"


def test_evidence_not_matched_has_no_property(county: County, import_sales: Importer) -> None:
    import_sales(row(parcel="", address="5000 Nowhere Blvd"))
    assert ChangeEvidence.objects.get().match == "unmatched"
