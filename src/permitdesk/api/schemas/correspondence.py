"""A case's messages and the documents sent with them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema
from pydantic import WithJsonSchema

from permitdesk.api.schemas.common import LongText
from permitdesk.correspondence.models import Attachment, Message

DIVISION = "the building division"

# Written inline, not as a component: the component would be named "Kind", as the payments'
# fee-or-deposit enum is, and the OpenAPI document would keep only one of the two.
DocumentKind = Annotated[
    Attachment.Kind,
    WithJsonSchema({"type": "string", "enum": list(Attachment.Kind.values)}),
]


class MessageIn(Schema):
    """The form fields of a message (multipart/form-data, with its `documents`)."""

    body: LongText = Field("", description="the message; may be empty when documents are sent")
    kind: DocumentKind = Field(
        Attachment.Kind.OTHER, description="what the documents sent with it are"
    )


class DocumentOut(Schema):
    id: int
    kind: str = Field(description="lease, tenant-list, proof-of-correction, ...")
    name: str = Field(
        validation_alias="original_name", description="the file's name as it was sent"
    )
    content_type: str = Field(description="application/pdf, image/png or image/jpeg")
    size: int = Field(description="bytes")
    removed: bool = Field(description="the file was removed after the retention period")

    @staticmethod
    def resolve_removed(obj: Attachment) -> bool:
        return obj.purged_at is not None or not obj.file


class MessageOut(Schema):
    id: int
    application: int = Field(validation_alias="application_id")
    from_staff: bool = Field(description="written by the division's staff, not the applicant")
    author: str = Field(
        description=f"'{DIVISION}' for the staff (as the portal shows it), else the applicant"
    )
    body: str
    sent_at: dt.datetime
    documents: list[DocumentOut]

    @staticmethod
    def resolve_author(obj: Message) -> str:
        if obj.from_staff:
            return DIVISION
        return obj.author.get_full_name() or obj.author.get_username()

    @staticmethod
    def resolve_documents(obj: Message) -> list[Attachment]:
        return list(obj.attachments.all())
