"""inspections.assign_inspectors: the clerk's bulk assignment, one assign_inspector per
inspection (each audited) in one transaction; one refused, none assigned."""

from __future__ import annotations

import pytest

from permitdesk.accounts.permissions import NotFound
from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Inspection
from permitdesk.cases.services import inspections
from permitdesk.rules.lifecycle import Refused
from tests import factories

pytestmark = pytest.mark.django_db


def test_each_inspection_is_assigned_and_audited(who: factories.People) -> None:
    _, first = factories.requested(who)
    _, second = factories.requested(who)
    before = AuditEvent.objects.count()
    inspections.assign_inspectors(
        actor=who.clerk,
        inspections=[first, second],
        inspector=who.inspector,
        now=factories.MONDAY,
    )
    assigned = Inspection.objects.filter(pk__in=[first.pk, second.pk], inspector=who.inspector)
    assert assigned.count() == 2
    events = AuditEvent.objects.order_by("pk")[before:]
    assert [e.action for e in events] == ["assign-inspector", "assign-inspector"]
    assert {e.after["inspector"] for e in events} == {who.inspector.pk}


def test_one_refused_leaves_none_assigned(who: factories.People) -> None:
    _, waiting = factories.requested(who)
    _, recorded = factories.failed(who)
    before = AuditEvent.objects.count()
    with pytest.raises(Refused) as refused:
        inspections.assign_inspectors(
            actor=who.clerk,
            inspections=[waiting, recorded],
            inspector=who.inspector_unassigned,
            now=factories.ON_WEDNESDAY,
        )
    assert refused.value.code == "recorded"
    waiting.refresh_from_db()
    assert waiting.inspector is None
    assert AuditEvent.objects.count() == before


def test_an_inspector_may_not_assign_and_none_is_refused_by_name(who: factories.People) -> None:
    _, waiting = factories.requested(who)
    with pytest.raises(NotFound):  # nobody assigned yet: the case is not theirs to know
        inspections.assign_inspectors(
            actor=who.inspector,
            inspections=[waiting],
            inspector=who.inspector,
            now=factories.MONDAY,
        )
    with pytest.raises(Refused, match="choose at least one inspection") as empty:
        inspections.assign_inspectors(
            actor=who.clerk, inspections=[], inspector=who.inspector, now=factories.MONDAY
        )
    assert empty.value.field == "inspections"
