"""Cases whose paperwork the tests read back (permits, violation notices, tenant letters and
the e-mails carrying them), one or more per jurisdiction, built through the services on top
of the people and stages of tests/factories."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from permitdesk.cases.models import Application, Inspection, Payment, Permit
from permitdesk.cases.services import inspections, occupants, payments, permits
from permitdesk.cases.services.inspections import ViolationInput
from permitdesk.records.models import Party
from tests.factories.people import People
from tests.factories.stages import MONDAY, WEDNESDAY, approved, failed_in_the_village, scheduled
from tests.factories.stages import submitted as submitted_case
from tests.factories.steps import book, pass_inspection
from tests.moments import central

Household = tuple[tuple[str, str, int, str], ...]  # (first, last, age, relationship) each

# Clayton names each tenant, children and unrelated residents included; a name from outside
# Latin-1 shows the PDF does not crash on it.
CLAYTON_HOUSEHOLD: Household = (
    ("Ben", "Tenant", 6, "son"),
    ("Zoë", "Łukasz 李", 29, "unrelated resident"),
)
VILLAGE_HOUSEHOLD: Household = (
    ("Dana", "Buyer", 41, "head of household"),
    ("Eli", "Buyer", 12, "son"),
)  # the unit's two bedrooms (120 and 100 sq ft) hold two at 70 sq ft each
AGENT_EMAIL = "pat.agent@agency.example.test"
NAMED_AT = central("2026-11-18 10:30")  # when the occupants are named, after the inspection
ISSUED_AT = central("2026-11-18 11:00")


def name_household(case: Application, household: Household, now: dt.datetime, who: People) -> None:
    for first, last, age, relationship in household:
        occupants.add_occupant(
            actor=who.owner,
            application=case,
            first_name=first,
            last_name=last,
            age=age,
            relationship=relationship,
            now=now,
        )


def pay(
    who: People,
    case: Application,
    amount: Decimal,
    method: str = "check",
    now: dt.datetime = MONDAY,
) -> Payment:
    """The clerk takes `amount` (by check on Monday unless told)."""
    return payments.record_payment(
        actor=who.clerk, application=case, method=method, amount=amount, now=now
    )


def _passed_and_named(who: People, case: Application, household: Household) -> None:
    """The case's inspection requested Monday and passed Wednesday, then `household` named."""
    pass_inspection(
        case,
        requester=who.owner,
        crew=who.crew(),
        wanted_on=WEDNESDAY,
        requested_at=MONDAY,
        passed_at=central("2026-11-18 10:00"),
    )
    name_household(case, household, NAMED_AT, who)


def clayton_permit(who: People) -> Permit:
    """Issued Wednesday 2026-11-18 11:00 for Ada Tenant, her son and an unrelated resident."""
    case = approved(who)
    name_household(case, CLAYTON_HOUSEHOLD, NAMED_AT, who)
    return permits.issue_permit(actor=who.clerk, application=case, now=ISSUED_AT)


def clayton_failed(who: People) -> Inspection:
    """Clayton's first inspection, failed on 2026-11-18 at 9:30 with two violations."""
    _, inspection = scheduled(who)
    return inspections.record_inspection_result(
        actor=who.inspector,
        inspection=inspection,
        result="failed",
        now=central("2026-11-18 09:30"),
        violations=[
            ViolationInput("IPMC 704.2", "No smoke alarm in bedroom 2", "Install a smoke alarm"),
            ViolationInput("IPMC 305.3", "Peeling paint in the stairwell"),
        ],
    )


def village_conditional(who: People) -> tuple[Inspection, Permit]:
    """The village case failed on 2026-11-16; a conditional permit to correct by 2026-12-31."""
    case = failed_in_the_village(who)
    failed_visit = case.inspections.get(number=1)
    permit = permits.issue_conditional_permit(
        actor=who.official,
        application=case,
        owner_statement="I will re-hang the gutters",
        correction_due_on=dt.date(2026, 12, 31),
        now=central("2026-11-17 09:00"),
    )
    return failed_visit, permit


def village_permit(who: People) -> Permit:
    """A village permit listing two occupants with ages and relationships (§1.C)."""
    case = submitted_case(who, "village-ord-08-457", "occupancy-permit", "sale")
    pay(who, case, Decimal("80.00"))
    _passed_and_named(who, case, VILLAGE_HOUSEHOLD)
    return permits.issue_permit(actor=who.clerk, application=case, now=ISSUED_AT)


def st_louis_permit(who: People) -> Permit:
    case = submitted_case(who, "st-louis-county-mo", "re-occupancy-permit", "sale")
    pay(who, case, Decimal("80.00"))
    _passed_and_named(who, case, (("Gus", "Purchaser", 50, "head"),))
    return permits.issue_permit(actor=who.clerk, application=case, now=ISSUED_AT)


def st_clair_permits(who: People) -> tuple[Permit, Permit]:
    """St. Clair's temporary permit, then the certificate on a lease that ends it."""
    case = submitted_case(who, "st-clair-county-il", "occupancy-inspection", "lease")
    temporary = permits.issue_temporary_permit(actor=who.official, application=case, now=MONDAY)
    pay(who, case, Decimal("125.00"), method="cash")
    _passed_and_named(who, case, (("Hal", "Renter", 30, "head"),))
    pay(who, case, Decimal("35.00"), method="cash", now=central("2026-11-18 10:40"))
    permit = permits.issue_permit(
        actor=who.clerk, application=case, now=ISSUED_AT, evidence="lease"
    )
    temporary.refresh_from_db()
    return temporary, permit


def with_managing_agent(case: Application, email: str = AGENT_EMAIL) -> Party:
    """The case names a managing agent (and an owner, whose e-mail is not used)."""
    owner = Party.objects.create(
        kind=Party.Kind.OWNER, name="Olive Owner", email="olive@example.test"
    )
    case.parties.add(owner)
    agent = Party.objects.create(kind=Party.Kind.MANAGING_AGENT, name="Pat Agent", email=email)
    case.parties.add(agent)
    return agent


def failed(
    who: People,
    slug: str,
    fee_item: str,
    fee: Decimal,
    violations: list[ViolationInput],
    agent: bool = False,
) -> Inspection:
    """A case of `slug` paid, inspected on Wednesday and failed with `violations`."""
    trigger = "sale" if slug == "st-louis-county-mo" else "lease"
    case = submitted_case(who, slug, fee_item, trigger)
    if agent:
        with_managing_agent(case)
    pay(who, case, fee, method="cash" if slug == "st-clair-county-il" else "check")
    visit = book(case, who.crew(), who.owner, WEDNESDAY, MONDAY)
    return inspections.record_inspection_result(
        actor=who.inspector,
        inspection=visit,
        result="failed",
        now=central("2026-11-18 09:30"),
        violations=violations,
    )
