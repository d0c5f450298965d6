"""Lists come a page at a time.

Case lists and queues grow with the county, so they page by keyset (`Keyset`): a page is the
`limit` rows after the cursor `after` in the list's order, read from an index, and carries the
cursor of the next page (`next`, null on the last). No exact COUNT(*) and no OFFSET: both
cost time in proportion to the clerk's whole case load. Short lists built in memory (a pack's
fee items) page by limit and offset (`Page`).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination, PaginationBase

MAX_LIMIT = 100
MAX_OFFSET = 10**9
CURSOR = r"^[A-Za-z0-9_-]{1,200}$"  # URL-safe base64 without padding


class Page(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"items per page, 1–{MAX_LIMIT}")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="items to skip")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


def _bad_cursor() -> ValidationError:
    return ValidationError(
        [{"loc": ["query", "after"], "msg": "not a cursor this list gave", "type": "cursor"}]
    )


def encode(moment: dt.datetime, pk: int) -> str:
    raw = json.dumps([moment.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[dt.datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        moment, pk = json.loads(raw)
        at = dt.datetime.fromisoformat(moment)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise _bad_cursor() from None
    if at.tzinfo is None or not isinstance(pk, int) or isinstance(pk, bool) or pk < 1:
        raise _bad_cursor()
    return at, pk


def _order(queryset: QuerySet[Any]) -> tuple[str, bool]:
    """The list's time field and whether it runs newest first: the order must be
    (time, id) both one way, so that (time, id) is unique and an index serves it."""
    order = tuple(queryset.query.order_by or queryset.model._meta.ordering)
    first, last = (order + ("", ""))[:2]
    newest_first = first.startswith("-")
    if len(order) != 2 or last != ("-id" if newest_first else "id"):
        raise TypeError(f"a keyset list is ordered by (time, id), not {order}")
    return first.lstrip("-"), newest_first


def after(queryset: QuerySet[Any], cursor: str) -> QuerySet[Any]:
    """The rows after `cursor` in the list's order. The bare `time <= v` (or >=) is what an
    index range reads; the OR settles the rows of the same moment by id."""
    field, newest_first = _order(queryset)
    moment, pk = decode(cursor)
    way = "lt" if newest_first else "gt"
    return queryset.filter(
        Q(**{f"{field}__{way}e": moment})
        & (Q(**{f"{field}__{way}": moment}) | Q(**{field: moment, f"id__{way}": pk}))
    )


class Keyset(PaginationBase):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"items per page, 1–{MAX_LIMIT}")
        after: str | None = Field(
            None, pattern=CURSOR, description="the `next` of the page before; none: the first"
        )

    class Output(Schema):
        items: list[Any]
        next: str | None = Field(description="`after` for the next page; null on the last page")

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        field, _ = _order(queryset)
        if pagination.after:
            queryset = after(queryset, pagination.after)
        rows: list[Model] = list(queryset[: pagination.limit + 1])
        more = len(rows) > pagination.limit
        rows = rows[: pagination.limit]
        last = rows[-1] if more else None
        return {
            "items": rows,
            "next": encode(getattr(last, field), last.pk) if last is not None else None,
        }
