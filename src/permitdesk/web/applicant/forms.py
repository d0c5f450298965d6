"""The applicant pages' forms: each checks the shape of the input and names the field; what
the input may be under the law is the services' and rules' business."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.db.models import QuerySet

from permitdesk.cases.models import Application, InspectionRequest
from permitdesk.cases.services.applications import PartyInput
from permitdesk.records.models import Jurisdiction, Party, Relation, Unit
from permitdesk.records.relations import EVIDENCE_LIMIT
from permitdesk.records.services import BedroomInput

PHONE = RegexValidator(
    r"^[0-9+()\-. ]{7,32}$", "Enter a phone number: digits, spaces, ( ) - . or +, 7 to 32 long."
)
YES_NO_UNKNOWN = [("", "Not known yet"), ("yes", "Yes"), ("no", "No")]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _filled_in(autocomplete: str, **attrs: str) -> forms.TextInput:
    """A text input the browser may fill in with the person's own `autocomplete` detail."""
    return forms.TextInput(attrs={"autocomplete": autocomplete, **attrs})


def _evidence(rows: int, help_text: str) -> forms.CharField:
    """What shows the person's relation to the property, for the clerk to verify."""
    return forms.CharField(
        label="Evidence",
        max_length=EVIDENCE_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class _NamesParcel(forms.Form):
    """A form naming a parcel by its jurisdiction, offered every one by name, and its parcel
    id; its fields are the records services' arguments, the jurisdiction by its slug."""

    jurisdiction = forms.ChoiceField(label="Jurisdiction", help_text="Where the property is.")
    parcel_id = forms.CharField(
        label="Parcel id", max_length=64, help_text="As on the tax bill, e.g. 18K-22-0304."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = list(Jurisdiction.objects.order_by("name").values_list("slug", "name"))
        field = self.fields["jurisdiction"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "- Select -"), *choices]

    def arguments(self) -> dict[str, Any]:
        """The cleaned fields as the service takes them (create_property, claim_relation)."""
        data = dict(self.cleaned_data)
        return {"jurisdiction_slug": data.pop("jurisdiction"), **data}


class PropertyForm(_NamesParcel):
    address = forms.CharField(
        label="Street address", max_length=200, widget=_filled_in("street-address")
    )
    city = forms.CharField(label="City", max_length=100, widget=_filled_in("address-level2"))
    state = forms.RegexField(
        label="State",
        regex=r"^[A-Za-z]{2}$",
        max_length=2,
        error_messages={"invalid": "Enter the two-letter state code, e.g. MO or IL."},
        widget=_filled_in("address-level1"),
    )
    zip_code = forms.RegexField(
        label="ZIP code",
        regex=r"^\d{5}(-\d{4})?$",
        max_length=10,
        error_messages={"invalid": "Enter a ZIP code of 5 digits, or 5+4 (63105-1234)."},
        widget=_filled_in("postal-code", inputmode="numeric"),
    )
    relation = forms.ChoiceField(
        label="You are its",
        choices=Relation.Kind.choices,
        initial=Relation.Kind.OWNER,
        required=False,  # the owner of record unless told
        help_text="Who you are to the property; the clerk verifies it.",
    )
    evidence = _evidence(
        2,
        "For an agent, buyer or tenant: the owner's authorisation, the sales contract or the "
        "lease (what it is, its date and reference).",
    )

    def clean_relation(self) -> str:
        return self.cleaned_data["relation"] or Relation.Kind.OWNER


class UnitForm(forms.Form):
    label = forms.CharField(
        label="Unit number", max_length=32, required=False, help_text="Leave blank for a house."
    )
    unit_type = forms.ChoiceField(label="Type of dwelling", choices=Unit.UnitType.choices)
    units_in_building = forms.IntegerField(
        label="Dwelling units in the building", min_value=1, max_value=10_000, initial=1
    )
    new_construction = forms.BooleanField(
        label="New construction (never occupied before)", required=False
    )
    hallway_smoke_alarms = forms.ChoiceField(
        label="Smoke alarms in the hallways outside the bedrooms",
        choices=YES_NO_UNKNOWN,
        required=False,
    )
    livable_area_smoke_alarms = forms.ChoiceField(
        label="A smoke alarm on every livable floor", choices=YES_NO_UNKNOWN, required=False
    )

    def alarms(self) -> dict[str, bool | None]:
        return {
            "hallway_smoke_alarms": _yes_no(self.cleaned_data["hallway_smoke_alarms"]),
            "livable_area_smoke_alarms": _yes_no(self.cleaned_data["livable_area_smoke_alarms"]),
        }


class BedroomForm(forms.Form):
    area_sqft = forms.DecimalField(
        label="Floor area (sq ft)",
        min_value=Decimal(1),
        max_digits=7,
        decimal_places=2,
        required=False,  # a row left empty is no bedroom; a row filled in needs it (clean)
    )
    basement = forms.BooleanField(label="In the basement", required=False)
    egress_opening_sqft = forms.DecimalField(
        label="Egress window opening (sq ft)",
        min_value=Decimal(0),
        max_digits=5,
        decimal_places=2,
        required=False,
        help_text="The clear opening of the emergency escape window, if any.",
    )
    smoke_alarm = forms.BooleanField(label="Has a smoke alarm", required=False, initial=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("area_sqft") is None and "area_sqft" not in self.errors:
            self.add_error("area_sqft", "Give the bedroom's floor area, or leave the row empty.")
        return data

    def to_input(self) -> BedroomInput:
        data = self.cleaned_data
        return BedroomInput(
            area_sqft=data["area_sqft"],
            basement=data["basement"],
            egress_opening_sqft=data["egress_opening_sqft"],
            smoke_alarm=data["smoke_alarm"],
        )


BedroomFormSet = forms.formset_factory(BedroomForm, extra=6, max_num=12, validate_max=True)


class UnitChoiceField(forms.ModelChoiceField[Unit]):
    def label_from_instance(self, obj: Unit) -> str:
        place = obj.property
        label = f" unit {obj.label}" if obj.label else ""
        return f"{place.address}{label}, {place.city} ({place.jurisdiction.name})"


class ApplyForm(forms.Form):
    unit = UnitChoiceField(label="Unit", queryset=Unit.objects.none(), empty_label="- Select -")
    trigger = forms.ChoiceField(
        label="What is happening at the unit",
        choices=[
            (Application.Trigger.SALE, "A sale of the property"),
            (
                Application.Trigger.TRANSFER,
                "A transfer, mortgage or lease of the whole building to another",
            ),
            (Application.Trigger.LEASE, "A new lease (a tenant moves in)"),
            (Application.Trigger.NEW_OCCUPANT, "A new occupant joins the household"),
            (Application.Trigger.CHANGE_OF_OCCUPANCY, "Another change of occupancy"),
            (Application.Trigger.NEW_CONSTRUCTION, "New construction, first occupancy"),
            (Application.Trigger.COMMERCIAL_USE, "A commercial use of the space"),
        ],
        widget=forms.RadioSelect,
    )
    occupied = forms.BooleanField(
        label="Someone will live there before the inspection is approved", required=False
    )
    owner_certified = forms.BooleanField(
        label="The owner certifies the information on this application to be true and accurate",
        required=False,
        help_text="Required for a rental application where the ordinance asks the owner to "
        "certify it (the village, Ord. 08-457 §1.C).",
    )
    owner_name = forms.CharField(label="Owner's name", max_length=200)
    owner_email = forms.EmailField(label="Owner's email", required=False)
    owner_phone = forms.CharField(
        label="Owner's phone", max_length=32, required=False, validators=[PHONE]
    )
    agent_name = forms.CharField(
        label="Managing agent's name", max_length=200, required=False, help_text="If any."
    )
    agent_email = forms.EmailField(
        label="Managing agent's email",
        required=False,
        help_text="Violation notices and the permit are e-mailed to the managing agent.",
    )
    agent_phone = forms.CharField(
        label="Managing agent's phone", max_length=32, required=False, validators=[PHONE]
    )
    tenant_name = forms.CharField(
        label="Tenant's name",
        max_length=200,
        required=False,
        help_text="If you know the tenant already; the occupants are named later.",
    )
    tenant_email = forms.EmailField(label="Tenant's email", required=False)
    tenant_phone = forms.CharField(
        label="Tenant's phone", max_length=32, required=False, validators=[PHONE]
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, UnitChoiceField)
        field.queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for who in ("agent", "tenant"):
            if not data.get(f"{who}_name") and (
                data.get(f"{who}_email") or data.get(f"{who}_phone")
            ):
                self.add_error(
                    f"{who}_name", "Give the name of the person whose details these are."
                )
        return data

    def parties(self) -> list[PartyInput]:
        data = self.cleaned_data
        kinds = {
            "owner": Party.Kind.OWNER,
            "agent": Party.Kind.MANAGING_AGENT,
            "tenant": Party.Kind.TENANT,
        }
        return [
            PartyInput(
                kind=kind,
                name=data[f"{who}_name"],
                email=data[f"{who}_email"],
                phone=data[f"{who}_phone"],
            )
            for who, kind in kinds.items()
            if data.get(f"{who}_name")
        ]


class InspectionDayForm(forms.Form):
    """The day and part of the day of a visit: a request's, or a move's."""

    wanted_on = forms.TypedChoiceField(
        label="Inspection date",
        coerce=dt.date.fromisoformat,
        help_text="Only the days the inspection can be placed on are listed.",
        error_messages={
            "invalid_choice": "%(value)s is not a day the inspection can be placed on; "
            "choose one of the listed days."
        },
    )
    window = forms.ChoiceField(
        label="Time of day",
        choices=[
            (InspectionRequest.Window.AM, "Morning (AM)"),
            (InspectionRequest.Window.PM, "Afternoon (PM)"),
            (InspectionRequest.Window.ANY, "Either"),
        ],
        widget=forms.RadioSelect,
        initial=InspectionRequest.Window.ANY,
    )

    def __init__(self, *args: Any, days: list[dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["wanted_on"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "- Select a day -")] + [
            (day.isoformat(), f"{day:%A, %B %-d, %Y}") for day in days
        ]


class InspectionRequestForm(InspectionDayForm):
    contact_name = forms.CharField(
        label="Contact name", max_length=200, help_text="Who lets the inspector in."
    )
    contact_phone = forms.CharField(label="Contact phone", max_length=32, validators=[PHONE])


class OccupantForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    age = forms.IntegerField(label="Age", min_value=0, max_value=130, required=False)
    relationship = forms.CharField(
        label="Relationship to the head of household",
        max_length=60,
        required=False,
        help_text="e.g. head, spouse, child, unrelated resident.",
    )
    moves_in_on = forms.DateField(
        label="Move-in date",
        required=False,
        help_text="The day they move in, if you know it (the occupancy date).",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, details_required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if details_required:
            self.fields["age"].required = True
            self.fields["relationship"].required = True


class ClaimForm(_NamesParcel):
    """Claiming a relation to a recorded parcel (records.relations.claim_relation)."""

    kind = forms.ChoiceField(
        label="You are its",
        choices=[("", "- Select -"), *Relation.Kind.choices],
        help_text="The owner of record, the managing agent, a buyer or a tenant.",
    )
    unit_label = forms.CharField(
        label="Unit number",
        max_length=32,
        required=False,
        help_text="Only for a tenant or buyer of one unit; leave blank for the whole parcel.",
    )
    evidence = _evidence(
        3,
        "The owner's authorisation for an agent, the sales contract for a buyer, the lease for "
        "a tenant: what it is, its date and reference. The clerk verifies it.",
    )


class CaseFilterForm(forms.Form):
    """The case list's filters and search (a GET form: a filtered list is a shareable URL)."""

    q = forms.CharField(
        label="Search",
        max_length=200,
        required=False,
        help_text="A case number or part of the address.",
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[
            ("", "Any status"),
            *((s, str(label).capitalize()) for s, label in Application.Status.choices),
        ],
    )
    jurisdiction = forms.ChoiceField(label="Jurisdiction", required=False)

    def __init__(self, *args: Any, jurisdictions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["jurisdiction"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Any jurisdiction"), *jurisdictions]
