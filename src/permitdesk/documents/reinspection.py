"""How to request the re-inspection after a failed inspection, from the pack: who arranges it,
what to give, the cut-off, and what the next visit costs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings

from permitdesk.cases.models import Application
from permitdesk.cases.services.base import case_facts
from permitdesk.documents.permit import Rule
from permitdesk.law.pack import Pack
from permitdesk.rules.quote import quote

ZERO = Decimal("0.00")

# Clayton's inspection_request_fields, in the process document's words.
REQUEST_FIELDS = {
    "address-with-unit": "the address including the unit number",
    "contact-name": "a contact name",
    "contact-phone": "a contact phone number",
    "desired-date": "the desired inspection date",
    "am-pm-preference": "a preference for AM or PM",
}
WHO = {
    "owner": "the owner",
    "agent": "the agent",
    "managing-agent": "the managing agent",
}


def _cite(pack: Pack, name: str, on: dt.date) -> str:
    return pack.cite(pack.term_version(name, on).citation)


def _either(words: list[str]) -> str:
    return " or ".join(WHO.get(word, word.replace("-", " ")) for word in words)


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def next_visit_fee(
    pack: Pack, application: Application, next_number: int, on: dt.date
) -> tuple[Decimal, str]:
    """What inspection number `next_number` adds to the case's fees, and the sentence that
    sets it: St. Clair's re-inspection item, or the growth of an item priced by the number of
    inspections (St. Louis County's and the village's $40 after the second)."""
    if pack.has_term("reinspection_fee_item"):
        q = quote(pack, pack.text("reinspection_fee_item", on), {}, on)
        return q.total, q.citation
    item = pack.item(application.fee_item)
    if "inspections" not in item.facts:
        return ZERO, ""
    unit, occupied = application.unit, application.occupied
    before = quote(
        pack,
        application.fee_item,
        case_facts(item, unit, application.trigger, occupied, inspections=next_number - 1),
        on,
    )
    after = quote(
        pack,
        application.fee_item,
        case_facts(item, unit, application.trigger, occupied, inspections=next_number),
        on,
    )
    extra = after.total - before.total
    was = {line.id: line.amount for line in before.lines}
    grown = [line.citation for line in after.lines if line.amount > was.get(line.id, ZERO)]
    return extra, grown[0] if grown else after.citation


def reinspection_rules(
    pack: Pack, application: Application, next_number: int, on: dt.date
) -> list[Rule]:
    """The steps the notice prints under "How to request the re-inspection"."""
    case_page = f"{settings.PUBLIC_URL}/cases/{application.pk}/"
    rules = [
        Rule(
            "Correct every violation listed above, then request the re-inspection on the "
            f"case page, {case_page}, or from the building office."
        )
    ]
    for term in ("who_schedules_inspection", "who_requests_inspection"):
        if pack.has_term(term):
            who = _either(pack.names(term, on))
            rules.append(Rule(f"It is for {who} to request it.", _cite(pack, term, on)))
    if pack.has_term("inspection_request_fields"):
        wanted = [
            REQUEST_FIELDS.get(f, f.replace("-", " "))
            for f in pack.names("inspection_request_fields", on)
        ]
        rules.append(
            Rule(
                f"The request gives {_listed(wanted)}.",
                _cite(pack, "inspection_request_fields", on),
            )
        )
    if pack.has_term("inspection_request_cutoff"):
        cutoff = dt.time.fromisoformat(pack.text("inspection_request_cutoff", on))
        hour = cutoff.hour % 12 or 12
        rules.append(
            Rule(
                f"Only requests made before {hour}:{cutoff:%M %p} can be placed on the "
                "schedule for the next business day.",
                _cite(pack, "inspection_request_cutoff", on),
            )
        )
    if pack.has_term("inspector_schedules") and pack.term("inspector_schedules", on):
        rules.append(
            Rule(
                "An inspector will contact the applicant to schedule the time.",
                _cite(pack, "inspector_schedules", on),
            )
        )
    if pack.has_term("inspections_performed_by"):
        rules.append(
            Rule(
                f"The inspection is performed by {pack.text('inspections_performed_by', on)}.",
                _cite(pack, "inspections_performed_by", on),
            )
        )
    fee, citation = next_visit_fee(pack, application, next_number, on)
    if fee > ZERO:
        rules.append(Rule(f"Re-inspection fee: ${fee:,.2f}.", citation))
        for term, when in (
            ("fee_due_before", "It is paid before the inspection."),
            ("fees_due_before", "Fees are paid before the approved inspection report is released."),
        ):
            if pack.has_term(term):
                rules.append(Rule(when, _cite(pack, term, on)))
    else:
        covered = next(
            (t for t in ("inspections_included", "fee_covers") if pack.has_term(t)), None
        )
        rules.append(
            Rule(
                "Re-inspection fee: none; the fee already paid covers this re-inspection."
                if covered
                else f"Re-inspection fee: none; {pack.name}'s fee schedule sets no "
                "re-inspection fee.",
                _cite(pack, covered, on) if covered else "",
            )
        )
    return rules
