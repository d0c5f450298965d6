"""Documents as PDF: the permit, violation notices, tenant letters and receipts.

`render_attachment(kind, object_id)` is the one entry point for other apps (the e-mail
worker attaches what it returns). The document modules are imported inside it: this package
is imported while Django loads its apps, before the models they use are ready.
"""

from __future__ import annotations

ATTACHMENT_KINDS = ("permit", "violation-notice", "receipt")


def render_attachment(kind: str, object_id: int) -> tuple[str, bytes]:
    """(filename, PDF bytes) of a permit (by permit id), a violation notice (by inspection
    id) or a receipt (by payment id). Raises LookupError for an unknown kind or object, or an
    inspection that did not fail."""
    from django.core.exceptions import ObjectDoesNotExist

    from permitdesk.documents.permit import render_permit
    from permitdesk.documents.receipt import render_receipt
    from permitdesk.documents.violation_notice import render_violation_notice

    renderers = {
        "permit": render_permit,
        "violation-notice": render_violation_notice,
        "receipt": render_receipt,
    }
    if kind not in renderers:
        raise LookupError(f"kind '{kind}' is not one of: {', '.join(ATTACHMENT_KINDS)}")
    try:
        return renderers[kind](object_id)
    except ObjectDoesNotExist:
        raise LookupError(f"no {kind} {object_id}") from None
