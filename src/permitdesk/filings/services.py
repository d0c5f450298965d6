"""What owners file outside a case, one transaction each with its audit event and its
e-mail: the village's written disclosure (Ord. 08-457 §1.A) and its acknowledgement, and
Clayton's prior-to-sale notice with the buyer's notarized acknowledgement (2010 schedule,
"Prior to Sale Inspections"). Who may file is who may record on the property
(cases.permissions.require_may_record_on); uploads are checked as the case correspondence's
are (permitdesk.correspondence.checks)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction

from permitdesk.cases.permissions import require_may_record_on
from permitdesk.correspondence.checks import content_type
from permitdesk.correspondence.services import Upload
from permitdesk.filings import messages
from permitdesk.filings.models import PriorToSaleNotice, UploadedDocument, WrittenDisclosure
from permitdesk.filings.selectors import open_violation_count
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records.checks import check_choice, check_length
from permitdesk.records.models import Property, Unit
from permitdesk.records.services.base import audit
from permitdesk.rules.bounds import DISCLOSURE_RECEIVED, PLANNED_DISPOSAL
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import Refused
from permitdesk.rules.periods import days_before

NAME_LIMIT = 200


def _name(value: str, field: str, who: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise Refused(f"give the name of {who}", code="required", field=field)
    too_long = f"the name of {who} may be at most {NAME_LIMIT} characters"
    return check_length(name, NAME_LIMIT, field, too_long)


def _checked(upload: Upload | None, field: str) -> str:
    """The upload's type by its content, or Refused naming `field`."""
    if upload is None:
        return ""
    try:
        return content_type(upload.name, upload.data)
    except Refused as refusal:
        raise Refused(refusal.reason, code=refusal.code, field=field) from None


def _store(document: UploadedDocument, upload: Upload, kind: str) -> None:
    """Keep the checked file by a random name (correspondence.models.stored_name)."""
    document.original_name = upload.name[-NAME_LIMIT:]
    document.content_type = kind
    document.size = len(upload.data)
    document.file.save("upload", ContentFile(upload.data), save=False)


def _offered(pack: Pack, term: str, what: str) -> None:
    if not pack.has_term(term):
        raise Refused(f"{pack.name} asks for no {what}", code="not-offered")


def record_written_disclosure(
    *,
    actor: User,
    unit: Unit,
    occasion: str,
    disclosed_by: str,
    discloser_role: str,
    received_by: str,
    received_on: dt.date,
    now: dt.datetime,
    signed_copy: Upload | None = None,
) -> WrittenDisclosure:
    """The village: the seller or landlord (or their agent, broker, attorney or manager)
    disclosed in writing, before the contract, that occupancy and re-occupancy permits are
    required; recorded with who received it and when, and the signed form where uploaded."""
    place = unit.property
    require_may_record_on(actor, place.pk, place.jurisdiction_id)
    pack = get_pack(place.jurisdiction.slug)
    _offered(pack, "written_disclosure_statement", "written disclosure")
    check_choice(occasion, WrittenDisclosure.Occasion.values, "occasion")
    check_choice(discloser_role, WrittenDisclosure.Discloser.values, "discloser_role")
    fields = {
        "occasion": occasion,
        "disclosed_by": _name(disclosed_by, "disclosed_by", "the person who disclosed"),
        "discloser_role": discloser_role,
        "received_by": _name(received_by, "received_by", "the buyer or renter who received it"),
        "received_on": received_on,
    }
    DISCLOSURE_RECEIVED.check("received_on", received_on, local(pack, now).date())
    kind = _checked(signed_copy, "signed_copy")
    with transaction.atomic():
        disclosure = WrittenDisclosure(unit=unit, recorded_at=now, recorded_by=actor, **fields)
        if signed_copy is not None:
            _store(disclosure, signed_copy, kind)
        disclosure.save()
        after = {
            **fields,
            "received_on": received_on.isoformat(),
            "signed_copy": signed_copy.name if signed_copy else None,
        }
        audit(disclosure, "record-written-disclosure", actor, now, None, after, place.jurisdiction)
        messages.disclosure_recorded(disclosure, at=now)
    return disclosure


