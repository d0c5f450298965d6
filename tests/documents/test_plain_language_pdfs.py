"""No slugs or field names in any PDF: every permit (temporary and conditional ones too),
violation notice, receipt and tenant letter the demo's cases have, in all four jurisdictions,
read back with pypdf line by line and checked with the pages' finder
(tests/web/test_plain_language)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from permitdesk.cases.models import Inspection, Payment, Permit
from permitdesk.documents.permit import render_permit
from permitdesk.documents.receipt import render_receipt
from permitdesk.documents.tenant_letters import NoLetters, render_tenant_letters
from permitdesk.documents.violation_notice import render_violation_notice
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local
from tests.documents.pdf import reader
from tests.web.test_plain_language import known_codes, slugs_in

pytestmark = pytest.mark.django_db


def _letters() -> list[tuple[str, bytes]]:
    """Each jurisdiction's tenant letters for each day it issued a permit, where it mails
    them."""
    found = []
    for jurisdiction in Jurisdiction.objects.all():
        pack = get_pack(jurisdiction.slug)
        issued = Permit.objects.filter(application__jurisdiction=jurisdiction)
        for day in sorted({local(pack, p.issued_at).date() for p in issued}):
            try:
                found.append(render_tenant_letters(jurisdiction, day))
            except NoLetters:
                break
    return found


@pytest.fixture
def documents(settings: Any, tmp_path: Path) -> dict[str, list[tuple[str, bytes]]]:
    settings.MEDIA_ROOT = tmp_path
    call_command("load_jurisdictions", verbosity=0)
    call_command("demo_data", force=True, verbosity=0)
    failed = Inspection.objects.filter(result=Inspection.Result.FAILED)
    return {
        "permit": [render_permit(pk) for pk in Permit.objects.values_list("pk", flat=True)],
        "violation notice": [render_violation_notice(i.pk) for i in failed],
        "receipt": [render_receipt(pk) for pk in Payment.objects.values_list("pk", flat=True)],
        "tenant letters": _letters(),
    }


def test_every_pdf_says_words_not_codes(documents: dict[str, list[tuple[str, bytes]]]) -> None:
    assert all(documents.values()), {kind: len(made) for kind, made in documents.items()}
    kinds = set(Permit.objects.values_list("kind", flat=True))
    assert {"standard", "temporary", "conditional"} <= kinds, kinds
    codes = known_codes()
    names = set(User.objects.values_list("username", flat=True))
    found: dict[str, set[str]] = {}
    for kind, made in documents.items():
        for _, data in made:
            for page in reader(data).pages:
                for line in page.extract_text().splitlines():
                    part = " ".join(line.split())
                    for slug in slugs_in(part, codes, names) if part else []:
                        found.setdefault(f"{slug!r} in {part[:80]!r}", set()).add(kind)
    assert {shown: sorted(kinds) for shown, kinds in found.items()} == {}
