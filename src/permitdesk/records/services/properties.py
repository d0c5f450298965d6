"""Properties: recording a parcel once, and its staff's edits of the parcel id and address."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict, Unpack

from django.contrib.auth.models import User
from django.db import transaction
from django.forms.models import model_to_dict

from permitdesk.accounts.permissions import roles
from permitdesk.records.checks import check_choice, check_text, served_jurisdiction
from permitdesk.records.models import Property, Relation, normalized
from permitdesk.records.relations import EVIDENCE_LIMIT, start_relation
from permitdesk.records.services.base import (
    already_recorded,
    audit,
    create_once,
    locked,
    require_may_edit,
    require_may_record,
    save_if_changed,
)
from permitdesk.rules.lifecycle import Refused


class Parcel(TypedDict):
    """A property's parcel id and address: what recording it and editing it take."""

    parcel_id: str
    address: str
    city: str
    state: str
    zip_code: str


def _cleaned(parcel: Parcel) -> Parcel:
    """The parcel as it is recorded: every field stripped, the state's code in capitals."""
    return Parcel(
        parcel_id=parcel["parcel_id"].strip(),
        address=parcel["address"].strip(),
        city=parcel["city"].strip(),
        state=parcel["state"].strip().upper(),
        zip_code=parcel["zip_code"].strip(),
    )


def create_property(
    *,
    actor: User,
    jurisdiction_slug: str,
    now: dt.datetime,
    relation: str = Relation.Kind.OWNER,
    evidence: str = "",
    **parcel: Unpack[Parcel],
) -> Property:
    """A parcel in a jurisdiction; a parcel is recorded once per jurisdiction. The person who
    records it (not its staff) claims their `relation` to it at the same time; anyone after
    them claims a relation to the same record (records.relations.claim_relation)."""
    jurisdiction = served_jurisdiction(jurisdiction_slug)
    require_may_record(actor, jurisdiction)
    claims = not roles(actor, jurisdiction.pk)
    if claims:
        check_choice(relation, Relation.Kind.values, "kind")
        evidence = check_text(evidence, "evidence", EVIDENCE_LIMIT)
    fields = _cleaned(parcel)
    parcel_id, address = fields["parcel_id"], fields["address"]
    check_parcel(parcel_id, address)
    # The one who would have claimed a relation to it claims it on the recorded parcel.
    where = f"{jurisdiction}: claim your relation to it instead" if claims else str(jurisdiction)
    taken = already_recorded(f"parcel {parcel_id}", f"in {where}", "parcel_id")

    def create() -> Property:
        place = Property.objects.create(
            jurisdiction=jurisdiction, normalized_address=normalized(address), **fields
        )
        after = {"parcel_id": parcel_id, "address": address, "city": place.city}
        audit(place, "create-property", actor, now, None, after, jurisdiction)
        if claims:
            start_relation(actor=actor, place=place, kind=relation, evidence=evidence, now=now)
        return place

    return create_once(
        Property.objects.filter(jurisdiction=jurisdiction, parcel_id=parcel_id), taken, create
    )


PROPERTY_FIELDS = ("parcel_id", "address", "city", "state", "zip_code")


def property_state(place: Property) -> dict[str, str]:
    return model_to_dict(place, fields=PROPERTY_FIELDS)


def check_parcel(parcel_id: str, address: str) -> None:
    """Both given (stripped): a property is found by its parcel id and visited at its address."""
    if not parcel_id or not address:
        raise Refused(
            "a property needs a parcel id and an address",
            code="required",
            field="address" if parcel_id else "parcel_id",
        )


def check_place(parcel_id: str, address: str, state: str) -> None:
    check_parcel(parcel_id, address)
    if len(state) != 2 or not state.isalpha():
        raise Refused(
            f"state must be a two-letter code such as MO, not '{state}'",
            code="invalid",
            field="state",
        )


@transaction.atomic
def update_property(
    *, actor: User, place: Property, now: dt.datetime, **parcel: Unpack[Parcel]
) -> Property:
    """A property's parcel id and address; nothing changed, nothing written."""
    require_may_edit(actor, place.jurisdiction_id, f"property {place.pk}")
    place = locked(Property, place.pk)
    fields = _cleaned(parcel)
    parcel_id = fields["parcel_id"]
    check_place(parcel_id, fields["address"], fields["state"])
    others = Property.objects.filter(jurisdiction_id=place.jurisdiction_id, parcel_id=parcel_id)
    if others.exclude(pk=place.pk).exists():
        raise already_recorded(f"parcel {parcel_id}", "in this jurisdiction", "parcel_id")
    before = property_state(place)
    for name, value in fields.items():
        setattr(place, name, value)
    place.normalized_address = normalized(place.address)
    after = property_state(place)
    save_if_changed(place, "update-property", actor, now, before, after, place.jurisdiction)
    return place
