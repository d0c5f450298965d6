"""Parties (owners, agents, contacts) a case names: the staff's edits of their name and
contact."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.forms.models import model_to_dict

from permitdesk.accounts.permissions import NotFound, roles
from permitdesk.records.checks import check_choice
from permitdesk.records.models import Jurisdiction, Party
from permitdesk.records.services.base import EDITORS, locked, require_may_edit, save_if_changed
from permitdesk.rules.lifecycle import Refused

PARTY_FIELDS = ("kind", "name", "email", "phone")


def party_state(party: Party) -> dict[str, str]:
    return model_to_dict(party, fields=PARTY_FIELDS)


def party_jurisdictions(party: Party) -> list[Jurisdiction]:
    """The jurisdictions whose cases name the party, by slug."""
    return list(
        Jurisdiction.objects.filter(applications__parties=party).distinct().order_by("slug")
    )


def require_may_edit_party(actor: User, party: Party) -> Jurisdiction:
    """The clerks and code officials of a jurisdiction whose case names the party edit it
    (its first such jurisdiction is returned, where the edit is filed); a party on no case
    is not found."""
    places = party_jurisdictions(party)
    for where in places:
        if roles(actor, where.pk) & EDITORS:
            return where
    require_may_edit(actor, places[0].pk if places else 0, f"party {party.pk}")
    raise NotFound(f"party {party.pk} not found")


@transaction.atomic
def update_party(
    *,
    actor: User,
    party: Party,
    kind: str,
    name: str,
    email: str,
    phone: str,
    now: dt.datetime,
) -> Party:
    """A party's name and contact: the clerks and code officials of a jurisdiction whose
    case names the party edit it."""
    where = require_may_edit_party(actor, party)
    party = locked(Party, party.pk)
    name, email, phone = name.strip(), email.strip(), phone.strip()
    check_choice(kind, Party.Kind.values, "kind")
    if not name:
        raise Refused("a party needs a name", code="required", field="name")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Refused(
                f"email '{email}' is not an e-mail address", code="invalid", field="email"
            ) from None
    before = party_state(party)
    party.kind, party.name, party.email, party.phone = kind, name, email, phone
    after = party_state(party)
    save_if_changed(party, "update-party", actor, now, before, after, where)
    return party
