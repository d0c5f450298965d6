"""A payment method in words ("visa" → "Visa", "cash-exact" → "Cash (exact amount)"): the one
table the pages, the receipts and the e-mails read. Which methods a jurisdiction takes is its
pack's (`payment_methods`); a method not listed here is shown as its words ("money-order" →
"Money order")."""

from __future__ import annotations

LABELS = {
    "cash": "Cash",
    "cash-exact": "Cash (exact amount)",
    "check": "Check",
    "visa": "Visa",
    "mastercard": "Mastercard",
    "discover": "Discover",
}


def method_label(value: str) -> str:
    return LABELS.get(value, value.replace("-", " ").replace("_", " ").capitalize())


BRANDS = frozenset({"visa", "mastercard", "discover"})  # names: capitalised mid-sentence too


def method_words(value: str) -> str:
    """The method as a sentence says it: "by check", "by cash (exact amount)", "by Visa"."""
    label = method_label(value)
    return label if value in BRANDS else label[:1].lower() + label[1:]
