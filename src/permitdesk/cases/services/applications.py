"""Applying, and withdrawing an application."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden, NotFound, roles, staff_who
from permitdesk.cases import filing, messages
from permitdesk.cases.models import Application, Approval
from permitdesk.cases.services.base import (
    add_fee_lines,
    add_permit_fee,
    audit_act,
    case_file,
    check_choice,
    locked_for,
    state,
)
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records.models import Party, Relation, Unit
from permitdesk.rules.calendar import local, processed_at
from permitdesk.rules.case_facts import RENTAL_TRIGGERS, CaseFile, eligibility_facts, fee_facts
from permitdesk.rules.eligibility import eligibility
from permitdesk.rules.lifecycle import Refused
from permitdesk.rules.quote import quote
from permitdesk.rules.relations import MayApply, Standing, may_apply


@dataclass(frozen=True)
class PartyInput:
    """A party named on the application: the owner, a managing agent, a realtor, a tenant."""

    kind: str
    name: str
    email: str = ""
    phone: str = ""


def _check_parties(parties: Sequence[PartyInput]) -> None:
    for party in parties:
        check_choice(party.kind, Party.Kind.values, field="parties", what="party kind")
        if not party.name.strip():
            raise Refused(
                f"a {party.kind.replace('-', ' ')} needs a name", code="required", field="parties"
            )


def _check_required(pack: Pack, item: str, case: CaseFile, on: dt.date) -> None:
    """Refuse an application the ordinance does not call for (a Type II unit in the village)."""
    paid_by = {
        slug
        for slug, obligation in pack.eligibility.obligations.items()
        if any(c.fee_item == item for c in obligation.cases)
    }
    found = eligibility(pack, eligibility_facts(case), on).findings
    findings = [f for f in found if f.obligation in paid_by]
    if findings and not any(f.required for f in findings):
        raise Refused(findings[0].reason, findings[0].citation, code="not-required")


def _check_channel(pack: Pack, channel: str, on: dt.date) -> None:
    """St. Louis County: online or in person, never by telephone (004 ¶7)."""
    check_choice(channel, Application.Channel.values, field="channel")
    if pack.has_term("application_channels"):
        allowed = pack.names("application_channels", on)
        if channel not in allowed:
            raise Refused(
                f"{pack.name} takes no application by {channel}; it takes them: "
                f"{', '.join(allowed)}",
                pack.cite(pack.term_version("application_channels", on).citation),
                code="channel",
                field="channel",
            )


def _check_certified(pack: Pack, case: CaseFile, certified: bool | None, on: dt.date) -> None:
    """The village: the owner certifies a rental application true and accurate (003 §1.C).
    Refused when the applicant was asked and said no; not asked (None) is recorded as such and
    shown to the clerk."""
    if (
        certified is False
        and case.trigger in RENTAL_TRIGGERS
        and pack.has_term("owner_certifies_rental_application")
        and pack.term("owner_certifies_rental_application", on) is True
    ):
        raise Refused(
            "the owner certifies the information on a rental application to be true and accurate",
            pack.cite(pack.term_version("owner_certifies_rental_application", on).citation),
            code="certification",
            field="owner_certified",
        )


def _check_relation(
    pack: Pack, actor: User, unit: Unit, trigger: str, on: dt.date
) -> MayApply | None:
    """Who may apply for the unit, by their relation to it (rules.relations): refused with
    field "unit" for a person the pack does not let apply; an allowed claim not yet verified
    is taken, and the clerk verifies it (the pending claims page, the case page)."""
    live = Relation.objects.filter(
        person_id=actor.pk, property_id=unit.property_id, status__in=Relation.LIVE
    ).filter(Q(unit__isnull=True) | Q(unit_id=unit.pk))
    standing = [
        Standing(kind=kind, verified=status == Relation.Status.VERIFIED)
        for kind, status in live.order_by("pk").values_list("kind", "status")
    ]
    return may_apply(pack, trigger, standing, on)


def _still_valid_approval(pack: Pack, unit: Unit, on: dt.date) -> Approval | None:
    """The unit's approval that survives a change of occupancy, where the pack says one does."""
    if not (
        pack.has_term("approval_survives_change_of_occupancy")
        and pack.term("approval_survives_change_of_occupancy", on) is True
    ):
        return None
    return (
        Approval.objects.filter(application__unit=unit, valid_through__gte=on)
        .order_by("-approved_on", "-id")
        .first()
    )


