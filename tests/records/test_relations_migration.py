"""Records migration 0004: whoever recorded a parcel or applied for one of its units before
relations were kept becomes its claimed owner, once, at the first time they acted."""

from __future__ import annotations

import datetime as dt

from tests.factories.migrations import Migrator, old_case, old_unit

BEFORE = [
    ("records", "0003_property_relations"),
    ("cases", "0011_queue_covering_indexes"),
    ("audit", "0002_outbox_delivery"),
]
AFTER = [("records", "0004_relations_from_the_audit_trail")]
EARLY = dt.datetime(2026, 3, 2, 16, 0, tzinfo=dt.UTC)
LATE = dt.datetime(2026, 4, 2, 16, 0, tzinfo=dt.UTC)


def test_recorders_and_applicants_become_claimed_owners_once(migrator: Migrator) -> None:
    apps = migrator.to(BEFORE)
    User = apps.get_model("auth", "User")
    recorder, applicant, clerk = (User.objects.create(username=n) for n in "rac")
    unit = old_unit(apps)
    place = unit.property
    Event = apps.get_model("audit", "AuditEvent")
    for actor, at in ((recorder, LATE), (recorder, EARLY)):
        Event.objects.create(
            actor=actor, action="create-property", object_type="Property",
            object_id=str(place.pk), at=at, before=None, after={},
        )  # fmt: skip
    Event.objects.create(
        actor=clerk,
        action="create-property",
        object_type="Property",
        object_id="999999",
        at=EARLY,
        before=None,
        after={},
    )  # fmt: skip  (a property since gone: no relation)
    for who in (applicant, recorder):
        old_case(apps, unit, who, LATE)

    Relation = migrator.to(AFTER).get_model("records", "Relation")
    found = sorted(Relation.objects.values_list("person__username", "kind", "status", "claimed_at"))
    assert found == [("a", "owner", "claimed", LATE), ("r", "owner", "claimed", EARLY)]
