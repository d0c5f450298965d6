"""What the sweep leaves behind: a flag raised once per object and kind, and a log of runs."""

from __future__ import annotations

from django.db import models

from permitdesk.cases.models import Application
from permitdesk.records.models import Jurisdiction


class Flag(models.Model):
    """A deadline the sweep acted on, once: a late report or an overstaying visitor for the
    clerk's attention, or a reminder it queued. The unique (kind, object) makes a second run
    find it raised and do nothing more."""

    class Kind(models.TextChoices):
        LATE_CHANGE_REPORT = "late-change-report"
        VISITOR_PAST_PERIOD = "visitor-past-period"
        APPROVAL_LAPSE_REMINDER = "approval-lapse-reminder"
        OCCUPANT_DEADLINE_REMINDER = "occupant-deadline-reminder"
        PERMIT_ENDING_NOTICE = "permit-ending-notice"

    kind = models.CharField(max_length=32, choices=Kind.choices)
    object_type = models.CharField(max_length=64)
    object_id = models.BigIntegerField()
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField()
    due_on = models.DateField(help_text="the deadline the flag is about")
    detail = models.TextField(help_text="what the clerk reads: the rule and the facts")
    citation = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_type", "object_id"], name="one_flag_per_object_and_kind"
            )
        ]
        indexes = [models.Index(fields=["jurisdiction", "kind", "raised_at"])]
        ordering = ["-raised_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_type} {self.object_id}"


class SweepRun(models.Model):
    """One run of the sweep: the moment it swept as of, and what it did. A run that was killed
    stays incomplete; the next run finishes its work."""

    as_of = models.DateTimeField(help_text="the `now` the run swept as of")
    jurisdiction_slug = models.SlugField(max_length=64, blank=True, help_text="blank: all")
    counts = models.JSONField(default=dict)
    completed = models.BooleanField(default=False)
    seconds = models.FloatField(null=True, blank=True, help_text="how long the run took")

    class Meta:
        ordering = ["-id"]
