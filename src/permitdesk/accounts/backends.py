"""Sign in with the e-mail address (applicants' user name) or the user name (staff, demo)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.db.models import Q
from django.http import HttpRequest


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        given = username.strip()
        # The exact user name first; else the one account with this e-mail address.
        candidates = list(
            User.objects.filter(Q(username=given) | Q(email__iexact=given)).order_by("id")[:3]
        )
        exact = [u for u in candidates if u.username == given]
        matches = exact or candidates
        if len(matches) != 1:
            User().set_password(password)  # same time whether or not the account exists
            return None
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
