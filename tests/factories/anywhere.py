"""A case of any jurisdiction taken through its steps by the services, the pack deciding the
fee item, the payment method and whether occupants are named: for the tests that hold every
jurisdiction to its own law. Clayton's own stages are in tests/factories/stages.py."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application, Inspection, Permit
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import applications, inspections, occupants, payments, permits
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from tests.factories.records import staff, unit, user
from tests.factories.steps import book, pass_inspection
from tests.moments import central

SUNDAY = central("2026-11-15 11:00")
MONDAY = central("2026-11-16 10:00")

_parcels = itertools.count(100)


def file_case(
    slug: str, owner: User, unit_type: str = "single-family", trigger: str = "lease", **kw: Any
) -> Application:
    """`owner` files the pack's first case program for a unit of its own (Monday unless `now`)."""
    home = unit(slug, unit_type, parcel=f"P-{next(_parcels)}", owner=owner)
    item = get_pack(slug).case_items()[0]
    return applications.submit_application(
        actor=owner, unit=home, fee_item=item, trigger=trigger, now=kw.pop("now", MONDAY), **kw
    )


def pay(case: Application, clerk: User, now: dt.datetime) -> None:
    """The clerk takes what is due, if anything, by the pack's last payment method."""
    due = balance_due(case)
    if due > 0:
        method = payment_method(get_pack(case.jurisdiction.slug))
        payments.record_payment(actor=clerk, application=case, method=method, amount=due, now=now)


def payment_method(pack: Pack) -> str:
    return (
        pack.names("payment_methods", dt.date(2026, 1, 1))[-1]
        if pack.has_term("payment_methods")
        else "check"
    )


def booked_for_wednesday(
    slug: str, filed: dt.datetime = MONDAY
) -> tuple[dict[str, User], Application, Inspection]:
    """`slug`'s staff, and a case its owner filed at `filed` (Monday unless told), paid, its
    first inspection booked for Wednesday 2026-11-18 and assigned to the staff's inspector."""
    crew = staff(slug)
    owner = user("owner")
    case = file_case(slug, owner, now=filed)
    pay(case, crew[Role.CLERK], filed)
    return crew, case, book(case, crew, owner, dt.date(2026, 11, 18), filed)


def record(
    crew: dict[str, User], visit: Inspection, at: dt.datetime, result: str, **more: Any
) -> Inspection:
    """The crew's inspector records the visit's result."""
    return inspections.record_inspection_result(
        actor=crew[Role.INSPECTOR], inspection=visit, result=result, now=at, **more
    )


def ready_for_permit(
    case: Application, crew: dict[str, User], day: dt.date, *, details: bool = True
) -> Application:
    """Paid, passed on `day` (unless approved already) and, where the pack names occupants,
    one occupant named (`details=False`: without the age and relationship)."""
    pack = get_pack(case.jurisdiction.slug)
    pay(case, crew[Role.CLERK], central(f"{day} 07:00"))
    if case.status != "approved":
        visit = book(
            case, crew, crew[Role.CLERK], day, central(f"{day - dt.timedelta(days=3)} 09:00")
        )
        record(crew, visit, central(f"{day} 10:00"), "passed")
        case.refresh_from_db()
    pay(case, crew[Role.CLERK], central(f"{day} 11:00"))
    if pack.item(case.fee_item).case.names_occupants:  # type: ignore[union-attr]
        about: dict[str, Any] = {"age": 40, "relationship": "head of household"} if details else {}
        occupants.add_occupant(
            actor=crew[Role.CLERK],
            application=case,
            first_name="Ann",
            last_name="Tenant",
            now=central(f"{day} 11:00"),
            **about,
        )
    return case


def issue(case: Application, crew: dict[str, User], day: dt.date, evidence: str = "") -> Permit:
    """The case made ready (see `ready_for_permit`) and its permit issued at noon of `day`."""
    ready_for_permit(case, crew, day)
    return permits.issue_permit(
        actor=crew[Role.CLERK], application=case, now=central(f"{day} 12:00"), evidence=evidence
    )


def approved_case(slug: str, crew: dict[str, User], parcel: str, fee_item: str) -> Application:
    """A case of `slug` filed Monday 2026-03-02, paid in full, passed on Wednesday the 4th."""
    filed = central("2026-03-02 10:00")
    owner = user(f"owner-{parcel}")
    home = unit(slug, "single-family", parcel=parcel, owner=owner)
    case = applications.submit_application(
        actor=owner, unit=home, fee_item=fee_item, trigger="lease", now=filed
    )
    payments.record_payment(
        actor=crew[Role.CLERK],
        application=case,
        method="check",
        amount=balance_due(case),
        now=filed,
    )
    pass_inspection(
        case,
        requester=owner,
        crew=crew,
        wanted_on=dt.date(2026, 3, 4),
        requested_at=filed,
        passed_at=central("2026-03-04 10:00"),
    )
    case.refresh_from_db()
    return case
