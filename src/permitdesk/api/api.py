"""The one NinjaAPI: routers by domain, the error handlers, OpenAPI at /api/openapi.json and
its documentation at /api/docs. Endpoints are thin: translate the input, call one service
(or a rule, or a read), render the result."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger
from ninja.operation import Operation

from permitdesk.api import errors, throttling
from permitdesk.api.routers import (
    audit,
    cases,
    inspections,
    messages,
    permits,
    queues,
    quotes,
    records,
    relations,
    reports,
    tokens,
    verify,
)


class Docs(Swagger):
    """Swagger UI from django-ninja's own static files (the app is installed, so no CDN), in
    api/docs.html: a language, a main landmark, AA contrast. No deep links: they put a link
    inside each operation's button, which screen readers announce badly."""

    template = "api/docs.html"


class PermitDeskAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """The endpoint function's name (unique across the routers): `post_payment`."""
        return operation.view_func.__name__


api = PermitDeskAPI(
    title="PermitDesk API",
    version="1",
    description=(
        "Municipal occupancy permits: quotes and eligibility from each jurisdiction's law "
        "(public), the case file (sign in with `Authorization: Bearer <token>` or the portal's "
        "session), and public permit verification. Amounts are text with two decimals; "
        "errors are `{detail}` (409 adds the `citation` of the rule that refuses)."
    ),
    parser=errors.StrictJSON(),
    urls_namespace="api",
    docs=Docs(settings={"deepLinking": False}),
)
errors.install(api)
throttling.install(api)
for module in (
    quotes,
    records,
    relations,
    cases,
    inspections,
    messages,
    permits,
    queues,
    reports,
    audit,
    tokens,
    verify,
):
    api.add_router("", module.router)
