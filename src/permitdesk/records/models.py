"""Jurisdictions, properties, units and their bedrooms, the parties to a case, and who a
person is to a property (their relation: owner of record, managing agent, buyer, tenant)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from permitdesk.law.vocabulary import RELATION_KINDS


class Jurisdiction(models.Model):
    """A municipality or county whose pack (src/permitdesk/packs/<slug>) applies."""

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.name


class Property(models.Model):
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="properties"
    )
    parcel_id = models.CharField(max_length=64)
    address = models.CharField(max_length=200, help_text="street address as entered")
    normalized_address = models.CharField(max_length=200, db_index=True)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2)
    zip_code = models.CharField(max_length=10)

    class Meta:
        verbose_name_plural = "properties"
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "parcel_id"], name="one_parcel_per_jurisdiction"
            )
        ]

    def __str__(self) -> str:
        return f"{self.address}, {self.city}"


def normalized(address: str) -> str:
    """The address as it is matched: upper case, single spaces; cut to the column's length,
    since upper case can be longer ("ß" is "SS")."""
    limit = Property._meta.get_field("normalized_address").max_length
    return " ".join(address.upper().split())[:limit]


class Unit(models.Model):
    class UnitType(models.TextChoices):  # the UNIT_TYPES of permitdesk.law.vocabulary
        SINGLE_FAMILY = "single-family"
        DUPLEX = "duplex"
        CONDO = "condo"
        APARTMENT = "apartment"
        MOBILE_HOME = "mobile-home"

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="units")
    label = models.CharField(max_length=32, blank=True, help_text="unit number; blank for a house")
    unit_type = models.CharField(max_length=20, choices=UnitType.choices)
    units_in_building = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])
    new_construction = models.BooleanField(default=False, help_text="never occupied before")
    hallway_smoke_alarms = models.BooleanField(null=True, blank=True)
    livable_area_smoke_alarms = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["property", "label"], name="one_label_per_property")
        ]

    def __str__(self) -> str:
        return f"{self.property} {self.label}".strip()


class Bedroom(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="bedrooms")
    area_sqft = models.DecimalField(
        max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    basement = models.BooleanField(default=False)
    egress_opening_sqft = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    smoke_alarm = models.BooleanField(default=True)


class Party(models.Model):
    class Kind(models.TextChoices):
        OWNER = "owner"
        MANAGING_AGENT = "managing-agent"
        REALTOR = "realtor"
        TENANT = "tenant"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name_plural = "parties"
        # The staff search by a whole phone number (cases.search).
        indexes = [models.Index(fields=["phone"], name="party_phone")]

    def __str__(self) -> str:
        return f"{self.name} ({self.kind})"


class Relation(models.Model):
    """Who a person is to a parcel (or one unit of it): owner of record, managing agent, buyer
    or tenant, claimed with its evidence and verified or refused by the jurisdiction's staff.
    One parcel is one record however many people act on it; each has a relation to it.
    Only permitdesk.records.relations writes these."""

    class Kind(models.TextChoices):  # the RELATION_KINDS of permitdesk.law.vocabulary
        OWNER = "owner", "owner of record"
        MANAGING_AGENT = "managing-agent", "managing agent"
        BUYER = "buyer", "buyer"
        TENANT = "tenant", "tenant"

    class Status(models.TextChoices):
        CLAIMED = "claimed"
        VERIFIED = "verified"
        REFUSED = "refused"
        ENDED = "ended"

    LIVE = (Status.CLAIMED, Status.VERIFIED)

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="property_relations"
    )
    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="relations")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relations",
        help_text="the one unit a tenant or buyer of a unit is related to; blank for the parcel",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CLAIMED)
    evidence = models.TextField(
        blank=True,
        help_text="the owner's authorisation, the sales contract or the lease: what it is, "
        "its date, its reference",
    )
    claimed_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(blank=True, help_text="why staff refused or ended it")
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # a person's own properties (permissions.own_property_ids), every page of theirs
            models.Index(fields=["person", "status"], name="relation_person_status"),
            # the clerk's pending claims of a jurisdiction, oldest first
            models.Index(fields=["status", "claimed_at"], name="relation_status_claimed"),
        ]

    def __str__(self) -> str:
        where = f"{self.property}" + (f" unit {self.unit.label}" if self.unit else "")
        return f"{self.person} — {self.get_kind_display()} of {where} ({self.status})"


assert Relation.Kind.values == RELATION_KINDS, "records.Relation.Kind drifted from the vocabulary"
