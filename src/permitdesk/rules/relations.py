"""Who may apply for a unit, by their relation to it, as the jurisdiction's pack says: which
relation kinds may file for which event (`applicant_relations`), and which of them the clerk
must verify first (`relations_verified_before_applying`); any other allowed claim is taken
and the application held for the clerk to verify it. Pure: the caller gives the person's
relations and the day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from permitdesk.law.pack import Pack
from permitdesk.rules.lifecycle import Refused

APPLICANTS = "applicant_relations"
VERIFIED_FIRST = "relations_verified_before_applying"


@dataclass(frozen=True)
class Standing:
    """One of the person's live relations to the unit (or its whole parcel)."""

    kind: str
    verified: bool


@dataclass(frozen=True)
class MayApply:
    """The answer: the relation the person applies as, and whether the application is held
    for the clerk to verify that relation (it was claimed, not yet verified)."""

    kind: str
    held: bool


def kinds_for(pack: Pack, trigger: str, on: dt.date) -> list[str]:
    """The relation kinds that may apply for `trigger`: entries "kind" (any event) and
    "kind:trigger" of the pack's applicant_relations, in the pack's order."""
    kinds: list[str] = []
    for entry in pack.names(APPLICANTS, on):
        kind, _, event = entry.partition(":")
        if (not event or event == trigger) and kind not in kinds:
            kinds.append(kind)
    return kinds


def must_be_verified(pack: Pack, on: dt.date) -> list[str]:
    if not pack.has_term(VERIFIED_FIRST):
        return []
    return pack.names(VERIFIED_FIRST, on)


def _words(kinds: Sequence[str]) -> str:
    """'owner', 'owner or managing agent', 'owner, managing agent or tenant'."""
    names = [k.replace("-", " ") for k in kinds]
    if not names:
        return "(nobody)"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def may_apply(
    pack: Pack, trigger: str, relations: Sequence[Standing], on: dt.date
) -> MayApply | None:
    """The relation the person may apply as, or Refused (field "unit"); None where the pack
    says nothing of who applies. A verified relation is preferred to a claimed one."""
    if not pack.has_term(APPLICANTS):
        return None
    citation = pack.cite(pack.term_version(APPLICANTS, on).citation)
    allowed = kinds_for(pack, trigger, on)
    if not relations:
        raise Refused(
            f"you have no relation to this property on record; in {pack.name} a "
            f"{trigger.replace('-', ' ')} is applied for by the {_words(allowed)}: "
            "claim your relation to the property first",
            citation,
            code="no-relation",
            field="unit",
        )
    fitting = [r for r in relations if r.kind in allowed]
    if not fitting:
        held = sorted({r.kind for r in relations})
        raise Refused(
            f"as {_words(held)} you may not apply for a {trigger.replace('-', ' ')} in "
            f"{pack.name}; it is applied for by the {_words(allowed)}",
            citation,
            code="relation-kind",
            field="unit",
        )
    verified = [r for r in fitting if r.verified]
    if verified:
        return MayApply(kind=verified[0].kind, held=False)
    first = must_be_verified(pack, on)
    claimed = [r for r in fitting if r.kind not in first]
    if claimed:
        return MayApply(kind=claimed[0].kind, held=True)
    raise Refused(
        f"your claim as {_words([fitting[0].kind])} awaits the clerk: in {pack.name} the clerk "
        f"verifies a {_words(first)} before they may apply",
        pack.cite(pack.term_version(VERIFIED_FIRST, on).citation),
        code="relation-unverified",
        field="unit",
    )
