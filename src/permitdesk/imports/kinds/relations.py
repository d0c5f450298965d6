"""relations: who a person is to a parcel (or one of its units) — owner of record, managing
agent, buyer, tenant — for the people of the go-live data, who would otherwise have no
relation and could not apply (docs/decisions/0013). The person is known by the e-mail of
their account; a relation is one per person, parcel, unit and kind (the natural key).

The importer is the jurisdiction's clerk, vouching for the source: a row is `verified`
unless it says `claimed` (then the claim waits on the claims page). A second run that
verifies a claimed relation updates it, with before and after; an import never takes a
verification back."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models.functions import Lower

from permitdesk.audit.models import AuditEvent
from permitdesk.imports.pipeline import Context, Kind, Plan
from permitdesk.imports.rows import Fields, Row
from permitdesk.records.models import Jurisdiction, Property, Relation, Unit
from permitdesk.records.relations import EVIDENCE_LIMIT, relation_state

BATCH = 1000
KINDS = tuple(Relation.Kind.values)
STATUSES = (Relation.Status.VERIFIED, Relation.Status.CLAIMED)  # verified unless told


def _people(placed: list[tuple[Row, Jurisdiction]]) -> dict[str, User]:
    emails = {row["person_email"].lower() for row, _ in placed if row["person_email"]}
    found = User.objects.annotate(address=Lower("email")).filter(address__in=emails)
    # the oldest account of an address wins (read last, so it is the one kept)
    return {person.email.lower(): person for person in found.order_by("-pk")}


def _places(placed: list[tuple[Row, Jurisdiction]]) -> dict[tuple[int, str], Property]:
    found = Property.objects.filter(
        jurisdiction_id__in={where.pk for _, where in placed},
        parcel_id__in={row["parcel_id"] for row, _ in placed},
    )
    return {(place.jurisdiction_id, place.parcel_id): place for place in found}


def _units(places: dict[tuple[int, str], Property]) -> dict[tuple[int, str], Unit]:
    found = Unit.objects.filter(property_id__in=[p.pk for p in places.values()])
    return {(unit.property_id, unit.label): unit for unit in found}


def _live(places: dict[tuple[int, str], Property]) -> dict[tuple[Any, ...], Relation]:
    found = Relation.objects.filter(
        property_id__in=[p.pk for p in places.values()], status__in=Relation.LIVE
    )
    return {(r.person_id, r.property_id, r.unit_id, r.kind): r for r in found}


def check(context: Context, placed: list[tuple[Row, Jurisdiction]]) -> Plan:
    """A row creates its relation, verifies one claimed before, or is unchanged. Plan
    entries: (row, where, values) to create; (row, where, relation) to verify."""
    plan = Plan()
    people, places = _people(placed), _places(placed)
    units, live = _units(places), _live(places)
    for row, where in placed:
        fields = Fields(row)
        parcel = fields.text("parcel_id", required=True, limit=64)
        email = fields.text("person_email", required=True, limit=254).lower()
        kind = fields.choice("kind", KINDS)
        status = fields.choice("status", STATUSES, default=Relation.Status.VERIFIED)
        evidence = fields.text("evidence", limit=EVIDENCE_LIMIT)
        place = places.get((where.pk, parcel))
        if parcel and place is None:
            fields.problem(
                "parcel_id",
                f"no parcel '{parcel}' is recorded in {where.slug}: import the properties first",
            )
        person = people.get(email)
        if email and person is None:
            fields.problem(
                "person_email", f"no account has the e-mail '{email}': make the account first"
            )
        unit = None
        if place is not None and row["unit_label"]:
            unit = units.get((place.pk, row["unit_label"]))
            if unit is None:
                fields.problem(
                    "unit_label",
                    f"parcel '{parcel}' has no unit '{row['unit_label']}': import the units first",
                )
        if fields.problems or place is None or person is None:
            plan.problems.extend(fields.problems)
            continue
        found = live.get((person.pk, place.pk, unit.pk if unit else None, kind))
        values = {
            "person": person,
            "property": place,
            "unit": unit,
            "kind": kind,
            "status": status,
            "evidence": evidence,
        }
        if found is None:
            plan.creates.append((row, where, values))
        elif found.status == Relation.Status.CLAIMED and status == Relation.Status.VERIFIED:
            plan.updates.append((row, where, found))
        else:
            plan.unchanged += 1
    return plan


def _state(relation: Relation) -> dict[str, object]:
    """The relation as the trail records it (records.relations), without the reason of a
    clerk's decision, which an imported relation has none of."""
    return {k: v for k, v in relation_state(relation).items() if k != "reason"}


def write(context: Context, plan: Plan) -> list[AuditEvent]:
    def decided(status: str) -> dict[str, Any]:
        if status != Relation.Status.VERIFIED:
            return {}
        return {"decided_at": context.now, "decided_by": context.actor}

    made = Relation.objects.bulk_create(
        [
            Relation(**values, claimed_at=context.now, **decided(values["status"]))
            for _, _, values in plan.creates
        ],
        batch_size=BATCH,
    )
    events = [
        context.event(row, "import-relation", relation, where, after=_state(relation))
        for (row, where, _), relation in zip(plan.creates, made, strict=True)
    ]
    verified: list[Relation] = []
    for row, where, relation in plan.updates:
        before = _state(relation)
        relation.status = Relation.Status.VERIFIED
        relation.decided_at, relation.decided_by = context.now, context.actor
        verified.append(relation)
        events.append(
            context.event(
                row, "import-relation", relation, where, before=before, after=_state(relation)
            )
        )
    Relation.objects.bulk_update(verified, ["status", "decided_at", "decided_by"], batch_size=BATCH)
    return events


KIND = Kind(
    name="relations",
    required=("parcel_id", "person_email", "kind"),
    optional=("unit_label", "status", "evidence"),
    key=("parcel_id", "unit_label", "person_email", "kind"),
    key_rule="a person holds one relation of a kind to a parcel or unit",
    check=check,
    write=write,
)
