"""The e-mails of the owners' filings (permitdesk.cases.owner_messages.send_filing, the
template notices/owner-filing): what is on record and what happens next."""

from __future__ import annotations

import datetime as dt

from permitdesk.audit.models import OutboxMessage
from permitdesk.cases.messages import day
from permitdesk.cases.owner_messages import send_filing
from permitdesk.filings.models import PriorToSaleNotice, WrittenDisclosure


def disclosure_recorded(disclosure: WrittenDisclosure, *, at: dt.datetime) -> OutboxMessage | None:
    return send_filing(
        filer=disclosure.recorded_by,
        place=disclosure.unit.property,
        address=str(disclosure.unit),
        key=f"written-disclosure-{disclosure.pk}",
        at=at,
        what="written disclosure",
        facts=[
            f"Disclosed by {disclosure.disclosed_by} ({disclosure.get_discloser_role_display()})",
            f"Received by {disclosure.received_by} on {day(disclosure.received_on)}",
            f"Signed copy: {'uploaded' if disclosure.file else 'not uploaded'}",
        ],
        next_steps=["Keep the signed form; the Village may ask to see it."],
    )


def sale_notice_filed(notice: PriorToSaleNotice, *, at: dt.datetime) -> OutboxMessage | None:
    place = notice.building
    late = ""
    if notice.late:
        late = (
            f"the notice was due by {day(notice.notice_by)}; the {notice.get_disposal_display()} "
            f"may not lawfully take place before {day(notice.lawful_from)}."
        )
    steps = ["The City inspects the building and sends you its report."]
    if notice.open_violations:
        steps.append(
            f"The building has {notice.open_violations} violation(s) not yet corrected: give "
            f"{notice.buyer_name} a true copy of the notice of violation, and upload their "
            "signed and notarized acknowledgement of it, accepting the responsibility for the "
            "repairs."
        )
    return send_filing(
        filer=notice.filed_by,
        place=place,
        address=str(place),
        key=f"prior-to-sale-notice-{notice.pk}",
        at=at,
        what="notice before a sale",
        facts=[
            f"{notice.get_disposal_display()} to {notice.buyer_name} planned for "
            f"{day(notice.planned_on)}",
            f"Filed on {day(notice.filed_on)}",
        ],
        next_steps=steps,
        late=late,
    )
