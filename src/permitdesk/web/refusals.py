"""A service's refusal on a form: beside the field it names (the refusal's `field`, as
rules.lifecycle.Refused and accounts.permissions.Forbidden carry it), else at the top of the
form. Never by matching the refusal's words: they are for people and may change."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404

from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.law.pack import UnknownName
from permitdesk.rules.lifecycle import Refused

T = TypeVar("T")


def refusal_text(error: Exception) -> str:
    """A service's refusal as a sentence for the page (Refused carries its citation)."""
    reason = getattr(error, "reason", None) or str(error)
    citation = getattr(error, "citation", None)
    text = reason[:1].upper() + reason[1:]
    if not text.endswith("."):
        text += "."
    return f"{text} ({citation})" if citation else text


def refused_field(form: forms.Form, error: Exception, default: str | None = None) -> str | None:
    """The form's field the refusal names; `default` when it names none the form has."""
    field = getattr(error, "field", None)
    return field if field in form.fields else default


def attach_refusal(form: forms.Form, error: Exception, default: str | None = None) -> None:
    """Put a service's refusal, as a sentence with its citation, beside its field."""
    form.add_error(refused_field(form, error, default), refusal_text(error))


def serviced(call: Callable[[], T]) -> T | Refused:
    """A service's call from a view: its result, or its refusal (for the page to show); the
    permission check's NotFound and Forbidden become the 404 and 403 pages."""
    try:
        return call()
    except NotFound:
        raise Http404("not found") from None
    except Forbidden as denied:
        raise PermissionDenied(str(denied)) from None
    except Refused as refused:
        return refused


def named_jurisdiction(form: forms.Form, call: Callable[[], T]) -> T | Refused | None:
    """serviced(), for a form that names the jurisdiction by its slug: a jurisdiction the
    packs do not have goes beside that field, and the answer is None."""
    try:
        return serviced(call)
    except UnknownName as unknown:
        form.add_error("jurisdiction", str(unknown))
        return None


def answered(form: forms.Form, call: Callable[[], T], default: str | None = None) -> T | Refused:
    """serviced(), its refusal (if it is one) also put beside the form's field it names."""
    done = serviced(call)
    if isinstance(done, Refused):
        attach_refusal(form, done, default)
    return done


def on_form(form: forms.Form, call: Callable[[], T], default: str | None = None) -> T | None:
    """answered(), for a page that uses the result: None when refused."""
    done = answered(form, call, default)
    return None if isinstance(done, Refused) else done


def written(form: forms.Form, write: Callable[[], object], default: str | None = None) -> bool:
    """answered(), for a page that only needs to know the change is made: True when made;
    when the service refuses, nothing is written."""
    return not isinstance(answered(form, write, default), Refused)
