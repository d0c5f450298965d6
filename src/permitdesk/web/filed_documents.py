"""The uploaded copy of an owner's filing — the village's signed written disclosure, the buyer's
notarized acknowledgement of Clayton's prior-to-sale notice — for the property's owner or
managing agent and the jurisdiction's clerks and code officials (filings.selectors.filed_document);
anyone else is told it is not found."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from permitdesk.accounts.permissions import NotFound
from permitdesk.filings.selectors import filed_document


@require_GET
@login_required
def document(request: HttpRequest, kind: str, pk: int) -> FileResponse:
    try:
        found = filed_document(request.user, kind, pk)
        return FileResponse(
            found.file.open("rb"),
            content_type=found.content_type,
            as_attachment=found.content_type == "application/pdf",
            filename=found.original_name or f"{kind}-{pk}",
        )
    except (NotFound, OSError):
        raise Http404("document not found") from None
