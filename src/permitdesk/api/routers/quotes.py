"""The law, public: jurisdictions, their fee items, quotes and eligibility (no sign-in)."""

from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.pagination import paginate

from permitdesk.api.errors import PUBLIC_BODY, responses
from permitdesk.api.pagination import Page
from permitdesk.api.schemas.common import DateIn
from permitdesk.api.schemas.law import (
    EligibilityIn,
    EligibilityOut,
    ItemsOut,
    JurisdictionOut,
    JurisdictionSlug,
    QuoteIn,
    QuoteOut,
)
from permitdesk.cases.selectors import today_in
from permitdesk.law.loader import all_packs, get_pack
from permitdesk.rules.eligibility import Eligibility, eligibility
from permitdesk.rules.quote import Quote, quote

router = Router(tags=["law"], auth=None)


@router.get("/jurisdictions", response=responses({200: list[JurisdictionOut]}, 422))
@paginate(Page)
def list_jurisdictions(request: HttpRequest) -> list[JurisdictionOut]:
    return [JurisdictionOut.of(pack) for pack in all_packs()]


@router.get("/jurisdictions/{slug}/items", response=responses({200: ItemsOut}, 422))
def list_items(
    request: HttpRequest,
    slug: Annotated[JurisdictionSlug, Path()],
    on: Annotated[DateIn | None, Query(description="default: today")] = None,
) -> ItemsOut:
    pack = get_pack(slug)
    return ItemsOut.of(pack, on or today_in(pack))


@router.post("/quotes", response=responses({200: QuoteOut}, *PUBLIC_BODY))
def create_quote(request: HttpRequest, body: QuoteIn) -> Quote:
    """An itemised fee quote: every line with its arithmetic and its citation."""
    pack = get_pack(body.jurisdiction)
    return quote(pack, body.item, body.facts, body.on or today_in(pack))


@router.post("/eligibility", response=responses({200: EligibilityOut}, *PUBLIC_BODY))
def check_eligibility(request: HttpRequest, body: EligibilityIn) -> Eligibility:
    """What an event at a unit requires in a jurisdiction, and why."""
    pack = get_pack(body.jurisdiction)
    return eligibility(pack, body.facts, body.on or today_in(pack))
