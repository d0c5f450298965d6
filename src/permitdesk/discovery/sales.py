"""sales: a county recorder's or assessor's export of recorded transfers, read through the
imports' pipeline (permitdesk.imports.pipeline: every row checked, dry run, all or nothing,
an audit event per record, the reconciliation). Each row becomes the ChangeEvidence of a
sale, with the keys it is matched by (discovery.addresses) and the day an application is
expected (the pack's sale_application_deadline); the matching itself runs on the written
rows, in the database (discovery.matching). docs/discovery.md documents the columns.

A row is refused only where it cannot be matched or counted: no parcel id and no address, an
address usaddress cannot read, a parcel id unknown here with no address to match by, a deed
type the pack does not name, a recording date in the future or before the program began."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from permitdesk.audit.models import AuditEvent
from permitdesk.discovery.addresses import Unparseable, parcel_key, parse
from permitdesk.discovery.models import ChangeEvidence, PlaceKey
from permitdesk.imports.pipeline import Context, Kind, Plan
from permitdesk.imports.rows import Fields, Row
from permitdesk.law.pack import NotInForce, Pack
from permitdesk.records.models import Jurisdiction, Property

BATCH = 1000
MOST_PRICE = Decimal("1000000000")
KEY = ("parcel_id", "situs_address", "unit", "recorded_on", "grantee")
SAVED = ("deed_type", "counted", "grantor", "grantee_email", "price", "mailing_address")


def natural_key(row: Row) -> str:
    """The row's natural key as stored: the columns of KEY, in order."""
    return "|".join(" ".join(row[column].upper().split()) for column in KEY)[:400]


def deed_types(pack: Pack, on: dt.date) -> tuple[list[str], list[str]]:
    """The pack's counted and exempt deed types in force on `on`."""
    return (
        pack.names("sale_discovery_counted_deeds", on),
        pack.names("sale_discovery_exempt_transfers", on),
    )


def _recorded(fields: Fields, pack: Pack, today: dt.date) -> dt.date | None:
    day = fields.date("recorded_on")
    if day is None:
        return None
    if day > today:
        fields.problem(
            "recorded_on", f"recorded_on is {day}, after today ({today}): a recording in the future"
        )
        return None
    try:
        pack.term_version("sale_application_deadline", day)
    except NotInForce:
        first = min(v.effective for v in pack.terms["sale_application_deadline"].values)
        fields.problem(
            "recorded_on",
            f"recorded_on is {day}, before {pack.name}'s program began ({first})",
        )
        return None
    return day


def _deed(fields: Fields, pack: Pack, day: dt.date) -> tuple[str, bool]:
    counted, exempt = deed_types(pack, day)
    deed = fields.row["deed_type"].lower().replace(" ", "-")
    if deed not in counted + exempt:
        shown = f"'{fields.row['deed_type']}'" if deed else "blank"
        fields.problem("deed_type", f"deed_type is {shown}; one of: {', '.join(counted + exempt)}")
    return deed, deed in counted


def _email(fields: Fields) -> str:
    value = fields.text("grantee_email", limit=254)
    if value:
        try:
            validate_email(value)
        except ValidationError:
            fields.problem("grantee_email", f"grantee_email '{value}' is not an e-mail address")
            return ""
    return value


def _place(fields: Fields, known_parcels: set[str]) -> dict[str, str] | None:
    """The row's matching keys; a problem where there is nothing to match by."""
    row = fields.row
    address, parcel = fields.text("situs_address", limit=200), fields.text("parcel_id", limit=64)
    if not address and not parcel:
        fields.problem("situs_address", "situs_address is required where parcel_id is blank")
        return None
    if not address:
        if parcel_key(parcel) not in known_parcels:
            fields.problem(
                "parcel_id",
                f"parcel '{parcel}' is not recorded here and the row has no situs_address to "
                "match by: give the address, or import the property first",
            )
            return None
        return {
            "parcel_key": parcel_key(parcel),
            "street_key": "",
            "number": "",
            "street": "",
            "unit_key": "",
            "zip_code": row["situs_zip"][:5],
        }
    try:
        place = parse(address, row["unit"], row["situs_zip"])
    except Unparseable as error:
        fields.problem("situs_address", f"situs_address {error}: e.g. 123 N Main St")
        return None
    return {
        "parcel_key": parcel_key(parcel),
        "street_key": place.street_key[:200],
        "number": place.number[:16],
        "street": place.street[:190],
        "unit_key": place.unit[:32],
        "zip_code": place.zip_code,
    }


def _mailing_key(text: str, site: str, street_key: str) -> str:
    """The mailing address's number and street; the site's own where it begins with the
    site address as written (most owners live where they bought: no second parse)."""
    if text.upper().startswith(site.upper()):
        return street_key
    try:
        return parse(text).street_key[:200] if text else ""
    except Unparseable:
        return ""  # a post-office box or a foreign address: no signal either way


