"""Inspection requests, inspections and their violations, and approvals."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from permitdesk.cases.models.applications import Application
from permitdesk.cases.postgres_indexes import CoveringIndex


class InspectionRequest(models.Model):
    class Window(models.TextChoices):
        AM = "am"
        PM = "pm"
        ANY = "any"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="inspection_requests"
    )
    wanted_on = models.DateField()
    window = models.CharField(max_length=3, choices=Window.choices, default=Window.ANY)
    contact_name = models.CharField(max_length=200)
    contact_phone = models.CharField(max_length=32)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        # The staff search by a whole phone number (cases.search).
        indexes = [models.Index(fields=["contact_phone"], name="request_contact_phone")]


class Inspection(models.Model):
    class Result(models.TextChoices):
        PENDING = "pending"
        PASSED = "passed"
        FAILED = "failed"
        NO_ACCESS = "no-access"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="inspections"
    )
    request = models.OneToOneField(
        InspectionRequest, on_delete=models.PROTECT, related_name="inspection"
    )
    number = models.PositiveSmallIntegerField(
        help_text="1 for the initial inspection, 2 for the first re-inspection, ..."
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    scheduled_on = models.DateField(db_index=True)
    window = models.CharField(max_length=3, choices=InspectionRequest.Window.choices)
    result = models.CharField(max_length=10, choices=Result.choices, default=Result.PENDING)
    checklist = models.JSONField(default=dict, blank=True)
    notes = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="one_number_per_case")
        ]
        indexes = [
            # The ready-to-schedule queue: the few pending inspections nobody is assigned to.
            models.Index(
                fields=["application"],
                name="inspection_unassigned",
                condition=models.Q(inspector__isnull=True, result="pending"),
            ),
            # The inspector's day sheet.
            models.Index(fields=["inspector", "scheduled_on"], name="inspection_inspector_day"),
        ]


class Violation(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="violations")
    code_citation = models.CharField(max_length=200)
    description = models.TextField()
    correction = models.TextField(blank=True, help_text="what must be corrected")
    photo = models.FileField(upload_to="violations/%Y/%m/", blank=True)
    severity = models.CharField(
        max_length=40, blank=True, help_text="a severity of the pack (checklist.yaml); blank before"
    )
    correct_by = models.DateField(
        null=True, blank=True, help_text="the last day to correct it, set by its severity"
    )
    checklist_item = models.CharField(
        max_length=80,
        blank=True,
        help_text="the checklist row it fails: its key in Inspection.checklist, e.g. "
        "'bedroom-area.2'; blank for a violation found apart from the checklist",
    )


class Approval(models.Model):
    """A passed inspection, valid through the date the pack's validity term sets."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="approval"
    )
    inspection = models.OneToOneField(
        Inspection, null=True, blank=True, on_delete=models.PROTECT, related_name="approval"
    )
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="an earlier approval of the unit still valid after a change of occupancy",
    )
    approved_on = models.DateField()
    valid_through = models.DateField(null=True, blank=True, help_text="empty: no validity limit")

    class Meta:
        # The clerk's "approvals about to lapse", both ways round without reading the rows:
        # the approvals ending in the next few days (their cases), or a case's approval's end.
        indexes = [
            CoveringIndex(
                fields=["valid_through"], covering=["application"], name="approval_valid_through"
            ),
            CoveringIndex(
                fields=["application"], covering=["valid_through"], name="approval_case_validity"
            ),
        ]
