"""Public verification of a permit by its number or the token its QR code carries; rate-limited
per client, and the place shown only to the token (decision 0007)."""

from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Query, Router

from permitdesk.accounts.rate_limit import check_verify_rate
from permitdesk.api.errors import responses
from permitdesk.api.schemas.common import NO_NUL
from permitdesk.api.schemas.permits import ChildCheckOut, VerifyOut
from permitdesk.cases.selectors.permits import (
    ChildCheck,
    PublicPermit,
    child_on_permit,
    public_permit,
)

router = Router(tags=["verify"], auth=None)

NumberOrToken = Annotated[str, Path(min_length=1, max_length=64, pattern=NO_NUL)]
Name = Annotated[str, Query(min_length=1, max_length=100, pattern=NO_NUL)]


@router.get("/verify/{number_or_token}", response=responses({200: VerifyOut}, 404, 422, 429))
def verify(request: HttpRequest, number_or_token: NumberOrToken) -> PublicPermit:
    """Is this permit valid? Its number, kind and dates, and with the token (the QR code) its
    place; never the people. At most VERIFY_RATE_LIMIT lookups per client per
    VERIFY_RATE_WINDOW seconds (429 with Retry-After past that)."""
    check_verify_rate(request)
    return public_permit(number_or_token)


@router.get(
    "/verify/{number_or_token}/child",
    response=responses({200: ChildCheckOut}, 404, 422, 429),
)
def verify_child(
    request: HttpRequest, number_or_token: NumberOrToken, first_name: Name, last_name: Name
) -> ChildCheck:
    """Is a child of this name on the permit (a school's question)? `named` is true or false;
    the other occupants are never shown. Counted by the same rate limit as /verify."""
    check_verify_rate(request)
    return child_on_permit(number_or_token, first_name, last_name)
