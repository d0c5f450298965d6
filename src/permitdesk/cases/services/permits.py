"""Issuing permits (standard, conditional, temporary). Amending one is in permit_amendments,
ending one in permit_endings."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict, Unpack

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.cases import messages
from permitdesk.cases.models import Application, Permit
from permitdesk.cases.permissions import require_applicant_still_related
from permitdesk.cases.services.base import (
    audit_act,
    locked,
    locked_for,
    overrides,
    overruled,
    pack_of,
    snapshot,
    state,
)
from permitdesk.cases.services.permit_applicants import (
    check_evidence,
    check_temporary_applicant,
)
from permitdesk.cases.services.permit_endings import end_now, supersede
from permitdesk.cases.services.permit_numbers import create_permit
from permitdesk.law.pack import Pack
from permitdesk.rules.bounds import CORRECTION_DUE
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import (
    Refused,
    check_issue_permit,
    check_pack_offers,
)
from permitdesk.rules.periods import add_period


def _earlier_permits(pack: Pack, application: Application, on: dt.date) -> list[Permit]:
    """The unit's permits in force on other cases, which a new permit for a new occupancy
    meets: the pack's `change_of_occupancy_effect` says whether they end or it is refused."""
    earlier = list(
        Permit.objects.select_for_update()
        .filter(application__unit_id=application.unit_id, ended_at=None)
        .exclude(application=application)
        .exclude(kind=Permit.Kind.TEMPORARY)  # St. Clair's never authorises occupancy
        .select_related("application__jurisdiction")
        .order_by("issued_at", "id")
    )
    if earlier and pack.has_term("change_of_occupancy_effect"):
        effect = pack.text("change_of_occupancy_effect", on)
        if effect == "refuse-while-in-force":
            raise Refused(
                f"permit {earlier[0].number} is still in force on this unit; end it first",
                pack.cite(pack.term_version("change_of_occupancy_effect", on).citation),
                code="permit-in-force",
            )
    return earlier


def _end_earlier(
    pack: Pack,
    earlier: list[Permit],
    by: Permit,
    *,
    actor: User,
    now: dt.datetime,
) -> list[str]:
    """End the unit's earlier permits: the new permit is a new occupancy of the unit."""
    on = local(pack, now).date()
    reason = (
        pack.text("change_of_occupancy_end_reason", on)
        if pack.has_term("change_of_occupancy_end_reason")
        else "change-of-occupancy"
    )
    noted = {"by_permit": by.number, "by_application": by.application_id}
    for permit in earlier:
        end_now(locked(permit.application), permit, reason, actor=actor, now=now, noted=noted)
    return [permit.number for permit in earlier]


# What issuing a permit of a kind that authorises occupancy sets the case to, and its act.
ISSUED_AS: dict[str, tuple[str, str]] = {
    Permit.Kind.STANDARD: (Application.Status.ISSUED, "issue-permit"),
    Permit.Kind.CONDITIONAL: (Application.Status.CONDITIONAL, "issue-conditional-permit"),
}


def _issue(
    pack: Pack,
    application: Application,
    kind: str,
    *,
    actor: User,
    now: dt.datetime,
    noted: dict[str, Any],
    superseded: list[str] | None = None,
    **made: object,
) -> Permit:
    """A permit of `kind` issued (`made`: its end, evidence or correction date): the case set
    to its status (ISSUED_AS), the earlier permits on the unit ended by it (or the issue
    refused while they are in force), its audit event (`noted` beside the permit's number and
    the permits it ended: `superseded` of the case's own and the earlier ones) and its
    notice."""
    status, action = ISSUED_AS[kind]
    earlier = _earlier_permits(pack, application, local(pack, now).date())
    before = state(application)
    permit = create_permit(pack, application, kind, now, **made)
    application.status = status
    application.save(update_fields=["status"])
    ended = [*(superseded or []), *_end_earlier(pack, earlier, permit, actor=actor, now=now)]
    after = {**state(application), "permit": permit.number, **noted, "ended": ended}
    audit_act(application, actor, action, permit, now, before=before, after=after)
    messages.permit_issued(permit, at=now)
    return permit


class Issuing(TypedDict):
    """Who issues a permit on which case, and when: what every issue_* function takes
    besides the details of its own kind of permit."""

    actor: User
    application: Application
    now: dt.datetime


