"""Residents' reports (file_report): each bad input is refused naming its field and writes
nothing; a report writes its evidence, its report, its reporter's contact apart and exactly one
audit event; a second report of the same change is merged; the sweep matches a report and
opens its lead like a sale's; the public status follows it; and the reporter is never in the
letter or the public status."""

from __future__ import annotations

import datetime as dt

import pytest

from permitdesk.audit.models import AuditEvent
from permitdesk.discovery import leads
from permitdesk.discovery.letters import letter_text
from permitdesk.discovery.matching import Matched
from permitdesk.discovery.models import ChangeEvidence, Lead, Report, ReporterContact
from permitdesk.discovery.reports import Contact, file_report, reference_key
from permitdesk.discovery.selectors import NOT_COVERED_NOTE, public_report
from permitdesk.discovery.sweep import run_discovery
from permitdesk.rules.lifecycle import Refused
from tests.discovery.conftest import COUNTY, NOW, County
from tests.moments import central

ANN = Contact(name="Ann Neighbour", email="ann.neighbour@example.test", phone="314-555-0101")
CHANGED = dt.date(2026, 11, 2)


def report(**given: object) -> Report:
    values: dict[str, object] = {
        "jurisdiction": COUNTY,
        "address": "123 North Main Street",
        "change": "new-occupants",
        "changed_on": CHANGED,
        "contact": ANN,
        "channel": "web",
        "now": NOW,
        **given,
    }
    return file_report(**values)  # type: ignore[arg-type]


def written() -> tuple[int, int, int, int]:
    return (
        ChangeEvidence.objects.count(),
        Report.objects.count(),
        ReporterContact.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(
    ("given", "field", "code"),
    [
        ({"address": ""}, "address", "address-required"),
        ({"address": "   "}, "address", "address-required"),
        ({"address": "the blue house by the park"}, "address", "address-unreadable"),
        ({"address": "123 Main St\x00"}, "address", "bad-text"),
        ({"address": "1 " + "Long " * 60 + "St"}, "address", "too-long"),
        ({"changed_on": dt.date(2026, 11, 19)}, "changed_on", "date-in-future"),
        ({"changed_on": None}, "changed_on", "date-required"),
        ({"changed_on": dt.date(2001, 1, 1)}, "changed_on", "date-before-program"),
        ({"jurisdiction": "springfield"}, "jurisdiction", "jurisdiction-unknown"),
        ({"jurisdiction": "st-louis\x00"}, "jurisdiction", "jurisdiction-unknown"),
        ({"change": "painted"}, "change", "change-unknown"),
        ({"change": ""}, "change", "change-unknown"),
        ({"contact": Contact(email="not-an-address")}, "email", "email-invalid"),
        ({"contact": Contact(phone="call me")}, "phone", "phone-invalid"),
        ({"description": "x" * 2001}, "description", "too-long"),
    ],
)
def test_each_bad_input_is_refused_naming_its_field_and_writes_nothing(
    county: County, given: dict[str, object], field: str, code: str
) -> None:
    before = written()
    with pytest.raises(Refused) as refused:
        report(**given)
    assert (refused.value.field, refused.value.code) == (field, code)
    assert written() == before


def test_a_report_writes_its_evidence_its_contact_apart_and_one_audit_event(
    county: County,
) -> None:
    filed = report(unit="", description="A moving van on Saturday.")
    evidence = filed.evidence
    assert (evidence.source, evidence.match, evidence.counted) == ("report", "pending", True)
    assert (evidence.street_key, evidence.unit_key) == ("123 N MAIN ST", "")
    assert evidence.recorded_on == CHANGED
    assert evidence.due_on == CHANGED + dt.timedelta(days=30)  # sale_application_deadline
    assert (evidence.change_kind, evidence.report_count) == ("new-occupants", 1)
    assert (evidence.grantee, evidence.grantee_email) == ("", "")
    assert filed.contact.email == ANN.email
    assert reference_key(filed.reference) == filed.reference
    events = AuditEvent.objects.exclude(action="discovery.keys-refreshed")  # the fixture's
    assert [e.action for e in events] == ["discovery.report-filed"]
    after = str(events[0].after)
    assert [secret for secret in (ANN.name, ANN.email, ANN.phone) if secret in after] == []
    assert events[0].after["contact_given"] is True


def test_a_report_without_contact_keeps_none(county: County) -> None:
    filed = report(contact=None)
    assert not ReporterContact.objects.filter(report=filed).exists()


def test_references_are_tokens_not_a_count(county: County) -> None:
    first, second = report(), report(address="12 Elm Street")
    assert first.reference != second.reference
    assert not first.reference.isdigit()
    assert len(first.reference) == 14


def test_a_second_report_of_the_same_change_is_merged(county: County) -> None:
    first = report()
    second = report(
        address="123 N Main St",  # another spelling of the same home
        contact=Contact(name="Bo Trustee"),
        now=NOW + dt.timedelta(days=3),
    )
    assert second.evidence_id == first.evidence_id
    assert second.reference != first.reference
    evidence = ChangeEvidence.objects.get()
    assert evidence.report_count == 2
    assert Report.objects.filter(evidence=evidence).count() == 2
    merged = AuditEvent.objects.get(action="discovery.report-merged")
    assert (merged.before, merged.after["report_count"]) == ({"report_count": 1}, 2)


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ({"now": NOW + dt.timedelta(days=61)}, "after the pack's 60-day window"),
        ({"address": "45 Pine Rd", "unit": "2B"}, "another home"),
        ({"change": "vacated"}, "a move-out is not the same change as a move-in"),
    ],
)
def test_a_different_change_is_not_merged(
    county: County, given: dict[str, object], why: str
) -> None:
    report(address="45 Pine Rd", unit="1A")
    report(**{"address": "45 Pine Rd", "unit": "1A", **given})
    assert ChangeEvidence.objects.count() == 2, why


