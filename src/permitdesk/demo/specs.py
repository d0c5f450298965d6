"""The shape of a demo plan (jurisdiction, properties, units, bedrooms, people, cases and the
goal each is walked to), and the violations and households the plans share."""

from __future__ import annotations

from dataclasses import dataclass, fields

from permitdesk.cases.services.inspections import ViolationInput

# The statuses a demo case is walked to, in the order of the lifecycle; "temporary" is a
# submitted case with St. Clair's temporary permit, "conditional" the village's conditional one.
GOALS = (
    "submitted",
    "temporary",
    "inspection-requested",
    "failed",
    "conditional",
    "approved",
    "issued",
    "ended",
)


@dataclass(frozen=True)
class BedroomSpec:
    area_sqft: str
    basement: bool = False
    egress_opening_sqft: str | None = None


@dataclass(frozen=True)
class UnitSpec:
    label: str  # blank for a house
    unit_type: str
    units_in_building: int
    bedrooms: tuple[BedroomSpec, ...]


@dataclass(frozen=True)
class PropertySpec:
    parcel_id: str
    address: str
    city: str
    state: str
    zip_code: str
    units: tuple[UnitSpec, ...]

    def recorded(self) -> dict[str, str]:
        """The fields records.create_property takes: all but the units."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "units"}


@dataclass(frozen=True)
class Person:
    """An occupant, with the fields cases.services.occupants.add_occupant takes."""

    first_name: str
    last_name: str
    age: int
    relationship: str


@dataclass(frozen=True)
class CaseSpec:
    goal: str  # one of GOALS; one case per goal in a jurisdiction
    parcel_id: str
    label: str
    applicant: str  # "owner" or "agent"
    trigger: str
    start: str  # submitted at, local wall-clock time: "2026-03-02 10:00" (DemoClock moves it)
    occupants: tuple[Person, ...] = ()
    fail_first: bool = False  # a failed inspection and a re-inspection before the pass
    visit_in: int | None = None  # inspection-requested: business days after the demo day
    ended: str | None = None  # ended: when the permit ends, local
    end_reason: str = "change-of-tenancy"
    correction_due_on: str | None = None  # conditional
    owner_statement: str = ""  # conditional
    name: str = ""  # a case beside its goal's one (the visits booked for the coming days)

    @property
    def key(self) -> str:
        """Unique within the jurisdiction (one case per goal, or its name); the application's
        idempotency key names it."""
        return self.name or self.goal


@dataclass(frozen=True)
class JurisdictionPlan:
    slug: str
    recorded_at: str  # when the clerk recorded the properties, local
    fee_item: str
    payment_method: str
    violations: tuple[ViolationInput, ...]
    properties: tuple[PropertySpec, ...]
    cases: tuple[CaseSpec, ...]


def house(*areas: str) -> tuple[BedroomSpec, ...]:
    return tuple(BedroomSpec(a) for a in areas)


SMOKE_ALARM = ViolationInput(
    "IPMC 704.6.1.2",
    "No working smoke alarm in the hallway outside the bedrooms",
    "Install an interconnected smoke alarm in the hallway",
)
GUTTERS = ViolationInput(
    "IPMC 304.7", "Gutters detached at the rear elevation", "Re-hang the gutters and downspouts"
)
HANDRAIL = ViolationInput(
    "IPMC 305.5", "Basement stair handrail loose", "Secure the handrail to the wall"
)
OUTLETS = ViolationInput(
    "IPMC 605.1",
    "Open junction box and missing cover plates in the kitchen",
    "Cover the junction box; replace the cover plates",
)

FAMILY_OF_THREE = (
    Person("Dana", "Whitfield", 38, "head of household"),
    Person("Sam", "Whitfield", 36, "spouse"),
    Person("Riley", "Whitfield", 9, "daughter"),
)
COUPLE = (
    Person("Ana", "Moreno", 29, "head of household"),
    Person("Luis", "Moreno", 31, "spouse"),
)
ROOMMATES = (
    Person("Jordan", "Pike", 27, "head of household"),
    Person("Casey", "Lund", 26, "unrelated resident"),
)
