"""Open311 GeoReport v2 (decision 0022), as a city's 311 system calls it: the service list
and definition, a request created with the system's api_key, its status; every error in
Open311's form ([{"code": 400, "description": ...}]) with the same HTTP status; throttled;
and the reporter never in an answer."""

from __future__ import annotations

import io
import json
from typing import Any
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.test import Client

from permitdesk.discovery.models import Open311Client, Report
from permitdesk.discovery.open311_clients import add_open311_client, revoke_open311_client
from permitdesk.discovery.sweep import run_discovery
from tests.api.client import Clock
from tests.discovery.conftest import County
from tests.moments import central

pytestmark = pytest.mark.django_db

NOW = central("2026-11-18 10:00")
V2 = "/open311/v2"
GOOD = {
    "jurisdiction_id": "st-louis-county-mo",
    "service_code": "change-of-occupancy",
    "address_string": "123 North Main Street",
    "description": "Moving van Saturday; Ann from next door.",
    "attribute[change]": "new-occupants",
    "attribute[changed_on]": "2026-11-02",
    "first_name": "Ann",
    "last_name": "Neighbour",
    "email": "ann.neighbour@example.test",
    "phone": "314-555-0101",
}
REPORTER = ("Neighbour", "ann.neighbour@example.test", "314-555-0101", "Moving van")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    moment = Clock(monkeypatch)
    moment.set(NOW)
    return moment


@pytest.fixture
def api_key(county: County) -> str:
    _, key = add_open311_client(
        jurisdiction=county.jurisdiction, name="County 311", actor=county.official, now=NOW
    )
    return key


def create(client: Client, api_key: str, **changes: str) -> Any:
    return client.post(f"{V2}/requests.json", {**GOOD, "api_key": api_key, **changes})


def error_of(response: Any) -> tuple[int, str]:
    (error,) = response.json()
    assert set(error) == {"code", "description"}
    assert error["code"] == response.status_code
    return error["code"], error["description"]


def test_the_service_list_has_the_one_service(client: Client, county: County) -> None:
    answer = client.get(f"{V2}/services.json", {"jurisdiction_id": "st-louis-county-mo"})
    assert answer.status_code == 200
    (service,) = answer.json()
    assert service["service_code"] == "change-of-occupancy"
    assert (service["metadata"], service["type"]) == (True, "realtime")
    as_xml = ElementTree.fromstring(client.get(f"{V2}/services.xml").content)
    assert as_xml.tag == "services"
    assert as_xml.findtext("service/service_code") == "change-of-occupancy"
    assert as_xml.findtext("service/metadata") == "true"


def test_the_definition_names_its_attributes(client: Client, county: County) -> None:
    answer = client.get(f"{V2}/services/change-of-occupancy.json")
    assert answer.status_code == 200
    attributes = {a["code"]: a for a in answer.json()["attributes"]}
    assert set(attributes) == {"change", "changed_on", "unit"}
    assert attributes["change"]["required"] is True
    keys = [v["key"] for v in attributes["change"]["values"]]
    assert keys == ["new-occupants", "new-tenants", "sold", "vacated"]
    as_xml = ElementTree.fromstring(client.get(f"{V2}/services/change-of-occupancy.xml").content)
    assert len(as_xml.findall("attributes/attribute/values/value")) == 4


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/services/pothole.json", 404, "service_code 'pothole' is not a service here"),
        ("/services.json?jurisdiction_id=springfield", 404, "jurisdiction_id 'springfield'"),
        ("/services.json?jurisdiction_id=a%00b", 404, "is not a jurisdiction of this server"),
        ("/requests/AAAA-AAAA-AAAA.json", 404, "is not a request here"),
        ("/requests.json", 400, "service_request_id is required"),
    ],
)
def test_a_bad_read_is_an_open311_error(
    client: Client, county: County, path: str, status: int, words: str
) -> None:
    code, description = error_of(client.get(V2 + path))
    assert code == status
    assert words in description


