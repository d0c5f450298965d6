"""The sweep's options, `[--now ISO-TIME] [--jurisdiction SLUG] [--batch-size N] [--progress]`.
Pure (no Django), so the `permitdesk` command can offer them before Django is set up."""

from __future__ import annotations

import argparse

from permitdesk.law.loader import pack_slugs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--now",
        metavar="ISO-TIME",
        help="sweep as of this moment, with offset, e.g. 2026-11-20T06:00-06:00 (default: now)",
    )
    parser.add_argument(
        "--jurisdiction", metavar="SLUG", help=f"only this one of: {', '.join(pack_slugs())}"
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=500,
        metavar="N",
        help="items per transaction (default: 500)",
    )
    parser.add_argument(
        "--progress",
        action="store_true",
        help="draw a progress bar on stderr even when it is not a terminal",
    )
