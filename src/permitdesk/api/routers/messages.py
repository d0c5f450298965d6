"""A case's messages: read the thread, write to the division (or, as its staff, to the
applicant) with documents attached, and download a document. Who may read is
correspondence.services.may_read (the case's applicant, its desk, the inspector assigned to
its pending visit); anyone else is told the case is not found."""

from typing import Annotated

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from django.utils import timezone
from ninja import File as FileParam
from ninja import Form, Path, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from permitdesk.accounts.permissions import NotFound
from permitdesk.api.auth import AUTH, actor
from permitdesk.api.errors import AUTH_READ, responses
from permitdesk.api.pagination import Keyset
from permitdesk.api.routers.params import CaseId
from permitdesk.api.schemas.common import Id
from permitdesk.api.schemas.correspondence import MessageIn, MessageOut
from permitdesk.cases.models import Application
from permitdesk.cases.selectors import lookups
from permitdesk.correspondence.checks import MAGIC
from permitdesk.correspondence.models import Message
from permitdesk.correspondence.selectors import case_attachment, case_messages
from permitdesk.correspondence.services import Upload, may_read, send_message

router = Router(tags=["messages"], auth=AUTH)

# A form body: never 415 (that is for a JSON body sent as something else).
FORM_BODY = (400, 401, 403, 404, 409, 413, 422)
DOCUMENT = {
    "description": "the document's bytes, as it was sent",
    "content": {
        kind: {"schema": {"type": "string", "format": "binary"}} for kind in MAGIC.values()
    },
}


def _readable(request: HttpRequest, id: int) -> Application:
    """The case, where the caller may read its messages; NotFound otherwise."""
    case = lookups.application(id)
    if not may_read(actor(request), case):
        raise NotFound(f"application {id} not found")
    return case


@router.get("/applications/{id}/messages", response=responses({200: list[MessageOut]}, *AUTH_READ))
@paginate(Keyset)
def list_messages(request: HttpRequest, id: CaseId) -> QuerySet[Message]:
    """The case's messages, oldest first, with their documents."""
    return case_messages(_readable(request, id))


@router.post("/applications/{id}/messages", response=responses({201: MessageOut}, *FORM_BODY))
def post_message(
    request: HttpRequest,
    id: CaseId,
    message: Form[MessageIn],
    documents: Annotated[
        list[UploadedFile] | None,
        FileParam(None, description="up to five files: PDF, PNG or JPEG, one `kind`"),
    ] = None,
) -> Status[Message]:
    """Write on the case, as multipart/form-data: `body`, and up to five `documents` (PDF,
    PNG or JPEG, checked by their content and size) of one `kind`. The applicant writes to
    the division; the desk writes to the applicant, who is e-mailed."""
    uploads = [
        Upload(name=f.name or "document", data=f.read(), kind=message.kind) for f in documents or []
    ]
    sent = send_message(
        actor=actor(request),
        application=lookups.application(id),
        body=message.body,
        uploads=uploads,
        now=timezone.now(),
    )
    return Status(201, case_messages(sent.application).get(pk=sent.pk))


@router.get(
    "/applications/{id}/documents/{document}",
    response=responses({}, *AUTH_READ),
    openapi_extra={"responses": {"200": DOCUMENT}},
)
def get_document(
    request: HttpRequest,
    id: CaseId,
    document: Annotated[Id, Path(description="the document's id (a message's `documents`)")],
) -> FileResponse:
    """A document of the case's messages: a PDF as a download, an image to show."""
    found = case_attachment(_readable(request, id), document)
    if found is None:
        raise NotFound(f"document {document} not found")
    try:
        opened = found.file.open("rb")
    except OSError:
        raise NotFound(f"document {document} not found") from None
    return FileResponse(
        opened,
        content_type=found.content_type,
        as_attachment=found.content_type == "application/pdf",
        filename=found.original_name,
    )
