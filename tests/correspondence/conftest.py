"""Fixtures of the correspondence tests: Clayton's people, and uploads stored in a temporary
MEDIA_ROOT."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter

from tests import factories


@pytest.fixture
def who(db: None) -> factories.People:
    return factories.people()


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def pdf() -> bytes:
    """A real one-page PDF."""
    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.write(out)
    return out.getvalue()


def png() -> bytes:
    """A real 2 x 2 PNG (a photo of a receipt, as far as the checks can tell)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(out, format="PNG")
    return out.getvalue()
