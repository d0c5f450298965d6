"""Every term of every pack, as the documents state it; a new term needs a line here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from permitdesk.law.loader import all_packs, get_pack
from permitdesk.law.pack import NotInForce, in_force
from permitdesk.law.schema import TermValue

C, SC, SL, V = "clayton-mo", "st-clair-county-il", "st-louis-county-mo", "village-ord-08-457"
ALARMS = ["bedrooms", "hallways-to-bedrooms", "livable-areas"]
DEEDS = [
    "warranty",
    "special-warranty",
    "quitclaim",
    "trustee",
    "personal-representative",
    "beneficiary",
    "sheriff",
    "contract-for-deed",
]
UNIT_TYPES = ["single-family", "duplex", "condo", "apartment", "mobile-home"]

# (jurisdiction, term, a date it is in force, the value the document gives)
TERMS: list[tuple[str, str, dt.date, TermValue]] = [
    # 000 Clayton process: 24 hours to process; before 4:00 PM; 90 days; five years.
    (C, "processing_time", dt.date(2026, 1, 1), 24),
    (C, "processing_counts", dt.date(2026, 1, 1), "business-hours"),
    (C, "inspection_request_cutoff", dt.date(2026, 1, 1), "16:00"),
    (C, "requests_on_closed_days", dt.date(2026, 1, 1), "next-business-day-opening"),
    (C, "approval_validity", dt.date(2026, 1, 1), 90),
    (C, "approval_reminder_lead", dt.date(2026, 1, 1), 14),  # our choice (the sweep)
    (C, "permit_ending_notice_lead", dt.date(2026, 1, 1), 60),  # our choice (the sweep)
    (C, "deadline_day_counting", dt.date(2026, 1, 1), "exclude-start"),
    (C, "applications_expire", dt.date(2026, 1, 1), False),
    (C, "permit_term", dt.date(2026, 1, 1), 5),
    (C, "permit_ends_on_change_of_tenancy", dt.date(2026, 1, 1), True),
    (C, "inspection_before_move_in", dt.date(2026, 1, 1), True),
    (C, "occupants_required", dt.date(2026, 1, 1), ["first-name", "last-name", "children", "unrelated-residents"]),
    (C, "permit_delivery", dt.date(2026, 1, 1), ["email-to-managing-agent", "mail-to-tenants"]),
    (C, "violation_notice_delivery", dt.date(2026, 1, 1), ["email-to-managing-agent"]),
    (C, "inspection_request_fields", dt.date(2026, 1, 1), ["address-with-unit", "contact-name", "contact-phone", "desired-date", "am-pm-preference"]),
    (C, "who_schedules_inspection", dt.date(2026, 1, 1), ["owner", "managing-agent"]),
    (C, "payment_methods", dt.date(2026, 1, 1), ["visa", "mastercard", "discover", "cash-exact", "check"]),
    (C, "rental_only", dt.date(2026, 1, 1), True),
    (C, "school_registration_uses_permit", dt.date(2026, 1, 1), True),
    # Where an applicant's message goes: Clayton names its address (000 §4); the others name
    # none, so the deployment's setting or the clerks (our choice, docs/email.md).
    (C, "division_message_address", dt.date(2026, 1, 1), "applicationsbd@claytonmo.gov"),
    (SC, "division_message_address", dt.date(2026, 1, 1), "setting-or-clerks"),
    (SL, "division_message_address", dt.date(2026, 1, 1), "setting-or-clerks"),
    (V, "division_message_address", dt.date(2026, 1, 1), "setting-or-clerks"),
    # The readings chosen for issue 15: the cut-off at the request, the approval from the day
    # of the passing inspection, a new tenancy's permit ends the one before.
    (C, "cutoff_read_at", dt.date(2026, 1, 1), "request"),
    (C, "approval_counts_from", dt.date(2026, 1, 1), "passed-inspection-day"),
    (C, "change_of_occupancy_effect", dt.date(2026, 1, 1), "ends-earlier-permit"),
    (C, "change_of_occupancy_end_reason", dt.date(2026, 1, 1), "change-of-tenancy"),
    (SC, "approval_counts_from", dt.date(2026, 1, 1), "passed-inspection-day"),
    (SC, "change_of_occupancy_effect", dt.date(2026, 1, 1), "ends-earlier-permit"),
    (SC, "change_of_occupancy_end_reason", dt.date(2026, 1, 1), "change-of-occupancy"),
    (SL, "approval_counts_from", dt.date(2026, 1, 1), "passed-inspection-day"),
    (SL, "change_of_occupancy_effect", dt.date(2026, 1, 1), "ends-earlier-permit"),
    (SL, "change_of_occupancy_end_reason", dt.date(2026, 1, 1), "change-of-occupancy"),
    (V, "approval_counts_from", dt.date(2026, 1, 1), "passed-inspection-day"),
    (V, "change_of_occupancy_effect", dt.date(2026, 1, 1), "ends-earlier-permit"),
    (V, "change_of_occupancy_end_reason", dt.date(2026, 1, 1), "change-of-occupancy"),
    # 002 Clayton schedule: 30 days' notice, 3+ units, dumpsters 120 days, no integrated permits.
    (C, "prior_to_sale_notice", dt.date(2010, 8, 1), 30),
    (C, "prior_to_sale_min_units", dt.date(2010, 8, 1), 3),
    (C, "prior_to_sale_short_notice", dt.date(2010, 8, 1), "accept-and-flag-late"),  # our reading
    (C, "prior_to_sale_buyer_acknowledgement", dt.date(2010, 8, 1), True),
    (C, "dumpster_validity", dt.date(2010, 8, 1), 120),
    (C, "integrated_permits", dt.date(2010, 8, 1), False),
    (C, "electrical_permits_issued_by", dt.date(2010, 8, 1), "St. Louis County, (314) 615-5000"),
    # 001 St. Clair County.
    (SC, "rental_program_effective", dt.date(1998, 1, 1), True),
    (SC, "sale_program_effective", dt.date(1999, 1, 1), True),
    (SC, "approval_validity", dt.date(1998, 1, 1), 1),
    (SC, "approval_reminder_lead", dt.date(1998, 1, 1), 30),  # our choice (the sweep)
    (SC, "approval_survives_change_of_occupancy", dt.date(1998, 1, 1), True),
    (SC, "deadline_day_counting", dt.date(1998, 1, 1), "exclude-start"),
    (SC, "who_requests_inspection", dt.date(1998, 1, 1), ["owner", "agent"]),
    (SC, "permit_applicant", dt.date(1998, 1, 1), ["tenant", "occupant"]),
    (SC, "permit_documents", dt.date(1998, 1, 1), ["lease", "rent-receipt-with-photo-id", "sales-contract"]),
    (SC, "permit_fee_due", dt.date(1998, 1, 1), "at-time-of-obtaining-permit"),
    (SC, "fees_due_before", dt.date(1998, 1, 1), "approved-inspection-report"),
    (SC, "payment_methods", dt.date(1998, 1, 1), ["cash", "check"]),
    (SC, "commercial_excluded_unless_residential", dt.date(1998, 1, 1), True),
    (SC, "temporary_permit_applicants", dt.date(1998, 1, 1), ["owner-in-person", "agent-in-person"]),
    (SC, "temporary_permit_requires_utilities_in_owner_name", dt.date(1998, 1, 1), True),
    (SC, "temporary_permit_authorizes_occupancy", dt.date(1998, 1, 1), False),
    (SC, "temporary_permit_ends", dt.date(1998, 1, 1), "certificate-of-occupancy-issued"),
    (SC, "reinspection_fee_item", dt.date(1998, 1, 1), "re-inspection"),
    (SC, "permit_fee_item", dt.date(1998, 1, 1), "occupancy-permit"),
    (SC, "permit_amendment_fee_item", dt.date(1998, 1, 1), "amended-permit"),
    # 004 St. Louis County, effective July 1, 2007.
    (SL, "inspections_included", dt.date(2007, 7, 1), 2),
    (SL, "permit_issue_within", dt.date(2007, 7, 1), 48),
    (SL, "occupant_naming_window", dt.date(2007, 7, 1), 120),
    (SL, "approval_reminder_lead", dt.date(2007, 7, 1), 14),  # our choice (the sweep)
    (SL, "deadline_day_counting", dt.date(2007, 7, 1), "exclude-start"),
    (SL, "bedroom_min_area_sqft", dt.date(2007, 7, 1), 70),
    (SL, "bedroom_area_per_occupant_sqft", dt.date(2007, 7, 1), 70),
    (SL, "smoke_alarm_locations", dt.date(2007, 7, 1), ALARMS),
    (SL, "basement_bedroom_egress_min_sqft", dt.date(2007, 7, 1), Decimal("5.7")),
    (SL, "inspection_items", dt.date(2007, 7, 1), ["plumbing", "roofing", "gutters", "wiring", "smoke-alarms", "bedroom-areas", "basement-egress", "occupant-count"]),
    (SL, "application_channels", dt.date(2007, 7, 1), ["online", "in-person"]),
    (SL, "who_pays", dt.date(2007, 7, 1), ["seller", "buyer", "representative"]),
    (SL, "inspector_schedules", dt.date(2007, 7, 1), True),
    (SL, "inspection_before_move_in", dt.date(2007, 7, 1), True),
    (SL, "property_conservation_districts_dissolved", dt.date(2007, 7, 1), True),
    (SL, "change_of_occupancy_reports_encouraged", dt.date(2007, 7, 1), True),
    # 003 the village, Ord. No. 08-457 of 7-14-2008.
    (V, "type_i_max_units_in_building", dt.date(2008, 7, 14), 2),
    (V, "condominium_units_are_type_i", dt.date(2008, 7, 14), True),
    (V, "approval_validity", dt.date(2008, 7, 14), 1),
    (V, "approval_reminder_lead", dt.date(2008, 7, 14), 30),  # our choice (the sweep)
    (V, "deadline_day_counting", dt.date(2008, 7, 14), "exclude-start"),
    (V, "change_report_window", dt.date(2008, 7, 14), 30),
    (V, "change_report_leads_to", dt.date(2008, 7, 14), "re-occupancy-case"),  # our choice
    (V, "written_disclosure_statement", dt.date(2008, 7, 14), "Occupancy and re-occupancy permits are required for single-family residential dwelling units."),
    (V, "visitor_period", dt.date(2008, 7, 14), 30),
    (V, "visiting_periods_per_year", dt.date(2008, 7, 14), 1),
    (V, "permit_content", dt.date(2008, 7, 14), ["names", "ages", "relationships", "number-of-occupants"]),
    (V, "owner_certifies_rental_application", dt.date(2008, 7, 14), True),
    (V, "pre_occupant_applications", dt.date(2008, 7, 14), True),
    (V, "existing_occupants_exempt_until_first_change", dt.date(2008, 7, 14), True),
    (V, "conditional_permit_conditions", dt.date(2008, 7, 14), ["deficiencies-not-seriously-endangering-health-or-safety", "owner-statement-to-correct", "correction-date"]),
    (V, "conditional_permit_issued_by", dt.date(2008, 7, 14), ["building-commissioner", "designee"]),
    (V, "conditional_permit_completion_notice", dt.date(2008, 7, 14), True),
    (V, "visitor_rule_extension_by", dt.date(2008, 7, 14), ["building-commissioner", "designee"]),
    (V, "penalty_max_fine", dt.date(2008, 7, 14), Decimal("500.00")),
    (V, "penalty_max_imprisonment", dt.date(2008, 7, 14), 90),
    (V, "fee_covers", dt.date(2008, 7, 14), ["initial-inspection", "one-re-inspection", "one-occupancy-permit"]),
    (V, "inspections_included", dt.date(2008, 7, 14), 2),
    (V, "fee_due_before", dt.date(2008, 7, 14), "inspection"),
    (V, "inspections_performed_by", dt.date(2008, 7, 14), "St. Louis County, at the costs of St. Louis County Code §1110.1065"),
    (V, "bedroom_min_area_sqft", dt.date(2008, 7, 14), 70),
    (V, "bedroom_area_per_occupant_sqft", dt.date(2008, 7, 14), 70),
    (V, "smoke_alarm_locations", dt.date(2008, 7, 14), ALARMS),
    (V, "basement_bedroom_egress_min_sqft", dt.date(2008, 7, 14), Decimal("5.7")),
    # Who may act for a property (decision 0013): the relations that may apply, and those the
    # clerk verifies first (only the village's managing agent, as the owner certifies).
    (C, "applicant_relations", dt.date(2026, 1, 1), ["owner", "managing-agent"]),
    (C, "relations_verified_before_applying", dt.date(2026, 1, 1), []),
    (SC, "applicant_relations", dt.date(2026, 1, 1), ["owner", "managing-agent", "tenant:new-occupant", "tenant:lease", "tenant:change-of-occupancy", "buyer:sale"]),
    (SC, "relations_verified_before_applying", dt.date(2026, 1, 1), []),
    (SL, "applicant_relations", dt.date(2026, 1, 1), ["owner", "managing-agent", "buyer:sale"]),
    (SL, "relations_verified_before_applying", dt.date(2026, 1, 1), []),
    (V, "applicant_relations", dt.date(2026, 1, 1), ["owner", "managing-agent", "buyer:sale"]),
    (V, "relations_verified_before_applying", dt.date(2026, 1, 1), ["managing-agent"]),
    # Online payment (decision 0014): no document names a convenience fee; Clayton's card
    # authorization form (000 §1); St. Clair's office for paying in person (001).
    (C, "convenience_fee", dt.date(2026, 1, 1), Decimal("0.00")),
    (C, "card_authorization_form", dt.date(2026, 1, 1), "the form at https://www.claytonmo.gov/home/showdocument?id=32, sent to applicationsbd@claytonmo.gov"),
    (SC, "convenience_fee", dt.date(2026, 1, 1), Decimal("0.00")),
    (SC, "in_person_payment", dt.date(2026, 1, 1), "County Court House, 10 Public Square, 5th Floor, Belleville, Illinois"),
    # Moving or cancelling an inspection request (decision 0017): no document names a fee.
    (C, "inspection_change_fee", dt.date(2026, 1, 1), "none"),
    (SC, "inspection_change_fee", dt.date(2026, 1, 1), "none"),
    (SL, "inspection_change_fee", dt.date(2026, 1, 1), "none"),
    (V, "inspection_change_fee", dt.date(2026, 1, 1), "none"),
    # Finding unreported changes (decision 0020): the deed types counted and exempt, the days
    # after the recording an application is expected (Clayton: notice was due 30 days before,
    # so at once; the village: its 30-day report), the look-back, and what a transfer covers.
    (SL, "sale_discovery_counted_deeds", dt.date(2026, 1, 1), DEEDS),
    (SL, "sale_discovery_exempt_transfers", dt.date(2026, 1, 1), ["correction", "trust-funding", "spousal", "deed-of-trust"]),
    (SL, "sale_application_deadline", dt.date(2026, 1, 1), 30),  # our choice: "before moving in"
    (SL, "sale_application_lookback", dt.date(2026, 1, 1), 180),  # our choice
    (SL, "sale_discovery_unit_types", dt.date(2026, 1, 1), ["single-family", "duplex", "condo"]),
    (SL, "sale_discovery_min_units", dt.date(2026, 1, 1), 1),
    (SL, "possible_rental_signal", dt.date(2026, 1, 1), True),
    (V, "sale_discovery_counted_deeds", dt.date(2026, 1, 1), DEEDS),
    (V, "sale_discovery_exempt_transfers", dt.date(2026, 1, 1), ["correction", "trust-funding", "spousal", "deed-of-trust"]),
    (V, "sale_application_deadline", dt.date(2026, 1, 1), 30),  # §1.D: thirty days after
    (V, "sale_application_lookback", dt.date(2026, 1, 1), 180),  # our choice
    (V, "sale_discovery_unit_types", dt.date(2026, 1, 1), ["single-family", "duplex", "condo"]),
    (V, "sale_discovery_min_units", dt.date(2026, 1, 1), 1),
    (V, "possible_rental_signal", dt.date(2026, 1, 1), True),
    (C, "sale_discovery_counted_deeds", dt.date(2026, 1, 1), [*DEEDS, "deed-of-trust"]),  # "mortgage"
    (C, "sale_discovery_exempt_transfers", dt.date(2026, 1, 1), ["correction", "trust-funding", "spousal"]),
    (C, "sale_application_deadline", dt.date(2026, 1, 1), 0),  # notice 30 days in advance
    (C, "sale_application_lookback", dt.date(2026, 1, 1), 30),
    (C, "sale_discovery_unit_types", dt.date(2026, 1, 1), UNIT_TYPES),
    (C, "sale_discovery_min_units", dt.date(2026, 1, 1), 3),  # three or more units
    (C, "possible_rental_signal", dt.date(2026, 1, 1), True),
    (SC, "sale_discovery_counted_deeds", dt.date(2026, 1, 1), DEEDS),
    (SC, "sale_discovery_exempt_transfers", dt.date(2026, 1, 1), ["correction", "trust-funding", "spousal", "deed-of-trust"]),
    (SC, "sale_application_deadline", dt.date(2026, 1, 1), 30),  # our choice
    (SC, "sale_application_lookback", dt.date(2026, 1, 1), 180),  # our choice
    (SC, "sale_discovery_unit_types", dt.date(2026, 1, 1), UNIT_TYPES),
    (SC, "sale_discovery_min_units", dt.date(2026, 1, 1), 1),
    (SC, "possible_rental_signal", dt.date(2026, 1, 1), True),
    # Residents' reports (issue 21): our choices, each pack's (docs/discovery.md).
    (SL, "report_merge_window", dt.date(2026, 1, 1), 60),
    (SL, "report_counted_changes", dt.date(2026, 1, 1), ["new-occupants", "new-tenants", "sold"]),
    (V, "report_merge_window", dt.date(2026, 1, 1), 60),
    (V, "report_counted_changes", dt.date(2026, 1, 1), ["new-occupants", "new-tenants", "sold"]),
    (C, "report_merge_window", dt.date(2026, 1, 1), 60),
    (C, "report_counted_changes", dt.date(2026, 1, 1), ["new-occupants", "new-tenants", "sold"]),
    (SC, "report_merge_window", dt.date(2026, 1, 1), 60),
    (SC, "report_counted_changes", dt.date(2026, 1, 1), ["new-occupants", "new-tenants", "sold"]),
]  # fmt: skip


@pytest.mark.parametrize(("slug", "name", "on", "expected"), TERMS)
def test_each_term_holds_the_value_its_document_gives(
    slug: str, name: str, on: dt.date, expected: TermValue
) -> None:
    assert _value(slug, name, on) == expected


@pytest.mark.parametrize(("slug", "name", "on", "expected"), TERMS)
def test_no_term_is_in_force_the_day_before_it_took_effect(
    slug: str, name: str, on: dt.date, expected: TermValue
) -> None:
    first = min(_versions(slug, name))
    with pytest.raises(NotInForce, match="not in force on"):
        _value(slug, name, first - dt.timedelta(days=1))


def _value(slug: str, name: str, on: dt.date) -> TermValue:
    pack = get_pack(slug)
    if name in pack.information:
        return in_force(pack.information[name].values, on, name).value
    return pack.term(name, on)


def _versions(slug: str, name: str) -> list[dt.date]:
    pack = get_pack(slug)
    term = pack.information.get(name) or pack.terms[name]
    return [v.effective for v in term.values]


def test_every_term_of_every_pack_is_in_this_table() -> None:
    shipped = {(p.slug, name) for p in all_packs() for name in [*p.terms, *p.information]}
    assert shipped == {(slug, name) for slug, name, _, _ in TERMS}


@pytest.mark.parametrize(("slug", "item"), [(SL, "re-occupancy-permit"), (V, "occupancy-permit")])
def test_the_charged_inspections_start_after_those_the_fee_includes(slug: str, item: str) -> None:
    pack = get_pack(slug)
    version = pack.item_version(item, dt.date(2026, 1, 1))
    (line,) = [ln for ln in version.lines if ln.id == "additional-inspection"]
    assert line.quantity is not None
    assert line.quantity.beyond == pack.count("inspections_included", dt.date(2026, 1, 1))
