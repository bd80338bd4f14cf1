# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulator answers as the vendor article says, status code by status code (raw HTTP)."""

from __future__ import annotations

import json

import pytest
import requests
from conftest import PASSWORD, SEED
from launcher import Emulator

ADMIN = {"X-user": "admin@customer.com", "X-password": PASSWORD}
DOMAINS = "/api/v1/orgs/customer.com/domains"
VALID = {"name": "new.example.org", "is_active": False, "is_relay": False, "destination": "10.0.0.1", "failovers": []}


def call(emulator, method, path, body=None, headers=None, raw=None):
    return requests.request(
        method,
        emulator.url + path,
        headers=ADMIN if headers is None else headers,
        json=body,
        data=raw,
        timeout=5,
        proxies={"http": None, "https": None},
    )


def test_list_answers_the_domains_object(emulator):
    answer = call(emulator, "GET", DOMAINS)
    assert answer.status_code == 200
    assert [d["name"] for d in answer.json()["domains"]] == ["customer.com", "keep.customer.com", "stale.customer.com"]


def test_post_echoes_with_201_then_409_anywhere_on_the_platform(emulator):
    answer = call(emulator, "POST", DOMAINS + "/new.example.org", VALID)
    assert answer.status_code == 201 and answer.json() == VALID
    assert call(emulator, "POST", DOMAINS + "/new.example.org", VALID).status_code == 409
    taken = dict(VALID, name="taken.example.net")
    assert call(emulator, "POST", DOMAINS + "/taken.example.net", taken).status_code == 409


def test_string_booleans_are_accepted_and_stored_as_booleans(emulator):
    assert call(emulator, "POST", DOMAINS + "/new.example.org", dict(VALID, is_active="true")).status_code == 201
    assert emulator.domains("customer.com")["new.example.org"]["is_active"] is True


@pytest.mark.parametrize(
    "body, status, says",
    [
        ({k: v for k, v in VALID.items() if k != "destination"}, 422, "missing mandatory field(s): destination"),
        (dict(VALID, is_active="yes"), 422, "'is_active' must be true or false"),
        (dict(VALID, failovers="10.0.0.2"), 422, "'failovers' must be a list"),
        (dict(VALID, destination="not a host"), 422, "'destination' must be an IP address or a hostname"),
        (dict(VALID, name="other.example.org"), 422, "does not match the domain in the address"),
        (dict(VALID, colour="blue"), 422, "unknown field(s): colour"),
        ([VALID], 400, "must be a JSON object"),
    ],
)
def test_post_validation(emulator, body, status, says):
    answer = call(emulator, "POST", DOMAINS + "/new.example.org", body)
    assert answer.status_code == status and says in answer.json()["message"]
    assert "new.example.org" not in emulator.domains("customer.com")


def test_malformed_json_is_400(emulator):
    answer = call(
        emulator,
        "PUT",
        DOMAINS + "/keep.customer.com",
        raw=b"{not json",
        headers=dict(ADMIN, **{"Content-Type": "application/json"}),
    )
    assert answer.status_code == 400


def test_batch_post_answers_207_per_item(emulator):
    answer = call(emulator, "POST", DOMAINS, [VALID, dict(VALID, name="keep.customer.com")])
    assert answer.status_code == 207
    assert [item["status"] for item in answer.json()["results"]] == [201, 409]


def test_put_and_delete(emulator):
    assert (
        call(emulator, "PUT", DOMAINS + "/keep.customer.com", dict(VALID, name="keep.customer.com")).status_code == 204
    )
    assert (
        call(emulator, "PUT", DOMAINS + "/nothere.example.org", dict(VALID, name="nothere.example.org")).status_code
        == 400
    )
    assert call(emulator, "DELETE", DOMAINS + "/keep.customer.com").status_code == 204
    assert call(emulator, "DELETE", DOMAINS + "/keep.customer.com").status_code == 400
    assert call(emulator, "DELETE", DOMAINS + "/customer.com").status_code == 400


@pytest.mark.parametrize(
    "headers, method, status",
    [
        ({}, "GET", 401),
        ({"X-user": "admin@customer.com", "X-password": "wrong"}, "GET", 401),
        ({"X-user": "admin@other.com", "X-password": PASSWORD}, "GET", 403),
        ({"X-user": "reader@customer.com", "X-password": PASSWORD}, "GET", 200),
        ({"X-user": "reader@customer.com", "X-password": PASSWORD}, "DELETE", 403),
    ],
)
def test_authentication_and_roles(emulator, headers, method, status):
    path = DOMAINS if method == "GET" else DOMAINS + "/keep.customer.com"
    assert call(emulator, method, path, headers=headers).status_code == status


def test_state_persists_across_restarts(tmp_path):
    state = str(tmp_path / "world.json")
    with Emulator(SEED, state=state) as first:
        assert call(first, "POST", DOMAINS + "/new.example.org", VALID).status_code == 201
    with Emulator(SEED, state=state) as second:
        assert "new.example.org" in second.domains("customer.com")
    with open(state, encoding="utf-8") as handle:
        assert "new.example.org" in json.dumps(json.load(handle))


def test_faults_reset_and_latency(tmp_path):
    with Emulator(SEED, latency_ms=200) as slow:
        slow.inject(method="GET", path="/domains$", status=503, retry_after=7, count=1)
        first = call(slow, "GET", DOMAINS)
        assert first.status_code == 503 and first.headers["Retry-After"] == "7"
        second = call(slow, "GET", DOMAINS)
        assert second.status_code == 200 and second.elapsed.total_seconds() >= 0.2
        call(slow, "DELETE", DOMAINS + "/keep.customer.com")
        slow.reset()
        assert slow.requests() == [] and "keep.customer.com" in slow.domains("customer.com")
