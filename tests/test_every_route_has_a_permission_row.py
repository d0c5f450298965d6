"""The permission matrices are complete by construction: every URL pattern Django resolves and
every API operation (with its method) has a row in tests/web/test_web_permission_matrix.py or
tests/api/test_api_permission_matrix.py, so a new page or endpoint cannot ship without saying
who may read and write it. Django's admin is one row: it checks is_staff on all its pages."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from django.urls import URLPattern, URLResolver, get_resolver

from permitdesk.api.api import api
from tests.api.test_api_permission_matrix import MATRIX as API_MATRIX
from tests.web.test_web_permission_matrix import ROUTES as WEB_ROUTES

ADMIN = "admin/"


def _routes(patterns: Sequence[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route == ADMIN:
                yield route
            else:
                yield from _routes(pattern.url_patterns, route)
        else:
            yield route


def _operations() -> set[tuple[str, str]]:
    """(method, path) of every operation of the one NinjaAPI: ("POST", "/units/{id}/...")."""
    found = set()
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                found.update((method, prefix + path) for method in operation.methods)
    return found


def _as_pattern(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$")


def _api_route(route: str) -> str | None:
    """The operation path a Django pattern under api/ serves ("api/units/<id>" → "/units/{id}"),
    or None for a pattern outside the API."""
    if not route.startswith("api/"):
        return None
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route.removeprefix("api/"))


def test_every_api_operation_has_a_row_for_its_method() -> None:
    # A row's path may carry a query string (the operation's required parameters).
    rows = {
        (method, re.sub(r"\{\w+\}", "1", path.partition("?")[0]))
        for method, path, _, _ in API_MATRIX
    }
    missing = sorted(
        f"{method} {path}"
        for method, path in _operations()
        if not any(m == method and _as_pattern(path).match(filled) for m, filled in rows)
    )
    assert missing == [], "add a row to tests/api/test_api_permission_matrix.py for each"


def test_every_url_pattern_has_a_row() -> None:
    operations = {path for _, path in _operations()}
    missing = sorted(
        route
        for route in _routes(get_resolver().url_patterns)
        if route not in WEB_ROUTES and _api_route(route) not in operations
    )
    assert missing == [], "add a row to tests/web/test_web_permission_matrix.py for each"


def test_the_check_sees_a_new_endpoint_without_a_row() -> None:
    """The enumeration itself works: a route nobody wrote a row for is reported."""
    resolver_routes = set(_routes(get_resolver().url_patterns))
    assert "staff/cases/<int:pk>/withdraw/" in resolver_routes
    assert ("POST", "/units/{id}/change-of-occupancy-reports") in _operations()
    assert _api_route("api/units/<id>") == "/units/{id}"
    assert not _as_pattern("/units/{id}").match("/units/1/more")
