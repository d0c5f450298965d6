"""The audit events of what a person does to their own account: issuing and revoking an API
token, enrolling an authenticator, completing a sign-up. The person is the actor, and the
event is filed under no jurisdiction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Model

from permitdesk.audit.services import record


def record_own_act(
    user: User,
    action: str,
    obj: Model,
    now: dt.datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """The audit event of `user`'s own `action` on `obj`; inside its transaction."""
    record(actor=user, action=action, obj=obj, at=now, before=before, after=after)


def save_own_change(
    user: User,
    action: str,
    obj: Model,
    field: str,
    value: Any,
    now: dt.datetime,
    *,
    shown: Any = None,
) -> None:
    """`obj`'s one `field` set to `value` by `user`, saved alone and audited with the field
    before and after (`shown`: the new value as the trail shows it, where not itself)."""
    before = {field: getattr(obj, field)}
    setattr(obj, field, value)
    obj.save(update_fields=[field])
    record_own_act(user, action, obj, now, before, {field: value if shown is None else shown})
