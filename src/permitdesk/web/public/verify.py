"""Public permit verification, by the number printed on the permit or by the token its QR code
carries (settings.PUBLIC_URL/verify/<token>/): valid or not, the dates, the jurisdiction, and
the place only to the token; never a name. Rate-limited per client like the API (decision
0007). The lookup is the API's (permitdesk.cases.selectors.permits), not a copy."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from permitdesk.accounts.permissions import NotFound
from permitdesk.accounts.rate_limit import RateLimited, check_verify_rate
from permitdesk.cases.selectors.permits import (
    ChildCheck,
    PublicPermit,
    child_on_permit,
    public_permit,
)
from permitdesk.law.loader import get_pack

# Permit.number is at most 32 characters and a token 64: longer input is no permit.
LONGEST = 64

KIND_WORDS = {
    "standard": "Occupancy permit",
    "temporary": "Temporary occupancy permit",
    "conditional": "Conditional occupancy permit",
    "amended": "Amended occupancy permit",
}
END_WORDS = {
    "change-of-tenancy": "ended on a change of tenancy",
    "term-expired": "its term expired",
    "superseded": "replaced by a later permit",
    "revoked": "revoked",
}


class VerifyForm(forms.Form):
    number = forms.CharField(
        label="Permit number",
        max_length=LONGEST,
        help_text="As printed on the permit, e.g. CM-2026-000012-S1.",
        error_messages={
            "required": "Enter the permit number, as printed on the permit "
            "(letters, digits and dashes, e.g. CM-2026-000012-S1).",
            "max_length": "A permit number is at most %(limit_value)d characters; "
            "this one has %(show_value)d.",
        },
    )


NAME_LONGEST = 100  # Occupant.first_name and last_name


def _name_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=NAME_LONGEST,
        error_messages={
            "required": f"Enter the child's {label.lower()}, as the parent gave it.",
            "max_length": "A name is at most %(limit_value)d characters; "
            "this one has %(show_value)d.",
        },
    )


class ChildForm(forms.Form):
    """A school's question: is this one child named on the permit? Yes or no, nothing else."""

    number = forms.CharField(widget=forms.HiddenInput, max_length=LONGEST)
    first_name = _name_field("First name")
    last_name = _name_field("Last name")


def verify_child(request: HttpRequest) -> HttpResponse:
    """Whether a child of that name is on the permit (decision 0008): yes or no, never the
    household. Counted by the verification rate limit."""
    form = ChildForm(request.GET or None)
    if not form.is_bound:  # the question starts from a permit: the verify page
        return render(request, "web/public/verify.html", {"form": VerifyForm()})
    if not form.is_valid():
        if "number" in form.errors:  # no permit to ask about: look one up first
            again = VerifyForm(request.GET)
            return render(request, "web/public/verify.html", {"form": again}, status=422)
        return render(request, "web/public/verify_child.html", {"form": form}, status=422)
    limited = _limited(request, "web/public/verify_child.html", form)
    if limited is not None:
        return limited
    answer = _check(form.cleaned_data)
    if answer is None:
        return render(request, "web/public/verify_unknown.html", {"form": VerifyForm()}, status=404)
    context: dict[str, object] = {"form": form, "answer": answer, "asked": form.cleaned_data}
    return render(request, "web/public/verify_child.html", context)


def _limited(request: HttpRequest, template: str, form: forms.Form) -> HttpResponse | None:
    """Past the verification rate limit (decision 0008): the page again, with a 429 that says
    when to try again; None within it (the request counted)."""
    try:
        check_verify_rate(request)
    except RateLimited as limited:
        context = {"form": form, "limited": str(limited).capitalize()}
        response = render(request, template, context, status=429)
        response["Retry-After"] = str(limited.retry_after)
        return response
    return None


def _check(asked: dict[str, str]) -> ChildCheck | None:
    number = asked["number"]  # the form refuses a NUL, which PostgreSQL would
    for candidate in dict.fromkeys([number, number.upper()]):
        try:
            return child_on_permit(candidate, asked["first_name"], asked["last_name"])
        except NotFound:
            continue
    return None


def verify(request: HttpRequest) -> HttpResponse:
    """The form; once sent, the permit with that number, or a 404 that discloses nothing."""
    form = VerifyForm(request.GET or None)
    if not form.is_bound:
        return render(request, "web/public/verify.html", {"form": form})
    if not form.is_valid():
        return render(request, "web/public/verify.html", {"form": form}, status=422)
    typed = form.cleaned_data["number"]
    # A number copied by hand may be in lower case; a token (QR code) is kept as it is.
    return _answer(request, dict.fromkeys([typed, typed.upper()]), form)


def verify_token(request: HttpRequest, token: str) -> HttpResponse:
    """The QR code's target."""
    return _answer(request, [token], VerifyForm())


def _find(candidates: Iterable[str]) -> PublicPermit | None:
    for number_or_token in candidates:
        # No permit has a longer number or token, or a NUL (which PostgreSQL refuses).
        if len(number_or_token) > LONGEST or "\x00" in number_or_token:
            continue
        try:
            return public_permit(number_or_token)
        except NotFound:
            continue
    return None


def _answer(request: HttpRequest, candidates: Iterable[str], form: VerifyForm) -> HttpResponse:
    limited = _limited(request, "web/public/verify.html", form)
    if limited is not None:
        return limited
    public = _find(candidates)
    if public is None:
        return render(request, "web/public/verify_unknown.html", {"form": form}, status=404)
    context = {
        "permit": public,
        "child_form": ChildForm(initial={"number": public.number}),
        "kind": KIND_WORDS.get(public.kind, public.kind),
        "ended_because": END_WORDS.get(public.end_reason, public.end_reason),
        "correction_due_on": public.correction_due_on,
        "occupancy_allowed": _occupancy_allowed(public),
        "form": VerifyForm(),
    }
    return render(request, "web/public/verify_result.html", context)


def _occupancy_allowed(public: PublicPermit) -> bool:
    """Whether the permit lets anyone occupy the premises: St. Clair's temporary permit does
    not (its pack says so); every other permit does."""
    pack = get_pack(public.jurisdiction)
    term = "temporary_permit_authorizes_occupancy"
    if public.kind != "temporary" or not pack.has_term(term):
        return True
    return pack.term(term, public.issued_on) is True
