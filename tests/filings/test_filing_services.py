"""cases.services.owner_notices: the village's written disclosure (§1.A) and Clayton's
prior-to-sale notice with the buyer's notarized acknowledgement ("Prior to Sale
Inspections"). Each refusal writes nothing; each success one audit event and its e-mail."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.audit.models import OutboxMessage
from permitdesk.correspondence.services import Upload
from permitdesk.filings.models import PriorToSaleNotice, WrittenDisclosure
from permitdesk.filings.services import (
    file_prior_to_sale_notice,
    record_written_disclosure,
    upload_buyer_acknowledgement,
)
from permitdesk.records.models import Property, Unit
from tests import factories
from tests.correspondence.conftest import pdf
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db

NOW = factories.MONDAY  # Monday, November 16, 2026, in Clayton and the village


@pytest.fixture
def who(db: None) -> factories.People:
    return factories.people()


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def house(who: factories.People, parcel: str = "D-1") -> Unit:
    return factories.unit(factories.VILLAGE, parcel=parcel, owner=who.owner)


def building(who: factories.People, units: int = 6, parcel: str = "S-1") -> Property:
    """A Clayton apartment building its owner recorded."""
    return factories.unit(
        "clayton-mo", "apartment", units_in_building=units, parcel=parcel, owner=who.owner
    ).property


def disclose(actor: User, unit: Unit, **changes: Any) -> WrittenDisclosure:
    given: dict[str, Any] = {
        "occasion": "rental",
        "disclosed_by": "Olive Owner",
        "discloser_role": "owner",
        "received_by": "Rhea Renter",
        "received_on": dt.date(2026, 11, 10),
        **changes,
    }
    return record_written_disclosure(actor=actor, unit=unit, now=NOW, **given)


def notify(actor: User, place: Property, **changes: Any) -> PriorToSaleNotice:
    given: dict[str, Any] = {
        "disposal": "sale",
        "planned_on": dt.date(2027, 1, 15),  # 60 days ahead
        "buyer_name": "Bea Buyer",
        **changes,
    }
    return file_prior_to_sale_notice(actor=actor, place=place, now=NOW, **given)


def acknowledgement(data: bytes | None = None, name: str = "notarized.pdf") -> Upload:
    return Upload(name=name, data=pdf() if data is None else data, kind="other")


DISCLOSURE_REFUSALS = [
    pytest.param(
        lambda who: partial(disclose, who.owner, factories.submitted(who).unit),
        "not-offered",
        "asks for no written disclosure",
        id="a Clayton unit",
    ),
    pytest.param(
        lambda who: partial(disclose, who.other, house(who)),
        "not-found",
        "not found",
        id="someone with no tie to the unit",
    ),
    pytest.param(
        lambda who: partial(
            disclose, factories.user("v-insp", Role.INSPECTOR, factories.VILLAGE), house(who)
        ),
        "forbidden",
        "inspectors do not record",
        id="an inspector of the village",
    ),
    pytest.param(
        lambda who: partial(disclose, who.owner, house(who), occasion="gift"),
        "choice",
        "occasion 'gift' is not one of: conveyance, rental",
        id="an occasion the ordinance does not name",
    ),
    pytest.param(
        lambda who: partial(disclose, who.owner, house(who), discloser_role="neighbor"),
        "choice",
        "discloser_role 'neighbor' is not one of",
        id="a discloser the ordinance does not name",
    ),
    pytest.param(
        lambda who: partial(disclose, who.owner, house(who), received_by="   "),
        "required",
        "give the name of the buyer or renter",
        id="no buyer or renter named",
    ),
    pytest.param(
        lambda who: partial(disclose, who.owner, house(who), received_on=dt.date(2026, 12, 1)),
        "out-of-range",
        "received_on 2026-12-01 is out of range",
        id="received in the future",
    ),
    pytest.param(
        lambda who: partial(
            disclose, who.owner, house(who), signed_copy=acknowledgement(b"MZ\x90", "form.pdf")
        ),
        "file-type",
        "form.pdf is not a PDF, PNG or JPEG file",
        id="a signed copy that is not a document",
    ),
]

test_a_disclosure_is_refused_and_writes_nothing = refusal_table(DISCLOSURE_REFUSALS)


def test_a_disclosure_writes_one_audit_event_and_e_mails_the_owner(
    who: factories.People, media: Path
) -> None:
    unit = house(who)
    with writes_one_event("record-written-disclosure", ("owner-filing",)) as written:
        made = disclose(who.owner, unit, signed_copy=acknowledgement(name="signed form.pdf"))
    assert written.event.after == {
        "occasion": "rental",
        "disclosed_by": "Olive Owner",
        "discloser_role": "owner",
        "received_by": "Rhea Renter",
        "received_on": "2026-11-10",
        "signed_copy": "signed form.pdf",
    }
    # stored as the correspondence stores: a random name, the type its bytes showed
    assert made.content_type == "application/pdf"
    assert "signed" not in made.file.name
    assert (media / made.file.name).read_bytes().startswith(b"%PDF")
    assert "Received by Rhea Renter" in written.messages[0].body


SALE_REFUSALS = [
    pytest.param(
        lambda who: partial(notify, who.owner, building(who, units=2)),
        "too-few-units",
        "a prior-to-sale notice is for a building of 3 or more units",
        id="a building of two units",
    ),
    pytest.param(
        lambda who: partial(notify, who.owner, house(who).property),
        "not-offered",
        "asks for no notice before a sale",
        id="a village property",
    ),
    pytest.param(
        lambda who: partial(notify, who.other, building(who)),
        "not-found",
        "not found",
        id="someone with no tie to the building",
    ),
    pytest.param(
        lambda who: partial(notify, who.inspector, building(who)),
        "forbidden",
        "inspectors do not record",
        id="Clayton's inspector",
    ),
    pytest.param(
        lambda who: partial(notify, who.owner, building(who), disposal="gift"),
        "choice",
        "disposal 'gift' is not one of: sale, transfer, mortgage, lease",
        id="a disposal the sentence does not name",
    ),
    pytest.param(
        lambda who: partial(notify, who.owner, building(who), buyer_name=""),
        "required",
        "give the name of the buyer",
        id="no buyer named",
    ),
    pytest.param(
        lambda who: partial(notify, who.owner, building(who), planned_on=dt.date(2026, 11, 1)),
        "out-of-range",
        "planned_on 2026-11-01 is out of range",
        id="a disposal already past",
    ),
]

test_a_sale_notice_is_refused_and_writes_nothing = refusal_table(SALE_REFUSALS)


def test_a_notice_30_days_ahead_is_on_time_and_asks_no_acknowledgement(
    who: factories.People,
) -> None:
    with writes_one_event("file-prior-to-sale-notice", ("owner-filing",)) as written:
        made = notify(who.owner, building(who), planned_on=dt.date(2026, 12, 16))
    # 30 days before December 16 is November 16, today: on time, just.
    assert (made.notice_by, made.late, made.lawful_from) == (
        dt.date(2026, 11, 16),
        False,
        dt.date(2026, 12, 16),
    )
    assert (made.open_violations, made.needs_acknowledgement) == (0, False)
    assert written.event.after["late"] is False


def test_a_short_notice_is_taken_flagged_late_with_the_first_lawful_day(
    who: factories.People,
) -> None:
    """The pack's prior_to_sale_short_notice: accept-and-flag-late (decision 0021)."""
    with writes_one_event("file-prior-to-sale-notice", ("owner-filing",)) as written:
        made = notify(who.owner, building(who), planned_on=dt.date(2026, 12, 1))
    assert (made.late, made.lawful_from) == (True, dt.date(2026, 12, 16))
    assert "may not lawfully take place before December 16, 2026" in written.messages[0].body


