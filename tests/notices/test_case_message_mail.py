"""A case's messages over a real SMTP server on localhost (aiosmtpd): the applicant's reaches
the division's address, the desk's reply reaches the applicant."""

from __future__ import annotations

import pytest

from permitdesk.correspondence.services import send_message
from permitdesk.notices.outbox import deliver_due
from tests import factories
from tests.notices.conftest import Inbox
from tests.notices.mail import html_part, text_part
from tests.notices.policy import POLICY, T0

pytestmark = pytest.mark.django_db


def test_the_applicants_message_arrives_at_the_division_and_the_reply_at_the_applicant(
    smtp: Inbox,
) -> None:
    who = factories.people()
    case = factories.submitted(who)
    asked = send_message(
        actor=who.owner, application=case, body="Is 9 AM on Friday possible?", now=T0
    )
    deliver_due(clock=lambda: T0, policy=POLICY)
    (mail,) = [m for m in smtp.messages if m["X-RcptTo"] == "applicationsbd@claytonmo.gov"]
    assert f"Application {case.pk}" in mail["Subject"]
    assert "Is 9 AM on Friday possible?" in text_part(mail)
    assert f"/staff/cases/{case.pk}/messages/" in html_part(mail)
    assert mail["Message-ID"] == f"<case-message-{asked.pk}-division-1@permitdesk.test>"

    answer = send_message(actor=who.clerk, application=case, body="Yes: Friday at 9 AM.", now=T0)
    deliver_due(clock=lambda: T0, policy=POLICY)
    key = f"<case-message-{answer.pk}@permitdesk.test>"
    (reply,) = [m for m in smtp.messages if m["Message-ID"] == key]
    assert reply["X-RcptTo"] == who.owner.email
    assert "Yes: Friday at 9 AM." in text_part(reply)
    assert f"/cases/{case.pk}/messages/" in text_part(reply)
