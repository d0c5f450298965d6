"""A managing agent whose mandate is over ends their relation to the parcel in a real browser,
on a phone's width: from the case list's "Who you are to them", the end page (a reason is
required), back to the list, which shows the end; the agent is e-mailed."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from permitdesk.audit.models import OutboxMessage
from permitdesk.records.models import Relation
from tests import factories
from tests.web.conftest import check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_agent_ends_their_relation_on_a_phone(site: Any) -> None:
    place = factories.unit("clayton-mo", parcel="P-1", owner=factories.user("owner")).property
    agent = factories.user("agent")
    relation = factories.relation(agent, place, kind="managing-agent")
    site.set_viewport_size({"width": 390, "height": 844})
    sign_in(site, agent.email, "x")
    site.goto(f"{site.base}/cases/")
    with site.expect_navigation():
        site.get_by_role("link", name="End this relation to 10 N Central Ave").click()
    expect(site.get_by_role("heading", level=1)).to_contain_text("End your relation")
    check_page(site, "applicant-relation-end")

    site.expected_errors = [422]  # the reason left out: the form answers 422
    site.get_by_label("Why it ends").fill("   ")
    site.get_by_role("button", name="End the relation").click()
    expect(site.locator("#id_reason-error")).to_contain_text("Say why the relation ends")
    check_page(site, "applicant-relation-end-no-reason")
    relation.refresh_from_db()
    assert relation.status == Relation.Status.VERIFIED

    site.get_by_label("Why it ends").fill("The management agreement ended on November 30, 2026.")
    with site.expect_navigation():
        site.get_by_role("button", name="End the relation").click()
    ended = site.get_by_role("status").filter(has_text="has ended")
    expect(ended).to_contain_text("has ended; an e-mail says so")
    check_page(site, "applicant-relation-ended")
    relation.refresh_from_db()
    assert relation.status == Relation.Status.ENDED
    assert OutboxMessage.objects.get(kind="relation-ended").to == agent.email
