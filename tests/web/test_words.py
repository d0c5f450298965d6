"""Codes in words (permitdesk.web.words): what the pages show for stored codes."""

from __future__ import annotations

from permitdesk.web import words


def test_codes_read_as_words() -> None:
    assert words.payment_method("visa") == "Visa"
    assert words.payment_method("money-order") == "Money order"
    assert words.end_reason("change-of-tenancy") == "on a change of tenancy"
    assert words.choice_label("single-family") == "Single family"
    assert words.choice_label("IIB") == "IIB"
    assert (
        words.role_labels({"code-official", "clerk"}) == "Clerk, Code Official"
    )  # the roles labels
    assert words.fee_item_title("clayton-mo", "residential-occupancy") != "residential-occupancy"
    assert words.fee_item_title("clayton-mo", "no-such-item") == "No such item"


def test_an_audit_value_reads_as_words_and_a_date_stays_a_date() -> None:
    assert (
        words.stored_value("status", "inspection-requested") == "Inspection Requested"
    )  # its label
    assert words.stored_value("method", "visa") == "Visa"
    assert words.stored_value("kind", "managing-agent") == "managing agent"
    assert words.stored_value("fee_item", "residential-occupancy", "clayton-mo").startswith(
        "Residential"
    )
    assert words.stored_value("new_unit", False) == "no"
    assert words.stored_value("wanted_on", "2026-12-07") == "2026-12-07"
    assert words.stored_value("amount", "60.00") == "60.00"
