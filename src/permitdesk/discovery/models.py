"""What discovery keeps: the keys each unit is matched by (PlaceKey), the evidence of a change
nobody reported (ChangeEvidence: a recorded sale, or residents' reports merged into one,
through the same matching; each Report and, apart, its reporter's contact), the 311 systems
allowed to submit reports, and the lead a change becomes when no application follows it.
Only the discovery services write these."""

from __future__ import annotations

from typing import TypeVar

from django.conf import settings
from django.db import models

from permitdesk.cases.models import Application
from permitdesk.records.models import Jurisdiction, Property, Unit

M = TypeVar("M", bound=models.Model)


def _optional_link(to: type[M], help_text: str = "") -> models.ForeignKey[M | None, M | None]:
    """A link that may be blank: the row it names kept while linked (PROTECT), and no
    reverse accessor on it (discovery's links are read from this side only)."""
    return models.ForeignKey(
        to, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text=help_text
    )


class PlaceKey(models.Model):
    """A unit's matching keys, derived from its property's parcel id and address (rebuilt by
    permitdesk.discovery.keys when the address it was computed from changes)."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="place_key")
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    parcel_key = models.CharField(max_length=64)
    street_key = models.CharField(max_length=200, help_text="number and street, USPS words")
    number = models.CharField(max_length=16)
    street = models.CharField(max_length=190)
    unit_key = models.CharField(max_length=32)
    zip_code = models.CharField(max_length=10)
    source = models.CharField(max_length=250, help_text="the address the keys were made from")

    class Meta:
        indexes = [
            models.Index(fields=["jurisdiction", "parcel_key"], name="placekey_parcel"),
            models.Index(fields=["jurisdiction", "street_key"], name="placekey_street"),
            models.Index(fields=["jurisdiction", "number"], name="placekey_number"),
        ]

    def __str__(self) -> str:
        return f"{self.street_key} {self.unit_key}".strip()


class ChangeEvidence(models.Model):
    """A change of ownership or occupancy the division learnt of from outside a case."""

    class Source(models.TextChoices):
        SALE = "sale", "recorded sale"
        REPORT = "report", "resident's report"

    class Match(models.TextChoices):
        PENDING = "pending"
        PARCEL = "parcel", "by parcel id"
        ADDRESS = "address", "by address"
        REVIEW = "review", "to review (a near match)"
        CONFIRMED = "confirmed", "confirmed by staff"
        UNMATCHED = "unmatched", "no match"

    MATCHED = (Match.PARCEL, Match.ADDRESS, Match.CONFIRMED)

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=8, choices=Source.choices)
    natural_key = models.CharField(max_length=400, help_text="finds the record again on a re-run")
    imported_from = models.CharField(max_length=250, help_text="file:line")
    recorded_on = models.DateField()
    deed_type = models.SlugField(max_length=40, blank=True, help_text="a sale's; blank on a report")
    counted = models.BooleanField(help_text="a transfer the pack counts (else an exempt one)")
    grantor = models.CharField(max_length=200, blank=True)
    grantee = models.CharField(max_length=200, blank=True, help_text="a sale's; blank on a report")
    grantee_email = models.EmailField(blank=True)
    price = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    parcel_id = models.CharField(max_length=64, blank=True)
    address = models.CharField(max_length=200)
    unit_label = models.CharField(max_length=32, blank=True)
    mailing_address = models.CharField(max_length=300, blank=True)
    parcel_key = models.CharField(max_length=64, blank=True)
    street_key = models.CharField(max_length=200)
    number = models.CharField(max_length=16)
    street = models.CharField(max_length=190)
    unit_key = models.CharField(max_length=32, blank=True)
    zip_code = models.CharField(max_length=10, blank=True)
    mailing_key = models.CharField(max_length=200, blank=True, help_text="'' if unparseable")
    match = models.CharField(max_length=10, choices=Match.choices, default=Match.PENDING)
    match_score = models.PositiveSmallIntegerField(null=True, blank=True)
    property = _optional_link(Property)
    unit = _optional_link(
        Unit, help_text="blank: the whole property (a building sold without a unit number)"
    )
    candidate = _optional_link(Property, help_text="the near match staff review")
    covered = models.BooleanField(null=True, help_text="the program covers the unit; null: unknown")
    due_on = models.DateField(help_text="an application is expected by this day")
    answered_from = models.DateField(
        help_text="an application filed on or after this day answers the change (look-back)"
    )
    possible_rental = models.BooleanField(
        default=False, help_text="the owner's mailing address is not the site address"
    )
    created_at = models.DateTimeField()
    change_kind = models.CharField(
        max_length=16, blank=True, help_text="a report's: what changed (Report.Change)"
    )
    report_count = models.PositiveIntegerField(
        default=0, help_text="the reports of this change merged here (0 for a sale)"
    )

    class Meta:
        verbose_name_plural = "change evidence"
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "source", "natural_key"], name="one_evidence_per_key"
            )
        ]
        indexes = [
            models.Index(fields=["jurisdiction", "match", "due_on"], name="evidence_match_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} of {self.address} on {self.recorded_on}"


class Lead(models.Model):
    """A change with no application by the pack's deadline: the clerk's work until an
    application is filed (closed), or staff dismiss it with a reason or escalate it."""

    class Status(models.TextChoices):
        OPEN = "open"
        ESCALATED = "escalated"
        CLOSED = "closed", "closed: application filed"
        DISMISSED = "dismissed"

    class Dismissal(models.TextChoices):
        EXEMPT = "exempt", "an exempt transfer"
        NOT_A_CHANGE = "not-a-change", "not a change of occupancy"
        DUPLICATE = "duplicate", "a duplicate"
        WRONG_MATCH = "wrong-match", "matched to the wrong unit"

    LIVE = (Status.OPEN, Status.ESCALATED)

    evidence = models.OneToOneField(ChangeEvidence, on_delete=models.PROTECT, related_name="lead")
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="+")
    unit = _optional_link(Unit)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    possible_rental = models.BooleanField(
        default=False, help_text="owner's mailing address is not the site, and no permit"
    )
    opened_at = models.DateTimeField()
    letter_sent_at = models.DateTimeField(null=True, blank=True)
    application = _optional_link(Application)
    closed_at = models.DateTimeField(null=True, blank=True)
    dismissal = models.CharField(max_length=16, choices=Dismissal.choices, blank=True)
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["jurisdiction", "status", "opened_at"], name="lead_queue"),
        ]

    def __str__(self) -> str:
        return f"Lead {self.pk} ({self.status})"


class Open311Client(models.Model):
    """A city's 311 system allowed to submit reports to one jurisdiction through Open311
    GeoReport v2 (decision 0022): its api_key is stored only as its SHA-256 digest."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.jurisdiction_id})"


