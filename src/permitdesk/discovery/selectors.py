"""The discovery reads: a jurisdiction's live leads, oldest first, its latest closed leads, and
its review queue, each one query (their related rows joined), capped for the page; one lead or
record by id; the catch rate by month (the dashboard); and a report's public status by its
reference (the public page and Open311), which says nothing of the owner, the lead or the
reporter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth

from permitdesk.accounts.permissions import NotFound
from permitdesk.discovery.leads import answered, counted_changes
from permitdesk.discovery.models import ChangeEvidence, Lead, Report
from permitdesk.records.models import Jurisdiction

SHOWN = 50
CLOSED_SHOWN = 10


def _reports() -> QuerySet[Report]:
    """A reported change's reports with their reporters (for staff: one query a page)."""
    return Report.objects.select_related("contact").order_by("received_at", "pk")


def live_leads(place: Jurisdiction) -> QuerySet[Lead]:
    """Open and escalated leads, oldest first (the lead_queue index)."""
    return (
        Lead.objects.filter(jurisdiction=place, status__in=Lead.LIVE)
        .select_related("evidence", "property", "unit")
        .prefetch_related(Prefetch("evidence__reports", queryset=_reports()))
        .order_by("opened_at", "id")
    )


def recently_closed(place: Jurisdiction) -> QuerySet[Lead]:
    """Leads closed by an application or dismissed, the latest first (CLOSED_SHOWN of them):
    the desk sees a lead close the moment its application is filed."""
    return (
        Lead.objects.filter(jurisdiction=place, closed_at__isnull=False)
        .select_related("property", "unit")
        .order_by("-closed_at", "-id")[:CLOSED_SHOWN]
    )


def to_review(place: Jurisdiction) -> QuerySet[ChangeEvidence]:
    """Records with a near match to confirm or reject, earliest recorded first."""
    return (
        ChangeEvidence.objects.filter(jurisdiction=place, match=ChangeEvidence.Match.REVIEW)
        .select_related("candidate")
        .order_by("recorded_on", "id")
    )


def lead_of(place: Jurisdiction, pk: int) -> Lead:
    found = Lead.objects.filter(jurisdiction=place, pk=pk).select_related(
        "evidence", "property", "unit", "jurisdiction"
    )
    lead = found.first()
    if lead is None:
        raise NotFound(f"lead {pk} not found")
    return lead


def record_of(place: Jurisdiction, pk: int) -> ChangeEvidence:
    found = ChangeEvidence.objects.filter(jurisdiction=place, pk=pk).first()
    if found is None:
        raise NotFound(f"record {pk} not found")
    return found


# Month's counts, each a column of the same name in the month's query.
COUNTS = ("known", "own", "caught", "open")


@dataclass(frozen=True)
class Month:
    """One month's counted sales on covered units, by how each ended (or has not yet)."""

    month: dt.date
    known: int
    own: int  # answered by an application, no lead needed
    caught: int  # a lead closed by an application
    open: int  # a live lead
    dismissed: dict[str, int]
    waiting: int  # no application and no lead yet (not yet due, or the sweep has not run)
    days_to_comply: float | None  # the caught: recording to application, on average

    @property
    def dismissed_total(self) -> int:
        return sum(self.dismissed.values())


