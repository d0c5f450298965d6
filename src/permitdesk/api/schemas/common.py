"""Field types every API schema shares: bounded text, money and decimals as strings, dates
only from text, and the error bodies.

Input is bounded to what the database column holds, so bad input is a 422, never a 500:
PostgreSQL rejects NUL in text and in jsonb, and a number past a column's range is an error.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from permitdesk.rules.money import money

NO_NUL = r"^[^\x00]*$"  # PostgreSQL text and jsonb cannot hold NUL (0x00)
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
BIGINT = 2**63 - 1  # the largest id a BigAutoField holds

Slug = Annotated[str, Field(min_length=1, max_length=64, pattern=SLUG_PATTERN)]
Id = Annotated[int, Field(ge=1, le=BIGINT)]  # in a path: the text "12" is the id 12


def _json_integer(value: object) -> object:
    """A JSON integer: 5 or 5.0 (JSON Schema counts both), not true or "5" (which pydantic's
    lax mode would take)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be an integer")
    return value


# The bounds come before the validator, so that the JSON Schema shows them.
JSON_INT = BeforeValidator(_json_integer)
BodyId = Annotated[int, Field(ge=1, le=BIGINT), JSON_INT]
Count = Annotated[int, Field(ge=1, le=100_000), JSON_INT]
Age = Annotated[int, Field(ge=0, le=150), JSON_INT]

# Text bounded to its column (max_length) and free of NUL; "Line" is a required, non-empty one.
Line32 = Annotated[str, Field(min_length=1, max_length=32, pattern=NO_NUL)]
Line64 = Annotated[str, Field(min_length=1, max_length=64, pattern=NO_NUL)]
Line100 = Annotated[str, Field(min_length=1, max_length=100, pattern=NO_NUL)]
Line200 = Annotated[str, Field(min_length=1, max_length=200, pattern=NO_NUL)]
Text32 = Annotated[str, Field(max_length=32, pattern=NO_NUL)]
Text60 = Annotated[str, Field(max_length=60, pattern=NO_NUL)]
LongText = Annotated[str, Field(max_length=5000, pattern=NO_NUL)]
RequiredLongText = Annotated[str, Field(min_length=1, max_length=5000, pattern=NO_NUL)]


class DecimalText:
    """A non-negative decimal given as text ("80.00"): at most `whole` digits before the
    point and `places` after, what a DecimalField(max_digits=whole + places) holds. Text only:
    a JSON number arrives as a float and would lose cents."""

    def __init__(self, whole: int, places: int = 2) -> None:
        self.pattern = rf"^[0-9]{{1,{whole}}}(\.[0-9]{{1,{places}}})?$"
        self.schema = {"type": "string", "pattern": self.pattern, "examples": ["12.50"]}
        self._compiled = re.compile(self.pattern[:-1] + r"\Z")  # JSON Schema's $ ends the text
        self._example = "9" * min(whole, 3) + ".50"

    def __call__(self, value: object) -> str:
        if not isinstance(value, str) or not self._compiled.match(value):
            raise ValueError(f"must be a decimal as text, e.g. {self._example!r}")
        return value


_MONEY = DecimalText(10)  # money: at most 12 digits, 10 before the point
_AREA = DecimalText(5)  # Bedroom.area_sqft: max_digits=7
_EGRESS = DecimalText(3)  # Bedroom.egress_opening_sqft: max_digits=5
MoneyIn = Annotated[Decimal, BeforeValidator(_MONEY), WithJsonSchema(_MONEY.schema)]
AreaIn = Annotated[Decimal, BeforeValidator(_AREA), WithJsonSchema(_AREA.schema)]
EgressIn = Annotated[Decimal, BeforeValidator(_EGRESS), WithJsonSchema(_EGRESS.schema)]


def _two_places(value: Decimal) -> str:
    return str(money(value))


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


# Money out: text with two decimals, "80.00".
Money = Annotated[
    Decimal,
    PlainSerializer(_two_places, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^-?[0-9]+\.[0-9]{2}$"}),
]
# A quantity out: text without exponent or trailing zeros, "1000", "2.5".
Number = Annotated[
    Decimal,
    PlainSerializer(_plain, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}),
]


def _date_only(value: object) -> object:
    """Dates from 'YYYY-MM-DD' text (or a date), not from numbers or datetimes."""
    if isinstance(value, dt.datetime):
        raise ValueError("must be a date YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return value
    raise ValueError("must be a date YYYY-MM-DD")


DateIn = Annotated[dt.date, BeforeValidator(_date_only)]


class ErrorOut(Schema):
    detail: str
    code: str | None = Field(
        None, description="A 403's stable reason, for clients: 'role' (no role of yours may)."
    )


class RefusedOut(Schema):
    """What the lifecycle or the pack refuses now (409)."""

    detail: str
    citation: str | None = None
    code: str = Field(
        description="Stable for clients, whatever the words: 'status' (the case's status does "
        "not admit the action), 'fee-due', 'too-early', 'closed-day', 'required', 'choice'..."
    )
    field: str | None = Field(None, description="The body's field the refusal concerns, if any.")


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[FieldError]
