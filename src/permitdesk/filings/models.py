"""What owners file about a unit or a building outside a case: the village's written
disclosure that permits are required (Ord. 08-457 §1.A), and Clayton's 30 days' notice
before a building of three or more units is sold, transferred, mortgaged or leased (2010
schedule, "Prior to Sale Inspections"), with the buyer's notarized acknowledgement.

An uploaded document is checked and stored as the case correspondence's are
(permitdesk.correspondence: its content check, its random names under MEDIA_ROOT)."""

from __future__ import annotations

from django.db import models

from permitdesk.correspondence.models import stored_name


class UploadedDocument(models.Model):
    """A signed or notarized copy: the name sent, the type its bytes showed, the file."""

    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(upload_to=stored_name, blank=True)

    class Meta:
        abstract = True


class WrittenDisclosure(UploadedDocument):
    """The seller's or landlord's written disclosure, and who acknowledged receiving it."""

    class Occasion(models.TextChoices):
        CONVEYANCE = "conveyance", "Sale or other conveyance"
        RENTAL = "rental", "Rental"

    class Discloser(models.TextChoices):  # §1.A's list of who discloses
        OWNER = "owner", "Seller or landlord"
        AGENT = "agent", "Real estate agent or broker"
        ATTORNEY = "attorney", "Attorney"
        MANAGER = "manager", "Property manager"

    unit = models.ForeignKey(
        "records.Unit", on_delete=models.PROTECT, related_name="written_disclosures"
    )
    occasion = models.CharField(max_length=12, choices=Occasion.choices)
    disclosed_by = models.CharField(max_length=200, help_text="the person who disclosed")
    discloser_role = models.CharField(max_length=12, choices=Discloser.choices)
    received_by = models.CharField(max_length=200, help_text="the buyer or renter")
    received_on = models.DateField(help_text="the day the disclosure was received")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+")


class PriorToSaleNotice(UploadedDocument):
    """Clayton: the owner's notice to the City before a building is disposed of to another.
    The uploaded document is the buyer's notarized acknowledgement of the open violations."""

    class Disposal(models.TextChoices):  # the sentence's "sell, transfer, mortgage, lease"
        SALE = "sale", "Sale"
        TRANSFER = "transfer", "Transfer"
        MORTGAGE = "mortgage", "Mortgage"
        LEASE = "lease", "Lease of the building"

    building = models.ForeignKey(
        "records.Property", on_delete=models.PROTECT, related_name="prior_to_sale_notices"
    )
    disposal = models.CharField(max_length=10, choices=Disposal.choices)
    planned_on = models.DateField(help_text="the day the disposal is planned")
    buyer_name = models.CharField(
        max_length=200, help_text="grantee, transferee, mortgagee or lessee"
    )
    filed_at = models.DateTimeField()
    filed_on = models.DateField(help_text="the day it was filed, in the jurisdiction's zone")
    filed_by = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+")
    notice_by = models.DateField(help_text="the last day the pack's notice period allowed")
    lawful_from = models.DateField(help_text="the first day the disposal may take place")
    open_violations = models.PositiveIntegerField(
        default=0, help_text="violations not yet corrected on the building's cases when filed"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    @property
    def late(self) -> bool:
        """Filed fewer days ahead than the notice period (accepted, flagged: decision 0021)."""
        return self.filed_on > self.notice_by

    @property
    def needs_acknowledgement(self) -> bool:
        return self.open_violations > 0 and not self.file
