"""Who acts for a property (decision 0013): a person lists and claims their relations and ends
one; the jurisdiction's clerks and code officials list the pending claims, verify, refuse or
end one. Each write is one service of permitdesk.records.relations, which says who may."""

from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Path, Router, Status
from ninja.pagination import paginate

from permitdesk.api.auth import AUTH, acting, actor
from permitdesk.api.errors import ACTION, AUTH_BODY, responses
from permitdesk.api.pagination import Keyset
from permitdesk.api.schemas.common import Id
from permitdesk.api.schemas.relations import ClaimIn, ReasonIn, RelationOut
from permitdesk.records import selectors
from permitdesk.records.models import Relation
from permitdesk.records.relations import (
    claim_relation,
    end_relation,
    refuse_relation,
    verify_relation,
)

router = Router(tags=["relations"], auth=AUTH)
RelationId = Annotated[Id, Path(description="the relation's (the claim's) id")]


@router.get("/relations", response=responses({200: list[RelationOut]}, 401, 422))
@paginate(Keyset)
def list_relations(request: HttpRequest) -> QuerySet[Relation]:
    """The caller's relations to properties, every status, newest first."""
    return selectors.my_relations(actor(request))


@router.post("/relations", response=responses({201: RelationOut}, *AUTH_BODY))
def post_relation(request: HttpRequest, body: ClaimIn) -> Status[Relation]:
    """Claim to be the owner, managing agent, buyer or tenant of a recorded parcel (or one
    of its units), naming the evidence; the jurisdiction's clerk verifies or refuses it."""
    relation = claim_relation(
        **acting(request),
        jurisdiction_slug=body.jurisdiction,
        **body.model_dump(exclude={"jurisdiction"}),  # parcel_id, unit_label, kind, evidence
    )
    return Status(201, selectors.claim(relation.pk))


@router.get("/claims", response=responses({200: list[RelationOut]}, 401, 422))
@paginate(Keyset)
def list_claims(request: HttpRequest) -> QuerySet[Relation]:
    """The claims waiting for a decision where the caller is a clerk or code official,
    oldest first (empty for anyone else)."""
    return selectors.pending_claims(actor(request))


@router.post("/relations/{id}/verify", response=responses({200: RelationOut}, *ACTION))
def post_relation_verification(request: HttpRequest, id: RelationId) -> Relation:
    """The desk has seen the evidence: the person acts for the property as its kind."""
    verify_relation(**acting(request), relation=selectors.claim(id))
    return selectors.claim(id)


@router.post("/relations/{id}/refuse", response=responses({200: RelationOut}, *AUTH_BODY))
def post_relation_refusal(request: HttpRequest, id: RelationId, body: ReasonIn) -> Relation:
    """The desk refuses the claim, saying why (the claimant is e-mailed)."""
    refuse_relation(**acting(request), relation=selectors.claim(id), reason=body.reason)
    return selectors.claim(id)


@router.post("/relations/{id}/end", response=responses({200: RelationOut}, *AUTH_BODY))
def post_relation_end(request: HttpRequest, id: RelationId, body: ReasonIn) -> Relation:
    """The relation ends (sold, the agency or the lease over): by its person, or by the
    desk of the parcel's jurisdiction; the person is e-mailed and applies for its units no
    more."""
    end_relation(**acting(request), relation=selectors.claim(id), reason=body.reason)
    return selectors.claim(id)
