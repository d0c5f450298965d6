"""The API as a client sees it: JSON over HTTP (Django's test client) with a bearer token,
and a clock the endpoints read."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from permitdesk.accounts.models import ApiToken, token_digest


def token_for(user: User, name: str = "test") -> str:
    """A new API token of `user`; only its digest is stored."""
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user, name=name, digest=token_digest(token), created_at=timezone.now()
    )
    return token


class Api:
    """JSON in, (status, JSON) out, as one user (or anonymous)."""

    def __init__(self, user: User | None = None) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if user is not None:
            self.headers["Authorization"] = f"Bearer {token_for(user)}"

    def get(self, path: str, **params: Any) -> tuple[int, Any]:
        response = self.client.get(f"/api{path}", params, headers=self.headers)
        return response.status_code, response.json()

    def post(
        self, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        response = self.client.post(
            f"/api{path}",
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            headers={**self.headers, **(headers or {})},
        )
        return response.status_code, response.json()

    def post_form(self, path: str, fields: dict[str, Any]) -> tuple[int, Any]:
        """A multipart/form-data POST: `fields` may hold uploaded files (or lists of them)."""
        response = self.client.post(f"/api{path}", fields, headers=self.headers)
        return response.status_code, response.json()

    def download(self, path: str) -> tuple[int, str, bytes]:
        """A GET answered with bytes: status, Content-Type, the bytes."""
        response = self.client.get(f"/api{path}", headers=self.headers)
        data = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, response["Content-Type"], data


class Clock:
    """The time `django.utils.timezone.now()` answers, for the endpoints' `now`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def set(self, moment: dt.datetime) -> None:
        self.now = moment
