"""The case lists a building division pages through all day, one statement a page: the
caller's cases (GET /api/applications) and a clerk's queue
(GET /api/jurisdictions/{slug}/queues/{queue}), as permitdesk.api.pagination.Keyset pages
them and the ORM reads list them (tests/api/test_api_reads.py compares them, page by page).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import connection

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import NotFound, memberships, staff_in
from permitdesk.api.auth import Caller, PendingToken, read_as
from permitdesk.api.pagination import decode, encode
from permitdesk.api.reads.cases import BRIEF_READ, CASE_JOINS
from permitdesk.api.reads.json_text import json_object, sort_text
from permitdesk.api.reads.sql import (
    Row,
    as_int,
    fetch,
    moment,
    moment_param,
)
from permitdesk.api.reads.tables import Read, columns
from permitdesk.api.schemas.cases import QueueItem
from permitdesk.cases.permissions import overseen_places
from permitdesk.cases.selectors import today_in
from permitdesk.cases.selectors.desks import staff_jurisdiction
from permitdesk.cases.selectors.queues import queue_where
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import UnknownName


@dataclass(frozen=True)
class Page:
    """A keyset page's statement (as permitdesk.api.pagination.Keyset pages): the cases
    `where` selects, by (submitted_at, id) one way or the other, each row read as its item's
    JSON text (json_text.json_object), after the two keys it is put in order by."""

    where: str
    params: list[Any]
    newest_first: bool
    limit: int
    after: str | None
    read: Read = BRIEF_READ

    def statement(self) -> tuple[str, list[Any]]:
        where, params = self.where, self.params
        way, order = ("<", "DESC") if self.newest_first else (">", "ASC")
        if self.after is not None:
            moment, last = decode(self.after)
            where += (
                f" AND a.submitted_at {way}= %s"
                f" AND (a.submitted_at {way} %s OR (a.submitted_at = %s AND a.id {way} %s))"
            )
            at = moment_param(moment)
            params = [*params, at, at, at, last]
        vendor = connection.vendor
        return (
            f"SELECT {sort_text('a.submitted_at', vendor)}, a.id, "
            f"{json_object(self.read.fields, self.read.reads, vendor)} {CASE_JOINS} WHERE {where} "
            f"ORDER BY a.submitted_at {order}, a.id {order} LIMIT {int(self.limit) + 1}",
            params,
        )

    def document(self, rows: list[Row]) -> str:
        """The page's JSON text (the schema's: items, next) from the statement's rows."""
        # In the statement's order again: read_as's rows come in no set order. The sort text
        # and the id are unique together, so the items' texts are never compared.
        found = sorted(rows, reverse=self.newest_first)
        page, more = found[: self.limit], len(found) > self.limit
        after = None if not more else encode(moment(page[-1][0]), as_int(page[-1][1]))
        return f'{{"items": [{", ".join(row[2] for row in page)}], "next": {json.dumps(after)}}}'


def _visible(actor: User) -> tuple[str, list[Any]]:
    """visible_applications' rule as SQL: their own cases, their jurisdictions' as clerk or
    code official, their assigned inspections', those on the units they oversee."""
    held = memberships(actor)
    terms, params = ["a.applicant_id = %s"], [actor.pk]
    staff = staff_in(held)
    if staff:
        terms.append(f"a.jurisdiction_id IN ({', '.join(['%s'] * len(staff))})")
        params += staff
    inspects = sorted({j for j, role in held if role == Role.INSPECTOR})
    if inspects:
        terms.append(
            f"(a.jurisdiction_id IN ({', '.join(['%s'] * len(inspects))}) AND EXISTS "
            "(SELECT 1 FROM cases_inspection x WHERE x.application_id = a.id "
            "AND x.inspector_id = %s))"
        )
        params += [*inspects, actor.pk]
    parcels, units = overseen_places(actor)
    if parcels:
        terms.append(
            "a.unit_id IN (SELECT o.id FROM records_unit o WHERE o.property_id IN "
            f"({', '.join(['%s'] * len(parcels))}))"
        )
        params += sorted(parcels)
    if units:
        terms.append(f"a.unit_id IN ({', '.join(['%s'] * len(units))})")
        params += sorted(units)
    return f"({' OR '.join(terms)})", params


# An applicant's own cases, by their token: the list as most callers see it, read in the same
# round trip as the token check; a caller with staff roles, or who oversees units as their
# verified owner or managing agent, has it read again with them.
OWN_BY_TOKEN = "a.applicant_id = (SELECT t.user_id FROM accounts_apitoken t WHERE t.digest = %s)"


def case_list(who: Caller, limit: int, after: str | None) -> str:
    """A page of the cases the caller may see, newest first (ApplicationPage's JSON text)."""
    if isinstance(who, PendingToken):
        page = Page(OWN_BY_TOKEN, [who.digest], True, limit, after)
        actor, rows = read_as(who, *page.statement())
        if not memberships(actor) and not any(overseen_places(actor)):
            return page.document(rows)
    else:
        actor = who
    page = Page(*_visible(actor), True, limit, after)
    return page.document(fetch(*page.statement()))


QUEUE_ITEM = Read(QueueItem, BRIEF_READ.columns + columns("balance  a.balance_due  money"))
PAGE_ITEMS = (BRIEF_READ, QUEUE_ITEM)  # ApplicationPage's items, QueuePage's


def queue_page(who: Caller, slug: str, queue: str, limit: int, after: str | None) -> str:
    """A page of a clerk's queue (QueuePage's JSON text), oldest first, for the jurisdiction's
    clerks and code officials (403 for others, 404 for no such jurisdiction)."""
    try:
        pack = get_pack(slug)
    except UnknownName:
        read_as(who, "SELECT 1", [])  # 401 before 404
        raise NotFound(f"jurisdiction {slug} not found") from None
    where, params = queue_where(queue, today_in(pack))
    page = Page(
        f"a.jurisdiction_id = (SELECT id FROM records_jurisdiction WHERE slug = %s) AND {where}",
        [slug, *params],
        False,
        limit,
        after,
        QUEUE_ITEM,
    )
    actor, rows = read_as(who, *page.statement())
    staff_jurisdiction(actor, slug)  # the rows were read before the caller was known
    return page.document(rows)