def test_a_request_is_created_and_its_status_read_without_the_reporter(
    client: Client, county: County, clock: Clock, api_key: str
) -> None:
    answer = create(client, api_key)
    assert answer.status_code == 201
    (created,) = answer.json()
    reference = created["service_request_id"]
    assert "within the hour" in created["service_notice"]
    report = Report.objects.get(reference=reference)
    assert (report.channel, report.client.name) == ("open311", "County 311")  # type: ignore[union-attr]
    assert report.contact.name == "Ann Neighbour"
    status = client.get(f"{V2}/requests/{reference}.json")
    assert status.status_code == 200
    (shown,) = status.json()
    assert shown["status"] == "open"
    assert shown["service_name"] == "Change of occupancy"
    assert shown["address"] == "123 North Main Street"
    assert shown["requested_datetime"] == "2026-11-18T10:00:00-06:00"
    for secret in REPORTER:
        assert secret not in status.content.decode()
    listed = client.get(f"{V2}/requests.json", {"service_request_id": f"{reference},NOPE"})
    assert [r["service_request_id"] for r in listed.json()] == [reference]


def test_a_request_closes_when_its_change_is_dealt_with(
    client: Client, county: County, clock: Clock, api_key: str
) -> None:
    reference = create(client, api_key, address_string="5 Nowhere Blvd").json()[0][
        "service_request_id"
    ]
    run_discovery(now=central("2026-11-18 11:00"))  # no home here: closed
    (shown,) = client.get(f"{V2}/requests/{reference}.json").json()
    assert shown["status"] == "closed"
    assert "not one of the homes" in shown["status_notes"]


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"address_string": "", "lat": "38.6", "long": "-90.3"}, "address_string is required"),
        ({"address_string": "the blue house"}, "address_string: the address"),
        ({"attribute[changed_on]": "2026-11-19"}, "attribute[changed_on]: the day it changed"),
        ({"attribute[changed_on]": "last week"}, "attribute[changed_on] 'last week' is not"),
        ({"attribute[change]": "pothole"}, "attribute[change]: what changed is 'pothole'"),
        ({"service_code": "pothole"}, "service_code is pothole"),
        ({"email": "nope"}, "email: 'nope' is not an e-mail address"),
        ({"address_string": "12 Elm St\x00"}, "address_string: The address has a null"),
    ],
)
def test_a_bad_request_is_a_400_naming_its_parameter_and_writes_nothing(
    client: Client, county: County, clock: Clock, api_key: str, changes: dict[str, str], words: str
) -> None:
    code, description = error_of(create(client, api_key, **changes))
    assert code == 400
    assert words in description
    assert Report.objects.count() == 0


def test_a_request_without_a_date_changed_today(
    client: Client, county: County, clock: Clock, api_key: str
) -> None:
    assert create(client, api_key, **{"attribute[changed_on]": ""}).status_code == 201
    assert str(Report.objects.get().changed_on) == "2026-11-18"


def test_only_a_known_unrevoked_key_for_its_jurisdiction_may_create(
    client: Client, county: County, clock: Clock, api_key: str
) -> None:
    assert error_of(client.post(f"{V2}/requests.json", GOOD))[0] == 403
    assert error_of(create(client, "not-a-key"))[0] == 403
    elsewhere = create(client, api_key, jurisdiction_id="clayton-mo")
    assert "submits to jurisdiction_id 'st-louis-county-mo' only" in error_of(elsewhere)[1]
    revoke_open311_client(client=Open311Client.objects.get(), actor=county.official, now=NOW)
    assert error_of(create(client, api_key))[0] == 403
    assert Report.objects.count() == 0


def test_calls_past_the_limit_are_refused_with_retry_after(
    client: Client, county: County, settings: Any
) -> None:
    settings.THROTTLES = {**settings.THROTTLES, "open311": (2, 60)}
    answers = [client.get(f"{V2}/services.json").status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    limited = client.get(f"{V2}/services.json")
    assert error_of(limited)[0] == 429
    assert limited["Retry-After"] == "60"


def test_other_methods_are_refused(client: Client, county: County) -> None:
    assert error_of(client.put(f"{V2}/services.json"))[0] == 405
    assert error_of(client.delete(f"{V2}/requests.json"))[0] == 405


def test_the_command_adds_a_key_that_works(client: Client, county: County, clock: Clock) -> None:
    out = io.StringIO()
    call_command(
        "open311_client",
        "add",
        jurisdiction="st-louis-county-mo",
        name="City 311",
        actor=county.official.username,
        stdout=out,
    )
    key = next(line for line in out.getvalue().splitlines() if line.startswith("api_key: "))
    assert create(client, key.removeprefix("api_key: ")).status_code == 201
    assert json.loads(client.get(f"{V2}/services.json").content)[0]["group"] == "Housing"
