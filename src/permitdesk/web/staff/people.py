"""Staff and roles, for a jurisdiction's division administrator: its staff list, a grant form
(an existing account, found by username or e-mail), and the change and revocation of a role,
each confirmed on its own page and posted (CSRF). Every change is a service of
permitdesk.accounts.staff; a refusal is the form's error, beside the field it names.

Another jurisdiction's staff, and a membership of another jurisdiction, are not found (404),
as a queue of another jurisdiction is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from permitdesk.accounts import staff
from permitdesk.accounts.models import Membership, Role
from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.accounts.selectors import staff_list
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.lifecycle import Refused
from permitdesk.web.refusals import attach_refusal
from permitdesk.web.staff.access import signed_in_user, staff_page

ADMINS: set[str] = {Role.DIVISION_ADMIN}
ROLE_CHOICES = [(role, Role(role).label) for role in staff.STAFF_ROLES]
SERVICE_ERRORS = (Refused, Forbidden)
T = TypeVar("T")


class GrantForm(forms.Form):
    user = forms.CharField(
        label="Username or e-mail address",
        max_length=254,
        help_text="The person signs up for an account first; you give it the role.",
    )
    role = forms.ChoiceField(label="Role", choices=ROLE_CHOICES)


class ChangeForm(forms.Form):
    role = forms.ChoiceField(label="New role", choices=ROLE_CHOICES)


def administered(user: User) -> list[Jurisdiction]:
    """The jurisdictions where the user is a division administrator, by name."""
    return list(
        Jurisdiction.objects.filter(
            memberships__user_id=user.pk, memberships__role=Role.DIVISION_ADMIN
        ).order_by("name")
    )


def administered_jurisdiction(user: User, slug: str) -> Jurisdiction:
    """`slug`, if the user administers it; else not found."""
    for place in administered(user):
        if place.slug == slug:
            return place
    raise NotFound(f"jurisdiction {slug} not found")


def member(place: Jurisdiction, pk: int) -> Membership:
    found = staff_list([place.pk]).filter(pk=pk).first()
    if found is None:
        raise NotFound(f"staff role {pk} not found")
    return found


def _changed(
    request: HttpRequest,
    form: forms.Form,
    place: Jurisdiction,
    change: Callable[[], T],
    said: Callable[[T], str],
) -> HttpResponse | None:
    """The role's change made: what `said` of it, and back to the staff list; None when the
    service refuses (the refusal beside the field it names, a Forbidden too)."""
    try:
        made = change()
    except SERVICE_ERRORS as error:
        attach_refusal(form, error)
        return None
    messages.success(request, said(made))
    return redirect("web:staff-people-list", slug=place.slug)


def _form_page(
    request: HttpRequest, template: str, form: forms.Form, context: Mapping[str, object]
) -> HttpResponse:
    """The form's page; 422 when it was posted and is shown again (invalid or refused)."""
    status = 422 if form.is_bound else 200
    return render(request, f"web/staff/{template}.html", {**context, "form": form}, status=status)


@staff_page(ADMINS)
def people_home(request: HttpRequest) -> HttpResponse:
    places = administered(signed_in_user(request))
    if len(places) == 1:
        return redirect("web:staff-people-list", slug=places[0].slug)
    return render(request, "web/staff/people_home.html", {"places": places})


@staff_page(ADMINS)
def people(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    place = administered_jurisdiction(user, slug)
    return render(
        request,
        "web/staff/people.html",
        {"jurisdiction": place, "members": list(staff_list([place.pk])), "me": user},
    )


@staff_page(ADMINS)
def grant(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    place = administered_jurisdiction(user, slug)
    form = GrantForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        done = _changed(
            request,
            form,
            place,
            lambda: staff.grant_role(
                actor=user,
                user=staff.find_account(form.cleaned_data["user"]),
                jurisdiction=place,
                role=form.cleaned_data["role"],
                now=timezone.now(),
            ),
            lambda made: f"{made.user.username} is now {made.role} in {place.name}.",
        )
        if done is not None:
            return done
    return _form_page(request, "people_grant", form, {"jurisdiction": place})


@staff_page(ADMINS)
def change(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    place = administered_jurisdiction(user, slug)
    membership = member(place, pk)
    form = ChangeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        was = membership.role
        done = _changed(
            request,
            form,
            place,
            lambda: staff.change_role(
                actor=user,
                membership=membership,
                role=form.cleaned_data["role"],
                now=timezone.now(),
            ),
            lambda made: f"{made.user.username} is now {made.role} (was {was}).",
        )
        if done is not None:
            return done
    context = {"jurisdiction": place, "membership": membership}
    return _form_page(request, "people_change", form, context)


@staff_page(ADMINS)
def revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    place = administered_jurisdiction(user, slug)
    membership = member(place, pk)
    form = forms.Form(request.POST if request.method == "POST" else None)
    if form.is_bound:
        done = _changed(
            request,
            form,
            place,
            lambda: staff.revoke_role(actor=user, membership=membership, now=timezone.now()),
            lambda _: f"{membership.user.username} is no longer {membership.role}.",
        )
        if done is not None:
            return done
    context = {"jurisdiction": place, "membership": membership}
    return _form_page(request, "people_revoke", form, context)
