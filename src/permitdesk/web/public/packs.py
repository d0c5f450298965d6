"""The packs as the public pages read them: a jurisdiction by its slug (404 for none) and its
fee items in force for the estimator's chooser."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from permitdesk.law.loader import all_packs, get_pack, pack_slugs
from permitdesk.law.pack import Pack


def pack_or_404(slug: str) -> Pack:
    if slug not in pack_slugs():
        raise Http404(f"No jurisdiction '{slug}'.")
    return get_pack(slug)


@dataclass(frozen=True)
class ItemChoice:
    jurisdiction: str
    item: str
    title: str

    @property
    def value(self) -> str:
        return f"{self.jurisdiction}/{self.item}"


@dataclass(frozen=True)
class Schedule:
    """One jurisdiction's fee schedule: every item it declares, in the pack's order."""

    slug: str
    name: str
    items: tuple[ItemChoice, ...]


def schedules() -> list[Schedule]:
    return [
        Schedule(
            slug=pack.slug,
            name=pack.name,
            items=tuple(
                ItemChoice(pack.slug, slug, item.title) for slug, item in pack.fees.items.items()
            ),
        )
        for pack in all_packs()
    ]
