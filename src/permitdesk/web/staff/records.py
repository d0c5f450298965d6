"""The record pages of a jurisdiction's clerks and code officials: a property, a unit with its
bedrooms, a party. Each edit calls its records service (which audits it before and after);
a refusal re-renders the page with the form (422), a success redirects to the page."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from permitdesk.records import selectors
from permitdesk.records.models import Unit
from permitdesk.records.services import (
    BedroomInput,
    add_bedroom,
    change_bedroom,
    party_state,
    property_state,
    remove_bedroom,
    require_may_edit,
    require_may_edit_party,
    update_party,
    update_property,
    update_unit,
)
from permitdesk.web.refusals import written
from permitdesk.web.staff.access import DESK, signed_in_user, staff_page
from permitdesk.web.staff.record_forms import (
    BedroomForm,
    ChosenBedroomForm,
    PartyForm,
    PropertyForm,
    RemoveBedroomForm,
    UnitForm,
)


@staff_page(DESK)
def property_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    place = selectors.property_detail(pk)
    require_may_edit(user, place.jurisdiction_id, f"property {pk}")
    return _record_page(
        request,
        ("property", pk),
        PropertyForm(request.POST or None, initial=property_state(place)),
        partial(update_property, actor=user, place=place, now=timezone.now()),
        {"place": place, "relations": selectors.live_relations(place)},
    )


def _record_page(
    request: HttpRequest,
    record: tuple[str, int],
    form: forms.Form,
    change: Callable[..., object],
    context: dict[str, object],
) -> HttpResponse:
    """The page of a record (`record`: its kind, "property" or "party", which names its
    template and its URL, and its pk) with its edit form: the form posted, valid and written
    by `change` (its fields as keywords), back to the page saying so; else the page, 422 when
    the form was posted (invalid or refused)."""
    kind, pk = record
    if (
        request.method == "POST"
        and form.is_valid()
        and written(form, partial(change, **form.cleaned_data))
    ):
        messages.success(request, f"The {kind} was saved.")
        return redirect(f"web:staff-{kind}", pk=pk)
    status = 422 if form.is_bound else 200
    return render(request, f"web/staff/{kind}.html", {**context, "form": form}, status=status)


def _unit(request: HttpRequest, pk: int) -> Unit:
    unit = selectors.unit_detail(pk)
    require_may_edit(signed_in_user(request), unit.property.jurisdiction_id, f"unit {pk}")
    return unit


def _bedroom_form(
    room_pk: int, bedrooms: list[int], data: Any = None, **initial: Any
) -> ChosenBedroomForm:
    return ChosenBedroomForm(
        data,
        bedrooms=bedrooms,
        initial={"bedroom": room_pk, **initial},
        auto_id=f"bedroom-{room_pk}-%s",
    )


def _bedroom_forms(unit: Unit, sent: forms.Form | None) -> list[tuple[Any, forms.Form]]:
    """Each bedroom with its form: the one sent (with its errors) for the bedroom it names."""
    rooms = sorted(unit.bedrooms.all(), key=lambda room: room.pk)
    ids = [room.pk for room in rooms]
    named = str(sent.data.get("bedroom")) if sent is not None else None
    forms_: list[tuple[Any, forms.Form]] = []
    for room in rooms:
        if sent is not None and named == str(room.pk):
            forms_.append((room, sent))
            continue
        facts = {
            "area_sqft": room.area_sqft,
            "egress_opening_sqft": room.egress_opening_sqft,
            "basement": room.basement,
            "smoke_alarm": room.smoke_alarm,
        }
        forms_.append((room, _bedroom_form(room.pk, ids, **facts)))
    return forms_


def unit_page(
    request: HttpRequest, unit: Unit, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    """The unit's page; `bound` replaces a blank form by the one sent (with its errors)."""
    found = {
        "unit": unit,
        "form": bound.get("edit") or UnitForm(initial=UnitForm.initial_of(unit)),
        "bedrooms": _bedroom_forms(unit, bound.get("change")),
        "add_form": bound.get("add") or BedroomForm(auto_id="new-bedroom-%s"),
        "remove_errors": bound["remove"].errors if "remove" in bound else None,
    }
    return render(request, "web/staff/unit.html", found, status=status)


def _saved(request: HttpRequest, unit: Unit, notice: str) -> HttpResponse:
    messages.success(request, notice)
    return redirect("web:staff-unit", pk=unit.pk)


def _unit_write(
    request: HttpRequest,
    unit: Unit,
    bound: tuple[str, forms.Form],
    write: Callable[[dict[str, Any]], object],
    notice: str,
) -> HttpResponse:
    """A change to the unit's record from a form of its page (`bound`: the form's name there,
    and the form sent); `write`, the service's call on its data. Made: back to the page with
    `notice`; invalid or refused, the page with the form again (422)."""
    name, form = bound
    if form.is_valid() and written(form, partial(write, form.cleaned_data)):
        return _saved(request, unit, notice)
    return unit_page(request, unit, 422, **{name: form})


@staff_page(DESK)
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    if request.method != "POST":
        return unit_page(request, unit)
    change = partial(update_unit, actor=signed_in_user(request), unit=unit, now=timezone.now())
    edit = ("edit", UnitForm(request.POST))
    return _unit_write(request, unit, edit, lambda data: change(**data), "The unit was saved.")


def _room(data: dict[str, Any]) -> BedroomInput:
    return BedroomInput(
        area_sqft=data["area_sqft"],
        basement=data["basement"],
        egress_opening_sqft=data["egress_opening_sqft"],
        smoke_alarm=data["smoke_alarm"],
    )


@require_POST
@staff_page(DESK)
def bedroom_add(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    add = partial(add_bedroom, actor=signed_in_user(request), unit=unit, now=timezone.now())
    new = ("add", BedroomForm(request.POST, auto_id="new-bedroom-%s"))
    return _unit_write(
        request, unit, new, lambda data: add(room=_room(data)), "The bedroom was added."
    )


@require_POST
@staff_page(DESK)
def bedroom_change(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    rooms = {room.pk: room for room in unit.bedrooms.all()}
    named = request.POST.get("bedroom", "")
    form = _bedroom_form(int(named) if named.isdigit() else 0, list(rooms), request.POST)
    change = partial(change_bedroom, actor=signed_in_user(request), now=timezone.now())
    return _unit_write(
        request,
        unit,
        ("change", form),
        lambda data: change(bedroom=rooms[data["bedroom"]], room=_room(data)),
        "The bedroom was saved.",
    )


@require_POST
@staff_page(DESK)
def bedroom_remove(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    rooms = {room.pk: room for room in unit.bedrooms.all()}
    form = RemoveBedroomForm(request.POST, bedrooms=list(rooms))
    if form.is_valid():
        remove_bedroom(
            actor=signed_in_user(request),
            bedroom=rooms[form.cleaned_data["bedroom"]],
            now=timezone.now(),
        )
        return _saved(request, unit, "The bedroom was removed.")
    return unit_page(request, unit, 422, remove=form)


@staff_page(DESK)
def party_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    party = selectors.party_detail(pk)
    require_may_edit_party(user, party)
    cases = sorted(party.applications.all(), key=lambda case: case.pk)
    return _record_page(
        request,
        ("party", pk),
        PartyForm(request.POST or None, initial=party_state(party)),
        partial(update_party, actor=user, party=party, now=timezone.now()),
        {"party": party, "cases": cases},
    )
