"""What a service call wrote: nothing at all (a refusal), or exactly one audit event and the
messages it queued (a success).

"Nothing" is checked on every row of every model, not on the case alone: a refusal that left
a fee line, a party or a half-made inspection behind would otherwise pass unseen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps

from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.law.pack import UnknownName
from permitdesk.rules.lifecycle import Refused


def every_row() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every model the database holds, by model, in primary-key order."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@contextmanager
def writes_nothing() -> Iterator[None]:
    """The block adds, changes and deletes no row of any model."""
    before = every_row()
    yield
    after = every_row()
    changed = sorted(label for label in before if before[label] != after[label])
    assert not changed, f"the block changed rows of: {', '.join(changed)}"


def refusal(call: Callable[[], object]) -> tuple[str, str]:
    """Make `call`, which must be refused and write nothing; its refusal's code and words.

    A refusal of the rules or the pack gives its own code; the permission check's two answers
    are "forbidden" (may see the case, may not act) and "not-found" (may not see it); a name
    the packs do not have (a fee item, a term) is "unknown-name"."""
    with writes_nothing():
        try:
            call()
        except Refused as refused:
            return refused.code, str(refused)
        except Forbidden as forbidden:
            return "forbidden", str(forbidden)
        except NotFound as not_found:
            return "not-found", str(not_found)
        except UnknownName as unknown:
            return "unknown-name", str(unknown)
    pytest.fail("the call was not refused")


def refusal_table(rows: list[Any]) -> Callable[..., None]:
    """The test of an operation's refusal table: each row (a situation, built from the
    test's `who` fixture into the call to make; the refusal's code; words of its message)
    is refused with that code and those words, and writes nothing."""

    @pytest.mark.parametrize(("situation", "code", "words"), rows)
    def test_it_refuses_and_writes_nothing(
        who: Any, situation: Callable[[Any], Callable[[], object]], code: str, words: str
    ) -> None:
        found, message = refusal(situation(who))
        assert (found, words in message) == (code, True), f"{found}: {message}"

    return test_it_refuses_and_writes_nothing


@dataclass
class Written:
    """The audit events and the outbox messages a block wrote."""

    events: list[AuditEvent] = field(default_factory=list)
    messages: list[OutboxMessage] = field(default_factory=list)

    @property
    def event(self) -> AuditEvent:
        assert len(self.events) == 1, [e.action for e in self.events]
        return self.events[0]


def _last(model: type[AuditEvent] | type[OutboxMessage]) -> int:
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@contextmanager
def writes_one_event(action: str, messages: tuple[str, ...] = ()) -> Iterator[Written]:
    """The block writes exactly one audit event, of `action`, and queues exactly the outbox
    messages of the kinds `messages` (in any order)."""
    first_event, first_message = _last(AuditEvent), _last(OutboxMessage)
    written = Written()
    yield written
    written.events = list(AuditEvent.objects.filter(pk__gt=first_event).order_by("pk"))
    written.messages = list(OutboxMessage.objects.filter(pk__gt=first_message).order_by("pk"))
    assert [e.action for e in written.events] == [action]
    assert sorted(m.kind for m in written.messages) == sorted(messages)
