"""The `permitdesk` command: fee items, quotes, eligibility, deadlines and pack checks.

Bad input exits with status 2 and one line that names the fact and what it allows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import NoReturn

from permitdesk.cli import questions, render, serialize
from permitdesk.cli.dates import UsageError, on_date
from permitdesk.law.loader import PackError, get_pack, load_pack, pack_slugs
from permitdesk.law.pack import NotInForce, Pack, UnknownName
from permitdesk.law.uses import inert_terms
from permitdesk.rules.calendar import NaiveTime, given_moment, zone
from permitdesk.rules.deadlines import deadlines
from permitdesk.rules.eligibility import eligibility
from permitdesk.rules.facts import FactError
from permitdesk.rules.fileable import check_filings
from permitdesk.rules.occupancy import Bedroom, occupancy
from permitdesk.rules.quote import NotPermitted, quote
from permitdesk.sweeps.arguments import add_arguments as sweep_arguments

BAD_INPUT = 2


def _facts(pairs: Sequence[str]) -> dict[str, str]:
    facts: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(f"--set takes fact=value, not {pair!r}")
        if name in facts:
            raise UsageError(f"fact {name} is given twice")
        facts[name] = value
    return facts


def _now(pack: Pack, text: str | None) -> dt.datetime:
    if text is None:
        return dt.datetime.now(zone(pack))
    return given_moment(text, option="--now", example="2026-11-20T15:30-06:00", error=UsageError)


def _emit(args: argparse.Namespace, data: object, text: str) -> None:
    print(serialize.dumps(data) if args.json else text)


def cmd_items(args: argparse.Namespace) -> int:
    pack = get_pack(args.jurisdiction)
    on = on_date(pack, args.on)
    _emit(args, serialize.items(pack, on), render.items(pack, on))
    return 0


def cmd_quote(args: argparse.Namespace) -> int:
    pack = get_pack(args.jurisdiction)
    q = quote(pack, args.item, _facts(args.set), on_date(pack, args.on))
    _emit(args, serialize.quote(q), render.quote(q))
    return 0


def cmd_eligibility(args: argparse.Namespace) -> int:
    pack = get_pack(args.jurisdiction)
    e = eligibility(pack, _facts(args.set), on_date(pack, args.on))
    _emit(args, serialize.eligibility(e), render.eligibility(e))
    return 0


def cmd_deadlines(args: argparse.Namespace) -> int:
    pack = get_pack(args.jurisdiction)
    now = _now(pack, args.now)
    found = deadlines(pack, _facts(args.set), now)
    _emit(args, serialize.deadlines(pack.slug, now, found), render.deadlines(pack.slug, now, found))
    return 0


def _bedroom(text: str) -> Bedroom:
    """'140', '100,basement,egress=6', '80,no-alarm'."""
    area, *flags = [part.strip() for part in text.split(",")]
    try:
        basement = "basement" in flags
        egress = next((Decimal(f[7:]) for f in flags if f.startswith("egress=")), None)
        unknown = [
            f for f in flags if f not in ("basement", "no-alarm") and not f.startswith("egress=")
        ]
        if unknown:
            raise UsageError(
                f"--bedroom flag {unknown[0]!r} is not one of: basement, no-alarm, egress=SQFT"
            )
        room = Bedroom(Decimal(area), "no-alarm" not in flags, basement, egress)
    except InvalidOperation:
        raise UsageError(
            f"--bedroom takes AREA[,basement][,egress=SQFT][,no-alarm], not {text!r}"
        ) from None
    if not room.area_sqft.is_finite() or room.area_sqft < 0:
        raise UsageError(f"--bedroom area must be a number of square feet, not {area!r}")
    return room


def _yes_no(text: str | None, option: str) -> bool | None:
    if text is None:
        return None
    if text.lower() in ("yes", "true"):
        return True
    if text.lower() in ("no", "false"):
        return False
    raise UsageError(f"{option} must be yes or no, not {text!r}")


def cmd_occupancy(args: argparse.Namespace) -> int:
    pack = get_pack(args.jurisdiction)
    result = occupancy(
        pack,
        [_bedroom(b) for b in args.bedroom],
        on_date(pack, args.on),
        _yes_no(args.hallway_alarms, "--hallway-alarms"),
        _yes_no(args.livable_area_alarms, "--livable-area-alarms"),
    )
    _emit(args, serialize.occupancy(result), render.occupancy(result))
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    from permitdesk.cli import sweep  # sets up Django, for this subcommand only

    return sweep.run(args)


def _pack_problems(slug: str, on_text: str | None) -> str | None:
    """What is wrong with a pack: it does not load, a REQUIRED obligation cannot be filed,
    or a term under `terms` is read by no code (inert)."""
    try:
        pack = load_pack(slug)
    except PackError as problem:
        return str(problem)
    problems = [str(p) for p in check_filings(pack, on_date(pack, on_text))[1]]
    problems += [
        f"term {name!r} is read by no code: enforce it, show it where it applies, or move it "
        "under `information:` in terms.yaml"
        for name in inert_terms(pack)
    ]
    return "; ".join(problems) or None


def cmd_packs_check(args: argparse.Namespace) -> int:
    results = {slug: _pack_problems(slug, args.on) for slug in pack_slugs()}
    if args.json:
        print(serialize.dumps(serialize.checked(results)))
    else:
        for slug, error in results.items():
            print(f"{slug}: {'ok' if error is None else error}")
    return 0 if all(e is None for e in results.values()) else 1


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors as one line and status 2, like every other bad input."""

    def error(self, message: str) -> NoReturn:
        self.exit(BAD_INPUT, f"{self.prog}: {message} (see: {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="permitdesk", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    def command(
        name: str, run: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--json", action="store_true", help="stable JSON instead of a table")
        p.set_defaults(run=run)
        return p

    def jurisdiction(p: argparse.ArgumentParser) -> None:
        p.add_argument("jurisdiction", help=f"one of: {', '.join(pack_slugs())}")

    def facts(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--set", action="append", default=[], metavar="FACT=VALUE", help="a fact; repeat"
        )

    def on(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--on", metavar="YYYY-MM-DD", help="the date the law is read on (default: today)"
        )

    p = command("items", cmd_items, "list the fee items and the facts each needs")
    jurisdiction(p)
    on(p)
    p = command("quote", cmd_quote, "an itemised, cited fee quote")
    jurisdiction(p)
    p.add_argument("item", help="a fee item (see: permitdesk items JURISDICTION)")
    facts(p)
    on(p)
    p = command("eligibility", cmd_eligibility, "what an event at a unit requires, and why")
    jurisdiction(p)
    facts(p)
    on(p)
    p = command("deadlines", cmd_deadlines, "the deadlines that dates in a case set running")
    jurisdiction(p)
    facts(p)
    p.add_argument("--now", metavar="ISO-TIME", help="the current time, with offset (default: now)")
    p = command("occupancy", cmd_occupancy, "the most occupants a unit's bedrooms allow")
    jurisdiction(p)
    p.add_argument(
        "--bedroom", action="append", default=[], metavar="AREA[,basement][,egress=SQFT][,no-alarm]"
    )
    p.add_argument(
        "--hallway-alarms", metavar="yes|no", help="smoke alarms in the hallways to bedrooms"
    )
    p.add_argument(
        "--livable-area-alarms", metavar="yes|no", help="smoke alarms in each livable area"
    )
    on(p)
    p = sub.add_parser(
        "sweep",
        help="the deadline sweep: lapse approvals, end permits, flags, reminders",
        description="Act on every deadline due as of --now, in the database DATABASE_URL names "
        "(settings: DJANGO_SETTINGS_MODULE, default permitdesk.site.settings); print what it did.",
    )
    sweep_arguments(p)
    p.set_defaults(run=cmd_sweep)
    packs = sub.add_parser("packs", help="check the rule packs")
    packs_sub = packs.add_subparsers(dest="packs_command", required=True)
    p = packs_sub.add_parser(
        "check",
        help="load and validate every pack; check every REQUIRED obligation can be filed and "
        "every term is read by the code",
    )
    p.add_argument("--json", action="store_true")
    on(p)
    p.set_defaults(run=cmd_packs_check)
    p = command("penalty", questions.cmd_penalty, "the maximum penalty for violating the program")
    jurisdiction(p)
    on(p)
    p = command("channels", questions.cmd_channels, "how an application is made (online, ...)")
    jurisdiction(p)
    on(p)
    p = command(
        "who-may-apply", questions.cmd_who_may_apply, "who may apply, pay and obtain the permit"
    )
    jurisdiction(p)
    on(p)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # the console script, not a caller in the same process (the tests):
        # `permitdesk items … | head` ends quietly. In-process, SIG_DFL would outlive the call
        # and kill the caller on its next write to a closed pipe (a browser's, in the tests).
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (
        FactError,
        NotPermitted,
        NotInForce,
        UnknownName,
        NaiveTime,
        UsageError,
    ) as error:
        print(f"permitdesk: {error}", file=sys.stderr)
        return BAD_INPUT
    except PackError as error:
        print(f"permitdesk: invalid pack: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
