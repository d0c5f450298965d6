"""A case's messages, oldest first, with their documents."""

from __future__ import annotations

from django.db.models import QuerySet

from permitdesk.cases.models import Application
from permitdesk.correspondence.models import Attachment, Message


def case_messages(case: Application) -> QuerySet[Message]:
    return (
        Message.objects.filter(application=case)
        .select_related("author")
        .prefetch_related("attachments")
        .order_by("sent_at", "id")  # (time, id): the API pages it by keyset
    )


def case_attachment(case: Application, pk: int) -> Attachment | None:
    return (
        Attachment.objects.filter(pk=pk, message__application=case, purged_at=None)
        .exclude(file="")
        .first()
    )
