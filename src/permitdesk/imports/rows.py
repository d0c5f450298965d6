"""A CSV row as an import reads it, the problems found in it (each with its line and column
and what is allowed), and the readers of its fields, which collect every problem of a row
instead of stopping at the first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: line 1 is the header; the column is blank for the whole row."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Row:
    line: int
    values: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        return (self.values.get(column) or "").strip()


YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


@dataclass
class Fields:
    """Reads a row's fields; each bad field adds a problem and reads as its default."""

    row: Row
    problems: list[Problem] = field(default_factory=list)

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.row.line, column, message))

    def text(self, column: str, *, required: bool = False, limit: int = 200) -> str:
        value = self.row[column]
        if required and not value:
            self.problem(column, f"{column} is required")
        elif len(value) > limit:
            self.problem(column, f"{column} is {len(value)} characters long; at most {limit}")
            return value[:limit]
        return value

    def email(self, column: str) -> str:
        """An e-mail address, or blank for none; a malformed one is a problem."""
        value = self.text(column, limit=254)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.problem(column, f"{column} '{value}' is not an e-mail address (blank: none)")
        return value

    def choice(self, column: str, allowed: Iterable[str], default: str = "") -> str:
        value = self.row[column] or default
        choices = list(allowed)
        if value not in choices:
            shown = f"'{value}'" if value else "blank"
            self.problem(column, f"{column} is {shown}; one of: {', '.join(choices)}")
            return default
        return value

    def flag(self, column: str) -> bool:
        value = self.row[column].lower()
        if value not in YES | NO:
            self.problem(column, f"{column} is '{self.row[column]}'; yes or no (blank: no)")
        return value in YES

    def whole(self, column: str, *, default: int, least: int, most: int) -> int:
        value = self.row[column]
        if not value:
            return default
        try:
            number = int(value)
        except ValueError:
            number = least - 1
        if not least <= number <= most:
            self.problem(column, f"{column} is '{value}'; a whole number from {least} to {most}")
            return default
        return number

    def amount(
        self, column: str, *, least: Decimal, most: Decimal, required: bool = True
    ) -> Decimal:
        """A Decimal of at most two places, like 125.50 (no currency sign, no thousands comma)."""
        value = self.row[column]
        if not value and not required:
            return Decimal(0)
        try:
            number = Decimal(value)
            ok = number.is_finite() and -number.as_tuple().exponent <= 2  # type: ignore[operator]
        except InvalidOperation:
            ok = False
        if not ok or not least <= number <= most:
            self.problem(
                column,
                f"{column} is '{value}'; a number from {least} to {most} with at most two "
                "decimal places, like 125.50",
            )
            return Decimal(0)
        return number

    def date(self, column: str, *, required: bool = True) -> dt.date | None:
        value = self.row[column]
        if not value:
            if required:
                self.problem(column, f"{column} is required: a date as YYYY-MM-DD")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(column, f"{column} is '{value}'; a date as YYYY-MM-DD, like 2026-03-31")
            return None
