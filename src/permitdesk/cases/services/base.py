"""What every case service shares: the pack, the locked case row, its snapshot, its balance
(read in permitdesk.cases.selectors.ledger, stored here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Unpack

from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden, roles
from permitdesk.audit.models import AuditEvent
from permitdesk.audit.services import Act, Change, audit_event, record_event
from permitdesk.cases.actions import require
from permitdesk.cases.models import Application, FeeLine
from permitdesk.cases.selectors.ledger import balance_due, ledger_balance, max_occupants
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.law.schema import FeeItem
from permitdesk.records.models import Unit
from permitdesk.rules.calendar import local
from permitdesk.rules.case_facts import CaseFile, fee_facts
from permitdesk.rules.facts import FactValue
from permitdesk.rules.lifecycle import CaseSnapshot, Refused
from permitdesk.rules.quote import Quote, QuoteLine, quote

ZERO = Decimal("0.00")


def pack_of(application: Application) -> Pack:
    return get_pack(application.jurisdiction.slug)


def locked(application: Application) -> Application:
    """The case row, locked for the rest of the transaction (two clerks: one wins, one waits)."""
    return (
        Application.objects.select_for_update()
        .select_related("jurisdiction", "unit")
        .get(pk=application.pk)
    )


def locked_for(actor: User, action: str, application: Application) -> Application:
    """The case row, locked (locked()), where `actor` may take `action` on it now (require)."""
    application = locked(application)
    require(actor, action, application)
    return application


def rebalance(application: Application) -> Decimal:
    """Store the case's balance from its ledger; the caller holds the row lock (locked())."""
    application.balance_due = ledger_balance(application)
    application.save(update_fields=["balance_due"])
    return application.balance_due


def overruled(
    actor: User | None,
    application: Application,
    override_reason: str,
    check: Callable[[], None],
) -> str | None:
    """Run a timing check the ordinances leave to the building official. A refusal stands
    unless a code official of the case's jurisdiction overrides it with a written reason; then
    the refusal's words are returned, for the action's audit event to record beside the reason.
    """
    reason = override_reason.strip()
    if reason and (
        actor is None or Role.CODE_OFFICIAL not in roles(actor, application.jurisdiction_id)
    ):
        raise Forbidden("only a code official may override the schedule the rules set")
    try:
        check()
    except Refused as refusal:
        if not (refusal.overridable and reason):
            raise
        return refusal.reason
    return None


def check_choice(
    value: str, choices: Sequence[str], *, field: str, what: str = "", code: str = "choice"
) -> None:
    """Refuse a value that is not one of `choices`, naming them: "kind 'x' is not one of: a,
    b" (`what` the value is called, where not its field's name)."""
    if value not in choices:
        raise Refused(
            f"{what or field} '{value}' is not one of: {', '.join(choices)}", code=code, field=field
        )


def names_occupants(pack: Pack, application: Application) -> bool:
    """Whether the case's permit names its occupants (a commercial occupancy's does not)."""
    program = pack.item(application.fee_item).case
    return program is None or program.names_occupants


def overrides(overridden: str | None, override_reason: str) -> dict[str, Any]:
    """What an action's audit event records of an override: the refusal and the reason."""
    if overridden is None:
        return {}
    return {"override": {"refused": overridden, "reason": override_reason.strip()}}


def snapshot(pack: Pack, application: Application, now: dt.datetime) -> CaseSnapshot:
    approval = getattr(application, "approval", None)
    occupants = list(application.occupants.all())
    needs_details = pack.has_term("permit_content")
    missing = tuple(
        f"{o.first_name} {o.last_name}"
        for o in occupants
        if needs_details and (o.age is None or not o.relationship)
    )
    return CaseSnapshot(
        status=application.status,
        processed_at=application.processed_at,
        balance_due=balance_due(application),
        valid_through=approval.valid_through if approval else None,
        approved_on=approval.approved_on if approval else None,
        names_occupants=names_occupants(pack, application),
        occupants=len(occupants),
        occupants_missing_details=missing,
        max_occupants=max_occupants(pack, application, local(pack, now).date()),
    )


