"""manage.py staff: an operator grants, revokes and lists the staff roles of a jurisdiction.

    manage.py staff grant USER --jurisdiction SLUG --role ROLE
    manage.py staff revoke USER --jurisdiction SLUG --role ROLE
    manage.py staff list [--jurisdiction SLUG]

USER is a username or an e-mail address; ROLE one of clerk, inspector, code-official,
division-admin. Whoever runs manage.py holds the database's credentials, so no role is asked
for: the audit event's actor is none, and the operator's OS user name is written in it.
"""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from permitdesk.accounts import staff
from permitdesk.accounts.selectors import staff_list
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.lifecycle import Refused

# How each refusal's field is called on this command line.
ARGUMENTS = {"user": "USER", "role": "--role", "jurisdiction": "--jurisdiction"}


def operator_name() -> str:
    """The OS user running the command, for the audit event."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (a bare container)
        return "unknown"


def jurisdiction_named(slug: str) -> Jurisdiction:
    found = Jurisdiction.objects.filter(slug=slug).first()
    if found is None:
        known = ", ".join(Jurisdiction.objects.order_by("slug").values_list("slug", flat=True))
        known = known or "(none loaded: run manage.py load_jurisdictions)"
        raise CommandError(f"--jurisdiction '{slug}' is not one of: {known}")
    return found


def as_command_error(refused: Refused) -> CommandError:
    argument = ARGUMENTS.get(refused.field or "", "")
    reason = str(refused.reason)
    if refused.field and reason.startswith(f"{refused.field}: "):
        reason = reason[len(refused.field) + 2 :]
    elif refused.field and reason.startswith(f"{refused.field} "):
        reason = reason[len(refused.field) + 1 :]
    return CommandError(f"{argument}: {reason}" if argument else reason)


class Command(BaseCommand):
    help = "Grant, revoke or list the staff roles (clerk, inspector, ...) of a jurisdiction."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="grant|revoke|list")
        for name, words in (("grant", "give USER the role"), ("revoke", "take the role away")):
            action = actions.add_parser(name, help=words)
            action.add_argument("user", metavar="USER", help="a username or an e-mail address")
            action.add_argument("--jurisdiction", required=True, help="a slug, e.g. clayton-mo")
            action.add_argument(
                "--role", required=True, help=f"one of: {', '.join(staff.GRANTABLE)}"
            )
        listing = actions.add_parser("list", help="the staff and their roles")
        listing.add_argument("--jurisdiction", help="only this jurisdiction's (a slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self._list(options.get("jurisdiction"))
            return
        try:
            role = staff.role_named(options["role"])
            place = jurisdiction_named(options["jurisdiction"])
            person = staff.find_account(options["user"])
            if options["action"] == "grant":
                staff.grant_role(
                    actor=None,
                    user=person,
                    jurisdiction=place,
                    role=role,
                    now=timezone.now(),
                    operator=operator_name(),
                )
                done = "granted"
            else:
                staff.revoke_role(
                    actor=None,
                    membership=staff.membership_of(person, place, role),
                    now=timezone.now(),
                    operator=operator_name(),
                )
                done = "revoked"
        except Refused as refused:
            raise as_command_error(refused) from None
        self.stdout.write(f"{done}: {person.username} {role} in {place.slug}")

    def _list(self, slug: str | None) -> None:
        places = [jurisdiction_named(slug).pk] if slug else None
        rows = [
            (m.jurisdiction.slug, m.role, m.user.username, m.user.email) for m in staff_list(places)
        ]
        if not rows:
            self.stdout.write("no staff roles" + (f" in {slug}" if slug else ""))
            return
        widths = [max(len(str(row[i])) for row in rows) for i in range(3)]
        for row in rows:
            cells = [str(cell).ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            self.stdout.write("  ".join([*cells, row[3]]).rstrip())
