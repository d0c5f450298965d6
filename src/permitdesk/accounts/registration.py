"""register_applicant(): a new applicant account (owner, managing agent or realtor)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from permitdesk.audit.services import record


class EmailTaken(ValueError):
    """An account with this e-mail address exists already."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_taken(address: str) -> bool:
    return User.objects.filter(username=address).exists()


def register_applicant(
    *, email: str, first_name: str, last_name: str, password: str, now: dt.datetime
) -> User:
    """An applicant account whose user name is the e-mail address; applicants need no
    membership (they act on their own cases). Audited; the password is stored hashed.

    Two sign-ups with one address at the same moment both pass the check; the unique user
    name lets one insert, and the other is told the address is taken, not a server error."""
    address = normalise_email(email)
    taken = EmailTaken(f"an account with {address} exists already; sign in instead")
    try:
        with transaction.atomic():
            if email_taken(address):
                raise taken
            user = _create(address, first_name, last_name, password, now)
    except IntegrityError:
        raise taken from None
    return user


def _create(address: str, first_name: str, last_name: str, password: str, now: dt.datetime) -> User:
    user = User(
        username=address,
        email=address,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_joined=now,
    )
    user.set_password(password)
    user.save()
    record(
        actor=user,
        action="register",
        obj=user,
        at=now,
        before=None,
        after={"email": address, "first_name": user.first_name, "last_name": user.last_name},
    )
    return user
