"""{{ payment.method|payment_method }}, {{ permit.end_reason|end_reason }},
{{ case|fee_item_title }}: codes in words (permitdesk.web.words); {{ property|directions }}:
an address as a maps link."""

from __future__ import annotations

from django import template

from permitdesk.cases.models import Application
from permitdesk.records.models import Property
from permitdesk.web import words
from permitdesk.web.staff.directions import directions_url

register = template.Library()
register.filter("payment_method", words.payment_method)
register.filter("end_reason", words.end_reason)
register.filter("role_labels", words.role_labels)
register.filter("change_words", words.change_words)


@register.filter
def fee_item_title(case: Application) -> str:
    return words.fee_item_title(case.jurisdiction.slug, case.fee_item)


@register.filter
def directions(place: Property) -> str:
    """{{ property|directions }}: the maps URL of its address (web.staff.directions)."""
    return directions_url(place)
