"""What an uploaded document must be: a PDF, PNG or JPEG by its first bytes (not its name or
the browser's word), that a PDF reader or an image library opens, within the size setting."""

from __future__ import annotations

import io

from django.conf import settings
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from permitdesk.rules.lifecycle import Refused

MAGIC = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
ALLOWED = "PDF, PNG or JPEG"


def content_type(name: str, data: bytes) -> str:
    """The document's type, checked by its content; Refused (field `files`) otherwise."""
    limit = settings.CORRESPONDENCE_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise Refused(
            f"{name} is {len(data):,} bytes; a document may be at most {limit:,} bytes",
            code="too-large",
            field="documents",
        )
    kind = next((kind for magic, kind in MAGIC.items() if data.startswith(magic)), None)
    if kind is None:
        raise Refused(f"{name} is not a {ALLOWED} file", code="file-type", field="documents")
    try:
        if kind == "application/pdf":
            PdfReader(io.BytesIO(data), strict=False).pages[0]
        else:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
    # Pillow reports a broken PNG as SyntaxError; a PDF without pages as IndexError.
    except (
        PyPdfError,
        UnidentifiedImageError,
        OSError,
        ValueError,
        IndexError,
        SyntaxError,
    ) as problem:
        raise Refused(
            f"{name} could not be read as a {ALLOWED} file ({type(problem).__name__})",
            code="unreadable",
            field="documents",
        ) from None
    return kind
