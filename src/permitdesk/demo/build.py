"""Build the demo: users with roles and API tokens, properties and units, and the plans' cases,
each walked to its status through the case services (never by writing a status).

Idempotent: everything is looked up before it is made, and a case whose application (found by
its idempotency key) exists is left as it is. The whole build is one transaction, so a failure
leaves nothing half-made and a second run finds everything or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from permitdesk.accounts.models import ApiToken, Membership, Role, token_digest
from permitdesk.cases.models import Application, Inspection
from permitdesk.cases.services import applications, inspections, occupants, payments, permits
from permitdesk.cases.services.base import balance_due
from permitdesk.demo.jurisdictions import Synced, sync_jurisdictions
from permitdesk.demo.plans import GOALS, PLANS, CaseSpec, JurisdictionPlan, PropertySpec
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records import services as records
from permitdesk.records.models import Jurisdiction, Property, Unit
from permitdesk.rules.calendar import first_inspection_day, local, next_business_day, zone

# Published on purpose, in the README and in every run's output: demo accounts only.
DEMO_PASSWORD = "permitdesk-demo"
ADMIN_USERNAME = "admin"
STAFF_ROLES = (Role.CLERK, Role.INSPECTOR, Role.CODE_OFFICIAL)
# Short names for the usernames (clayton-clerk); a pack without one uses its slug.
TAGS = {
    "clayton-mo": "clayton",
    "st-clair-county-il": "st-clair",
    "st-louis-county-mo": "st-louis",
    "village-ord-08-457": "village",
}
APPLICANTS = {
    # key in the plans: (username, first name, last name, what they are)
    "owner": ("owner", "Olivia", "Owner", "applicant: property owner"),
    "agent": ("agent", "Marcus", "Agent", "applicant: managing agent"),
}
# When the demo tokens were issued (fixed, so a second run writes nothing).
TOKENS_ISSUED_AT = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)
TOKEN_NAME = "demo"


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    jurisdiction: str
    password: str
    token: str


@dataclass
class Report:
    jurisdictions: list[Synced] = field(default_factory=list)
    logins: list[Login] = field(default_factory=list)
    made: Counter[str] = field(default_factory=Counter)  # "users", "cases", ... created now
    kept: Counter[str] = field(default_factory=Counter)  # found from an earlier run
    restored: list[str] = field(default_factory=list)  # demo users given back their password
    statuses: dict[str, Counter[str]] = field(default_factory=dict)  # slug -> status -> cases


def demo_token(username: str) -> str:
    """The demo API token of `username`: stable for this install (keyed by SECRET_KEY), so
    every run prints the same token, yet not guessable from another install."""
    return "demo-" + salted_hmac("permitdesk.demo.api-token", username).hexdigest()[:40]


class _Passwords:
    """Sets the demo password, hashing it once per run (hashing is slow on purpose)."""

    def __init__(self) -> None:
        self._encoded: str | None = None
        self._verified: set[str] = set()

    def encoded(self) -> str:
        if self._encoded is None:
            self._encoded = make_password(DEMO_PASSWORD)
        return self._encoded

    def is_demo(self, encoded: str) -> bool:
        if encoded not in self._verified and check_password(DEMO_PASSWORD, encoded):
            self._verified.add(encoded)
        return encoded in self._verified


class Builder:
    def __init__(self) -> None:
        self.report = Report()
        self._passwords = _Passwords()

    # --- people ---------------------------------------------------------------------------

    def user(
        self, username: str, first_name: str, last_name: str, *, superuser: bool = False
    ) -> User:
        """The demo user, created with the demo password or restored to it."""
        person = User.objects.filter(username=username).first()
        if person is None:
            person = User.objects.create(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@example.test",
                password=self._passwords.encoded(),
                is_staff=superuser,
                is_superuser=superuser,
            )
            self.report.made["users"] += 1
            return person
        self.report.kept["users"] += 1
        changed: list[str] = []
        if not self._passwords.is_demo(person.password):
            person.password = self._passwords.encoded()
            changed.append("password")
        if superuser and not (person.is_staff and person.is_superuser and person.is_active):
            person.is_staff = person.is_superuser = person.is_active = True
            changed += ["is_staff", "is_superuser", "is_active"]
        if changed:
            person.save(update_fields=changed)
            self.report.restored.append(person.username)
        return person

    def token(self, person: User) -> str:
        """The user's demo API token; only its digest is stored."""
        token = demo_token(person.username)
        digest = token_digest(token)
        if ApiToken.objects.filter(user=person, digest=digest, revoked_at=None).exists():
            self.report.kept["api tokens"] += 1
            return token
        # A demo token from another SECRET_KEY (or one revoked since) gives way to this one.
        ApiToken.objects.filter(user=person, name=TOKEN_NAME, revoked_at=None).exclude(
            digest=digest
        ).update(revoked_at=timezone.now())
        ApiToken.objects.update_or_create(
            digest=digest,
            defaults={
                "user": person,
                "name": TOKEN_NAME,
                "created_at": TOKENS_ISSUED_AT,
                "revoked_at": None,
            },
        )
        self.report.made["api tokens"] += 1
        return token

    def login(self, person: User, role: str, jurisdiction: str) -> None:
        self.report.logins.append(
            Login(person.username, role, jurisdiction, DEMO_PASSWORD, self.token(person))
        )

    def crew(self, jurisdiction: Jurisdiction) -> dict[str, User]:
        """A clerk, an inspector and a code official of the jurisdiction."""
        tag = TAGS.get(jurisdiction.slug, jurisdiction.slug)
        found: dict[str, User] = {}
        for role in STAFF_ROLES:
            person = self.user(f"{tag}-{role.value}", tag.replace("-", " ").title(), role.label)
            _, made = Membership.objects.get_or_create(
                user=person, jurisdiction=jurisdiction, role=role
            )
            self.report.made["memberships"] += made
            self.login(person, role.value, jurisdiction.slug)
            found[role] = person
        return found

    # --- places ---------------------------------------------------------------------------

    def place(
        self, jurisdiction: Jurisdiction, spec: PropertySpec, clerk: User, now: dt.datetime
    ) -> dict[str, Unit]:
        """The property and its units with their bedrooms, by unit label, recorded by the
        clerk through the records services (those already recorded are looked up)."""
        prop = Property.objects.filter(jurisdiction=jurisdiction, parcel_id=spec.parcel_id).first()
        if prop is None:
            prop = records.create_property(
                actor=clerk,
                jurisdiction_slug=jurisdiction.slug,
                parcel_id=spec.parcel_id,
                address=spec.address,
                city=spec.city,
                state=spec.state,
                zip_code=spec.zip_code,
                now=now,
            )
            self.report.made["properties"] += 1
        units: dict[str, Unit] = {}
        for u in spec.units:
            unit = Unit.objects.filter(property=prop, label=u.label).first()
            if unit is None:
                unit = records.add_unit(
                    actor=clerk,
                    place=prop,
                    label=u.label,
                    unit_type=u.unit_type,
                    units_in_building=u.units_in_building,
                    bedrooms=[
                        records.BedroomInput(
                            area_sqft=Decimal(b.area_sqft),
                            basement=b.basement,
                            egress_opening_sqft=(
                                Decimal(b.egress_opening_sqft) if b.egress_opening_sqft else None
                            ),
                        )
                        for b in u.bedrooms
                    ],
                    hallway_smoke_alarms=True,
                    livable_area_smoke_alarms=True,
                    now=now,
                )
                self.report.made["units"] += 1
            units[u.label] = unit
        return units

    # --- the whole demo -------------------------------------------------------------------

    def build(self) -> Report:
        with transaction.atomic():
            self.report.jurisdictions = sync_jurisdictions()
            admin = self.user(ADMIN_USERNAME, "Demo", "Administrator", superuser=True)
            self.login(admin, "superuser (admin site)", "all")
            applicants: dict[str, User] = {}
            for key, (username, first, last, what) in APPLICANTS.items():
                applicants[key] = self.user(username, first, last)
                self.login(applicants[key], what, "any")
            plans = {plan.slug: plan for plan in PLANS}
            for synced in self.report.jurisdictions:
                jurisdiction = Jurisdiction.objects.get(slug=synced.slug)
                crew = self.crew(jurisdiction)
                plan = plans.get(synced.slug)
                if plan is not None:
                    self.walk_plan(plan, jurisdiction, crew, applicants)
                self.report.statuses[synced.slug] = Counter(
                    Application.objects.filter(jurisdiction=jurisdiction).values_list(
                        "status", flat=True
                    )
                )
        return self.report

    def walk_plan(
        self,
        plan: JurisdictionPlan,
        jurisdiction: Jurisdiction,
        crew: dict[str, User],
        applicants: dict[str, User],
    ) -> None:
        recorded_at = dt.datetime.fromisoformat(plan.recorded_at).replace(
            tzinfo=zone(get_pack(plan.slug))
        )
        units = {
            (spec.parcel_id, label): unit
            for spec in plan.properties
            for label, unit in self.place(jurisdiction, spec, crew[Role.CLERK], recorded_at).items()
        }
        for case in plan.cases:
            key = f"demo:{plan.slug}:{case.key}"
            if Application.objects.filter(idempotency_key=key).exists():
                self.report.kept["cases"] += 1
                continue
            CaseWalk(plan, case, key, crew, applicants[case.applicant]).run(
                units[(case.parcel_id, case.label)]
            )
            self.report.made["cases"] += 1


