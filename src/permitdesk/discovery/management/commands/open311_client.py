"""manage.py open311_client add --jurisdiction SLUG --name NAME --actor USERNAME: let a city's
311 system submit reports through Open311 (docs/discovery.md); prints its api_key, once.
manage.py open311_client revoke --id N --actor USERNAME: stop it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from permitdesk.accounts.permissions import Forbidden
from permitdesk.discovery.models import Open311Client
from permitdesk.discovery.open311_clients import add_open311_client, revoke_open311_client
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.lifecycle import Refused


class Command(BaseCommand):
    help = "Add or revoke a 311 system's Open311 api_key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["add", "revoke"])
        parser.add_argument("--actor", required=True, help="a code official or division admin")
        parser.add_argument("--jurisdiction", default="", help="add: the jurisdiction (slug)")
        parser.add_argument("--name", default="", help="add: the 311 system's name")
        parser.add_argument("--id", type=int, default=0, help="revoke: the client's id")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username=options["actor"]).first()
        if actor is None:
            raise CommandError(f"--actor: no user named '{options['actor']}'")
        now = timezone.now()
        try:
            if options["action"] == "add":
                place = Jurisdiction.objects.filter(slug=options["jurisdiction"]).first()
                if place is None:
                    raise CommandError(f"--jurisdiction '{options['jurisdiction']}' is not one")
                client, key = add_open311_client(
                    jurisdiction=place, name=options["name"], actor=actor, now=now
                )
                self.stdout.write(f"client {client.pk} ({client.name}) of {place.slug}")
                self.stdout.write(f"api_key: {key}")
                self.stdout.write("Give the key to the 311 system now: it is not shown again.")
                return
            found = Open311Client.objects.select_related("jurisdiction").filter(pk=options["id"])
            held = found.first()
            if held is None:
                raise CommandError(f"--id {options['id']}: no such 311 client")
            revoke_open311_client(client=held, actor=actor, now=now)
            self.stdout.write(f"client {held.pk} ({held.name}) revoked")
        except (Forbidden, Refused) as refused:
            raise CommandError(str(refused)) from None
