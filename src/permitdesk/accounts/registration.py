"""Sign-up with a verified address: request_sign_up() sends a link to the address, and the
applicant account exists only once verify_sign_up() is given that link's token.

Until then the address counts for nothing: no account carries it, so it cannot be used to
sign in, and it receives nothing but its verification link. Whether the address already has
an account is never shown to the person signing up: both answer "check your e-mail", in the
same time (the password is hashed and one message queued either way), and the holder of an
address already in use is told so by e-mail instead.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.forms.models import model_to_dict

from permitdesk.accounts.mailing import answer_by_mail, public_link
from permitdesk.accounts.models import SignUpRequest, token_digest
from permitdesk.accounts.own_acts import record_own_act
from permitdesk.rules.lifecycle import Refused

VERIFICATION_HOURS = 48  # how long a verification link works
# What a sign-up gives its account (the password already hashed).
SIGNED_UP = ("email", "first_name", "last_name", "password")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def account_with(address: str) -> User | None:
    """The account that holds `address` as its user name or its e-mail, if any."""
    return (
        User.objects.filter(Q(username__iexact=address) | Q(email__iexact=address))
        .order_by("id")
        .first()
    )


def request_sign_up(
    *, email: str, first_name: str, last_name: str, password: str, now: dt.datetime
) -> None:
    """Queue the verification link for a new address, or an "you already have an account"
    note for an address in use; audited either way, in one transaction."""
    address = normalise_email(email)
    hashed = make_password(password)  # always: the two answers take the same time
    with transaction.atomic():
        holder = account_with(address)
        if holder is not None:
            answer_by_mail(
                action="sign-up-for-existing-account",
                obj=holder,
                address=address,
                kind="account-exists",
                to=address,
                context={
                    "email": address,
                    "sign_in_link": public_link("web:sign-in"),
                    "reset_link": public_link("web:password-reset"),
                },
                at=now,
            )
            return
        token = secrets.token_urlsafe(32)
        pending = SignUpRequest.objects.create(
            email=address,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            password=hashed,
            digest=token_digest(token),
            created_at=now,
        )
        answer_by_mail(
            action="request-sign-up",
            obj=pending,
            address=address,
            kind="verify-email",
            to=address,
            context={
                "email": address,
                "link": public_link("web:verify-email", token),
                "valid_hours": VERIFICATION_HOURS,
            },
            at=now,
        )


def pending_sign_up(token: str, now: dt.datetime) -> SignUpRequest | None:
    """The sign-up a link's token names, if it is still waiting and not expired."""
    found = SignUpRequest.objects.filter(
        digest=token_digest(token), completed_at__isnull=True
    ).first()
    if found is None or now - found.created_at > dt.timedelta(hours=VERIFICATION_HOURS):
        return None
    return found


def verify_sign_up(*, token: str, now: dt.datetime) -> User:
    """The applicant account of a verified sign-up: its user name is the address, which is
    now verified. Refused when the link is unknown, used or expired, or when the address got
    an account in the meantime; audited, in one transaction."""
    with transaction.atomic():
        pending = pending_sign_up(token, now)
        if pending is not None:
            pending = SignUpRequest.objects.select_for_update().filter(pk=pending.pk).first()
        if pending is None or pending.completed_at is not None:
            raise Refused(
                "this link is not valid any more: it was used, or it is older than "
                f"{VERIFICATION_HOURS} hours. Sign up again, or sign in."
            )
        if account_with(pending.email) is not None:
            raise Refused("this address already has an account: sign in instead")
        user = User(
            username=pending.email, date_joined=now, **model_to_dict(pending, fields=SIGNED_UP)
        )
        try:
            with transaction.atomic():  # two links for one address followed at once
                user.save()
        except IntegrityError:
            raise Refused("this address already has an account: sign in instead") from None
        pending.completed_at = now
        pending.save(update_fields=["completed_at"])
        after = model_to_dict(user, fields=("email", "first_name", "last_name"))
        record_own_act(user, "register", user, now, after=after)
    return user
