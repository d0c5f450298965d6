"""The result of an inspection and its violations, each with a severity of the pack (which sets
the date to correct it by) and an optional photo: a JPEG or PNG (judged by its content, not
its name alone) of at most PHOTO_MAX_BYTES."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from permitdesk.web.staff.forms import override_reason_field, text_field

PHOTO_MAX_BYTES = 5 * 1024 * 1024  # 5 MB: a phone photo, well under the server's limits
# The first bytes of each accepted image type, and the file name endings it may carry.
PHOTO_TYPES = {
    "jpg": (b"\xff\xd8\xff", {"jpg", "jpeg"}),
    "png": (b"\x89PNG\r\n\x1a\n", {"png"}),
}
RESULTS = [("passed", "Passed"), ("failed", "Failed: violations found"), ("no-access", "No access")]


class ResultForm(forms.Form):
    result = forms.ChoiceField(label="Result", choices=RESULTS, widget=forms.RadioSelect)
    notes = text_field("Notes", 4000, rows=3, required=False)
    override_reason = override_reason_field()


def checked_photo(upload: UploadedFile[bytes]) -> ContentFile[bytes]:
    """The upload as a file named by us, if it is a JPEG or PNG within the size limit."""
    if upload.size is not None and upload.size > PHOTO_MAX_BYTES:
        size = upload.size / (1024 * 1024)
        raise forms.ValidationError(
            f"The photo is {size:.1f} MB; the limit is {PHOTO_MAX_BYTES // (1024 * 1024)} MB."
        )
    data = upload.read(PHOTO_MAX_BYTES + 1)
    ending = (upload.name or "").rsplit(".", 1)[-1].lower()
    for kind, (magic, endings) in PHOTO_TYPES.items():
        if data.startswith(magic) and ending in endings:
            return ContentFile(data, name=f"{secrets.token_hex(8)}.{kind}")
    raise forms.ValidationError(
        "The photo must be a JPEG or PNG image (.jpg, .jpeg or .png); this file is not one."
    )


class ViolationForm(forms.Form):
    """One violation; `severities` are the pack's (key, label and days to correct), which set
    the date to correct it by."""

    def __init__(
        self, *args: Any, severities: dict[str, tuple[str, int]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        found = severities or {}
        field = self.fields["severity"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose a severity")] + [
            (key, f"{label}: correct within {days} day{'s' if days != 1 else ''}")
            for key, (label, days) in found.items()
        ]
        field.required = bool(found)

    severity = forms.ChoiceField(label="Severity", choices=[], required=False)
    code_citation = forms.CharField(
        label="Code citation",
        max_length=200,
        help_text="The section violated, e.g. from the checklist.",
    )
    description = text_field("What is wrong", 2000)
    correction = text_field("What must be corrected", 2000, required=False)
    photo = forms.FileField(
        label="Photo",
        required=False,
        help_text=f"JPEG or PNG, up to {PHOTO_MAX_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def clean_photo(self) -> ContentFile[bytes] | None:
        upload = self.cleaned_data.get("photo")
        return checked_photo(upload) if upload else None


class BaseViolationFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def filled(self) -> list[dict[str, Any]]:
        return [f.cleaned_data for f in self.forms if f.has_changed() and f.cleaned_data]


ViolationFormSet = forms.formset_factory(
    ViolationForm, formset=BaseViolationFormSet, extra=3, max_num=10, validate_max=True
)