# What a case file reads of its unit: the unit's fields of the same names.
UNIT_FACTS = ("unit_type", "units_in_building", "new_construction")


def case_file(
    unit: Unit, trigger: str, occupied: bool = False, inspections: int | None = None
) -> CaseFile:
    """The rules' view of a case file: its unit, its trigger, whether the unit is occupied."""
    of_unit = {name: getattr(unit, name) for name in UNIT_FACTS}
    return CaseFile(**of_unit, trigger=trigger, occupied=occupied, inspections=inspections)


def case_facts(
    item: FeeItem,
    unit: Unit,
    trigger: str,
    occupied: bool,
    inspections: int | None = None,
) -> dict[str, FactValue]:
    """The facts of the case file that a fee item reads (rules/case_facts.py), so a case is
    charged what the estimator quotes for the same facts."""
    return fee_facts(item, case_file(unit, trigger, occupied, inspections))


# What a fee line keeps of its quote line: the quote line's fields of the same names.
LINE_FIELDS = ("label", "kind", "amount", "basis", "citation")


def fee_line(
    application: Application, q: Quote, line: QuoteLine, at: dt.datetime, **changed: Any
) -> FeeLine:
    """The fee line, not yet saved, of a line of the quote `q`, assessed `at` (`changed`: a
    label or amount of its own, in place of the quote line's)."""
    fields = {name: getattr(line, name) for name in LINE_FIELDS} | changed
    return FeeLine(
        application=application, fee_item=q.item, line_id=line.id, assessed_at=at, **fields
    )


def add_fee_lines(
    application: Application, q: Quote, at: dt.datetime, only: set[str] | None = None
) -> list[FeeLine]:
    """Fee lines from a quote (all, or the line ids in `only`), and the case's new balance."""
    lines = FeeLine.objects.bulk_create(
        fee_line(application, q, line, at) for line in q.lines if only is None or line.id in only
    )
    rebalance(application)
    return lines


def add_permit_fee(pack: Pack, application: Application, now: dt.datetime) -> None:
    """St. Clair: the occupant pays the permit fee ($35) on obtaining the permit."""
    on = local(pack, now).date()
    if pack.has_term("permit_fee_item"):
        add_fee_lines(application, quote(pack, pack.text("permit_fee_item", on), {}, on), now)


def case_event(application: Application, **change: Unpack[Change]) -> AuditEvent:
    """The audit event of a change to `application`, filed under the case and its
    jurisdiction, not yet written (a batch writes many with audit.services.record_all)."""
    return audit_event(
        **change, application_id=application.pk, jurisdiction_slug=application.jurisdiction.slug
    )


def audit(application: Application, **change: Unpack[Change]) -> AuditEvent:
    """The audit event of a change to `application`, filed under the case and its jurisdiction."""
    return record_event(case_event(application, **change))


def audit_act(
    application: Application,
    actor: User | None,
    action: str,
    obj: Any,
    now: dt.datetime,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None,
) -> AuditEvent:
    """audit() as the case services write it: `actor` did `action` to `obj` at `now`, and the
    change it made, before and after (nothing before: the act created `obj`)."""
    act = Act(actor=actor, action=action, obj=obj, at=now)
    return audit(application, **act, before=before, after=after)


def state(application: Application) -> dict[str, Any]:
    """The case's audit picture: what a before/after pair records."""
    return {"status": application.status}


def status_change(
    application: Application, status: str, *, noted: dict[str, Any], **act: Unpack[Act]
) -> AuditEvent:
    """The case set to `status` (in memory; the caller saves it), and the audit event of the
    change, not yet written: the case's state before and after, and besides it `noted`."""
    before = state(application)
    application.status = status
    return case_event(application, **act, before=before, after={**state(application), **noted})