def catch_rate(place: Jurisdiction, since: dt.date) -> list[Month]:
    """The months from `since`, oldest first: two queries, whatever the number of sales."""
    known = (
        counted_changes(place)
        .filter(recorded_on__gte=since)
        .annotate(month=TruncMonth("recorded_on"))
    )
    lead = "lead__status"
    reasons = Lead.Dismissal.values
    rows = known.values("month").annotate(
        known=Count("pk"),
        own=Count("pk", filter=Q(lead__isnull=True) & answered()),
        caught=Count("pk", filter=Q(**{lead: Lead.Status.CLOSED})),
        open=Count("pk", filter=Q(**{f"{lead}__in": Lead.LIVE})),
        **{f"d_{r}": Count("pk", filter=Q(lead__dismissal=r)) for r in reasons},
    )
    days: dict[dt.date, list[int]] = {}
    closed = known.filter(lead__status=Lead.Status.CLOSED).values_list(
        "month", "recorded_on", "lead__application__submitted_at"
    )
    for month, recorded, filed in closed:
        if filed is not None:
            days.setdefault(_day(month), []).append((filed.date() - recorded).days)
    months = []
    for found in rows.order_by("month"):
        row: dict[str, Any] = dict(found)  # the reasons' counts are named at run time
        month, dismissed = _day(row["month"]), {r: row[f"d_{r}"] for r in reasons}
        counts = {name: row[name] for name in COUNTS}
        settled = counts["own"] + counts["caught"] + counts["open"] + sum(dismissed.values())
        taken = days.get(month)
        months.append(
            Month(
                month=month,
                dismissed=dismissed,
                waiting=counts["known"] - settled,
                days_to_comply=sum(taken) / len(taken) if taken else None,
                **counts,
            )
        )
    return months


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


# A report's status as the public sees it, and the sentence that explains it.
REPORT_STATUS = {
    "received": "Received. It will be matched to the property records within the hour.",
    "matched": "Matched to a home the program covers. The division checks that a permit "
    "application follows.",
    "under-review": "A clerk is looking into it.",
    "closed": "Closed. Thank you: the division has dealt with this change.",
}
UNMATCHED_NOTE = "Closed. The address is not one of the homes this program covers."
NOT_COVERED_NOTE = "Closed. The program does not cover this kind of home."
NOT_COUNTED_NOTE = "Closed. Thank you: a home left empty needs no permit until someone moves in."


@dataclass(frozen=True)
class PublicReport:
    """What anyone holding a report's reference may know of it: never the owner, the lead's
    details or who reported it."""

    reference: str
    jurisdiction: str
    status: str  # received | matched | under-review | closed
    notes: str
    change: str
    change_label: str
    changed_on: dt.date
    address: str
    unit_label: str
    received_at: dt.datetime

    @property
    def status_label(self) -> str:
        return self.status.replace("-", " ").capitalize()


def _report_status(evidence: ChangeEvidence) -> tuple[str, str]:
    lead = getattr(evidence, "lead", None)
    if lead is not None:
        status = "under-review" if lead.status in Lead.LIVE else "closed"
    elif evidence.match == ChangeEvidence.Match.UNMATCHED:
        return "closed", UNMATCHED_NOTE
    elif evidence.match == ChangeEvidence.Match.PENDING:
        status = "received"
    elif evidence.match == ChangeEvidence.Match.REVIEW:
        status = "under-review"
    elif evidence.covered is False:
        return "closed", NOT_COVERED_NOTE
    elif not evidence.counted:
        return "closed", NOT_COUNTED_NOTE
    else:
        status = "matched"
    return status, REPORT_STATUS[status]


def public_reports(references: list[str]) -> list[PublicReport]:
    """The reports of these references (as stored: reports.reference_key), in their order;
    one query."""
    found = Report.objects.filter(reference__in=references).select_related(
        "evidence__lead", "evidence__jurisdiction"
    )
    by_reference = {report.reference: report for report in found}
    shown = []
    for reference in dict.fromkeys(references):
        report = by_reference.get(reference)
        if report is None:
            continue
        status, notes = _report_status(report.evidence)
        shown.append(
            PublicReport(
                reference=report.reference,
                jurisdiction=report.evidence.jurisdiction.slug,
                status=status,
                notes=notes,
                change=report.change,
                change_label=report.get_change_display(),
                changed_on=report.changed_on,
                address=report.address,
                unit_label=report.unit_label,
                received_at=report.received_at,
            )
        )
    return shown


def public_report(reference: str) -> PublicReport:
    found = public_reports([reference])
    if not found:
        raise NotFound(f"report {reference} not found")
    return found[0]
