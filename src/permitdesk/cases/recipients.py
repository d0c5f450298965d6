"""Who a case's e-mail goes to, from the Party records of the case.

Clayton's process document: "Violation notices are e-mailed to the managing agent/applicant"
and "we will both e-mail the issued permit to the managing agent and mail a copy to the
tenant". So the notices about the property go to the managing agent when the case names one
with an e-mail address, else to the applicant who filed it; what the applicant did (the
application, a payment) is acknowledged to the applicant.
"""

from __future__ import annotations

from dataclasses import dataclass

from permitdesk.cases.models import Application
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
