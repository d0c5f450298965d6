"""parties: owners, managing agents, realtors and tenants, known by the source system's
reference (source_ref, the natural key), each named on its case (case_ref) where one is
given; a party on several cases is a row per case. A second run with other contact details
updates the party, with before and after."""

from __future__ import annotations

from typing import Any

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application
from permitdesk.imports.kinds import places
from permitdesk.imports.pipeline import Context, Kind, Plan
from permitdesk.imports.rows import Fields, Row
from permitdesk.records.models import Jurisdiction, Party
from permitdesk.records.services import party_state

BATCH = 1000
# The choices, read once (a TextChoices' .values is built anew at each read).
KINDS = tuple(Party.Kind.values)


def _values(fields: Fields) -> dict[str, str]:
    email = fields.email("email")  # read first: its problem is listed before the others
    return {
        "kind": fields.choice("kind", KINDS),
        "name": fields.text("name", required=True),
        "email": email,
        "phone": fields.text("phone", limit=32),
    }


def _named(parties: dict[int, Party]) -> set[tuple[int, int]]:
    """(case, party) of these parties' cases, in one query."""
    through = Application.parties.through.objects.filter(party_id__in=list(parties))
    return set(through.values_list("application_id", "party_id"))


def check(context: Context, placed: list[tuple[Row, Jurisdiction]]) -> Plan:
    """A row creates its party, updates it (other details), or names it on another case (a
    party on several cases is a row per case, with the same details); else it is unchanged.
    Plan entries: (row, where, case, party or None for one created in this chunk, values,
    the details before)."""
    plan = Plan()
    keys = places.source_keys("party", placed, "source_ref")
    parties = Party.objects.in_bulk(set(keys.values()))
    named = _named(parties)
    cases = places.cases_by_ref([(r, w) for r, w in placed if r["case_ref"]])
    first: dict[tuple[int, str], tuple[int, dict[str, str]]] = {}  # created in this chunk
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
        key = (where.pk, row["source_ref"])
        found = parties.get(keys.get(key, 0))
        known = party_state(found) if found is not None else first.get(key, (0, None))[1]
        if key in first and known != values:
            fields.problem(
                "source_ref",
                f"party '{row['source_ref']}' has other details than at line {first[key][0]}: "
                "a party on several cases is given with the same details on each row",
            )
        if plan.refuses(fields):
            continue
        if known is None:
            first[key] = (row.line, values)
            plan.creates.append((row, where, case, None, values, None))
        elif (
            known != values
            or (case and found is None)
            or (case and found is not None and (case.pk, found.pk) not in named)
        ):
            plan.updates.append((row, where, case, found, values, known))
        else:
            plan.unchanged += 1
    return plan


def _event(
    context: Context,
    row: Row,
    party: Party,
    where: Jurisdiction,
    case: Application | None,
    **change: Any,
) -> AuditEvent:
    """The import's audit event of a party, filed under the case that names it (if any)."""
    return context.event(
        row, "import-party", party, where, application_id=case.pk if case else None, **change
    )


def write(context: Context, plan: Plan) -> list[AuditEvent]:
    made = Party.objects.bulk_create(
        [Party(**values) for *_, values, _ in plan.creates], batch_size=BATCH
    )
    places.keep_source_keys("party", "source_ref", plan.creates, made)
    created = {
        (where.pk, row["source_ref"]): party
        for (row, where, *_), party in zip(plan.creates, made, strict=True)
    }
    events = [
        _event(
            context,
            row,
            party,
            where,
            case,
            after={**values, "source_ref": row["source_ref"], "case_ref": row["case_ref"]},
        )
        for (row, where, case, _, values, _), party in zip(plan.creates, made, strict=True)
    ]
    links = [(case, party) for (_, _, case, *_), party in zip(plan.creates, made, strict=True)]
    changed = []
    for row, where, case, found, values, before in plan.updates:
        party = found or created[(where.pk, row["source_ref"])]
        if found is not None and values != before:
            for name, value in values.items():
                setattr(party, name, value)
            changed.append(party)
        links.append((case, party))
        after = {**values, "case_ref": row["case_ref"]}
        events.append(_event(context, row, party, where, case, before=before, after=after))
    Party.objects.bulk_update(changed, list(party_state(Party())), batch_size=BATCH)
    Application.parties.through.objects.bulk_create(
        [
            Application.parties.through(application_id=case.pk, party_id=party.pk)
            for case, party in links
            if case is not None
        ],
        ignore_conflicts=True,
        batch_size=BATCH,
    )
    return events


KIND = Kind(
    name="parties",
    required=("source_ref", "kind", "name"),
    optional=("email", "phone", "case_ref"),
    key=("source_ref", "case_ref"),
    key_rule="a party is named once on a case",
    check=check,
    write=write,
)
