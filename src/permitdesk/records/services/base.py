"""What the records services share: who may record and edit, creating a record once, and
saving an edit with its before and after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden, NotFound, roles, staff_who
from permitdesk.audit.services import record
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.lifecycle import Refused

M = TypeVar("M", bound=Model)


def require_may_record(actor: User, jurisdiction: Jurisdiction) -> None:
    """Applicants (no staff role there), clerks and code officials record properties and
    units; an inspector of the jurisdiction does not."""
    held = roles(actor, jurisdiction.pk)
    if held and not held & {Role.CLERK, Role.CODE_OFFICIAL}:
        raise Forbidden(f"{staff_who(held)} do not record properties or units")


def create_once(existing: QuerySet[M], taken: Refused, create: Callable[[], M]) -> M:
    """create() in its own transaction, refused with `taken` when `existing` finds the row,
    before the insert or at it (the same row, recorded at the same moment by another request)."""
    if existing.exists():
        raise taken
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        raise taken from None


def already_recorded(what: str, where: str, field: str) -> Refused:
    """The refusal of a record that is already there (a parcel in its jurisdiction, a unit's
    label at its property: what the unique constraints hold)."""
    return Refused(f"{what} is already recorded {where}", code="taken", field=field)


EDITORS = {Role.CLERK, Role.CODE_OFFICIAL}


def require_may_edit(actor: User, jurisdiction_id: int, what: str) -> None:
    """The jurisdiction's clerks and code officials edit its records; its inspectors see them
    but may not (403); anyone else is told the record is not found (404)."""
    held = roles(actor, jurisdiction_id)
    if held & EDITORS:
        return
    if held:
        raise Forbidden("only the jurisdiction's clerks and code officials edit its records")
    raise NotFound(f"{what} not found")


def locked(model: type[M], pk: int) -> M:
    return model._default_manager.select_for_update().get(pk=pk)


def audit(
    obj: Model,
    action: str,
    actor: User,
    now: dt.datetime,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    jurisdiction: Jurisdiction,
) -> None:
    """The audit event of a change to a record, filed under the jurisdiction it is in."""
    record(
        actor=actor,
        action=action,
        obj=obj,
        at=now,
        before=before,
        after=after,
        jurisdiction_slug=jurisdiction.slug,
    )


def save_if_changed(
    obj: Model,
    action: str,
    actor: User,
    now: dt.datetime,
    before: dict[str, Any],
    after: dict[str, Any],
    jurisdiction: Jurisdiction,
) -> None:
    """An edit saved and audited when it changes something; one that changes nothing writes
    nothing."""
    if after != before:
        obj.save()
        audit(obj, action, actor, now, before, after, jurisdiction)
