# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The API client over real loopback HTTP against the emulator (no Ansible in between)."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, SEED
from launcher import Emulator

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.calls import domains_path, read_domains
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.converge import converge
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import check_request, plan_domain
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    ProofpointAPIError,
    ProofpointConnectionError,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient

NEW = {
    "name": "http.example.org",
    "is_active": True,
    "is_relay": False,
    "destination": "10.0.0.1",
    "failovers": ["10.0.0.2", "mx2.example.net"],
}


@pytest.fixture(params=["wrapped", "bare"])
def served(request):
    with Emulator(SEED, list_format=request.param) as running:
        yield running


def client_for(emulator, user="admin@customer.com", **options):
    return ProofpointClient(emulator.url, user, PASSWORD, timeout=5, retries=0, **options)


def converge_one(client, params, org="customer.com"):
    request = check_request(params, org)
    return converge(client, org, request, plan_domain(read_domains(client, org).get(request["name"]), request))


def test_the_four_calls(served):
    client = client_for(served)
    assert sorted(read_domains(client, "customer.com")) == ["customer.com", "keep.customer.com", "stale.customer.com"]
    assert converge_one(client, NEW) == {"action": "created", "domain": NEW}
    assert converge_one(client, {"name": NEW["name"], "destination": "10.0.0.9"})["action"] == "updated"
    assert read_domains(client, "customer.com")["http.example.org"]["destination"] == "10.0.0.9"
    assert converge_one(client, {"name": NEW["name"], "state": "absent"}) == {"action": "deleted", "domain": None}
    assert "http.example.org" not in read_domains(client, "customer.com")
    assert [(r["method"], r["status"]) for r in served.requests()] == [
        ("GET", 200),
        ("GET", 200),
        ("POST", 201),
        ("GET", 200),
        ("PUT", 204),
        ("GET", 200),
        ("GET", 200),
        ("DELETE", 204),
        ("GET", 200),
    ]


def test_api_errors_carry_method_path_status_and_message(emulator):
    with pytest.raises(ProofpointAPIError) as info:
        client_for(emulator, user="reader@customer.com").request(
            "DELETE", domains_path("customer.com", "keep.customer.com")
        )
    error = info.value
    assert (error.method, error.path, error.status) == (
        "DELETE",
        "/api/v1/orgs/customer.com/domains/keep.customer.com",
        403,
    )
    assert "requires an Organization Admin" in error.api_message
    with pytest.raises(ProofpointAPIError) as info:
        converge_one(client_for(emulator), dict(NEW, name="taken.example.net"))
    assert info.value.status == 409
    with pytest.raises(ProofpointAPIError) as info:
        client_for(emulator).request(
            "PUT", domains_path("customer.com", "keep.customer.com"), {"name": "keep.customer.com"}
        )
    assert info.value.status == 422 and "missing mandatory field" in info.value.api_message
    with pytest.raises(ProofpointAPIError) as info:
        read_domains(ProofpointClient(emulator.url, "admin@customer.com", "wrong", retries=0), "customer.com")
    assert info.value.status == 401


def test_one_pooled_connection_serves_many_requests(emulator):
    client = client_for(emulator)
    for _attempt in range(5):
        read_domains(client, "customer.com")
    # One kept-alive connection: every request came from the same client port.
    assert len({r["client_port"] for r in emulator.requests()}) == 1


def test_connection_refused_names_host_and_cause():
    with Emulator(SEED) as stopped:
        url = stopped.url
    with pytest.raises(ProofpointConnectionError) as info:
        read_domains(ProofpointClient(url, "admin@customer.com", PASSWORD, retries=0), "customer.com")
    text = str(info.value)
    assert info.value.cause == "refused" and url in text and "api_url" in text
    assert text.count("(") == text.count(")") and text.count("'") % 2 == 0 and text.count('"') % 2 == 0
