"""parties: owners, managing agents, realtors and tenants, known by the source system's
reference (source_ref, the natural key), each named on its case (case_ref) where one is
given. A second run with other contact details updates the party, with before and after."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application
from permitdesk.imports.kinds import places
from permitdesk.imports.models import SourceKey
from permitdesk.imports.pipeline import Context, Kind, Plan
from permitdesk.imports.rows import Fields, Row
from permitdesk.records.models import Jurisdiction, Party
from permitdesk.records.services import party_state

BATCH = 1000
# The choices, read once (a TextChoices' .values is built anew at each read).
KINDS = tuple(Party.Kind.values)


def _values(fields: Fields) -> dict[str, str]:
    email = fields.text("email", limit=254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            fields.problem("email", f"email '{email}' is not an e-mail address (blank: none)")
    return {
        "kind": fields.choice("kind", KINDS),
        "name": fields.text("name", required=True),
        "email": email,
        "phone": fields.text("phone", limit=32),
    }


def check(context: Context, placed: list[tuple[Row, Jurisdiction]]) -> Plan:
    plan = Plan()
    keys = places.source_keys("party", placed, "source_ref")
    parties = Party.objects.in_bulk(set(keys.values()))
    cases = places.cases_by_ref([(r, w) for r, w in placed if r["case_ref"]])
    for row, where in placed:
        fields = Fields(row)
        fields.text("source_ref", required=True, limit=100)
        values = _values(fields)
        case = cases.get((where.pk, row["case_ref"]))
        if row["case_ref"] and case is None:
            fields.problem(
                "case_ref",
                f"no case '{row['case_ref']}' was imported in {where.slug}: import the cases first",
            )
        if fields.problems:
            plan.problems.extend(fields.problems)
            continue
        found = parties.get(keys.get((where.pk, row["source_ref"]), 0))
        if found is None:
            plan.creates.append((row, where, case, values))
        elif party_state(found) != values:
            plan.updates.append((row, where, case, found, values))
        else:
            plan.unchanged += 1
    return plan


def write(context: Context, plan: Plan) -> list[AuditEvent]:
    made = Party.objects.bulk_create([Party(**v) for *_, v in plan.creates], batch_size=BATCH)
    SourceKey.objects.bulk_create(
        [
            SourceKey(jurisdiction=where, kind="party", key=row["source_ref"], object_id=party.pk)
            for (row, where, _, _), party in zip(plan.creates, made, strict=True)
        ],
        batch_size=BATCH,
    )
    events = [
        context.event(
            row,
            "import-party",
            party,
            where,
            application_id=case.pk if case else None,
            after={**v, "source_ref": row["source_ref"]},
        )
        for (row, where, case, v), party in zip(plan.creates, made, strict=True)
    ]
    changed = []
    for row, where, _, party, values in plan.updates:
        before: dict[str, Any] = party_state(party)
        for name, value in values.items():
            setattr(party, name, value)
        changed.append(party)
        events.append(context.event(row, "import-party", party, where, before=before, after=values))
    Party.objects.bulk_update(changed, list(party_state(Party())), batch_size=BATCH)
    named = [
        Application.parties.through(application_id=case.pk, party_id=party.pk)
        for (_, _, case, _), party in zip(plan.creates, made, strict=True)
        if case is not None
    ]
    named += [
        Application.parties.through(application_id=case.pk, party_id=party.pk)
        for _, _, case, party, _ in plan.updates
        if case is not None
    ]
    Application.parties.through.objects.bulk_create(named, ignore_conflicts=True, batch_size=BATCH)
    return events


KIND = Kind(
    name="parties",
    required=("source_ref", "kind", "name"),
    optional=("email", "phone", "case_ref"),
    key=("source_ref",),
    key_rule="a party is imported once per reference",
    check=check,
    write=write,
)
