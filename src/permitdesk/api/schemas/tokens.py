"""API tokens of the signed-in user."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from permitdesk.api.schemas.common import Line100


class TokenIn(Schema):
    name: Line100 = Field(examples=["accounting export"])


class TokenOut(Schema):
    id: int
    name: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


class IssuedTokenOut(TokenOut):
    token: str = Field(
        description="send as `Authorization: Bearer <token>`; shown this once, never again"
    )
