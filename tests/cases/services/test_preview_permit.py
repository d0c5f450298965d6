"""permit_preview.preview_permit: the permit issue_permit would issue, or its refusal, with
nothing left behind (no permit, audit event or outbox message)."""

from __future__ import annotations

import pytest

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Permit
from permitdesk.cases.services.permit_preview import preview_permit
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.moments import central

pytestmark = pytest.mark.django_db

AFTER_THE_PASS = central("2026-11-18 11:00")


def test_the_preview_is_the_permit_to_be_issued_and_changes_nothing(
    who: factories.People,
) -> None:
    case = factories.approved(who)
    events, messages = AuditEvent.objects.count(), OutboxMessage.objects.count()
    preview = preview_permit(actor=who.clerk, application=case, now=AFTER_THE_PASS)
    assert preview.occupants == ["Ada Tenant, 34, head"]
    assert preview.ends_on is not None
    assert preview.ends_on.year == 2031  # Clayton's five years
    assert preview.number
    assert not Permit.objects.exists()
    assert (AuditEvent.objects.count(), OutboxMessage.objects.count()) == (events, messages)
    case.refresh_from_db()
    assert case.status == "approved"


def test_the_preview_meets_the_services_refusal(who: factories.People) -> None:
    case, _ = factories.scheduled(who)
    with pytest.raises(Refused, match="cannot issue permit a case that is inspection-requested"):
        preview_permit(actor=who.clerk, application=case, now=AFTER_THE_PASS)
