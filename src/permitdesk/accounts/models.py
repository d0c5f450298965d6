"""Who may do what, where: a user's roles in jurisdictions, and API tokens."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models

from permitdesk.records.models import Jurisdiction


class Role(models.TextChoices):
    APPLICANT = "applicant"  # owner, managing agent or realtor: own cases only
    CLERK = "clerk"  # the cases of their jurisdiction
    INSPECTOR = "inspector"  # inspections assigned to them
    CODE_OFFICIAL = "code-official"  # everything in their jurisdiction
    # grants, changes and revokes the other staff roles of their jurisdiction (accounts.staff)
    DIVISION_ADMIN = "division-admin", "Division administrator"


class Membership(models.Model):
    """A staff role in one jurisdiction (applicants need none: they act on their own cases)."""

    # PROTECT: deleting an account or a jurisdiction (the admin can) would otherwise end its
    # roles with no audit event; revoke them first (accounts.staff), each one recorded.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "jurisdiction", "role"], name="one_role_once")
        ]


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token; only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)


class SignUpRequest(models.Model):
    """A sign-up waiting for its address to be verified: no account exists until the link
    sent to the address is followed (accounts.registration), so an address nobody verified
    can neither sign in nor be squatted. Only the link's digest is kept, like a token's."""

    email = models.EmailField()
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    password = models.CharField(max_length=128, help_text="hashed, as User.password")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
