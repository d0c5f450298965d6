"""Downloading a CSV export over HTTP, as a clerk's browser or a script would."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.models import User
from django.http import HttpResponse, StreamingHttpResponse
from django.test import Client

from tests.api.client import token_for

WHOLE_NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30", "jurisdiction": "clayton-mo"}


def client_of(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def download(kind: str, user: User | None, bearer: bool = False, **params: str) -> tuple[int, str]:
    """The status and the body of /exports/<kind>.csv for `user` (a session, or a token)."""
    query = {**WHOLE_NOVEMBER, **params}
    if bearer and user is not None:
        headers = {"Authorization": f"Bearer {token_for(user)}"}
        response = Client().get(f"/exports/{kind}.csv", query, headers=headers)
    else:
        response = client_of(user).get(f"/exports/{kind}.csv", query)
    if isinstance(response, StreamingHttpResponse):
        return response.status_code, b"".join(response.streaming_content).decode()  # type: ignore[arg-type]
    assert isinstance(response, HttpResponse)
    return response.status_code, response.content.decode()


def table(body: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body)))
