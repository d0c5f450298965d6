"""payments.record_payment's reference: the check number or card reference the clerk reads
off the payment, kept on the ledger entry, in its audit event, on the receipt and in the
payments export; too long or unprintable, refused by name and nothing recorded."""

from __future__ import annotations

from decimal import Decimal

import pytest

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Payment
from permitdesk.cases.services import payments
from permitdesk.documents import render_attachment
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.documents.pdf import text

pytestmark = pytest.mark.django_db


def _pay(who: factories.People, reference: str) -> Payment:
    return payments.record_payment(
        actor=who.clerk,
        application=factories.submitted(who),
        method="check",
        amount=Decimal("80.00"),
        reference=reference,
        now=factories.MONDAY,
    )


def test_the_reference_is_kept_audited_and_printed_on_the_receipt(who: factories.People) -> None:
    paid = _pay(who, "  Check 1042 ")
    assert paid.reference == "Check 1042"
    event = AuditEvent.objects.filter(action="record-payment").latest("pk")
    assert event.after is not None
    assert event.after["reference"] == "Check 1042"
    _, data = render_attachment("receipt", paid.pk)
    assert "Reference Check 1042" in text(data)


@pytest.mark.parametrize(("reference", "code"), [("9" * 65, "too-long"), ("12\n34", "invalid")])
def test_a_bad_reference_is_refused_by_name(
    who: factories.People, reference: str, code: str
) -> None:
    with pytest.raises(Refused) as refused:
        _pay(who, reference)
    assert (refused.value.code, refused.value.field) == (code, "reference")
    assert not Payment.objects.exists()
