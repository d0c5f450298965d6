"""The law's answers to who, how and how much, from a pack's terms: the maximum penalty, the
channels an application is taken by, and who may apply, pay and ask for the inspection. Each
answer names the term it comes from and the sentence behind it; a pack that is silent answers
that it is silent. Pure: the caller gives the date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from permitdesk.law.pack import Pack
from permitdesk.law.schema import TermValue


@dataclass(frozen=True)
class Answer:
    term: str
    question: str
    value: TermValue
    citation: str
    note: str | None = None


def _answer(pack: Pack, term: str, question: str, on: dt.date) -> Answer | None:
    if not pack.has_term(term):
        return None
    version = pack.term_version(term, on)
    return Answer(term, question, version.value, pack.cite(version.citation), version.note)


def _answers(pack: Pack, on: dt.date, questions: dict[str, str]) -> list[Answer]:
    found = (_answer(pack, term, question, on) for term, question in questions.items())
    return [answer for answer in found if answer is not None]


@dataclass(frozen=True)
class Penalty:
    max_fine: Decimal | None
    max_imprisonment_days: int | None
    citation: str | None

    @property
    def words(self) -> str | None:
        """The penalty as a notice states it, or None where the pack sets none."""
        parts = []
        if self.max_fine is not None:
            parts.append(f"a fine not to exceed ${self.max_fine:,.2f} and costs")
        if self.max_imprisonment_days is not None:
            parts.append(f"imprisonment not to exceed {self.max_imprisonment_days} days")
        if not parts:
            return None
        both = " or both such fine and imprisonment" if len(parts) == 2 else ""
        return "Punishable by " + " or ".join(parts) + both + "."


def penalty(pack: Pack, on: dt.date) -> Penalty:
    """The most a conviction for violating the ordinance can bring (the village's §1.G)."""
    fine = pack.amount("penalty_max_fine", on) if pack.has_term("penalty_max_fine") else None
    days = (
        pack.count("penalty_max_imprisonment", on)
        if pack.has_term("penalty_max_imprisonment")
        else None
    )
    term = "penalty_max_fine" if fine is not None else "penalty_max_imprisonment"
    citation = pack.cite(pack.term_version(term, on).citation) if pack.has_term(term) else None
    return Penalty(fine, days, citation)


def channels(pack: Pack, on: dt.date) -> list[Answer]:
    """How applications are taken: the application's channels, the temporary permit's."""
    return _answers(
        pack,
        on,
        {
            "application_channels": "How may an application be made?",
            "temporary_permit_applicants": "Who applies for a temporary permit, and how?",
        },
    )


def who_may_apply(pack: Pack, on: dt.date) -> list[Answer]:
    """Who may apply, pay, request the inspection and obtain the permit, with what."""
    return _answers(
        pack,
        on,
        {
            "applicant_relations": (
                "Who may file an application, by their relation to the property (kind:event)?"
            ),
            "relations_verified_before_applying": (
                "Whose relation must the clerk verify before they may apply?"
            ),
            "who_requests_inspection": "Who requests the occupancy inspection?",
            "who_schedules_inspection": "Who arranges the inspection appointment?",
            "permit_applicant": "Who applies for the occupancy permit?",
            "permit_documents": "What must the permit's applicant show?",
            "who_pays": "Who may pay?",
            "owner_certifies_rental_application": (
                "Must the owner certify a rental application as true and accurate?"
            ),
            "temporary_permit_applicants": "Who applies for a temporary permit, and how?",
        },
    )
