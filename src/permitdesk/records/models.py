"""Jurisdictions, properties, units and their bedrooms, and the parties to a case."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models


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
