"""Path parameters that more than one router takes."""

from __future__ import annotations

from typing import Annotated

from ninja import Path

from permitdesk.api.schemas.common import Id

CaseId = Annotated[Id, Path(description="the application's id")]
