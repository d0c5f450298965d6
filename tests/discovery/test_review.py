"""The review queue: staff confirm a near match to a parcel and unit (and the sweep may then
open its lead), or reject it; a refusal names its field and changes nothing."""

from __future__ import annotations

import pytest

from permitdesk.accounts.permissions import Forbidden
from permitdesk.audit.models import AuditEvent
from permitdesk.discovery.models import ChangeEvidence
from permitdesk.discovery.review import confirm_match, reject_match
from permitdesk.discovery.sweep import run_discovery
from permitdesk.rules.lifecycle import Refused
from tests.discovery.conftest import NOW, County, Importer, row
from tests.discovery.test_leads import AFTER


@pytest.fixture
def near(county: County, import_sales: Importer) -> ChangeEvidence:
    import_sales(row(parcel="", address="123 N Mian St"))
    return ChangeEvidence.objects.get()


def test_a_confirmed_match_becomes_a_lead_when_due(county: County, near: ChangeEvidence) -> None:
    done = confirm_match(
        evidence=near, actor=county.clerk, parcel_id="21K-34-0012", unit_label="", now=NOW
    )
    assert done.match == "confirmed"
    assert done.unit == county.units["123 North Main Street"]
    assert done.covered is True
    assert AuditEvent.objects.filter(action="discovery.match-confirmed").count() == 1
    assert run_discovery(now=AFTER).opened == 1


def test_a_rejected_match_leaves_the_queue_unmatched(county: County, near: ChangeEvidence) -> None:
    done = reject_match(evidence=near, actor=county.clerk, now=NOW)
    assert done.match == "unmatched"
    assert done.candidate is None
    assert run_discovery(now=AFTER).opened == 0


@pytest.mark.parametrize(
    ("parcel", "unit", "code", "field"),
    [
        ("99-999", "", "parcel-unknown", "parcel_id"),
        ("21K340045", "9Z", "unit-unknown", "unit_label"),
    ],
)
def test_a_confirmation_to_nothing_here_is_refused(
    county: County, near: ChangeEvidence, parcel: str, unit: str, code: str, field: str
) -> None:
    with pytest.raises(Refused) as refused:
        confirm_match(evidence=near, actor=county.clerk, parcel_id=parcel, unit_label=unit, now=NOW)
    assert (refused.value.code, refused.value.field) == (code, field)
    near.refresh_from_db()
    assert near.match == "review"


def test_a_matched_record_is_not_reviewed_again(county: County, import_sales: Importer) -> None:
    import_sales(row())
    matched = ChangeEvidence.objects.get()
    with pytest.raises(Refused) as refused:
        reject_match(evidence=matched, actor=county.clerk, now=NOW)
    assert (refused.value.code, refused.value.field) == ("not-in-review", "match")


def test_an_inspector_does_not_review(county: County, near: ChangeEvidence) -> None:
    with pytest.raises(Forbidden):
        reject_match(evidence=near, actor=county.inspector, now=NOW)
