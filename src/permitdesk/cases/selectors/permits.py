"""A permit found by the number printed on it or by the token its QR code carries, and what
anyone may know of it (decision 0007): the API's GET /api/verify and the public verify page
read the same thing from here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from permitdesk.accounts.permissions import NotFound
from permitdesk.cases.models import Permit
from permitdesk.cases.selectors.today import today_in
from permitdesk.law.loader import get_pack
from permitdesk.rules.calendar import local

Status = Literal["valid", "ended"]


@dataclass(frozen=True)
class PublicPermit:
    """What anyone may know of a permit: no occupant, no applicant. Dates are the
    jurisdiction's own. The place only with the token printed on the permit."""

    number: str
    status: Status
    kind: str
    jurisdiction: str
    jurisdiction_name: str
    address: str | None
    unit: str | None
    city: str | None
    state: str | None
    issued_on: dt.date
    ends_on: dt.date | None
    ended_on: dt.date | None
    end_reason: str
    correction_due_on: dt.date | None


def permit_for_verification(number_or_token: str) -> tuple[Permit, bool]:
    """A permit by its verification token (what the QR code carries) or its number, and
    whether the token found it: only the token shows the permit's place (decision 0007)."""
    permits = Permit.objects.select_related(
        "application__jurisdiction", "application__unit__property"
    )
    by_token = permits.filter(verification_token=number_or_token).first()
    if by_token is not None:
        return by_token, True
    found = permits.filter(number=number_or_token).first()
    if found is None:
        raise NotFound("no permit has this number or verification code")
    return found, False


def permit_status(permit: Permit) -> Status:
    """valid, or ended: ended by a service, or its term (ends_on) over in its jurisdiction."""
    if permit.ended_at is not None:
        return "ended"
    if permit.ends_on is not None and permit.ends_on < today_in(permit.application.jurisdiction):
        return "ended"
    return "valid"


def public_permit(number_or_token: str) -> PublicPermit:
    """The permit with this number or token as anyone may know it; NotFound for none."""
    permit, by_token = permit_for_verification(number_or_token)
    case = permit.application
    pack = get_pack(case.jurisdiction.slug)
    place = case.unit.property if by_token else None
    return PublicPermit(
        number=permit.number,
        status=permit_status(permit),
        kind=permit.kind,
        jurisdiction=case.jurisdiction.slug,
        jurisdiction_name=case.jurisdiction.name,
        address=place.address if place else None,
        unit=case.unit.label if place else None,
        city=place.city if place else None,
        state=place.state if place else None,
        issued_on=local(pack, permit.issued_at).date(),
        ends_on=permit.ends_on,
        ended_on=local(pack, permit.ended_at).date() if permit.ended_at else None,
        end_reason=permit.end_reason,
        correction_due_on=permit.correction_due_on,
    )


# Who counts as a child for the school's question: an occupant recorded as under 18, the age
# of majority in Missouri and Illinois. A policy of this page, not of any pack: no document
# speaks of verification by schools (decision 0008, amended).
CHILD_UNDER_AGE = 18


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class ChildCheck:
    """Whether a child of this name is named on the permit: yes or no, never who else is."""

    number: str
    status: Status
    named: bool


def child_on_permit(number_or_token: str, first_name: str, last_name: str) -> ChildCheck:
    """Is a child named `first_name last_name` (any case or spacing) an occupant on the permit
    with this number or token, and the permit in force? NotFound for no such permit."""
    permit, _ = permit_for_verification(number_or_token)
    status = permit_status(permit)
    wanted = (_name_key(first_name), _name_key(last_name))
    children = permit.application.occupants.filter(age__lt=CHILD_UNDER_AGE)
    named = status == "valid" and any(
        (_name_key(first), _name_key(last)) == wanted
        for first, last in children.values_list("first_name", "last_name")
    )
    return ChildCheck(number=permit.number, status=status, named=named)
