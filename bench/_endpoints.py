"""What the bench measures: the application detail and the applicant's list, and the
clerk's queue as the API's own OpenAPI document names it (or the case list, if it has none)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from _database import Subjects
from _dataset import TOKEN_PREFIX


@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    path: str
    token: str | None


def openapi_paths() -> dict[str, object]:
    from django.test import Client

    response = Client(raise_request_exception=False).get("/api/openapi.json")
    if response.status_code != 200:
        return {}
    paths = json.loads(response.content).get("paths", {})
    return paths if isinstance(paths, dict) else {}


def _params(operation: object) -> dict[str, dict[str, object]]:
    """The operation's parameters by name (GET only)."""
    if not isinstance(operation, dict):
        return {}
    get = operation.get("get")
    if not isinstance(get, dict):
        return {}
    found: dict[str, dict[str, object]] = {}
    for p in get.get("parameters", []):
        if isinstance(p, dict) and isinstance(p.get("name"), str):
            found[p["name"]] = p
    return found


def _enum(param: dict[str, object]) -> list[str]:
    schema = param.get("schema")
    if isinstance(schema, dict):
        values = schema.get("enum")
        if isinstance(values, list):
            return [str(v) for v in values]
    return []


def clerk_queue_path(paths: dict[str, object], slug: str, jurisdiction: int) -> tuple[str, str]:
    """The clerk's queue if the API has one (a GET route with "queue" in it, its parameters
    filled in), else the clerk's filtered or plain case list; and which it is."""
    for route, operation in sorted(paths.items()):
        if "queue" not in route or not _has_get(operation):
            continue
        concrete, query = route, []
        for name, param in _params(operation).items():
            value = _fill(name, param, slug, jurisdiction)
            if param.get("in") == "path":
                concrete = concrete.replace("{" + name + "}", value)
            elif param.get("required") or "queue" in name:
                query.append(f"{name}={value}")
        if "{" not in concrete:
            path = concrete + ("?" + "&".join(query) if query else "")
            return path, f"the clerk's queue {path}"
    listed = _params(paths.get("/api/applications", {}))
    for name in ("queue", "status"):
        if name in listed:
            value = _fill(name, listed[name], slug, jurisdiction)
            return (
                f"/api/applications?{name}={value}",
                f"no queue endpoint: the clerk's case list filtered ?{name}={value}",
            )
    return "/api/applications", "no queue endpoint: the clerk's case list (first page)"


def _has_get(operation: object) -> bool:
    return isinstance(operation, dict) and isinstance(operation.get("get"), dict)


def _fill(name: str, param: dict[str, object], slug: str, jurisdiction: int) -> str:
    """A value for a parameter of the clerk's queue."""
    choices = _enum(param)
    if "queue" in name:
        return _pick_queue(choices)
    if "jurisdiction" in name or "slug" in name:
        schema = param.get("schema")
        numeric = isinstance(schema, dict) and schema.get("type") == "integer"
        return str(jurisdiction) if numeric else slug
    if name == "status":
        return "submitted"
    return choices[0] if choices else "1"


def _pick_queue(choices: list[str]) -> str:
    for preferred in ("awaiting-payment", "new", "submitted"):
        if preferred in choices:
            return preferred
    return choices[0] if choices else "awaiting-payment"


def endpoints(subjects: Subjects) -> tuple[list[Endpoint], str]:
    paths = openapi_paths()
    queue, queue_what = clerk_queue_path(
        paths, subjects.clerk_jurisdiction, subjects.clerk_jurisdiction_id
    )
    applicant = TOKEN_PREFIX + str(subjects.applicant)
    clerk = TOKEN_PREFIX + str(subjects.clerk)
    return [
        Endpoint(
            "detail",
            "(a) detail, applicant",
            f"/api/applications/{subjects.application}",
            applicant,
        ),
        Endpoint("mine", "(b) list, applicant", "/api/applications", applicant),
        Endpoint("queue", "(c) clerk's queue", queue, clerk),
    ], queue_what


ORM_PREFIX = "/bench/orm/"  # bench/orm_reads.py: the same reads through the ORM


def orm_variants(eps: list[Endpoint]) -> list[Endpoint]:
    """Each endpoint again, answered through the ORM (the selectors and the ninja schemas)."""
    return [
        Endpoint(
            f"{ep.key}-orm",
            ep.label.replace(")", "') ORM", 1),
            ep.path.replace("/api/", ORM_PREFIX, 1),
            ep.token,
        )
        for ep in eps
    ]


def orm_against_sql(eps: list[Endpoint], figures: dict[str, tuple[float, float]]) -> list[str]:
    """Lines comparing each ORM variant with its SQL endpoint: req/s and p50, ORM over SQL.
    `figures`: an endpoint's key -> (req/s, p50 ms)."""
    lines = []
    for ep in eps:
        orm = figures.get(f"{ep.key}-orm")
        sql = figures.get(ep.key)
        if orm is None or sql is None or not sql[0] or not sql[1]:
            continue
        lines.append(
            f"  {ep.label:<24} ORM {orm[0]:,.1f} req/s, p50 {orm[1]:.2f} ms; SQL {sql[0]:,.1f} "
            f"req/s, p50 {sql[1]:.2f} ms; ORM/SQL throughput {orm[0] / sql[0]:.2f}, "
            f"p50 {orm[1] / sql[1]:.2f}"
        )
    return lines
