"""API tokens a signed-in user issues to themself and revokes: each change in one
transaction with its audit event. The token is shown once; only its digest is kept."""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.accounts.models import ApiToken, token_digest
from permitdesk.accounts.own_acts import record_own_act, save_own_change
from permitdesk.accounts.permissions import NotFound
from permitdesk.rules.lifecycle import Refused

MAX_ACTIVE_TOKENS = 20  # a user with more has lost track of them; revoke some first


def issue_token(*, user: User, name: str, now: dt.datetime) -> tuple[ApiToken, str]:
    """A new bearer token of `user`: the stored row and the token itself (never stored)."""
    if not name.strip():
        raise Refused("a token needs a name")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        # The user's row, locked: two requests at once cannot both pass the limit.
        User.objects.select_for_update().filter(pk=user.pk).first()
        active = ApiToken.objects.filter(user=user, revoked_at__isnull=True).count()
        if active >= MAX_ACTIVE_TOKENS:
            raise Refused(f"you have {active} tokens in use; revoke one first")
        issued = ApiToken.objects.create(
            user=user, name=name.strip(), digest=token_digest(token), created_at=now
        )
        record_own_act(user, "issue-token", issued, now, after={"name": issued.name})
    return issued, token


def revoke_token(*, user: User, token_id: int, now: dt.datetime) -> ApiToken:
    """Revoke one of the user's own tokens; another's token is not found."""
    with transaction.atomic():
        found = ApiToken.objects.select_for_update().filter(pk=token_id, user_id=user.pk).first()
        if found is None:
            raise NotFound(f"token {token_id} not found")
        if found.revoked_at is not None:
            raise Refused("this token is already revoked")
        save_own_change(user, "revoke-token", found, "revoked_at", now, now, shown=now.isoformat())
    return found
