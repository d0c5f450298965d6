"""request_password_reset(): the reset link of each account with the address, through the
outbox (retried, never lost; the request never waits for a mail server). The answer is the
same whether or not an account has the address; only a verified address is one (a sign-up
not yet verified has no account to reset)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from permitdesk.accounts.mailing import answer_by_mail, public_link
from permitdesk.accounts.registration import normalise_email


def request_password_reset(*, email: str, now: dt.datetime) -> None:
    address = normalise_email(email)
    with transaction.atomic():
        # As Django's PasswordResetForm: active accounts with a usable password.
        for user in User.objects.filter(email__iexact=address, is_active=True).order_by("id"):
            if not user.has_usable_password():
                continue
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            token = default_token_generator.make_token(user)
            link = public_link("web:password-reset-confirm", uidb64=uid, token=token)
            answer_by_mail(
                action="request-password-reset",
                obj=user,
                address=address,
                kind="password-reset",
                to=user.email,
                context={"email": user.email, "link": link},
                at=now,
            )