def test_a_report_after_its_lead_closed_is_a_new_change(county: County) -> None:
    report()
    run_discovery(now=central("2026-12-03 06:00"))  # matched, past its day: a lead
    lead = Lead.objects.get()
    leads.dismiss_lead(
        lead=lead, actor=county.clerk, reason="duplicate", note="", now=central("2026-12-03 09:00")
    )
    report(now=central("2026-12-04 10:00"), changed_on=dt.date(2026, 12, 1))
    assert ChangeEvidence.objects.count() == 2


def test_the_sweep_counts_what_it_matched(county: County) -> None:
    report(address="45 Pine Road", unit="Apt 2B")
    run = run_discovery(now=central("2026-11-18 11:00"))
    assert run.matched == Matched(address=1)
    assert run_discovery(now=central("2026-11-18 12:00")).matched == Matched()  # nothing left


def test_the_sweep_matches_a_report_and_opens_its_lead_when_due(county: County) -> None:
    filed = report(address="45 Pine Road", unit="Apt 2B")
    assert public_report(filed.reference).status == "received"
    run_discovery(now=central("2026-11-18 11:00"))  # matched, not yet due (2026-12-02)
    evidence = ChangeEvidence.objects.get()
    assert (evidence.match, evidence.unit) == ("address", county.units["45 Pine Rd 2B"])
    assert public_report(filed.reference).status == "matched"
    assert run_discovery(now=central("2026-12-03 06:00")).opened == 1
    shown = public_report(filed.reference)
    assert (shown.status, shown.notes) == ("under-review", "A clerk is looking into it.")
    leads.dismiss_lead(
        lead=Lead.objects.get(),
        actor=county.clerk,
        reason="duplicate",
        note="",
        now=central("2026-12-03 09:00"),
    )
    assert public_report(filed.reference).status == "closed"


def test_a_reported_move_out_is_recorded_but_never_a_lead(county: County) -> None:
    filed = report(change="vacated")
    assert ChangeEvidence.objects.get().counted is False
    assert run_discovery(now=central("2026-12-03 06:00")).opened == 0
    assert public_report(filed.reference).status == "closed"
    assert "needs no permit until someone moves in" in public_report(filed.reference).notes


def test_a_home_the_program_does_not_cover_is_closed_to_the_public(county: County) -> None:
    filed = report(address="900 Lakeview Dr", unit="3")  # an apartment: not the county's
    assert run_discovery(now=central("2026-12-03 06:00")).opened == 0
    shown = public_report(filed.reference)
    assert (shown.status, shown.notes) == ("closed", NOT_COVERED_NOTE)


def test_an_address_matching_no_home_is_closed_to_the_public(county: County) -> None:
    filed = report(address="5 Nowhere Blvd")
    run_discovery(now=central("2026-11-18 11:00"))
    shown = public_report(filed.reference)
    assert shown.status == "closed"
    assert "not one of the homes" in shown.notes


def test_the_letter_of_a_reported_change_never_names_the_reporter(county: County) -> None:
    report(description="Ann Neighbour here, the new family has three kids.")
    run_discovery(now=central("2026-12-03 06:00"))
    text = letter_text(Lead.objects.get())
    assert "change of occupancy at 123 North Main Street" in text
    assert "new people moved in" in text
    assert text.startswith("Dear Owner,")
    for secret in (ANN.name, ANN.email, ANN.phone, "three kids"):
        assert secret not in text