def _values(
    context: Context, row: Row, where: Jurisdiction, known: set[str]
) -> Fields | dict[str, Any]:
    fields = Fields(row)
    pack = context.pack(where)
    day = _recorded(fields, pack, context.today(where))
    place = _place(fields, known)
    values: dict[str, Any] = {
        "grantor": fields.text("grantor", limit=200),
        "grantee": fields.text("grantee", required=True, limit=200),
        "grantee_email": _email(fields),
        "price": fields.amount("price", least=Decimal(0), most=MOST_PRICE, required=False)
        if row["price"]
        else None,
        "mailing_address": fields.text("mailing_address", limit=300),
        "unit_label": fields.text("unit", limit=32),
    }
    if day is not None:
        values["deed_type"], values["counted"] = _deed(fields, pack, day)
        values["recorded_on"] = day
        values["due_on"] = day + dt.timedelta(days=pack.count("sale_application_deadline", day))
        values["answered_from"] = day - dt.timedelta(
            days=pack.count("sale_application_lookback", day)
        )
    if fields.problems or place is None or day is None:
        return fields
    values.update(place)
    values["mailing_key"] = _mailing_key(
        values["mailing_address"], row["situs_address"], values["street_key"]
    )
    values["possible_rental"] = bool(values["mailing_key"]) and (
        values["mailing_key"] != values["street_key"]
    )
    return values


def check(context: Context, placed: list[tuple[Row, Jurisdiction]]) -> Plan:
    plan = Plan()
    keys = {(where.pk, natural_key(row)) for row, where in placed}
    existing = {
        (e.jurisdiction_id, e.natural_key): e
        for e in ChangeEvidence.objects.filter(
            source=ChangeEvidence.Source.SALE,
            jurisdiction_id__in={j for j, _ in keys},
            natural_key__in={k for _, k in keys},
        )
    }
    wanted = {parcel_key(row["parcel_id"]) for row, _ in placed if not row["situs_address"]}
    places = {w.pk for _, w in placed}
    raw = {row["parcel_id"] for row, _ in placed if not row["situs_address"]} - {""}
    # The keys, and (a dry run keys nothing) the parcels recorded as written in the file.
    known = set(
        PlaceKey.objects.filter(
            jurisdiction_id__in=places, parcel_key__in=wanted - {""}
        ).values_list("parcel_key", flat=True)
    ) | {
        parcel_key(p)
        for p in Property.objects.filter(jurisdiction_id__in=places, parcel_id__in=raw).values_list(
            "parcel_id", flat=True
        )
    }
    for row, where in placed:
        values = _values(context, row, where, known)
        if isinstance(values, Fields):
            plan.problems.extend(values.problems)
            continue
        found = existing.get((where.pk, natural_key(row)))
        if found is None:
            plan.creates.append((row, where, values))
            continue
        before = {name: getattr(found, name) for name in SAVED}
        after = {name: values[name] for name in SAVED}
        if before != after:
            plan.updates.append((row, where, found, before, after))
        else:
            plan.unchanged += 1
    return plan


def _shown(values: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, Decimal | dt.date) else v for k, v in values.items()}


def write(context: Context, plan: Plan) -> list[AuditEvent]:
    made = ChangeEvidence.objects.bulk_create(
        [
            ChangeEvidence(
                jurisdiction=where,
                source=ChangeEvidence.Source.SALE,
                natural_key=natural_key(row),
                imported_from=f"{context.source}:{row.line}"[:250],
                parcel_id=row["parcel_id"][:64],
                address=row["situs_address"][:200],
                created_at=context.now,
                **values,
            )
            for row, where, values in plan.creates
        ],
        batch_size=BATCH,
    )
    events = [
        context.event(row, "discovery.sale-recorded", evidence, where, after=_shown(values))
        for (row, where, values), evidence in zip(plan.creates, made, strict=True)
    ]
    changed = []
    for row, where, evidence, before, after in plan.updates:
        for name, value in after.items():
            setattr(evidence, name, value)
        changed.append(evidence)
        events.append(
            context.event(
                row,
                "discovery.sale-recorded",
                evidence,
                where,
                before=_shown(before),
                after=_shown(after),
            )
        )
    if changed:
        ChangeEvidence.objects.bulk_update(changed, list(SAVED), batch_size=BATCH)
    return events


KIND = Kind(
    name="sales",
    required=(
        "parcel_id",
        "situs_address",
        "unit",
        "recorded_on",
        "deed_type",
        "grantor",
        "grantee",
        "price",
        "mailing_address",
    ),
    optional=("situs_zip", "grantee_email"),
    key=KEY,
    key_rule="a transfer is recorded once (parcel, address, unit, date and grantee)",
    check=check,
    write=write,
)
