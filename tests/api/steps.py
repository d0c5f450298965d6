"""The steps of a case, as API calls: each asserts the status it expects and returns the JSON."""

from __future__ import annotations

from typing import Any

from tests.api.client import Api, Clock
from tests.moments import central


def ok(result: tuple[int, Any], status: int = 200) -> Any:
    code, body = result
    assert code == status, body
    return body


def record_unit(
    api: Api,
    slug: str,
    unit_type: str = "single-family",
    units_in_building: int = 1,
    bedrooms: tuple[str, ...] = ("120", "100"),
    parcel: str = "P-1",
) -> int:
    """A property and one unit on it, as the applicant records them; the unit's id."""
    place = ok(
        api.post(
            "/properties",
            {
                "jurisdiction": slug,
                "parcel_id": parcel,
                "address": "10 N Central Ave",
                "city": "Clayton",
                "state": "MO",
                "zip_code": "63105",
            },
        ),
        201,
    )
    unit = ok(
        api.post(
            f"/properties/{place['id']}/units",
            {
                "unit_type": unit_type,
                "units_in_building": units_in_building,
                "bedrooms": [{"area_sqft": area} for area in bedrooms],
            },
        ),
        201,
    )
    return int(unit["id"])


def apply(api: Api, unit: int, fee_item: str, trigger: str, key: str | None = None) -> Any:
    headers = {"Idempotency-Key": key} if key else None
    body = {"unit": unit, "fee_item": fee_item, "trigger": trigger}
    return ok(api.post("/applications", body, headers=headers), 201)


def pay(api: Api, case: int, amount: str, method: str = "check") -> Any:
    return ok(api.post(f"/applications/{case}/payments", {"method": method, "amount": amount}), 201)


def request_inspection(api: Api, case: int, on: str, window: str = "any") -> tuple[int, Any]:
    body = {"wanted_on": on, "window": window, "contact_name": "O", "contact_phone": "314-555-0100"}
    return api.post(f"/applications/{case}/inspection-requests", body)


def inspect(
    clerk: Api,
    inspector: Api,
    inspector_id: int,
    case: int,
    on: str,
    result: str,
    clock: Clock | None = None,
) -> tuple[int, Any]:
    """Request (as the clerk), assign and record one inspection; the result call's answer.
    With the `clock`, the result is recorded at 10 AM on the day booked (the law allows no
    earlier), and the clock is left there."""
    inspection = ok(request_inspection(clerk, case, on), 201)
    ok(clerk.post(f"/inspections/{inspection['id']}/assign", {"inspector": inspector_id}))
    if clock is not None:
        clock.set(central(f"{on} 10:00"))
    violations = [{"code_citation": "PM 304.7", "description": "Gutters detached"}]
    body = {"result": result, "violations": violations if result == "failed" else []}
    return inspector.post(f"/inspections/{inspection['id']}/result", body)


def add_occupant(api: Api, case: int, first: str, last: str, **more: Any) -> Any:
    body = {"first_name": first, "last_name": last, **more}
    return ok(api.post(f"/applications/{case}/occupants", body), 201)


def detail(api: Api, case: int) -> Any:
    return ok(api.get(f"/applications/{case}"))
