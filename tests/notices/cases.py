"""Cases for the e-mail tests, on top of tests/documents/cases.py and tests/api/factories.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from permitdesk.cases.models import Application, Inspection, Payment
from permitdesk.cases.services import inspections, payments
from permitdesk.cases.services.inspections import ViolationInput
from permitdesk.notices.outbox import Policy
from permitdesk.records.models import Party
from tests import factories
from tests.moments import central

AGENT_EMAIL = "pat.agent@agency.example.test"
T0 = central("2026-11-18 12:00")  # when the worker tests queue and send
POLICY = Policy(  # the worker's numbers in the tests: four attempts, a minute's first wait
    max_attempts=4,
    retry=dt.timedelta(seconds=60),
    retry_max=dt.timedelta(minutes=10),
    lease=dt.timedelta(minutes=5),
)


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
    who: factories.People,
    slug: str,
    fee_item: str,
    fee: Decimal,
    violations: list[ViolationInput],
    agent: bool = False,
) -> Inspection:
    """A case of `slug` paid, inspected on Wednesday and failed with `violations`."""
    trigger = "sale" if slug == "st-louis-county-mo" else "lease"
    case = factories.submitted(who, slug, fee_item, trigger)
    if agent:
        with_managing_agent(case)
    method = "cash" if slug == "st-clair-county-il" else "check"
    payments.record_payment(
        actor=who.clerk, application=case, method=method, amount=fee, now=factories.MONDAY
    )
    visit = inspections.request_inspection(
        actor=who.owner,
        application=case,
        wanted_on=factories.WEDNESDAY,
        window="am",
        contact_name="O",
        contact_phone="1",
        now=factories.MONDAY,
    )
    inspections.assign_inspector(
        actor=who.clerk, inspection=visit, inspector=who.inspector, now=factories.MONDAY
    )
    return inspections.record_inspection_result(
        actor=who.inspector,
        inspection=visit,
        result="failed",
        now=central("2026-11-18 09:30"),
        violations=violations,
    )


def pay(who: factories.People, case: Application, amount: Decimal) -> Payment:
    return payments.record_payment(
        actor=who.clerk, application=case, method="check", amount=amount, now=factories.MONDAY
    )
