"""The kinds of record an import reads, by name: one module each, each with its KIND. A new
kind (relations, say) is a new module here and a line below."""

from __future__ import annotations

from permitdesk.imports.kinds import (
    cases,
    parties,
    payments,
    permits,
    properties,
    relations,
    units,
)
from permitdesk.imports.pipeline import Kind

KINDS: dict[str, Kind] = {
    module.KIND.name: module.KIND
    for module in (properties, units, parties, cases, permits, payments, relations)
}