def test_open_violations_ask_for_the_buyers_notarized_acknowledgement(
    who: factories.People, media: Path
) -> None:
    case, _ = factories.failed(who)  # a Clayton unit whose inspection failed: one violation
    case.unit.units_in_building = 4
    case.unit.save()
    made = notify(who.owner, case.unit.property)
    assert (made.open_violations, made.needs_acknowledgement) == (1, True)
    mail = OutboxMessage.objects.get(key=f"prior-to-sale-notice-{made.pk}")
    assert "signed and notarized acknowledgement" in mail.body
    with writes_one_event("upload-buyer-acknowledgement") as written:
        done = upload_buyer_acknowledgement(
            actor=who.owner, notice=made, upload=acknowledgement(), now=NOW
        )
    assert (done.needs_acknowledgement, done.acknowledged_at) == (False, NOW)
    assert written.event.after == {"acknowledged": True, "name": "notarized.pdf", "size": done.size}
    assert (media / done.file.name).read_bytes().startswith(b"%PDF")


ACKNOWLEDGEMENT_REFUSALS = [
    pytest.param(
        lambda who: partial(
            upload_buyer_acknowledgement,
            actor=who.owner,
            notice=notify(who.owner, building(who)),
            upload=acknowledgement(b"not a pdf", "notarized.pdf"),
            now=NOW,
        ),
        "file-type",
        "notarized.pdf is not a PDF, PNG or JPEG file",
        id="not a document",
    ),
    pytest.param(
        lambda who: partial(
            upload_buyer_acknowledgement,
            actor=who.other,
            notice=notify(who.owner, building(who)),
            upload=acknowledgement(),
            now=NOW,
        ),
        "not-found",
        "not found",
        id="someone else's notice",
    ),
]

test_an_acknowledgement_is_refused_and_writes_nothing = refusal_table(ACKNOWLEDGEMENT_REFUSALS)


def test_a_second_acknowledgement_is_refused(who: factories.People) -> None:
    made = notify(who.owner, building(who))
    upload_buyer_acknowledgement(actor=who.owner, notice=made, upload=acknowledgement(), now=NOW)
    with pytest.raises(Exception, match="already uploaded"):
        upload_buyer_acknowledgement(
            actor=who.owner, notice=made, upload=acknowledgement(), now=NOW
        )