def _units_in_building(place: Property) -> int:
    return max((u.units_in_building for u in place.units.all()), default=0)


def file_prior_to_sale_notice(
    *,
    actor: User,
    place: Property,
    disposal: str,
    planned_on: dt.date,
    buyer_name: str,
    now: dt.datetime,
) -> PriorToSaleNotice:
    """Clayton: the owner of a building of three or more units notifies the City at least 30
    days before selling, transferring, mortgaging or leasing it. A shorter notice is taken
    and flagged late, with the first day the disposal may lawfully happen (the pack's
    prior_to_sale_short_notice says why). Where violations are open, the buyer's notarized
    acknowledgement is asked for (upload_buyer_acknowledgement)."""
    require_may_record_on(actor, place.pk, place.jurisdiction_id)
    pack = get_pack(place.jurisdiction.slug)
    _offered(pack, "prior_to_sale_notice", "notice before a sale")
    today = local(pack, now).date()
    least = pack.count("prior_to_sale_min_units", today)
    units = _units_in_building(place)
    if units < least:
        raise Refused(
            f"a prior-to-sale notice is for a building of {least} or more units; "
            f"{place.address} has {units} recorded",
            pack.cite(pack.term_version("prior_to_sale_min_units", today).citation),
            code="too-few-units",
            field="property",
        )
    check_choice(disposal, PriorToSaleNotice.Disposal.values, "disposal")
    buyer = _name(buyer_name, "buyer_name", "the buyer (grantee, transferee, mortgagee or lessee)")
    PLANNED_DISPOSAL.check("planned_on", planned_on, today)
    period = pack.count("prior_to_sale_notice", today)
    notice_by = days_before(planned_on, period)
    if (
        today > notice_by
        and pack.text("prior_to_sale_short_notice", today) != "accept-and-flag-late"
    ):
        raise Refused(
            f"the notice is due at least {period} days before the {disposal}: by "
            f"{notice_by.isoformat()}",
            pack.cite(pack.term_version("prior_to_sale_notice", today).citation),
            code="too-late",
            field="planned_on",
        )
    with transaction.atomic():
        notice = PriorToSaleNotice.objects.create(
            building=place,
            disposal=disposal,
            planned_on=planned_on,
            buyer_name=buyer,
            filed_at=now,
            filed_on=today,
            filed_by=actor,
            notice_by=notice_by,
            lawful_from=max(planned_on, today + dt.timedelta(days=period)),
            open_violations=(
                open_violation_count(place.pk)
                if pack.term("prior_to_sale_buyer_acknowledgement", today) is True
                else 0
            ),
        )
        after = {
            "disposal": disposal,
            "planned_on": planned_on.isoformat(),
            "buyer_name": buyer,
            "notice_by": notice_by.isoformat(),
            "late": notice.late,
            "open_violations": notice.open_violations,
        }
        audit(notice, "file-prior-to-sale-notice", actor, now, None, after, place.jurisdiction)
        messages.sale_notice_filed(notice, at=now)
    return notice


def upload_buyer_acknowledgement(
    *, actor: User, notice: PriorToSaleNotice, upload: Upload, now: dt.datetime
) -> PriorToSaleNotice:
    """The buyer's signed and notarized statement acknowledging the open violations, as a
    PDF, PNG or JPEG; one per notice (a wrong one is replaced by filing the notice again)."""
    place = notice.building
    require_may_record_on(actor, place.pk, place.jurisdiction_id)
    kind = _checked(upload, "acknowledgement")
    with transaction.atomic():
        notice = PriorToSaleNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.file:
            raise Refused(
                "the buyer's acknowledgement of this notice is already uploaded",
                code="status",
                field="acknowledgement",
            )
        _store(notice, upload, kind)
        notice.acknowledged_at = now
        notice.save()
        after = {"acknowledged": True, "name": upload.name, "size": len(upload.data)}
        before = {"acknowledged": False}
        audit(notice, "upload-buyer-acknowledgement", actor, now, before, after, place.jurisdiction)
    return notice
