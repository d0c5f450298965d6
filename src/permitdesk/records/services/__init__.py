"""Recording properties, their units and the units' bedrooms, and editing them and the
parties: one function each, the change and its audit event in one transaction. The API, the
portal and imports call these. One module per record (properties, units, bedrooms, parties)
and what they share (base); the names below are the public ones."""

from permitdesk.records.services.base import EDITORS, require_may_edit
from permitdesk.records.services.bedrooms import (
    AREA_LIMIT,
    EGRESS_LIMIT,
    BedroomInput,
    add_bedroom,
    bedrooms_state,
    change_bedroom,
    check_bedroom,
    remove_bedroom,
)
from permitdesk.records.services.parties import (
    party_jurisdictions,
    party_state,
    require_may_edit_party,
    update_party,
)
from permitdesk.records.services.properties import (
    check_place,
    create_property,
    property_state,
    update_property,
)
from permitdesk.records.services.units import add_unit, check_unit_fields, unit_state, update_unit

__all__ = [
    "AREA_LIMIT",
    "EDITORS",
    "EGRESS_LIMIT",
    "BedroomInput",
    "add_bedroom",
    "add_unit",
    "bedrooms_state",
    "change_bedroom",
    "check_bedroom",
    "check_place",
    "check_unit_fields",
    "create_property",
    "party_jurisdictions",
    "party_state",
    "property_state",
    "remove_bedroom",
    "require_may_edit",
    "require_may_edit_party",
    "unit_state",
    "update_party",
    "update_property",
    "update_unit",
]
