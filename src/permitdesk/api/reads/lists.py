"""The case lists a building division pages through all day, one statement a page: the
caller's cases (GET /api/applications) and a clerk's queue
(GET /api/jurisdictions/{slug}/queues/{queue}), as permitdesk.api.pagination.Keyset pages
them and the ORM reads list them (tests/api/test_api_reads.py compares them, page by page).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import connection

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import NotFound, memberships, staff_in
from permitdesk.api.auth import Caller, PendingToken, read_as
from permitdesk.api.pagination import decode, encode
from permitdesk.api.queries import staff_jurisdiction, today
from permitdesk.api.reads.cases import BRIEF, BRIEF_READS, CASE_JOINS
from permitdesk.api.reads.json_text import json_object, sort_text
from permitdesk.api.reads.sql import (
    Fields,
    Row,
    as_int,
    as_money,
    date_param,
    fetch,
    moment,
    moment_param,
)
from permitdesk.cases.models import Application, Inspection
from permitdesk.cases.selectors import LAPSING_WITHIN_DAYS
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
    fields: Fields = BRIEF
    reads: tuple[str, ...] = BRIEF_READS

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
            f"{json_object(self.fields, self.reads, vendor)} {CASE_JOINS} WHERE {where} "
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
    code official, their assigned inspections'."""
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
    return f"({' OR '.join(terms)})", params


# An applicant's own cases, by their token: the list as most callers see it, read in the same
# round trip as the token check; a caller with staff roles has it read again with them.
OWN_BY_TOKEN = "a.applicant_id = (SELECT t.user_id FROM accounts_apitoken t WHERE t.digest = %s)"


def case_list(who: Caller, limit: int, after: str | None) -> str:
    """A page of the cases the caller may see, newest first (ApplicationPage's JSON text)."""
    if isinstance(who, PendingToken):
        page = Page(OWN_BY_TOKEN, [who.digest], True, limit, after)
        actor, rows = read_as(who, *page.statement())
        if not memberships(actor):
            return page.document(rows)
    else:
        actor = who
    page = Page(*_visible(actor), True, limit, after)
    return page.document(fetch(*page.statement()))


def _word(value: str) -> str:
    """One of our own status words as an SQL literal. Written into the statement, not passed
    as a parameter, so that PostgreSQL's generic plan of the prepared statement can prove the
    partial index case_awaiting_payment applies (its WHERE names these words)."""
    if not re.fullmatch(r"[a-z-]+", value):
        raise ValueError(f"not a status word: {value!r}")
    return f"'{value}'"


CLOSED = ", ".join(_word(s) for s in Application.CLOSED)
STATUS = Application.Status


def _queue_where(queue: str, today: dt.date) -> tuple[str, list[Any]]:
    """selectors.clerk_queue's conditions, as SQL (the tests hold the two to the same cases)."""
    if queue == "new":
        return (
            f"a.status = {_word(STATUS.SUBMITTED)} AND NOT EXISTS "
            "(SELECT 1 FROM cases_inspection x WHERE x.application_id = a.id)",
            [],
        )
    if queue == "awaiting-payment":
        return f"a.balance_due > 0 AND NOT a.status IN ({CLOSED})", []
    if queue == "ready-to-schedule":
        return (
            f"a.status = {_word(STATUS.INSPECTION_REQUESTED)} AND EXISTS (SELECT 1 FROM "
            "cases_inspection x WHERE x.application_id = a.id AND "
            f"x.result = {_word(Inspection.Result.PENDING)} AND x.inspector_id IS NULL)",
            [],
        )
    if queue == "awaiting-occupants":
        return (
            f"a.status = {_word(STATUS.APPROVED)} AND NOT EXISTS "
            "(SELECT 1 FROM cases_occupant x WHERE x.application_id = a.id)",
            [],
        )
    if queue == "ready-to-issue":
        return (
            f"a.status = {_word(STATUS.APPROVED)} AND EXISTS "
            "(SELECT 1 FROM cases_occupant x WHERE x.application_id = a.id)",
            [],
        )
    if queue == "lapsing":
        until = today + dt.timedelta(days=LAPSING_WITHIN_DAYS)
        return (
            f"a.status = {_word(STATUS.APPROVED)} AND EXISTS (SELECT 1 FROM cases_approval x "
            "WHERE x.application_id = a.id AND x.valid_through >= %s AND x.valid_through <= %s)",
            [date_param(today), date_param(until)],
        )
    raise ValueError(f"queue '{queue}' is not a queue")


QUEUE_ITEM: Fields = (*BRIEF, ("balance", as_money))
QUEUE_READS = (*BRIEF_READS, "a.balance_due")


def queue_page(who: Caller, slug: str, queue: str, limit: int, after: str | None) -> str:
    """A page of a clerk's queue (QueuePage's JSON text), oldest first, for the jurisdiction's
    clerks and code officials (403 for others, 404 for no such jurisdiction)."""
    try:
        pack = get_pack(slug)
    except UnknownName:
        read_as(who, "SELECT 1", [])  # 401 before 404
        raise NotFound(f"jurisdiction {slug} not found") from None
    where, params = _queue_where(queue, today(pack))
    page = Page(
        f"a.jurisdiction_id = (SELECT id FROM records_jurisdiction WHERE slug = %s) AND {where}",
        [slug, *params],
        False,
        limit,
        after,
        QUEUE_ITEM,
        QUEUE_READS,
    )
    actor, rows = read_as(who, *page.statement())
    staff_jurisdiction(actor, slug)  # the rows were read before the caller was known
    return page.document(rows)
