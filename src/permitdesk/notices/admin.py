"""The outbox in the admin, read-only but for one action: a failed message can be sent again
(through the worker's requeue(), which records it)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from permitdesk.audit.admin import ReadOnly
from permitdesk.audit.models import OutboxMessage
from permitdesk.notices.outbox import requeue


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnly):
    list_display = ("created_at", "key", "to", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("key", "to", "subject")
    actions = ("send_again",)

    @admin.action(description="Send the selected failed messages again")
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        failed = list(queryset.filter(status=OutboxMessage.Status.FAILED))
        actor = request.user if request.user.is_authenticated else None
        for message in failed:
            requeue(message=message, actor=actor, now=timezone.now())
        skipped = queryset.count() - len(failed)
        self.message_user(
            request,
            f"{len(failed)} message(s) queued again"
            + (f"; {skipped} not failed, left as they were" if skipped else ""),
            messages.SUCCESS if failed else messages.WARNING,
        )