def issue_permit(
    *, evidence: str = "", override_reason: str = "", **issuing: Unpack[Issuing]
) -> Permit:
    """The occupancy permit, once the case is approved, paid and every occupant is named. A
    permit of an earlier occupancy of the unit still in force ends with it (or, where the pack
    says so, the issue is refused until it has ended): never two in force on one unit.

    Two clerks issuing at once: the row lock makes one wait, and it then finds the case issued.
    """
    actor, now = issuing["actor"], issuing["now"]
    with transaction.atomic():
        application = locked_for(actor, "issue-permit", issuing["application"])
        require_applicant_still_related(application)
        pack = pack_of(application)
        program = pack.item(application.fee_item).case
        if program is not None and program.ends_in != "permit":
            raise Refused(
                f"a {pack.item(application.fee_item).title.lower()} ends in its inspection "
                "report, not an occupancy permit",
                pack.cite(program.citation),
                code="no-permit",
            )
        case = snapshot(pack, application, now)
        overridden = overruled(
            actor, application, override_reason, lambda: check_issue_permit(pack, case, now)
        )
        if overridden is not None:  # the timing was overridden: the rest still holds
            check_issue_permit(pack, case, now, timing=False)
        on = local(pack, now).date()
        check_evidence(pack, evidence, on)
        ends_on = (
            add_period(pack, on, pack.count("permit_term", on), "years", on)
            if pack.has_term("permit_term")
            else None
        )
        superseded = supersede(
            application,
            {Permit.Kind.TEMPORARY, Permit.Kind.CONDITIONAL},
            "certificate of occupancy issued",
            now,
        )
        return _issue(
            pack,
            application,
            Permit.Kind.STANDARD,
            actor=actor,
            now=now,
            superseded=superseded,
            noted={
                "ends_on": ends_on.isoformat() if ends_on else None,
                **overrides(overridden, override_reason),
            },
            ends_on=ends_on,
            evidence=evidence,
        )


def issue_conditional_permit(
    *, owner_statement: str, correction_due_on: dt.date, **issuing: Unpack[Issuing]
) -> Permit:
    """The village's temporary conditional permit: deficiencies that do not seriously endanger
    health or safety, the owner's statement to correct them by a date; occupancy meanwhile."""
    actor, now = issuing["actor"], issuing["now"]
    with transaction.atomic():
        application = locked_for(actor, "issue-conditional-permit", issuing["application"])
        require_applicant_still_related(application)
        pack = pack_of(application)
        on = local(pack, now).date()
        check_pack_offers(pack, "conditional_permit_conditions", "conditional occupancy permits")
        if not owner_statement.strip():
            raise Refused(
                "a conditional permit needs the owner's statement that the deficiencies "
                "will be corrected",
                code="required",
                field="owner_statement",
            )
        if correction_due_on <= on:
            raise Refused(
                "the correction date must be in the future",
                code="past",
                field="correction_due_on",
            )
        CORRECTION_DUE.check("correction_due_on", correction_due_on, on)
        return _issue(
            pack,
            application,
            Permit.Kind.CONDITIONAL,
            actor=actor,
            now=now,
            noted={
                "correction_due_on": correction_due_on.isoformat(),
                "owner_statement": owner_statement.strip(),
            },
            correction_due_on=correction_due_on,
        )


def issue_temporary_permit(
    *, applied_by: str = "owner", channel: str = "in-person", **issuing: Unpack[Issuing]
) -> Permit:
    """St. Clair's temporary permit: utilities in the owner's name; it never authorises
    occupancy, and it ends when the certificate of occupancy is issued. The owner or agent
    applies in person (the code official issues it at the counter)."""
    actor, now = issuing["actor"], issuing["now"]
    with transaction.atomic():
        application = locked_for(actor, "issue-temporary-permit", issuing["application"])
        pack = pack_of(application)
        check_pack_offers(
            pack, "temporary_permit_authorizes_occupancy", "temporary occupancy permits"
        )
        check_temporary_applicant(pack, applied_by, channel, local(pack, now).date())
        permit = create_permit(pack, application, Permit.Kind.TEMPORARY, now)
        after = {
            "permit": permit.number,
            "authorizes_occupancy": False,
            "applied_by": applied_by,
            "channel": channel,
        }
        audit_act(application, actor, "issue-temporary-permit", permit, now, after=after)
    return permit
