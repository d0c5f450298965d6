"""Staff and roles, for a jurisdiction's division administrator: its staff list, a grant form
(an existing account, found by username or e-mail), and the change and revocation of a role,
each confirmed on its own page and posted (CSRF). Every change is a service of
permitdesk.accounts.staff; a refusal is the form's error, beside the field it names.

Another jurisdiction's staff, and a membership of another jurisdiction, are not found (404),
as a queue of another jurisdiction is."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
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
from permitdesk.web.staff.access import one_of, signed_in_user, staff_page

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
    return one_of(staff_list([place.pk]).filter(pk=pk), pk, "staff role")


def _role_page(
    request: HttpRequest,
    place: Jurisdiction,
    form: forms.Form,
    template: str,
    make: Callable[[], T],
    said: Callable[[T], str],
    **context: object,
) -> HttpResponse:
    """A role's change at `place`: its form's page, 422 when it was posted and is shown again.
    Posted and valid, `make` is the service's call and `said` what is said of its result: back
    to the staff list, unless the service refuses (the refusal beside the field it names, a
    Forbidden too)."""
    if form.is_bound and form.is_valid():
        try:
            made = make()
        except SERVICE_ERRORS as error:
            attach_refusal(form, error)
        else:
            messages.success(request, said(made))
            return redirect("web:staff-people-list", slug=place.slug)
    status = 422 if form.is_bound else 200
    found = {**context, "jurisdiction": place, "form": form}
    return render(request, f"web/staff/{template}.html", found, status=status)


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

    def grant_it() -> Membership:
        return staff.grant_role(
            actor=user,
            user=staff.find_account(form.cleaned_data["user"]),
            jurisdiction=place,
            role=form.cleaned_data["role"],
            now=timezone.now(),
        )

    return _role_page(
        request,
        place,
        form,
        "people_grant",
        grant_it,
        lambda made: f"{made.user.username} is now {made.role} in {place.name}.",
    )


@staff_page(ADMINS)
def change(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _membership_page(
        request,
        (slug, pk),
        (ChangeForm, "people_change"),
        staff.change_role,
        lambda was, made: f"{made.user.username} is now {made.role} (was {was}).",
    )


@staff_page(ADMINS)
def revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _membership_page(
        request,
        (slug, pk),
        (forms.Form, "people_revoke"),
        staff.revoke_role,
        lambda was, made: f"{made.user.username} is no longer {was}.",
    )


def _membership_page(
    request: HttpRequest,
    named: tuple[str, int],
    page: tuple[type[forms.Form], str],
    act: Callable[..., Membership],
    said: Callable[[str, Membership], str],
) -> HttpResponse:
    """A change to one staff role (`named`: the jurisdiction's slug and the role's pk) on its
    form's page: `act` is the service, given the form's data; `said`, what is said of the role
    it was and of the membership the service returns."""
    user = signed_in_user(request)
    place = administered_jurisdiction(user, named[0])
    membership = member(place, named[1])
    form_class, template = page
    form = form_class(request.POST if request.method == "POST" else None)
    act_on = partial(act, actor=user, membership=membership, now=timezone.now())
    was = membership.role
    return _role_page(
        request,
        place,
        form,
        template,
        lambda: act_on(**form.cleaned_data),
        lambda made: said(was, made),
        membership=membership,
    )
