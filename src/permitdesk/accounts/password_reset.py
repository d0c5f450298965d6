"""request_password_reset(): the reset link of each account with the address, through the
outbox (retried, never lost; the request never waits for a mail server). The answer is the
same whether or not an account has the address; only a verified address is one (a sign-up
not yet verified has no account to reset)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from permitdesk.accounts.registration import normalise_email
from permitdesk.audit.services import record
from permitdesk.notices.account_messages import queue_account_message


def request_password_reset(*, email: str, now: dt.datetime) -> None:
    address = normalise_email(email)
    with transaction.atomic():
        # As Django's PasswordResetForm: active accounts with a usable password.
        for user in User.objects.filter(email__iexact=address, is_active=True).order_by("id"):
            if not user.has_usable_password():
                continue
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            token = default_token_generator.make_token(user)
            link = reverse("web:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
            record(
                actor=None,
                action="request-password-reset",
                obj=user,
                at=now,
                before=None,
                after={"email": address},
            )
            queue_account_message(
                kind="password-reset",
                to=user.email,
                context={"email": user.email, "link": settings.PUBLIC_URL + link},
                at=now,
            )
