"""What each case notice says and whom it goes to, per jurisdiction, as the services queue it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction

from permitdesk.audit.models import OutboxMessage
from permitdesk.cases.models import Application, Payment, Permit
from permitdesk.cases.services import payments, permit_amendments, permits
from permitdesk.cases.services.inspections import ViolationInput
from permitdesk.notices.compose import queue_notice
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.factories import paperwork
from tests.factories.paperwork import AGENT_EMAIL
from tests.moments import central

pytestmark = pytest.mark.django_db

SMOKE = ViolationInput("IPMC 704.2", "No smoke alarm in bedroom 2", "Install a smoke alarm")


def message(key: str) -> OutboxMessage:
    return OutboxMessage.objects.get(key=key)


def paid(who: factories.People, case: Application, amount: str, at: str) -> Payment:
    """A check for `amount` recorded by the clerk at `at` (Central time)."""
    return payments.record_payment(
        actor=who.clerk, application=case, method="check", amount=Decimal(amount), now=central(at)
    )


def test_a_violation_notice_goes_to_the_managing_agent_the_case_names() -> None:
    who = factories.people()
    inspection = paperwork.failed(
        who, "clayton-mo", "residential-occupancy", Decimal("80.00"), [SMOKE], agent=True
    )
    notice = message(f"violation-notice-{inspection.pk}")
    assert notice.to == AGENT_EMAIL  # not the owner party's, not the applicant's
    assert notice.kind == "violation-notice"
    assert notice.application_id == inspection.application_id
    assert notice.attachment == {"document": "violation-notice", "id": inspection.pk}
    assert notice.status == OutboxMessage.Status.QUEUED
    assert notice.next_attempt_at == central("2026-11-18 09:30")
    assert notice.subject == (
        "City of Clayton, Missouri: violation notice for 10 N Central Ave, Clayton "
        f"(application {inspection.application_id})"
    )
    assert "Dear Pat Agent," in notice.body
    assert "IPMC 704.2" in notice.body
    assert "Correct: Install a smoke alarm" in notice.body
    assert "on November 18, 2026" in notice.body


def test_without_a_managing_agent_the_violation_notice_goes_to_the_applicant() -> None:
    who = factories.people()
    inspection = paperwork.clayton_failed(who)
    agent_without_email = paperwork.with_managing_agent(inspection.application, email="")
    notice = message(f"violation-notice-{inspection.pk}")
    assert agent_without_email.email == ""
    assert notice.to == who.owner.email == "owner@example.test"
    assert "Dear owner," in notice.body


def test_clayton_says_how_to_schedule_the_reinspection_in_its_own_words() -> None:
    who = factories.people()
    inspection = paperwork.clayton_failed(who)
    notice = message(f"violation-notice-{inspection.pk}")
    for part in (notice.body, notice.html_body):
        assert "inspectionsbd@claytonmo.gov" in part
        assert "Final Occupancy" in part
        assert "IPMC 305.3" in part
        assert "Peeling paint in the stairwell" in part
    assert f"/cases/{inspection.application_id}/" in notice.body
    assert "<ol" in notice.html_body
    assert "<strong>IPMC 704.2</strong>" in notice.html_body


def test_st_clair_states_the_reinspection_fee_from_its_fee_schedule() -> None:
    who = factories.people("st-clair-county-il")
    inspection = paperwork.failed(
        who, "st-clair-county-il", "occupancy-inspection", Decimal("125.00"), [SMOKE]
    )
    notice = message(f"violation-notice-{inspection.pk}")
    # Program Fees: "$50.00 – Re-inspection / No Access" (the pack's re-inspection item).
    assert "costs $50.00" in notice.body
    assert "costs $50.00" in notice.html_body
    assert "before the approved inspection report is released" in notice.body
    assert "inspectionsbd@claytonmo.gov" not in notice.body


def test_st_louis_county_says_an_inspector_calls_and_what_the_fee_covers() -> None:
    who = factories.people("st-louis-county-mo")
    inspection = paperwork.failed(
        who, "st-louis-county-mo", "re-occupancy-permit", Decimal("80.00"), [SMOKE]
    )
    notice = message(f"violation-notice-{inspection.pk}")
    assert "an inspector will contact you" in notice.body
    # ¶7: "$80 for the initial inspection, a re-inspection and permit"
    assert "covers 2 inspections" in notice.body


def test_the_village_notice_tells_of_the_conditional_permit_and_its_permit_of_the_date() -> None:
    who = factories.people("village-ord-08-457")
    failed, conditional = paperwork.village_conditional(who)
    notice = message(f"violation-notice-{failed.pk}")
    assert "temporary conditional occupancy permit" in notice.body
    assert "Gutters detached" in notice.body
    permit_mail = message(f"permit-issued-{conditional.number}")
    assert permit_mail.subject.startswith(
        "Village under Ordinance No. 08-457 (St. Louis County, Missouri): conditional occupancy "
        f"permit {conditional.number} issued"
    )
    assert "must be corrected by December 31, 2026" in permit_mail.body
    assert "notify the Village Clerk when the repairs are completed" in permit_mail.body
    assert permit_mail.attachment == {"document": "permit", "id": conditional.pk}


def test_the_issued_permit_goes_to_the_managing_agent_with_its_occupants_and_end() -> None:
    who = factories.people()
    case = factories.approved(who)
    paperwork.with_managing_agent(case)
    paperwork.name_household(case, paperwork.CLAYTON_HOUSEHOLD, central("2026-11-18 10:30"), who)
    permit = permits.issue_permit(
        actor=who.clerk, application=case, now=central("2026-11-18 11:00")
    )
    notice = message(f"permit-issued-{permit.number}")
    assert notice.to == AGENT_EMAIL
    assert notice.attachment == {"document": "permit", "id": permit.pk}
    assert permit.number in notice.subject
    assert "Occupants (3):" in notice.body
    assert "Zoë Łukasz 李" in notice.body
    assert "Zoë Łukasz 李" in notice.html_body
    # Clayton: five years after the original date of issue, or a change in tenancy.
    assert "ends on November 18, 2031, or earlier on a change of tenancy" in notice.body
    assert f"/verify/{permit.verification_token}/" in notice.body
    assert "mails a copy to the tenants" in notice.body
    assert "Ben Tenant" in notice.body
    assert "age 6" not in notice.body  # Clayton asks for names only
    assert "Clayton School District" in notice.html_body


def test_the_village_permit_lists_each_occupants_age_and_relationship() -> None:
    who = factories.people("village-ord-08-457")
    village = paperwork.village_permit(who)
    notice = message(f"permit-issued-{village.number}")
    assert "Dana Buyer, age 41, head of household" in notice.body  # §1.C
    assert "Eli Buyer, age 12, son" in notice.body


def test_st_clair_names_the_evidence_the_permit_was_issued_on() -> None:
    who = factories.people("st-clair-county-il")
    temporary, permit = paperwork.st_clair_permits(who)
    assert not OutboxMessage.objects.filter(key=f"permit-issued-{temporary.number}").exists()
    notice = message(f"permit-issued-{permit.number}")
    assert "evidence of occupancy: lease" in notice.body


def test_an_amended_permit_is_sent_as_well() -> None:
    who = factories.people()
    issued = factories.issued(who)
    amended = permit_amendments.amend_permit(
        actor=who.clerk, application=issued.application, now=central("2026-11-20 09:00")
    )
    assert amended.kind == Permit.Kind.AMENDED
    notice = message(f"permit-issued-{amended.number}")
    assert "Amended occupancy permit" in notice.body


def test_the_applicant_gets_the_application_and_receipt_with_the_figures() -> None:
    who = factories.people()
    case = factories.submitted(who)
    paperwork.with_managing_agent(case)
    received = message(f"application-received-{case.pk}")
    assert received.to == "owner@example.test"  # what the applicant did goes to the applicant
    assert "Total fees: $80.00" in received.body
    # Clayton: 24 business hours of processing from Monday 10:00 AM.
    assert "No inspection can take place before Tuesday, November 17, 2026, 10:00 AM" in (
        received.body
    )
    assert "made before 4:00 PM" in received.body
    assert "made before 4:00 PM" in received.html_body
    payment = paid(who, case, "30.00", "2026-11-16 11:00")
    receipt = message(f"receipt-{payment.receipt_number}")
    assert receipt.to == "owner@example.test"
    assert "Received $30.00 by check on Monday, November 16, 2026, 11:00 AM" in receipt.body
    assert "Still due on the application: $50.00" in receipt.body
    assert receipt.attachment == {"document": "receipt", "id": payment.pk}


def test_the_applicant_is_told_of_a_refund_why_and_what_is_still_due() -> None:
    who = factories.people()
    case = factories.submitted(who)
    check = paid(who, case, "80.00", "2026-11-16 11:00")
    with pytest.raises(Refused):  # refused: nothing is queued
        payments.refund_payment(
            actor=who.clerk,
            payment=check,
            amount=Decimal("80.01"),
            reason="overpaid",
            now=central("2026-11-17 09:00"),
        )
    assert not OutboxMessage.objects.filter(kind="refund").exists()
    refund = payments.refund_payment(
        actor=who.clerk,
        payment=check,
        amount=Decimal("30.00"),
        reason="paid twice <by mistake>",
        now=central("2026-11-17 09:00"),
    )
    notice = message(f"refund-{refund.receipt_number}")
    assert notice.to == "owner@example.test"
    assert notice.application_id == case.pk
    assert notice.subject.endswith(f"refund {refund.receipt_number} for application {case.pk}")
    assert "Refunded $30.00 by check on Tuesday, November 17, 2026, 9:00 AM" in notice.body
    assert f"against receipt {check.receipt_number}," in notice.body
    assert "Why: paid twice <by mistake>" in notice.body
    assert "Still due on the application: $30.00" in notice.body
    assert "deposit" not in notice.body
    assert "paid twice &lt;by mistake&gt;" in notice.html_body
    assert notice.attachment == {"document": "receipt", "id": refund.pk}
    assert OutboxMessage.objects.filter(kind="refund").count() == 1


def test_the_text_part_is_plain_text_and_the_html_part_escapes() -> None:
    who = factories.people()
    inspection = paperwork.failed(
        who,
        "clayton-mo",
        "residential-occupancy",
        Decimal("80.00"),
        [ViolationInput("IPMC 304.15", "Tenant's <door> & lock", "Fit a door")],
    )
    notice = message(f"violation-notice-{inspection.pk}")
    assert "Found: Tenant's <door> & lock" in notice.body
    assert "Tenant&#x27;s &lt;door&gt; &amp; lock" in notice.html_body
    assert "<door>" not in notice.html_body


def test_a_key_already_queued_is_not_queued_again() -> None:
    at = central("2026-11-18 09:00")
    context = {"jurisdiction": "J", "application_id": 1, "address": "A", "case_url": "u"}
    with transaction.atomic():
        first = queue_notice(
            kind="receipt",
            jurisdiction_slug="clayton-mo",
            to="a@example.test",
            key="receipt-X",
            context=context,
            at=at,
        )
        again = queue_notice(
            kind="receipt",
            jurisdiction_slug="clayton-mo",
            to="b@example.test",
            key="receipt-X",
            context=context,
            at=at,
        )
    assert first is not None
    assert again is not None
    assert again.pk == first.pk
    assert OutboxMessage.objects.get(key="receipt-X").to == "a@example.test"


def test_a_long_subject_is_cut_to_the_column() -> None:
    context = {"jurisdiction": "J" * 300, "application_id": 1, "address": "A", "case_url": "u"}
    with transaction.atomic():
        queued = queue_notice(
            kind="receipt",
            jurisdiction_slug="clayton-mo",
            to="a@example.test",
            key="long",
            context=context,
            at=central("2026-11-18 09:00"),
        )
    assert queued is not None
    stored = OutboxMessage.objects.get(pk=queued.pk)
    assert len(stored.subject) == 200
    assert stored.subject.endswith("…")


def _issue_then_fail(who: factories.People, case: Application) -> None:
    """The permit issued inside a caller's transaction that then fails."""
    with transaction.atomic():
        permits.issue_permit(actor=who.clerk, application=case, now=central("2026-11-18 11:00"))
        assert OutboxMessage.objects.filter(key__startswith="permit-issued-").count() == 1
        raise RuntimeError("the caller's transaction fails after the permit was issued")


def test_a_message_commits_with_its_change_or_not_at_all() -> None:
    who = factories.people()
    case = factories.approved(who)
    with pytest.raises(RuntimeError, match="after the permit"):
        _issue_then_fail(who, case)
    assert not Permit.objects.exists()
    assert not OutboxMessage.objects.filter(key__startswith="permit-issued-").exists()
