"""Issue 20: an applicant writes to the building division on the case's page and the
division gets it by e-mail (the outbox, in the message's transaction); the clerk's answer is
e-mailed back. Screenshots and axe of both sides."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from permitdesk.audit.models import OutboxMessage
from permitdesk.correspondence.models import Message
from tests import factories
from tests.web.applicant.browser import look
from tests.web.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_applicants_message_is_e_mailed_to_the_division_and_the_answer_back(
    site: Any,
) -> None:
    who = factories.people()
    case = factories.submitted(who)
    sign_in(site, who.owner.email, "x")
    site.goto(f"{site.base}/cases/{case.pk}/messages/")
    expect(
        site.get_by_text("The building division gets your message by e-mail too.")
    ).to_be_visible()
    site.get_by_role("textbox", name="Message").fill(
        "The tenants are Jane and John Doe, moving in Dec 1."
    )
    site.get_by_role("button", name="Send").click()
    expect(site.get_by_role("status")).to_contain_text("Your message is sent.")
    look(site, "applicant-message-to-division")
    asked = Message.objects.get(application=case)
    (mail,) = OutboxMessage.objects.filter(kind="case-message-to-division")
    assert (mail.to, mail.key) == (
        "applicationsbd@claytonmo.gov",
        f"case-message-{asked.pk}-division-1",
    )
    assert "Jane and John Doe" in mail.body

    site.context.clear_cookies()
    sign_in(site, who.clerk.email, "x")
    site.goto(f"{site.base}/staff/cases/{case.pk}/messages/")
    expect(site.get_by_text("Jane and John Doe, moving in Dec 1.")).to_be_visible()
    site.get_by_role("textbox", name="Message").fill(
        "Thank you: we will issue the permit after the inspection."
    )
    site.get_by_role("button", name="Send").click()
    expect(site.get_by_role("status")).to_contain_text("Your message is sent.")
    look(site, "staff-message-to-applicant")
    (reply,) = OutboxMessage.objects.filter(kind="case-message")
    assert reply.to == who.owner.email
    assert "we will issue the permit" in reply.body
