"""The forms of the record pages: a property, a unit, a bedroom, a party. Each checks the
input's shape; the records services decide the rest (a parcel id taken, who may edit)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from permitdesk.records.models import Party, Unit
from permitdesk.records.services import AREA_LIMIT, EGRESS_LIMIT

YES_NO_UNKNOWN = [("", "Not known"), ("yes", "Yes"), ("no", "No")]


class PropertyForm(forms.Form):
    parcel_id = forms.CharField(label="Parcel id", max_length=64)
    address = forms.CharField(label="Street address", max_length=200)
    city = forms.CharField(max_length=100)
    state = forms.CharField(max_length=2, min_length=2, help_text="Two letters, e.g. MO.")
    zip_code = forms.CharField(label="ZIP code", max_length=10, required=False)


class UnitForm(forms.Form):
    label = forms.CharField(max_length=32, required=False, help_text="Blank for a house.")
    unit_type = forms.ChoiceField(label="Unit type", choices=Unit.UnitType.choices)
    units_in_building = forms.IntegerField(
        label="Units in the building", min_value=1, max_value=10_000
    )
    new_construction = forms.BooleanField(label="Never occupied before", required=False)
    hallway_smoke_alarms = forms.TypedChoiceField(
        label="Smoke alarms in the hallways", choices=YES_NO_UNKNOWN, required=False,
        coerce=lambda v: v == "yes", empty_value=None,
    )  # fmt: skip
    livable_area_smoke_alarms = forms.TypedChoiceField(
        label="Smoke alarms on each livable level", choices=YES_NO_UNKNOWN, required=False,
        coerce=lambda v: v == "yes", empty_value=None,
    )  # fmt: skip

    @staticmethod
    def initial_of(unit: Unit) -> dict[str, Any]:
        def shown(flag: bool | None) -> str:
            return "" if flag is None else ("yes" if flag else "no")

        return {
            "label": unit.label,
            "unit_type": unit.unit_type,
            "units_in_building": unit.units_in_building,
            "new_construction": unit.new_construction,
            "hallway_smoke_alarms": shown(unit.hallway_smoke_alarms),
            "livable_area_smoke_alarms": shown(unit.livable_area_smoke_alarms),
        }


class BedroomForm(forms.Form):
    area_sqft = forms.DecimalField(
        label="Area (square feet)", min_value=Decimal(0), max_value=AREA_LIMIT, decimal_places=2,
        help_text="The floor area; it decides how many may sleep there.",
    )  # fmt: skip
    egress_opening_sqft = forms.DecimalField(
        label="Egress opening (square feet)", min_value=Decimal(0), max_value=EGRESS_LIMIT,
        decimal_places=2, required=False,
    )  # fmt: skip
    basement = forms.BooleanField(required=False)
    smoke_alarm = forms.BooleanField(label="Smoke alarm", required=False, initial=True)


class _OneOfTheBedrooms(forms.Form):
    """A form about one of the unit's bedrooms (`bedrooms`, their pks), named in a hidden field."""

    bedroom = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)

    def __init__(self, *args: Any, bedrooms: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["bedroom"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(pk, str(pk)) for pk in bedrooms]
        field.error_messages["invalid_choice"] = "that bedroom is not one of this unit's"


class ChosenBedroomForm(_OneOfTheBedrooms, BedroomForm):
    """A change to one of the unit's bedrooms: which, and its new facts."""


class RemoveBedroomForm(_OneOfTheBedrooms):
    pass


class PartyForm(forms.Form):
    kind = forms.ChoiceField(choices=Party.Kind.choices)
    name = forms.CharField(max_length=200)
    email = forms.EmailField(label="E-mail", required=False)
    phone = forms.CharField(max_length=32, required=False)
