"""Who applies for a permit, and with what, where a pack says: St. Clair's occupant shows a
lease, a rent receipt with photo ID or a sales contract; its temporary permit is applied for in
person by the owner or agent."""

from __future__ import annotations

import datetime as dt

from permitdesk.law.pack import Pack
from permitdesk.rules.lifecycle import Refused


def check_evidence(pack: Pack, evidence: str, on: dt.date) -> None:
    """St. Clair's occupant shows a lease, a rent receipt with photo ID, or a sales contract."""
    if not pack.has_term("permit_documents"):
        return
    documents = pack.names("permit_documents", on)
    if evidence not in documents:
        raise Refused(
            f"evidence '{evidence}' is not one of: {', '.join(documents)}",
            pack.cite(pack.term_version("permit_documents", on).citation),
            code="document",
            field="evidence",
        )


def check_temporary_applicant(pack: Pack, applied_by: str, channel: str, on: dt.date) -> None:
    """St. Clair: the owner or agent applies for a temporary permit in person, at the County
    Court House (temporary_permit_applicants: owner-in-person, agent-in-person)."""
    if not pack.has_term("temporary_permit_applicants"):
        return
    allowed = pack.names("temporary_permit_applicants", on)
    if f"{applied_by}-{channel}" not in allowed:
        raise Refused(
            f"a temporary permit is applied for by: {', '.join(allowed)}; "
            f"not by the {applied_by} {channel.replace('-', ' ')}",
            pack.cite(pack.term_version("temporary_permit_applicants", on).citation),
            code="applicant",
            field="applied_by",
        )
