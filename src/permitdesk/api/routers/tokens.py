"""The signed-in user's own API tokens: issue (the token is shown once), list, revoke."""

from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Router, Status
from ninja.pagination import paginate

from permitdesk.accounts.models import ApiToken
from permitdesk.accounts.services import issue_token, revoke_token
from permitdesk.api.auth import AUTH, actor
from permitdesk.api.errors import ACTION, AUTH_BODY, responses
from permitdesk.api.pagination import Keyset
from permitdesk.api.schemas.common import Id
from permitdesk.api.schemas.tokens import IssuedTokenOut, TokenIn, TokenOut

router = Router(tags=["tokens"], auth=AUTH)


@router.post("/tokens", response=responses({201: IssuedTokenOut}, *AUTH_BODY))
def post_token(request: HttpRequest, body: TokenIn) -> Status[dict[str, object]]:
    """A new token for the caller; keep it: only its digest is stored."""
    issued, token = issue_token(user=actor(request), name=body.name, now=timezone.now())
    return Status(
        201,
        {
            "id": issued.pk,
            "name": issued.name,
            "created_at": issued.created_at,
            "revoked_at": None,
            "token": token,
        },
    )


@router.get("/tokens", response=responses({200: list[TokenOut]}, 401, 422))
@paginate(Keyset)
def list_tokens(request: HttpRequest) -> QuerySet[ApiToken]:
    """The caller's tokens, newest first, revoked ones too (never the tokens themselves)."""
    return ApiToken.objects.filter(user_id=actor(request).pk).order_by("-created_at", "-id")


@router.post("/tokens/{id}/revoke", response=responses({200: TokenOut}, *ACTION))
def post_token_revocation(
    request: HttpRequest, id: Annotated[Id, Path(description="the token's id")]
) -> ApiToken:
    """Revoke one of the caller's tokens; it stops working at once."""
    return revoke_token(user=actor(request), token_id=id, now=timezone.now())
