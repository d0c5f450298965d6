"""`permitdesk penalty`, `channels` and `who-may-apply`: the law's answers, with citations."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from permitdesk.cli import serialize
from permitdesk.cli.dates import on_date
from permitdesk.cli.render import table
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.rules.answers import Answer, channels, penalty, who_may_apply
from permitdesk.rules.money import money


def _value(value: object) -> Any:
    return value if isinstance(value, bool | int | str | list) else str(value)


def _answers_json(slug: str, on: dt.date, answers: Sequence[Answer]) -> dict[str, Any]:
    return {
        "jurisdiction": slug,
        "on": on.isoformat(),
        "answers": [
            {
                "term": a.term,
                "question": a.question,
                "value": _value(a.value),
                "citation": a.citation,
                "note": a.note,
            }
            for a in answers
        ],
    }


def _answers_text(answers: Sequence[Answer], silent: str) -> str:
    if not answers:
        return silent
    rows = [
        (a.question, ", ".join(a.value) if isinstance(a.value, list) else str(a.value), a.citation)
        for a in answers
    ]
    return table(("question", "answer", "citation"), rows)


def cmd_penalty(args: argparse.Namespace) -> int:
    pack = get_pack(args.jurisdiction)
    on = on_date(pack, args.on)
    p = penalty(pack, on)
    if args.json:
        data = {
            "jurisdiction": pack.slug,
            "on": on.isoformat(),
            "max_fine": f"{money(p.max_fine)}" if p.max_fine is not None else None,
            "max_imprisonment_days": p.max_imprisonment_days,
            "words": p.words,
            "citation": p.citation,
        }
        print(serialize.dumps(data))
    else:
        print(
            f"{p.words}\n{p.citation}"
            if p.words
            else f"{pack.name}: the documents set no penalty for violating the program"
        )
    return 0


def _answer(
    args: argparse.Namespace,
    ask: Callable[[Pack, dt.date], list[Answer]],
    silent: str,
) -> int:
    pack = get_pack(args.jurisdiction)
    on = on_date(pack, args.on)
    found = ask(pack, on)
    if args.json:
        print(serialize.dumps(_answers_json(pack.slug, on, found)))
    else:
        print(_answers_text(found, f"{pack.name}: {silent}"))
    return 0


def cmd_channels(args: argparse.Namespace) -> int:
    return _answer(args, channels, "the documents name no channel")


def cmd_who_may_apply(args: argparse.Namespace) -> int:
    return _answer(args, who_may_apply, "the documents do not say who may apply")
