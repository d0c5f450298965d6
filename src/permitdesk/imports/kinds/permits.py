"""permits: the permits in force at go-live, known by their number (the natural key). Each
comes with the issued case it belongs to, made here. Its dates are checked against the law:
issued on or before today; where the pack sets a term (Clayton: five years), the end is the
issue date plus that term, and not yet past; where it sets none, no end date."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application, Permit
from permitdesk.imports.kinds import places
from permitdesk.imports.pipeline import Context, Kind, Plan
from permitdesk.imports.rows import Fields, Row
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import NotInForce
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.periods import add_period

BATCH = 1000
# The choices, read once (a TextChoices' .values is built anew at each read).
TRIGGERS = tuple(Application.Trigger.values)


@cache
def expected_end(slug: str, issued_on: dt.date) -> tuple[dt.date | None, str]:
    """The end the pack's permit_term gives a permit issued on `issued_on`, and the rule's
    words for a message; no term, no end. NotInForce when the term had no version then."""
    pack = get_pack(slug)
    if not pack.has_term("permit_term"):
        return None, f"{pack.slug} sets no permit term: a permit runs until it is ended"
    term = pack.term_version("permit_term", issued_on)
    years = pack.count("permit_term", issued_on)
    rule = f"permit_term: {years} years from the date of issue ({pack.cite(term.citation)})"
    return add_period(pack, issued_on, years, "years", issued_on), rule


def _dates(
    fields: Fields, context: Context, where: Jurisdiction
) -> tuple[dt.date | None, dt.date | None]:
    issued_on, ends_on = fields.date("issued_on"), fields.date("ends_on", required=False)
    if issued_on is None:
        return None, None
    today, pack = context.today(where), context.pack(where)
    if issued_on > today:
        fields.problem(
            "issued_on",
            f"issued_on {issued_on} is after today ({today} in {where.slug}): a permit in force "
            "was issued on or before today (rule: no date after today)",
        )
        return None, None
    try:
        end, rule = expected_end(pack.slug, issued_on)
    except NotInForce as absent:
        fields.problem("issued_on", f"issued_on {issued_on}: {absent}")
        return None, None
    if end is None and ends_on is not None:
        fields.problem("ends_on", f"ends_on must be blank: {rule}")
    elif end is not None and ends_on not in (None, end):
        fields.problem("ends_on", f"ends_on {ends_on} is not {end}, the end by {rule}")
    elif end is not None and end < today:
        fields.problem(
            "issued_on",
            f"the permit ended on {end} by {rule}; only permits in force on {today} are imported",
        )
    return issued_on, end


def _values(
    fields: Fields, context: Context, where: Jurisdiction, known: dict[str, Any]
) -> dict[str, Any]:
    issued_on, ends_on = _dates(fields, context, where)
    return {
        "number": fields.text("number", required=True, limit=32),
        "unit": places.unit_of(fields, where, known["units"]),
        "applicant": places.applicant_of(fields, context, known["applicants"]),
        "fee_item": places.fee_item_of(fields, context.pack(where)),
        "trigger": fields.choice("trigger", TRIGGERS, default="change-of-occupancy"),
        "evidence": fields.text("evidence", limit=40),
        "issued_on": issued_on,
        "ends_on": ends_on,
    }


def check(context: Context, placed: list[tuple[Row, Jurisdiction]]) -> Plan:
    plan = Plan()
    known: dict[str, Any] = {
        "units": places.units(placed),
        "applicants": places.applicants(placed),
    }
    numbers = {
        p.number: p
        for p in Permit.objects.filter(
            number__in={row["number"] for row, _ in placed}
        ).select_related("application")
    }
    in_force = dict(
        Permit.objects.filter(
            application__unit_id__in=known["units"].values(), ended_at=None
        ).values_list("application__unit_id", "number")
    )
    for row, where in placed:
        fields = Fields(row)
        values = _values(fields, context, where, known)
        found = numbers.get(values["number"])
        unit = values["unit"]
        if unit is not None and in_force.get(unit, values["number"]) != values["number"]:
            fields.problem(
                "number",
                f"the unit already has permit {in_force[unit]} in force: never two in force "
                "on one unit",
            )
        if plan.refuses(fields):
            continue
        if found is None:
            in_force[unit] = values["number"]
            plan.creates.append((row, where, values))
        else:
            plan.unchanged_or_refused(
                row,
                _same(found, values, where),
                "number",
                f"permit {values['number']} is recorded with other values (its case, unit or "
                "dates); a permit changes through its services, not by a second import",
            )
    return plan


def _same(permit: Permit, values: dict[str, Any], where: Jurisdiction) -> bool:
    case = permit.application
    return (
        case.jurisdiction_id == where.pk
        and case.unit_id == values["unit"]
        and permit.ends_on == values["ends_on"]
        and permit.issued_at.astimezone(places.zone_of(where)).date() == values["issued_on"]
    )


def write(context: Context, plan: Plan) -> list[AuditEvent]:
    cases = [
        places.new_case(
            where,
            v,
            v["issued_on"],
            status=Application.Status.ISSUED,
            channel=Application.Channel.IN_PERSON,
        )
        for _, where, v in plan.creates
    ]
    Application.objects.bulk_create(cases, batch_size=BATCH)
    permits = Permit.objects.bulk_create(
        [
            Permit(
                application_id=case.pk,
                number=v["number"],
                kind=Permit.Kind.STANDARD,
                issued_at=case.submitted_at,
                ends_on=v["ends_on"],
                evidence=v["evidence"],
            )
            for (_, _, v), case in zip(plan.creates, cases, strict=True)
        ],
        batch_size=BATCH,
    )
    return [
        context.event(
            row, "import-permit", permit, where, application_id=case.pk, after=_shown(permit, v)
        )
        for (row, where, v), case, permit in zip(plan.creates, cases, permits, strict=True)
    ]


def _shown(permit: Permit, values: dict[str, Any]) -> dict[str, Any]:
    """The permit as its audit event shows it."""
    return {
        "number": permit.number,
        "unit": values["unit"],
        "issued_on": values["issued_on"].isoformat(),
        "ends_on": values["ends_on"].isoformat() if values["ends_on"] else None,
    }


KIND = Kind(
    name="permits",
    required=("number", "parcel_id", "issued_on"),
    optional=("unit_label", "ends_on", "fee_item", "trigger", "evidence", "applicant_email"),
    key=("number",),
    key_rule="a permit number is issued once",
    check=check,
    write=write,
)
