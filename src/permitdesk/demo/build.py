"""Build the demo: users with roles and API tokens, properties and units, and the plans' cases,
each walked to its status through the case services (never by writing a status).

Idempotent: everything is looked up before it is made, and a case whose application (found by
its idempotency key) exists is left as it is. The whole build is one transaction, so a failure
leaves nothing half-made and a second run finds everything or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from permitdesk.accounts.models import ApiToken, Membership, Role, token_digest
from permitdesk.cases.models import Application, Inspection
from permitdesk.demo.clock import DemoClock
from permitdesk.demo.jurisdictions import Synced, sync_jurisdictions
from permitdesk.demo.plans import PLANS, VISIT_BUILDINGS
from permitdesk.demo.specs import CaseSpec, JurisdictionPlan, PropertySpec
from permitdesk.demo.walks import CaseWalk
from permitdesk.law.loader import get_pack
from permitdesk.records import relations
from permitdesk.records import services as records
from permitdesk.records.models import Jurisdiction, Property, Relation, Unit
from permitdesk.rules.calendar import local, zone

# Published on purpose, in the README and in every run's output: demo accounts only.
DEMO_PASSWORD = "permitdesk-demo"
ADMIN_USERNAME = "admin"
STAFF_ROLES = (Role.CLERK, Role.INSPECTOR, Role.CODE_OFFICIAL, Role.DIVISION_ADMIN)
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


@dataclass(frozen=True)
class Scene:
    """One jurisdiction's demo: its plan, its row, its staff, the applicants and its clock."""

    plan: JurisdictionPlan
    jurisdiction: Jurisdiction
    crew: dict[str, User]
    applicants: dict[str, User]
    clock: DemoClock


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
    def __init__(self, today: dt.date | None = None) -> None:
        """`today`: the day the demo is loaded for (default: today in each jurisdiction)."""
        self.report = Report()
        self._passwords = _Passwords()
        self._today = today

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
        """A clerk, an inspector, a code official and a division administrator (who manages
        the other three's roles) of the jurisdiction."""
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
                actor=clerk, jurisdiction_slug=jurisdiction.slug, now=now, **spec.recorded()
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

    def relate(self, person: User, kind: str, unit: Unit, clerk: User, now: dt.datetime) -> None:
        """The applicant's relation to the property, claimed and verified by the clerk
        through the relations services (one already verified is kept)."""
        place = unit.property
        mine = Relation.objects.filter(person=person, property=place, kind=kind)
        if mine.filter(status=Relation.Status.VERIFIED).exists():
            self.report.kept["relations"] += 1
            return
        claimed = mine.filter(status=Relation.Status.CLAIMED).first()
        if claimed is None:
            claimed = relations.claim_relation(
                actor=person,
                jurisdiction_slug=place.jurisdiction.slug,
                parcel_id=place.parcel_id,
                kind=kind,
                evidence="demo: deed of record"
                if kind == Relation.Kind.OWNER
                else "demo: the owner's management agreement",
                now=now,
            )
        relations.verify_relation(actor=clerk, relation=claimed, now=now)
        self.report.made["relations"] += 1

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
                    pack = get_pack(plan.slug)
                    clock = DemoClock(pack, self._today or local(pack, timezone.now()).date())
                    scene = Scene(plan, jurisdiction, crew, applicants, clock)
                    self.walk_plan(scene)
                    self.top_up(scene)
                self.report.statuses[synced.slug] = Counter(
                    Application.objects.filter(jurisdiction=jurisdiction).values_list(
                        "status", flat=True
                    )
                )
        return self.report

    def walk_plan(self, scene: Scene) -> None:
        plan, jurisdiction, crew, clock = scene.plan, scene.jurisdiction, scene.crew, scene.clock
        recorded_at = clock.at(plan.recorded_at)
        units = {
            (spec.parcel_id, label): unit
            for spec in plan.properties
            for label, unit in self.place(jurisdiction, spec, crew[Role.CLERK], recorded_at).items()
        }
        for case in plan.cases:
            self.walk_case(scene, case, units[(case.parcel_id, case.label)])

    def walk_case(self, scene: Scene, case: CaseSpec, unit: Unit) -> None:
        plan, crew, applicants, clock = scene.plan, scene.crew, scene.applicants, scene.clock
        key = f"demo:{plan.slug}:{case.key}"
        if Application.objects.filter(idempotency_key=key).exists():
            self.report.kept["cases"] += 1
            return
        kind = Relation.Kind.OWNER if case.applicant == "owner" else Relation.Kind.MANAGING_AGENT
        self.relate(applicants[case.applicant], kind, unit, crew[Role.CLERK], clock.at(case.start))
        CaseWalk(plan, case, key, crew, applicants[case.applicant], clock).run(unit)
        self.report.made["cases"] += 1

    # --- the coming days ------------------------------------------------------------------

    def top_up(self, scene: Scene) -> None:
        """The inspector's visits: those of past days (a demo loaded earlier) are done, so none
        is left overdue, and the demo day and the next business day each have one."""
        plan, jurisdiction, crew, clock = scene.plan, scene.jurisdiction, scene.crew, scene.clock
        pending = Inspection.objects.filter(
            application__jurisdiction=jurisdiction,
            application__idempotency_key__startswith="demo:",
            result=Inspection.Result.PENDING,
        ).select_related("application")
        for inspection in pending.filter(scheduled_on__lt=clock.today).order_by("scheduled_on"):
            walk = CaseWalk.resumed(plan, inspection.application, crew, clock)
            walk.settle(walk.on_day(inspection.scheduled_on, 8))
            walk.inspect(inspection, Inspection.Result.PASSED)
            self.report.made["visits done"] += 1
        for ahead in (0, 1):
            day = clock.visit_day(ahead)
            if pending.filter(scheduled_on=day, inspector=crew[Role.INSPECTOR]).exists():
                continue
            start = dt.datetime.combine(day - dt.timedelta(weeks=2), dt.time(10), zone(clock.pack))
            case = CaseSpec(
                "inspection-requested",
                VISIT_BUILDINGS[plan.slug].parcel_id,
                "",
                "agent",
                "lease",
                clock.written(start),
                visit_in=ahead,
                name=f"visit-{day.isoformat()}",
            )
            unit = self.free_unit(jurisdiction, VISIT_BUILDINGS[plan.slug], crew[Role.CLERK], start)
            self.walk_case(scene, replace(case, label=unit.label), unit)

    def free_unit(
        self, jurisdiction: Jurisdiction, spec: PropertySpec, clerk: User, now: dt.datetime
    ) -> Unit:
        """A unit of the visits' building that has no application yet (one more if none)."""
        units = Unit.objects.filter(
            property__jurisdiction=jurisdiction, property__parcel_id=spec.parcel_id
        )
        free = units.filter(applications__isnull=True).order_by("pk").first()
        if free is not None:
            return free
        first = spec.units[0]
        labels = [str(int(first.label) + n) for n in range(units.count() + 1)]
        more = replace(spec, units=tuple(replace(first, label=label) for label in labels))
        return self.place(jurisdiction, more, clerk, now)[labels[-1]]


def build_demo(today: dt.date | None = None) -> Report:
    return Builder(today).build()
