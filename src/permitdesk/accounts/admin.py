"""Staff roles (memberships) in the admin, through the same services as the portal and the
`staff` command: adding one grants the role, changing its role changes it, deleting it
revokes it, each with its audit event (the signed-in user as actor) and its e-mail.

The admin runs its add and change views in one transaction (ModelAdmin.changeform_view), so
the service is called at the end of the form's full_clean(): a refusal becomes the form's
error beside the field it names, and save_model keeps the row the service wrote instead of
saving the form's.
A deletion the service refuses (the last division administrator) is a message on the page.
There is no bulk delete: each revocation goes through the service, one at a time."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from permitdesk.accounts import staff
from permitdesk.accounts.models import Membership
from permitdesk.accounts.permissions import Forbidden
from permitdesk.rules.lifecycle import Refused

REFUSALS = (Refused, Forbidden)


def _error(form: forms.ModelForm[Membership], refused: Refused | Forbidden) -> None:
    field = refused.field if refused.field in form.fields else None
    form.add_error(field, ValidationError(str(refused.reason), code=refused.code))


class MembershipForm(forms.ModelForm[Membership]):
    """The admin's form; full_clean() makes the change through accounts.staff."""

    actor: User | None = None
    done: Membership | None = None

    class Meta:
        model = Membership
        fields = ("user", "jurisdiction", "role")

    def full_clean(self) -> None:
        """The form's own checks, then (if they pass) the service's change."""
        super().full_clean()
        if not self.is_bound or self.errors:
            return
        data = self.cleaned_data
        try:
            if self.instance.pk is None:
                self.done = staff.grant_role(
                    actor=self.actor,
                    user=data["user"],
                    jurisdiction=data["jurisdiction"],
                    role=data["role"],
                    now=timezone.now(),
                )
            elif "role" in self.changed_data:
                self.done = staff.change_role(
                    actor=self.actor,
                    membership=Membership.objects.get(pk=self.instance.pk),
                    role=data["role"],
                    now=timezone.now(),
                )
        except REFUSALS as refused:
            _error(self, refused)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    form = MembershipForm
    list_display = ("user", "jurisdiction", "role")
    list_filter = ("jurisdiction", "role")
    search_fields = ("user__username", "user__email")
    list_select_related = ("user", "jurisdiction")
    raw_id_fields = ("user",)

    def get_readonly_fields(self, request: HttpRequest, obj: Membership | None = None) -> Any:
        # A role is one person's in one place: another person or place is a new grant.
        return ("user", "jurisdiction") if obj is not None else ()

    def get_form(
        self, request: HttpRequest, obj: Membership | None = None, change: bool = False, **kw: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kw)
        actor = request.user if isinstance(request.user, User) else None
        return type("MembershipFormFor", (form,), {"actor": actor})

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        """The service wrote the row in the form's full_clean(); the admin logs that row."""
        if form.done is not None:
            obj.pk = form.done.pk
            obj.role = form.done.role

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        assert isinstance(request.user, User)
        staff.revoke_role(actor=request.user, membership=obj, now=timezone.now())

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for membership in queryset:
            self.delete_model(request, membership)

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except REFUSALS as refused:
            messages.error(request, str(refused.reason))
            change = reverse("admin:accounts_membership_change", args=[object_id])
            return HttpResponseRedirect(change)
