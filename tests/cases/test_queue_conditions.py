"""Each clerk's queue is declared once (permitdesk.cases.selectors.queues), its condition as an
ORM filter and as SQL side by side: on the demo data the two select the same cases, in the
same order, in every jurisdiction and queue."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from permitdesk.cases.selectors import today_in
from permitdesk.cases.selectors.queues import (
    DEFINITIONS,
    QUEUE_TITLES,
    QUEUES,
    clerk_queue,
    queue_where,
)
from permitdesk.records.models import Jurisdiction

pytestmark = pytest.mark.django_db


def by_sql(jurisdiction_id: int, where: str, params: list[object]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.id FROM cases_application a WHERE a.jurisdiction_id = %s AND {where} "
            "ORDER BY a.submitted_at, a.id",
            [jurisdiction_id, *params],
        )
        return [row[0] for row in cursor.fetchall()]


def test_the_sql_and_the_orm_conditions_select_the_same_cases() -> None:
    call_command("load_jurisdictions", verbosity=0)
    call_command("demo_data", force=True, verbosity=0)
    found = dict.fromkeys(QUEUES, 0)
    for place in Jurisdiction.objects.all():
        today = today_in(place)
        for queue in QUEUES:
            expected = list(clerk_queue(place.pk, queue, today).values_list("id", flat=True))
            assert by_sql(place.pk, *queue_where(queue, today)) == expected, (place.slug, queue)
            found[queue] += len(expected)
    assert sum(found.values()) >= 10, found  # the comparison saw cases, not empty queues


def test_every_queue_has_one_title_and_an_unknown_queue_is_refused_by_name() -> None:
    assert list(QUEUE_TITLES) == [q.name for q in DEFINITIONS] == list(QUEUES)
    with pytest.raises(ValueError, match="queue 'later' is not one of: new, awaiting-payment"):
        clerk_queue(1, "later", today_in("clayton-mo"))
