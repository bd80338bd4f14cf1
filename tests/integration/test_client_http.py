# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The API client over real loopback HTTP against the emulator (no Ansible in between)."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils.client import (
    ProofpointAPIError,
    ProofpointClient,
    ProofpointConnectionError,
)
from conftest import PASSWORD, SEED
from launcher import Emulator

NEW = {"name": "http.example.org", "is_active": True, "is_relay": False, "destination": "10.0.0.1",
       "failovers": ["10.0.0.2", "mx2.example.net"]}


@pytest.fixture(params=["wrapped", "bare"])
def served(request):
    with Emulator(SEED, list_format=request.param) as running:
        yield running


def client_for(emulator, user="admin@customer.com", **options):
    return ProofpointClient(emulator.url, user, PASSWORD, timeout=5, retries=0, **options)


def test_the_four_calls(served):
    client = client_for(served)
    assert sorted(client.list_domains("customer.com")) == ["customer.com", "keep.customer.com", "stale.customer.com"]
    assert client.create_domain("customer.com", NEW) == NEW
    client.update_domain("customer.com", dict(NEW, destination="10.0.0.9"))
    assert client.list_domains("customer.com")["http.example.org"]["destination"] == "10.0.0.9"
    client.delete_domain("customer.com", "http.example.org")
    assert "http.example.org" not in client.list_domains("customer.com")
    assert [(r["method"], r["status"]) for r in served.requests()] == [
        ("GET", 200), ("POST", 201), ("PUT", 204), ("GET", 200), ("DELETE", 204), ("GET", 200)]


def test_api_errors_carry_method_path_status_and_message(emulator):
    with pytest.raises(ProofpointAPIError) as info:
        client_for(emulator, user="reader@customer.com").delete_domain("customer.com", "keep.customer.com")
    error = info.value
    assert (error.method, error.path, error.status) == ("DELETE", "/api/v1/orgs/customer.com/domains/keep.customer.com", 403)
    assert "requires an Organization Admin" in error.api_message
    with pytest.raises(ProofpointAPIError) as info:
        client_for(emulator).create_domain("customer.com", dict(NEW, name="taken.example.net"))
    assert info.value.status == 409
    with pytest.raises(ProofpointAPIError) as info:
        client_for(emulator).request("PUT", ProofpointClient.domains_path("customer.com", "keep.customer.com"),
                                     {"name": "keep.customer.com"})
    assert info.value.status == 422 and "missing mandatory field" in info.value.api_message
    with pytest.raises(ProofpointAPIError) as info:
        ProofpointClient(emulator.url, "admin@customer.com", "wrong", retries=0).list_domains("customer.com")
    assert info.value.status == 401


def test_one_pooled_connection_serves_many_requests(emulator):
    client = client_for(emulator)
    for _attempt in range(5):
        client.list_domains("customer.com")
    # One kept-alive connection: every request came from the same client port.
    assert len({r["client_port"] for r in emulator.requests()}) == 1


def test_connection_refused_names_host_and_cause():
    with Emulator(SEED) as stopped:
        url = stopped.url
    with pytest.raises(ProofpointConnectionError) as info:
        ProofpointClient(url, "admin@customer.com", PASSWORD, retries=0).list_domains("customer.com")
    assert info.value.cause == "refused" and url in str(info.value) and "api_url" in str(info.value)
