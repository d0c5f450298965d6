"""file_report(): a resident's or trustee's report of a change of occupancy (St. Louis County
encourages them, seed 004), from the public page or a city's 311 system (Open311). In one
transaction: the Report, its reporter's contact apart (ReporterContact, staff only), and
either a new ChangeEvidence(source=report) or, where the same change is already reported
(same jurisdiction, number and street, unit, counted or not, no lead closed on it, first
reported within the pack's report_merge_window), the existing one counted once more; and its
audit event. Matching runs at the hourly discovery sweep, as for a sale (docs/discovery.md).

Bad input (no address, one usaddress cannot read, a date in the future or before the
program, an unknown jurisdiction or change, a malformed e-mail address) is Refused naming its
field; nothing is written."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q

from permitdesk.discovery.addresses import Place, Unparseable, parse
from permitdesk.discovery.audit import Audit
from permitdesk.discovery.models import ChangeEvidence, Lead, Open311Client, Report, ReporterContact
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import NotInForce, Pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import Refused

DESCRIPTION_LIMIT = 2000
# Reference letters a person reads aloud or copies by hand without confusing them: no 0/O,
# 1/I/L or U. 12 of 30 letters: 5 × 10^17, so a reference cannot be guessed.
ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
PHONE = re.compile(r"^[0-9+()., x-]{7,32}$")


@dataclass(frozen=True)
class Contact:
    """Who reports, if they say: only staff read it."""

    name: str = ""
    email: str = ""
    phone: str = ""

    def given(self) -> bool:
        return bool(self.name or self.email or self.phone)


def new_reference() -> str:
    """A reference like 'K7QM-3XTA-9PWR': a token, not a count of reports."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def reference_key(text: str) -> str:
    """A reference as typed ('k7qm 3xta 9pwr') as stored ('K7QM-3XTA-9PWR'); '' if it is not
    one."""
    raw = re.sub(r"[\s-]", "", text.upper())
    if len(raw) != 12 or any(c not in ALPHABET for c in raw):
        return ""
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def _text(value: str, field: str, label: str, limit: int) -> str:
    text = " ".join(value.split()) if field != "description" else value.strip()
    if "\x00" in text:
        raise Refused(f"{label} has a null character", code="bad-text", field=field)
    if len(text) > limit:
        raise Refused(
            f"{label} is at most {limit} characters; this one has {len(text)}",
            code="too-long",
            field=field,
        )
    return text


def _jurisdiction(slug: str) -> Jurisdiction:
    # A NUL is no slug (and PostgreSQL refuses it in a query).
    found = None if "\x00" in slug else Jurisdiction.objects.filter(slug=slug[:64]).first()
    if found is None:
        known = ", ".join(Jurisdiction.objects.order_by("slug").values_list("slug", flat=True))
        raise Refused(
            f"the jurisdiction '{slug[:64]}' is not one of: {known}",
            code="jurisdiction-unknown",
            field="jurisdiction",
        )
    return found


def _place(address: str, unit: str) -> Place:
    text = _text(address, "address", "The address", 200)
    if not text:
        raise Refused(
            "enter the street address of the home, e.g. 123 N Main St",
            code="address-required",
            field="address",
        )
    try:
        return parse(text, _text(unit, "unit", "The unit", 32))
    except Unparseable as error:
        raise Refused(
            f"the address {error}: enter a house number and street, e.g. 123 N Main St",
            code="address-unreadable",
            field="address",
        ) from None


def _change(value: str) -> str:
    if value not in Report.Change.values:
        shown = f"'{value[:40]}'" if value else "blank"
        raise Refused(
            f"what changed is {shown}; one of: {', '.join(Report.Change.values)}",
            code="change-unknown",
            field="change",
        )
    return value


def _changed_on(day: dt.date | None, today: dt.date, pack: Pack) -> dt.date:
    if day is None:
        raise Refused(
            "enter the day it changed (or about)", code="date-required", field="changed_on"
        )
    if day > today:
        raise Refused(
            f"the day it changed is {day}, after today ({today}): report a change once it "
            "has happened",
            code="date-in-future",
            field="changed_on",
        )
    try:
        pack.term_version("report_counted_changes", day)
    except NotInForce:
        first = min(v.effective for v in pack.terms["report_counted_changes"].values)
        raise Refused(
            f"the day it changed is {day}, before {pack.name}'s program began ({first})",
            code="date-before-program",
            field="changed_on",
        ) from None
    return day


