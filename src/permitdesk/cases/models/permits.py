"""Occupants and visitors, and the permits issued for an occupancy."""

from __future__ import annotations

import secrets

from django.db import models

from permitdesk.cases.models.applications import Application


class Occupant(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="occupants")
    # The case's jurisdiction, copied when the occupant is named (cases.services.occupants; a
    # case never moves): the staff search filters the trigram match of a name by it, so the
    # probe stops at its cap instead of joining every matching occupant of the county to the
    # cases (cases.search, decision record 0010).
    jurisdiction = models.ForeignKey(
        "records.Jurisdiction", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    relationship = models.CharField(max_length=60, blank=True, help_text="to the head of household")
    moves_in_on = models.DateField(
        null=True, blank=True, help_text="the occupancy date (Clayton asks for it with the names)"
    )


class Visitor(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="visitors")
    name = models.CharField(max_length=200)
    arrived_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)


class ChangeOfOccupancyReport(models.Model):
    """The village's report of a change of occupancy, due within 30 days of the change."""

    unit = models.ForeignKey(
        "records.Unit", on_delete=models.PROTECT, related_name="occupancy_reports"
    )
    changed_on = models.DateField()
    reported_at = models.DateTimeField()
    reported_on = models.DateField(help_text="the day it was made, in the jurisdiction's zone")
    reported_by = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(help_text="the last day the pack allowed")
    new_occupants = models.CharField(
        max_length=500,
        blank=True,
        help_text="the new occupants' names, where the reporter gave them",
    )
    # The report leads to the inspection (§1.D "so that the Building Inspector may inspect"):
    # it opens the unit's re-occupancy case, or names the one already open (decision 0021).
    application = models.ForeignKey(
        Application,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_reports",
        help_text="the case the inspection is made under",
    )
    no_case_reason = models.CharField(
        max_length=300, blank=True, help_text="why no case was opened (a Type II unit, ...)"
    )

    @property
    def late(self) -> bool:
        """Made after its last day, both days the jurisdiction's (a report at 8 PM on the
        last day is on time, though it is the next day in UTC)."""
        return self.reported_on > self.due_on


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Permit(models.Model):
    class Kind(models.TextChoices):
        STANDARD = "standard"
        TEMPORARY = "temporary"
        CONDITIONAL = "conditional"
        AMENDED = "amended"

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="permits")
    number = models.CharField(max_length=32, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    issued_at = models.DateTimeField()
    ends_on = models.DateField(
        null=True, blank=True, help_text="the term's end, where the pack sets one"
    )
    correction_due_on = models.DateField(null=True, blank=True, help_text="conditional permits")
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)
    verification_token = models.CharField(max_length=64, unique=True, default=new_token)
    evidence = models.CharField(
        max_length=40,
        blank=True,
        help_text="the document the occupant showed (St. Clair: lease, ...)",
    )

    @property
    def active(self) -> bool:
        return self.ended_at is None
