# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils.client import ProofpointAPIError
from ansible_collections.proofpoint.essentials.plugins.module_utils.common import apply_plan, resolve_base_url
from ansible_collections.proofpoint.essentials.plugins.module_utils.domain import (
    DomainInputError,
    check_request,
    plan_domain,
)

ORG = "customer.com"
WANTED = {"name": "x.example.org", "is_active": False, "is_relay": False, "destination": "10.0.0.1", "failovers": []}


class RacingClient:
    """Answers the first write with ``status``; the re-read then shows ``seen``."""

    def __init__(self, status, seen):
        self.status, self.seen, self.writes = status, seen, []

    def list_domains(self, org):
        return {} if self.seen is None else {self.seen["name"]: self.seen}

    def _write(self, method, name):
        self.writes.append((method, name))
        if len(self.writes) == 1:
            raise ProofpointAPIError(method, "/p", self.status, "race")

    def create_domain(self, org, domain):
        self._write("POST", domain["name"])
        return domain

    def update_domain(self, org, domain):
        self._write("PUT", domain["name"])

    def delete_domain(self, org, name):
        self._write("DELETE", name)


def run(current, params, status, seen):
    request = check_request(params, ORG)
    client = RacingClient(status, seen)
    return client, apply_plan(client, ORG, plan_domain(current, request), request)


def test_409_and_created_as_asked_meanwhile_is_success():
    client, result = run(None, {"name": "x.example.org", "destination": "10.0.0.1"}, 409, WANTED)
    assert result == WANTED and client.writes == [("POST", "x.example.org")]


def test_409_and_created_otherwise_meanwhile_is_converged_with_a_put():
    seen = dict(WANTED, destination="10.9.9.9", is_active=True)
    client, result = run(None, {"name": "x.example.org", "destination": "10.0.0.1"}, 409, seen)
    assert client.writes == [("POST", "x.example.org"), ("PUT", "x.example.org")]
    assert result == dict(seen, destination="10.0.0.1")


def test_409_for_a_domain_of_another_org_stands():
    with pytest.raises(ProofpointAPIError) as info:
        run(None, {"name": "x.example.org", "destination": "10.0.0.1"}, 409, None)
    assert info.value.status == 409


def test_delete_of_a_domain_deleted_meanwhile_is_success():
    client, result = run(WANTED, {"name": "x.example.org", "state": "absent"}, 400, None)
    assert result is None and client.writes == [("DELETE", "x.example.org")]


def test_update_of_a_domain_deleted_meanwhile_recreates_it():
    client, result = run(WANTED, {"name": "x.example.org", "destination": "10.0.0.2"}, 404, None)
    assert client.writes == [("PUT", "x.example.org"), ("POST", "x.example.org")]
    assert result["destination"] == "10.0.0.2"


def test_other_errors_are_not_second_guessed():
    with pytest.raises(ProofpointAPIError):
        run(WANTED, {"name": "x.example.org", "destination": "10.0.0.2"}, 422, WANTED)


@pytest.mark.parametrize("params, environ, expected", [
    ({"api_url": "http://127.0.0.1:8080/"}, {}, "http://127.0.0.1:8080"),
    ({"api_url": "https://us1.proofpointessentials.com/api/v1/"}, {}, "https://us1.proofpointessentials.com"),
    ({"stack": "us2"}, {}, "https://us2.proofpointessentials.com"),
    ({}, {"PROOFPOINT_ESSENTIALS_STACK": "eu1"}, "https://eu1.proofpointessentials.com"),
    ({}, {"PROOFPOINT_ESSENTIALS_API_URL": "https://proxy.local", "PROOFPOINT_ESSENTIALS_STACK": "eu1"}, "https://proxy.local"),
    ({"stack": "us5"}, {"PROOFPOINT_ESSENTIALS_API_URL": "https://proxy.local"}, "https://us5.proofpointessentials.com"),
])
def test_base_url_options_win_over_environment(params, environ, expected):
    assert resolve_base_url(params, environ) == expected


@pytest.mark.parametrize("params, message", [
    ({}, "one of api_url or stack is required"),
    ({"api_url": "127.0.0.1:8080"}, "api_url: '127.0.0.1:8080' must be scheme://host[:port]"),
    ({"api_url": "https://host/proxy"}, "no path"),
    ({"api_url": "https:///api/v1"}, "must be scheme://host[:port]"),
    ({"stack": "us1.proofpointessentials.com"}, "stack: 'us1.proofpointessentials.com' must be a stack name"),
])
def test_bad_connection_options(params, message):
    with pytest.raises(DomainInputError) as info:
        resolve_base_url(params, {})
    assert message in str(info.value)
