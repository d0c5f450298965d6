"""rules.case_facts: the facts a pack's fee reads from a case file (the unit and the event)."""

from __future__ import annotations

from permitdesk.law.loader import get_pack
from permitdesk.rules.case_facts import CaseFile, fee_facts


def test_pack_case_file_mapping_reads_the_unit_and_trigger() -> None:
    item = get_pack("clayton-mo").item("prior-to-sale-inspection")
    assert fee_facts(item, CaseFile("apartment", 6, False, "sale")) == {"units": 6}