def _contact(contact: Contact) -> Contact:
    name = _text(contact.name, "name", "Your name", 200)
    email = _text(contact.email, "email", "Your e-mail address", 254)
    phone = _text(contact.phone, "phone", "Your phone number", 32)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Refused(
                f"'{email}' is not an e-mail address (like name@example.com)",
                code="email-invalid",
                field="email",
            ) from None
    if phone and not PHONE.match(phone):
        raise Refused(
            "a phone number is digits, with spaces, dashes, dots or brackets if you like "
            "(e.g. 314-615-7346)",
            code="phone-invalid",
            field="phone",
        )
    return Contact(name=name, email=email, phone=phone)


def _already_reported(
    place: Jurisdiction, keys: Place, counted: bool, since: dt.datetime
) -> ChangeEvidence | None:
    """The open report of the same change, locked: the latest first reported since `since`."""
    not_closed = Q(lead__isnull=True) | Q(lead__status__in=Lead.LIVE)
    return (
        ChangeEvidence.objects.select_for_update(of=("self",))
        .filter(
            not_closed,
            jurisdiction=place,
            source=ChangeEvidence.Source.REPORT,
            street_key=keys.street_key[:200],
            unit_key=keys.unit[:32],
            counted=counted,
            created_at__gte=since,
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def _evidence(
    place: Jurisdiction, pack: Pack, keys: Place, report: dict[str, Any], counted: bool
) -> ChangeEvidence:
    day: dt.date = report["changed_on"]
    client: Open311Client | None = report["client"]
    return ChangeEvidence.objects.create(
        jurisdiction=place,
        source=ChangeEvidence.Source.REPORT,
        natural_key=f"report:{report['reference']}",
        imported_from=f"open311:{client.name}"[:250] if client else "web",
        recorded_on=day,
        counted=counted,
        address=report["address"],
        unit_label=report["unit_label"],
        street_key=keys.street_key[:200],
        number=keys.number[:16],
        street=keys.street[:190],
        unit_key=keys.unit[:32],
        zip_code=keys.zip_code,
        due_on=day + dt.timedelta(days=pack.count("sale_application_deadline", day)),
        answered_from=day - dt.timedelta(days=pack.count("sale_application_lookback", day)),
        created_at=report["received_at"],
        change_kind=report["change"],
        report_count=1,
    )


def file_report(
    *,
    jurisdiction: str,
    address: str,
    unit: str = "",
    change: str,
    changed_on: dt.date | None,
    description: str = "",
    contact: Contact | None = None,
    channel: str,
    client: Open311Client | None = None,
    now: dt.datetime,
) -> Report:
    """Record one report (see the module's docstring); its Report, with its reference."""
    if channel not in Report.Channel.values:
        raise ValueError(f"channel '{channel}' is not one of {Report.Channel.values}")
    place = _jurisdiction(jurisdiction)
    pack = get_pack(place.slug)
    today = local(pack, now).date()
    keys = _place(address, unit)
    kind = _change(change)
    day = _changed_on(changed_on, today, pack)
    told = _contact(contact or Contact())
    counted = kind in pack.names("report_counted_changes", day)
    window = pack.count("report_merge_window", today)
    report: dict[str, Any] = {
        "reference": new_reference(),
        "channel": channel,
        "client": client,
        "change": kind,
        "changed_on": day,
        "address": _text(address, "address", "The address", 200),
        "unit_label": _text(unit, "unit", "The unit", 32),
        "description": _text(description, "description", "What you saw", DESCRIPTION_LIMIT),
        "received_at": now,
    }
    with transaction.atomic():
        evidence = _already_reported(place, keys, counted, now - dt.timedelta(days=window))
        if evidence is None:
            evidence = _evidence(place, pack, keys, report, counted)
            action, before = "discovery.report-filed", None
        else:
            before = {"report_count": evidence.report_count}
            evidence.report_count += 1
            evidence.save(update_fields=["report_count"])
            action = "discovery.report-merged"
        filed = Report.objects.create(evidence=evidence, **report)
        if told.given():
            ReporterContact.objects.create(
                report=filed, name=told.name, email=told.email, phone=told.phone
            )
        Audit(None, now, place.slug).record(
            action,
            evidence,
            before,
            {
                "reference": filed.reference,
                "channel": channel,
                "change": kind,
                "changed_on": str(day),
                "address": filed.address,
                "unit": filed.unit_label,
                "report_count": evidence.report_count,
                # whether the reporter left a contact; never the contact itself
                "contact_given": told.given(),
            },
        )
    return filed
