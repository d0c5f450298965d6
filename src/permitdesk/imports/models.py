"""The source system's own keys of what an import recorded, where our models have none: a
party or a case is known in the old system by its reference, and a second run of the same
file finds it again by that reference (the import is idempotent)."""

from __future__ import annotations

from django.db import models

from permitdesk.records.models import Jurisdiction


class SourceKey(models.Model):
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    kind = models.SlugField(max_length=32, help_text="the import kind: party, case, ...")
    key = models.CharField(max_length=100, help_text="the source system's reference")
    object_id = models.BigIntegerField(help_text="the row it recorded")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "kind", "key"], name="one_source_key_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"
