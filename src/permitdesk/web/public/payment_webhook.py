"""The payment provider's webhook: POST only, no CSRF token (the provider signs instead),
rate-limited per client; a delivery is taken in only if its signature verifies within the
tolerance window, and every figure written comes from the verified event."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from permitdesk.accounts import throttle
from permitdesk.accounts.clients import client_ip
from permitdesk.payments.providers.base import BadEvent
from permitdesk.payments.services import take_event


@csrf_exempt
@require_POST
def payment_webhook(request: HttpRequest, jurisdiction: str) -> JsonResponse:
    now = timezone.now()
    try:
        throttle.count("payment-webhook", client_ip(request), now=now)
    except throttle.Throttled as refusal:
        response = JsonResponse({"error": str(refusal)}, status=429)
        response["Retry-After"] = str(refusal.retry_after)
        return response
    signature = request.headers.get("Stripe-Signature", "")
    if not signature:
        return JsonResponse({"error": "the Stripe-Signature header is missing"}, status=400)
    try:
        take_event(
            jurisdiction_slug=jurisdiction, payload=request.body, signature=signature, now=now
        )
    except BadEvent as refusal:
        return JsonResponse({"error": str(refusal)}, status=400)
    return JsonResponse({"received": True})
