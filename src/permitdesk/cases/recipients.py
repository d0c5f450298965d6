"""Who a case's e-mail goes to, from the Party records of the case.

Clayton's process document: "Violation notices are e-mailed to the managing agent/applicant"
and "we will both e-mail the issued permit to the managing agent and mail a copy to the
tenant". So the notices about the property go to the managing agent when the case names one
with an e-mail address, else to the applicant who filed it; what the applicant did (the
application, a payment) is acknowledged to the applicant.

The other way, an applicant's message on a case goes to the division: the address its pack's
`division_message_address` names (Clayton: "e-mail ... our office at:
applicationsbd@claytonmo.gov"), or where the documents name none (the term's value
`setting-or-clerks`), the deployment's DIVISION_EMAIL_<JURISDICTION>, else its clerks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from permitdesk.accounts.models import Membership, Role
from permitdesk.cases.models import Application
from permitdesk.law.pack import Pack
from permitdesk.records.models import Party


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str


def applicant(application: Application) -> Recipient:
    person = application.applicant
    return Recipient(email=person.email, name=person.get_full_name() or person.get_username())


def managing_agent_or_applicant(application: Application) -> Recipient:
    """The first managing agent with an e-mail address on the case, else the applicant."""
    agent = (
        application.parties.filter(kind=Party.Kind.MANAGING_AGENT)
        .exclude(email="")
        .order_by("pk")
        .first()
    )
    if agent is not None:
        return Recipient(email=agent.email, name=agent.name)
    return applicant(application)


# The value of `division_message_address` where the documents name no address (a choice: the
# pack's note says why).
SETTING_OR_CLERKS = "setting-or-clerks"


def division(application: Application, pack: Pack, on: dt.date) -> list[Recipient]:
    """Who reads an applicant's message at the division: the pack's address, or (where the
    documents name none) the deployment's address for the jurisdiction, else each of its
    clerks with an e-mail address. Empty only where none of these exists."""
    division_name = f"{pack.name} building division"
    named = pack.text("division_message_address", on)
    if named != SETTING_OR_CLERKS:
        return [Recipient(email=named, name=division_name)]
    configured = settings.DIVISION_EMAILS.get(pack.slug, "")
    if configured:
        return [Recipient(email=configured, name=division_name)]
    clerks = (
        Membership.objects.filter(jurisdiction_id=application.jurisdiction_id, role=Role.CLERK)
        .exclude(user__email="")
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    return [
        Recipient(email=m.user.email, name=m.user.get_full_name() or m.user.get_username())
        for m in clerks
    ]