def _carry_over(pack: Pack, application: Application, carried: Approval, now: dt.datetime) -> None:
    application.status = Application.Status.APPROVED
    application.save(update_fields=["status"])
    Approval.objects.create(
        application=application,
        carried_from=carried,
        approved_on=carried.approved_on,
        valid_through=carried.valid_through,
    )
    add_permit_fee(pack, application, now)


def submit_application(
    *,
    actor: User,
    unit: Unit,
    fee_item: str,
    trigger: str,
    occupied: bool = False,
    now: dt.datetime,
    idempotency_key: str | None = None,
    parties: Sequence[PartyInput] = (),
    channel: str = "online",
    owner_certified: bool | None = None,
) -> Application:
    """A new application for `unit`, assessed with `fee_item` of its jurisdiction's pack, naming
    `parties` (owner, managing agent, tenant...) where the applicant gives them.

    The same idempotency key twice returns the first application and records nothing more.
    """
    if idempotency_key:
        existing = Application.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            if existing.applicant_id != actor.pk:
                raise NotFound("application not found")
            return existing
    jurisdiction = unit.property.jurisdiction
    pack = get_pack(jurisdiction.slug)
    held = roles(actor, jurisdiction.pk)
    if held and not held & {Role.CLERK, Role.CODE_OFFICIAL}:
        raise Forbidden(f"{staff_who(held)} do not submit applications")
    item = pack.case_item(fee_item)
    check_choice(trigger, Application.Trigger.values, field="trigger")
    _check_parties(parties)
    on = local(pack, now).date()
    # The jurisdiction's clerks and code officials file for anyone (at the counter).
    standing = None if held else _check_relation(pack, actor, unit, trigger, on)
    case = case_file(unit, trigger, occupied)
    _check_channel(pack, channel, on)
    _check_certified(pack, case, owner_certified, on)
    _check_required(pack, fee_item, case, on)
    q = quote(pack, fee_item, fee_facts(item, case), on)
    ready = processed_at(pack, now, on) if pack.has_term("processing_time") else now
    try:
        with transaction.atomic():
            application = Application.objects.create(
                jurisdiction=jurisdiction,
                unit=unit,
                applicant=actor,
                fee_item=fee_item,
                trigger=trigger,
                occupied=occupied,
                channel=channel,
                owner_certified=owner_certified,
                submitted_at=now,
                processed_at=ready,
                idempotency_key=idempotency_key or None,
            )
            application.parties.add(
                *Party.objects.bulk_create(
                    Party(
                        kind=p.kind,
                        name=p.name.strip(),
                        email=p.email.strip(),
                        phone=p.phone.strip(),
                    )
                    for p in parties
                )
            )
            carried = _still_valid_approval(pack, unit, on)
            if carried is None:
                add_fee_lines(application, q, now)
            else:  # St. Clair: no new inspection within a year, even for new occupants
                _carry_over(pack, application, carried, now)
            after = {
                "status": application.status,
                "fee_item": fee_item,
                "channel": channel,
                "owner_certified": owner_certified,
                "total": str(q.total if carried is None else 0),
                "approval_carried_from": carried.pk if carried else None,
                "parties": [f"{p.kind}: {p.name.strip()}" for p in parties],
                "applied_as": standing.kind if standing else None,
                "relation_held_for_clerk": standing.held if standing else False,
            }
            audit_act(application, actor, "submit", application, now, after=after)
            messages.application_received(application, at=now)
            filing.filed(application, now)
    except IntegrityError:
        if idempotency_key:  # the same request, at the same moment, from another process
            return Application.objects.get(idempotency_key=idempotency_key)
        raise
    return application


def withdraw_application(*, actor: User, application: Application, now: dt.datetime) -> Application:
    with transaction.atomic():
        application = locked_for(actor, "withdraw", application)
        before = state(application)
        application.status = Application.Status.WITHDRAWN
        application.save(update_fields=["status"])
        after = state(application)
        audit_act(application, actor, "withdraw", application, now, before=before, after=after)
    return application
