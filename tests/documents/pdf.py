"""Reading a rendered PDF back: its pages' text (whitespace folded) and its images."""

from __future__ import annotations

import io
import re

from PIL import Image
from pypdf import PdfReader


def reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-"), data[:20]
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    """Each page's text with runs of whitespace folded to one space (lines wrap anywhere)."""
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader(data).pages]


def text(data: bytes) -> str:
    return " ".join(page_texts(data))


def images(data: bytes) -> list[Image.Image]:
    return [image.image for page in reader(data).pages for image in page.images]