class CaseWalk:
    """One demo case, walked to its goal through the services with an advancing clock."""

    def __init__(
        self,
        plan: JurisdictionPlan,
        case: CaseSpec,
        key: str,
        crew: dict[str, User],
        applicant: User,
    ) -> None:
        if case.goal not in GOALS:
            raise ValueError(f"{key}: goal '{case.goal}' is not one of: {', '.join(GOALS)}")
        self.plan, self.case, self.key = plan, case, key
        self.pack: Pack = get_pack(plan.slug)
        self.clerk = crew[Role.CLERK]
        self.inspector = crew[Role.INSPECTOR]
        self.official = crew[Role.CODE_OFFICIAL]
        self.applicant = applicant
        self.payments = 0
        self.application: Application  # set by run()

    # --- time -----------------------------------------------------------------------------

    def at(self, text: str) -> dt.datetime:
        """A wall-clock time in the jurisdiction's zone: at('2026-03-02 10:00')."""
        return dt.datetime.fromisoformat(text).replace(tzinfo=zone(self.pack))

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
                actor=self.applicant,
                application=self.application,
                first_name=person.first_name,
                last_name=person.last_name,
                age=person.age,
                relationship=person.relationship,
                now=now,
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
        permits.end_permit(
            actor=self.clerk, permit=permit, reason=case.end_reason, now=self.at(case.ended)
        )

    def inspect_until_passed(self, now: dt.datetime) -> dt.datetime | None:
        """Request, inspect (failing first where the plan says so) and pass; the moment it
        passed, or None where the case's goal is reached on the way."""
        case, goal = self.case, self.case.goal
        # Ask once the application is processed (Clayton: 24 business hours), an hour later.
        now = max(now, self.application.processed_at) + dt.timedelta(hours=1)
        wanted_on = dt.date.fromisoformat(case.wanted_on) if case.wanted_on else None
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
                    correction_due_on=dt.date.fromisoformat(case.correction_due_on),
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


def build_demo() -> Report:
    return Builder().build()