class Report(models.Model):
    """One report of a change of occupancy, from the public page or a 311 system. The first
    report of a change makes its ChangeEvidence; a later one at the same address and unit
    within the pack's report_merge_window is merged into it (counted there). The reporter's
    contact, if given, is a ReporterContact: only staff ever read it."""

    class Channel(models.TextChoices):
        WEB = "web", "the public page"
        OPEN311 = "open311", "a 311 system (Open311)"

    class Change(models.TextChoices):
        NEW_OCCUPANTS = "new-occupants", "New people moved in"
        NEW_TENANTS = "new-tenants", "New tenants (a rental)"
        SOLD = "sold", "The home was sold"
        VACATED = "vacated", "The occupants moved out"

    evidence = models.ForeignKey(ChangeEvidence, on_delete=models.PROTECT, related_name="reports")
    reference = models.CharField(max_length=20, unique=True, help_text="the reporter's token")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    client = _optional_link(Open311Client)
    change = models.CharField(max_length=16, choices=Change.choices)
    changed_on = models.DateField()
    address = models.CharField(max_length=200, help_text="as the reporter wrote it")
    unit_label = models.CharField(max_length=32, blank=True)
    description = models.TextField(blank=True)
    received_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Report {self.reference}"


class ReporterContact(models.Model):
    """Who made a report, where they gave it: staff read it (to ask more); no page, letter,
    export or API answer of an owner, applicant or 311 system ever does."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)

    def __str__(self) -> str:
        return f"Contact of {self.report_id}"
