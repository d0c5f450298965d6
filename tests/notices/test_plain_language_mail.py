"""No slugs or field names in any e-mail: every kind of message the outbox renders (each
template in notices/templates/notices), for the demo's cases in all four jurisdictions (their
template overrides included), is checked with the pages' finder (tests/web/test_plain_language):
its subject, every line of its text part and the visible text of its HTML part."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from permitdesk.accounts.password_reset import request_password_reset
from permitdesk.accounts.registration import request_sign_up
from permitdesk.accounts.staff import change_role, grant_role, revoke_role
from permitdesk.audit.models import OutboxMessage
from permitdesk.cases import messages
from permitdesk.cases.models import Inspection, Payment, Permit
from permitdesk.cases.services.occupants import report_change_of_occupancy
from permitdesk.correspondence.services import send_message
from permitdesk.filings.services import file_prior_to_sale_notice, record_written_disclosure
from permitdesk.payments.refunds import refund
from permitdesk.records.models import Jurisdiction, Relation
from permitdesk.records.relations import end_relation
from permitdesk.sweeps.permits import notify_permits_ending
from tests import factories
from tests.web.test_plain_language import known_codes, slugs_in, visible_text

pytestmark = pytest.mark.django_db

TEMPLATES = Path(messages.__file__).parents[1] / "notices" / "templates" / "notices"
KINDS = sorted(path.name.removesuffix(".subject.txt") for path in TEMPLATES.glob("*.subject.txt"))


def _case_messages(now: dt.datetime) -> None:
    """What the demo does not do: a message from the desk, a request moved and one called
    off, a refund at the counter and one at the online provider."""
    clerk = User.objects.get(username="clayton-clerk")
    pending = Inspection.objects.filter(
        result=Inspection.Result.PENDING, application__jurisdiction__slug="clayton-mo"
    ).select_related("application", "inspector")
    visit = pending.exclude(inspector=None).first() or pending.get()
    case = visit.application
    send_message(actor=clerk, application=case, body="Please send the lease.", now=now)
    send_message(actor=case.applicant, application=case, body="The lease, signed.", now=now)
    before = {"scheduled_on": visit.scheduled_on.isoformat(), "window": visit.window}
    with transaction.atomic():
        messages.inspection_changed(visit, before, visit.inspector, actor=case.applicant, at=now)
        messages.inspection_changed(
            visit, before, visit.inspector, actor=clerk, at=now, cancelled=True
        )
        messages.online_refund(
            case,
            reference="re_3PqR8xLk2eZvKYlo",
            amount=Decimal("80.00"),
            note="paid twice",
            at=now,
        )
    paid = Payment.objects.filter(application__jurisdiction__slug="clayton-mo", amount__gt=0)
    refund(actor=clerk, payment=paid.first(), amount=Decimal("1.00"), reason="paid twice", now=now)


def _owner_filings(now: dt.datetime) -> None:
    """What owners file outside a case (the demo files none): the village's late change
    report and written disclosure, Clayton's short prior-to-sale notice."""
    owner = User.objects.get(username="owner")
    house = factories.unit(factories.VILLAGE, parcel="V-MAIL", owner=owner)
    today = now.date()
    report_change_of_occupancy(
        actor=owner, unit=house, changed_on=today - dt.timedelta(days=40), now=now
    )
    record_written_disclosure(
        actor=owner,
        unit=house,
        occasion="rental",
        disclosed_by="Olive Owner",
        discloser_role="owner",
        received_by="Rhea Renter",
        received_on=today - dt.timedelta(days=1),
        now=now,
    )
    building = factories.unit(
        "clayton-mo", "apartment", units_in_building=4, parcel="B-MAIL", owner=owner
    ).property
    file_prior_to_sale_notice(
        actor=owner,
        place=building,
        disposal="sale",
        planned_on=today + dt.timedelta(days=10),
        buyer_name="Bea Buyer",
        now=now,
    )


def _account_messages(now: dt.datetime) -> None:
    owner = User.objects.get(username="owner")
    request_password_reset(email=owner.email, now=now)
    request_sign_up(email=owner.email, first_name="A", last_name="B", password="x" * 12, now=now)
    request_sign_up(
        email="new@example.test", first_name="Nia", last_name="New", password="x" * 12, now=now
    )
    clayton = Jurisdiction.objects.get(slug="clayton-mo")
    membership = grant_role(actor=None, user=owner, jurisdiction=clayton, role="clerk", now=now)
    membership = change_role(actor=None, membership=membership, role="inspector", now=now)
    revoke_role(actor=None, membership=membership, now=now)
    relation = Relation.objects.filter(status=Relation.Status.VERIFIED).first()
    assert relation is not None
    end_relation(actor=relation.person, relation=relation, reason="sold", now=now)


def _reminders(now: dt.datetime) -> None:
    """The sweep's reminders over the next three months, and a permit's notice before it
    ends (no demo permit ends within the notice's lead time)."""
    for days in range(0, 90, 3):
        call_command("sweep", now=(now + dt.timedelta(days=days)).isoformat(), stdout=io.StringIO())
    permit = Permit.objects.filter(ended_at=None).first()
    assert permit is not None
    Permit.objects.filter(pk=permit.pk).update(ends_on=(now + dt.timedelta(days=20)).date())
    notify_permits_ending(permit_ids=[permit.pk], now=now)


@pytest.fixture
def outbox(settings: Any, tmp_path: Path) -> list[OutboxMessage]:
    settings.MEDIA_ROOT = tmp_path
    call_command("load_jurisdictions", verbosity=0)
    call_command("demo_data", force=True, verbosity=0)
    now = timezone.now()
    _case_messages(now)
    _owner_filings(now)
    _account_messages(now)
    _reminders(now)
    return list(OutboxMessage.objects.order_by("pk"))


URL = re.compile(r"https?://\S+")  # a link's address is for the browser, not read as words


def _parts(message: OutboxMessage) -> list[str]:
    lines = message.body.splitlines()
    parts = [message.subject, *lines, *visible_text(message.html_body)]
    return [text for part in parts if (text := " ".join(URL.sub("", part).split()))]


def test_every_e_mail_says_words_not_codes(outbox: list[OutboxMessage]) -> None:
    assert sorted({m.kind for m in outbox}) == KINDS  # every template rendered at least once
    codes = known_codes()
    names = set(User.objects.values_list("username", flat=True))
    found: dict[str, set[str]] = {}
    for message in outbox:
        for part in _parts(message):
            for slug in slugs_in(part, codes, names):
                found.setdefault(f"{slug!r} in {part[:80]!r}", set()).add(message.kind)
    assert {shown: sorted(kinds) for shown, kinds in found.items()} == {}
