"""Pay online: the applicant's POST starts a hosted checkout for the case's balance (worked
out on the server) and is sent to the provider's page, which returns to the case page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.cases.selectors.case_file import my_case
from permitdesk.payments.providers.base import ProviderError
from permitdesk.payments.services import start_checkout
from permitdesk.rules.lifecycle import Refused


@login_required
@require_POST
def pay_online(request: HttpRequest, pk: int) -> HttpResponse:
    case = my_case(request.user, pk)
    back = reverse("web:case", args=[pk])
    try:
        checkout = start_checkout(
            actor=request.user,  # type: ignore[arg-type]
            application=case,
            now=timezone.now(),
            return_url=request.build_absolute_uri(back),
        )
    except NotFound as missing:
        raise Http404(str(missing)) from None
    except (Refused, Forbidden, ProviderError) as refusal:
        messages.error(request, str(getattr(refusal, "reason", refusal)))
        return redirect(back)
    return redirect(checkout.hosted_url)
