"""The 311 systems allowed to submit reports through Open311 (decision 0022): a code official
or division administrator of the jurisdiction adds one (its api_key shown once, only its
digest kept) or revokes it; each with its audit event. `client_for_key` is the endpoint's
check of an api_key."""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.accounts.models import Role, token_digest
from permitdesk.accounts.permissions import require_staff
from permitdesk.discovery.audit import Audit
from permitdesk.discovery.models import Open311Client
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.lifecycle import Refused

MANAGERS: set[str] = {Role.CODE_OFFICIAL, Role.DIVISION_ADMIN}


def client_for_key(api_key: str) -> Open311Client | None:
    """The unrevoked client whose key this is, with its jurisdiction; or None."""
    if not api_key or len(api_key) > 200:
        return None
    return (
        Open311Client.objects.select_related("jurisdiction")
        .filter(digest=token_digest(api_key), revoked_at__isnull=True)
        .first()
    )


def add_open311_client(
    *, jurisdiction: Jurisdiction, name: str, actor: User, now: dt.datetime
) -> tuple[Open311Client, str]:
    """A new client and its api_key (shown this once)."""
    require_staff(actor, jurisdiction.pk, MANAGERS)
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise Refused("the 311 system's name is 1 to 100 characters", code="name", field="name")
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        client = Open311Client.objects.create(
            jurisdiction=jurisdiction, name=name, digest=token_digest(key), created_at=now
        )
        audit = Audit(actor, now, jurisdiction.slug)
        audit.record("discovery.open311-client-added", client, None, {"name": name})
    return client, key


def revoke_open311_client(*, client: Open311Client, actor: User, now: dt.datetime) -> None:
    require_staff(actor, client.jurisdiction_id, MANAGERS)
    with transaction.atomic():
        locked = Open311Client.objects.select_for_update().get(pk=client.pk)
        if locked.revoked_at is not None:
            raise Refused("the 311 system's key is already revoked", code="revoked")
        locked.revoked_at = now
        locked.save(update_fields=["revoked_at"])
        Audit(actor, now, client.jurisdiction.slug).record(
            "discovery.open311-client-revoked",
            locked,
            {"revoked_at": None},
            {"revoked_at": now.isoformat()},
        )
