"""`permitdesk sweep`: the one subcommand that needs the database, so Django is set up here,
when it runs, and the rest of the command stays pure."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "permitdesk.site.settings")
    import django

    django.setup()
    from permitdesk.sweeps.command import execute

    return execute(
        args, stdout=sys.stdout, stderr=sys.stderr, clock=lambda: dt.datetime.now(dt.UTC)
    )
