"""Who holds an API token: the active user whose unrevoked token it is.

The API checks its bearer tokens with its own one-statement variant (permitdesk.api.auth,
which also reads the holder's memberships with the token); the CSV export, which takes the
same tokens, asks here."""

from __future__ import annotations

from django.contrib.auth.models import User

from permitdesk.accounts.models import ApiToken, token_digest


def token_holder(token: str) -> User | None:
    """The active user whose unrevoked token this is; None for any other string."""
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return found.user if found is not None else None
