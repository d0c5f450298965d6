"""The catch rate of one jurisdiction, by month of recording, for its desk: the counted sales
on covered units and how each ended — an application on the buyer's own, a lead closed by an
application, a lead still open, dismissed (by reason), not yet due — as a stacked bar chart
drawn on the server (SVG, no script) and the same figures as a table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from permitdesk.cases.selectors.desks import desk_jurisdiction
from permitdesk.cases.selectors.today import today_in
from permitdesk.discovery.selectors import Month, catch_rate
from permitdesk.web.staff.access import DESK, signed_in_user, staff_page

MONTHS = 12
HEIGHT, BAR, GAP = 160.0, 28.0, 12.0
# (the Month's field, the legend's words, a USWDS colour with 3:1 contrast on white)
PARTS = (
    ("own", "applied on their own", "#00a91c"),
    ("caught", "caught through a lead", "#005ea2"),
    ("open", "lead open", "#c05600"),
    ("dismissed_total", "dismissed", "#71767a"),
    ("waiting", "no application and no lead yet", "#a9aeb1"),
)


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    height: float
    colour: str
    label: str


def bars(months: list[Month]) -> list[Rect]:
    """Each month's stack, scaled to the busiest month."""
    top = max((m.known for m in months), default=0) or 1
    rects = []
    for i, month in enumerate(months):
        y = HEIGHT
        for field, words, colour in PARTS:
            count = getattr(month, field)
            if not count:
                continue
            height = HEIGHT * count / top
            y -= height
            label = f"{month.month:%b %Y}: {count} {words}"
            rects.append(Rect(GAP + i * (BAR + GAP), y, height, colour, label))
    return rects


@require_GET
@staff_page(DESK)
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    place = desk_jurisdiction(signed_in_user(request), slug)
    today = today_in(place)
    since = (today.replace(day=1) - dt.timedelta(days=31 * (MONTHS - 1))).replace(day=1)
    months = catch_rate(place, since)
    known = sum(m.known for m in months)
    settled = sum(m.own + m.caught + m.open for m in months)
    return render(
        request,
        "web/staff/catch_rate.html",
        {
            "jurisdiction": place,
            "months": months,
            "bars": bars(months),
            "labels": [(GAP + i * (BAR + GAP), m.month) for i, m in enumerate(months)],
            "parts": PARTS,
            "width": GAP + MONTHS * (BAR + GAP),  # twelve slots: one scale, however few months
            "height": HEIGHT,
            "bar": BAR,
            "known": known,
            "rate": f"{settled / known:.1%}" if known else "no sales yet",
            "since": since,
        },
    )
