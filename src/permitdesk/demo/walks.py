"""One demo case walked to its goal (submitted, paid, failed, approved, issued, ended ...)
through the case services, with a clock that advances as each pack's rules allow."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application, Inspection
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import applications, inspections, occupants, payments, permits
from permitdesk.cases.services.permit_endings import end_permit
from permitdesk.demo.clock import DemoClock
from permitdesk.demo.specs import GOALS, CaseSpec, JurisdictionPlan
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records.models import Unit
from permitdesk.rules.calendar import first_inspection_day, local, next_business_day, zone


class CaseWalk:
    """One demo case, walked to its goal through the services with an advancing clock."""

    def __init__(
        self,
        plan: JurisdictionPlan,
        case: CaseSpec,
        key: str,
        crew: dict[str, User],
        applicant: User,
        clock: DemoClock,
    ) -> None:
        if case.goal not in GOALS:
            raise ValueError(f"{key}: goal '{case.goal}' is not one of: {', '.join(GOALS)}")
        self.plan, self.case, self.key = plan, case, key
        self.pack: Pack = get_pack(plan.slug)
        self.clock = clock
        self.clerk = crew[Role.CLERK]
        self.inspector = crew[Role.INSPECTOR]
        self.official = crew[Role.CODE_OFFICIAL]
        self.applicant = applicant
        self.payments = 0
        self.application: Application  # set by run()

    @classmethod
    def resumed(
        cls,
        plan: JurisdictionPlan,
        application: Application,
        crew: dict[str, User],
        clock: DemoClock,
    ) -> CaseWalk:
        """A walk that carries on a case made earlier (a visit of a demo loaded before)."""
        key = application.idempotency_key or f"demo:{plan.slug}:{application.pk}"
        case = CaseSpec("approved", "", "", "", "", "", name=key)
        walk = cls(plan, case, key, crew, application.applicant, clock)
        walk.application = application
        walk.payments = application.payments.count()
        return walk

    # --- time -----------------------------------------------------------------------------

    def at(self, text: str) -> dt.datetime:
        """A plan's wall-clock time, moved to the week the demo is loaded (DemoClock)."""
        return self.clock.at(text)

    def on_day(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone(self.pack))

    def today(self, moment: dt.datetime) -> dt.date:
        return local(self.pack, moment).date()

    def first_day(self, requested_at: dt.datetime) -> dt.date:
        """The first day the pack lets an inspection requested now be placed on."""
        if self.pack.has_term("inspection_request_cutoff"):
            return first_inspection_day(self.pack, requested_at, self.application.processed_at)
        return next_business_day(self.pack, self.today(requested_at))

    # --- steps ----------------------------------------------------------------------------

    def settle(self, now: dt.datetime) -> None:
        """The clerk records a payment of whatever is due."""
        due = balance_due(self.application)
        if due > 0:
            self.payments += 1
            payments.record_payment(
                actor=self.clerk,
                application=self.application,
                method=self.plan.payment_method,
                amount=due,
                now=now,
                idempotency_key=f"{self.key}:payment-{self.payments}",
            )

    def request(self, now: dt.datetime, wanted_on: dt.date | None = None) -> Inspection:
        """The applicant asks for the next inspection; the clerk assigns the inspector."""
        inspection = inspections.request_inspection(
            actor=self.applicant,
            application=self.application,
            wanted_on=wanted_on or self.first_day(now),
            window="am",
            contact_name=self.applicant.get_full_name(),
            contact_phone="314-555-0142",
            now=now,
        )
        inspections.assign_inspector(
            actor=self.clerk,
            inspection=inspection,
            inspector=self.inspector,
            now=now + dt.timedelta(minutes=20),
        )
        return inspection

    def inspect(self, inspection: Inspection, result: str) -> dt.datetime:
        """The inspector records the result at 10:30 on the day scheduled; returns that time."""
        now = self.on_day(inspection.scheduled_on, 10, 30)
        inspections.record_inspection_result(
            actor=self.inspector,
            inspection=inspection,
            result=result,
            now=now,
            violations=self.plan.violations if result == Inspection.Result.FAILED else (),
            notes="Demo inspection.",
        )
        return now

    def run(self, unit: Unit) -> None:
        case, goal = self.case, self.case.goal
        now = self.at(case.start)
        self.application = applications.submit_application(
            actor=self.applicant,
            unit=unit,
            fee_item=self.plan.fee_item,
            trigger=case.trigger,
            now=now,
            idempotency_key=self.key,
        )
        if goal == "temporary":
            permits.issue_temporary_permit(
                actor=self.official, application=self.application, now=now + dt.timedelta(hours=1)
            )
            return
        if goal == "submitted":
            return
        now += dt.timedelta(minutes=30)
        self.settle(now)
        # St. Clair carries a unit's approval over a change of occupancy within its year: such
        # an application starts approved, and only the permit fee was due.
        if self.application.status != Application.Status.APPROVED:
            passed_at = self.inspect_until_passed(now)
            if passed_at is None:  # the goal came first
                return
            now = passed_at
        if goal == "approved":
            return
        now += dt.timedelta(hours=2)
        for person in case.occupants:
            occupants.add_occupant(
                actor=self.applicant, application=self.application, now=now, **asdict(person)
            )
        self.settle(now + dt.timedelta(hours=1))  # St. Clair's $35 on obtaining the permit
        now = self.on_day(next_business_day(self.pack, self.today(now)), 9)
        permit = permits.issue_permit(
            actor=self.clerk,
            application=self.application,
            now=now,
            evidence=self.evidence(),
        )
        if goal == "issued":
            return
        if not case.ended:
            raise ValueError(f"{self.key}: an ended case needs the moment its permit ends")
        end_permit(actor=self.clerk, permit=permit, reason=case.end_reason, now=self.at(case.ended))

    def inspect_until_passed(self, now: dt.datetime) -> dt.datetime | None:
        """Request, inspect (failing first where the plan says so) and pass; the moment it
        passed, or None where the case's goal is reached on the way."""
        case, goal = self.case, self.case.goal
        # Ask once the application is processed (Clayton: 24 business hours), an hour later.
        now = max(now, self.application.processed_at) + dt.timedelta(hours=1)
        wanted_on = None if case.visit_in is None else self.clock.visit_day(case.visit_in)
        inspection = self.request(now, wanted_on)
        if goal == "inspection-requested":
            return None
        if goal in ("failed", "conditional") or case.fail_first:
            now = self.inspect(inspection, Inspection.Result.FAILED)
            if goal == "failed":
                return None
            now = self.on_day(next_business_day(self.pack, self.today(now)), 9)
            if goal == "conditional":
                if not case.correction_due_on:
                    raise ValueError(f"{self.key}: a conditional case needs a correction date")
                permits.issue_conditional_permit(
                    actor=self.official,
                    application=self.application,
                    owner_statement=case.owner_statement,
                    correction_due_on=self.clock.on(case.correction_due_on),
                    now=now,
                )
                return None
            inspection = self.request(now)  # the re-inspection (paid before the pass, if due)
        self.settle(self.on_day(inspection.scheduled_on, 8))  # fees before the approved report
        return self.inspect(inspection, Inspection.Result.PASSED)

    def evidence(self) -> str:
        """The document the occupant shows, where the pack asks for one (St. Clair)."""
        if not self.pack.has_term("permit_documents"):
            return ""
        return "sales-contract" if self.case.trigger == "sale" else "lease"
