# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The retry policy and error mapping, with a scripted session in place of the network."""

from __future__ import annotations

import json

import pytest
import requests

from ansible_collections.proofpoint.essentials.plugins.module_utils.client import (
    ProofpointAPIError,
    ProofpointClient,
    ProofpointConnectionError,
    backoff_delay,
    parse_retry_after,
)

PASSWORD = "s3cret-Unit-Pa55"
DOMAIN = {"name": "example.org", "is_active": True, "is_relay": False, "destination": "10.0.0.1", "failovers": []}


def answer(status, body=None, headers=None):
    response = requests.Response()
    response.status_code = status
    response._content = b"" if body is None else json.dumps(body).encode()
    response.headers.update(headers or {})
    response.reason = "reason"
    return response


class ScriptedSession:
    """Plays back answers (responses or exceptions) and records the calls."""

    def __init__(self, script):
        self.script = list(script)
        self.calls = []

    def request(self, method, url, json=None, timeout=None, verify=None):
        self.calls.append((method, url, json))
        step = self.script.pop(0)
        if isinstance(step, Exception):
            raise step
        return step


def make_client(script, retries=3, retry_max_time=120.0):
    sleeps = []
    client = ProofpointClient("https://us1.example.test/", "admin@customer.com", PASSWORD, retries=retries,
                              retry_max_time=retry_max_time, sleep=sleeps.append, clock=lambda: sum(sleeps))
    client.session = ScriptedSession(script)
    return client, sleeps


def test_session_carries_credentials_in_headers():
    client = ProofpointClient("https://us1.example.test", "admin@customer.com", PASSWORD)
    assert client.session.headers["X-user"] == "admin@customer.com"
    assert client.session.headers["X-password"] == PASSWORD


def test_paths_are_built_under_api_v1():
    assert ProofpointClient.domains_path("customer.com") == "/api/v1/orgs/customer.com/domains"
    assert ProofpointClient.domains_path("customer.com", "example.org") == "/api/v1/orgs/customer.com/domains/example.org"


def test_503_then_success_is_retried_with_backoff():
    client, sleeps = make_client([answer(503, {"message": "busy"}), answer(200, {"domains": [DOMAIN]})])
    assert client.list_domains("customer.com") == {"example.org": DOMAIN}
    assert len(client.session.calls) == 2
    assert len(sleeps) == 1 and 0.25 <= sleeps[0] <= 0.5


def test_retry_after_is_honoured_and_capped():
    client, sleeps = make_client([answer(429, {}, {"Retry-After": "7"}), answer(429, {}, {"Retry-After": "9999"}),
                                  answer(204)])
    client.request("DELETE", "/api/v1/orgs/customer.com/domains/example.org")
    assert sleeps[0] == 7.0
    assert sleeps[1] == 60.0


def test_retries_run_out_with_a_clear_error():
    client, sleeps = make_client([answer(500, {"message": "boom"})] * 4, retries=3)
    with pytest.raises(ProofpointAPIError) as info:
        client.request("PUT", "/api/v1/orgs/customer.com/domains/example.org", DOMAIN)
    assert len(client.session.calls) == 4 and len(sleeps) == 3
    text = str(info.value)
    assert "PUT /api/v1/orgs/customer.com/domains/example.org failed with HTTP 500" in text
    assert "boom" in text and "after 4 attempts" in text


def test_time_budget_stops_retries_early():
    client, sleeps = make_client([answer(503, {}, {"Retry-After": "30"})] * 4, retries=3, retry_max_time=10)
    with pytest.raises(ProofpointAPIError) as info:
        client.request("GET", "/api/v1/orgs/customer.com/domains")
    assert info.value.attempts == 1 and sleeps == []


@pytest.mark.parametrize("status", [400, 401, 403, 409, 422])
def test_client_errors_are_not_retried(status):
    client, sleeps = make_client([answer(status, {"error": "the API's words"})])
    with pytest.raises(ProofpointAPIError) as info:
        client.request("PUT", "/x", DOMAIN)
    assert len(client.session.calls) == 1 and sleeps == []
    assert info.value.status == status and "the API's words" in str(info.value)


def test_401_and_403_carry_hints():
    assert "user and password" in str(ProofpointAPIError("GET", "/p", 401, "bad"))
    assert "Organization Admin" in str(ProofpointAPIError("GET", "/p", 403, "no"))


def test_non_json_error_body_is_quoted():
    response = answer(502)
    response._content = b"<html>Bad gateway</html>"
    client = make_client([response], retries=0)[0]
    with pytest.raises(ProofpointAPIError) as info:
        client.request("GET", "/p")
    assert "<html>Bad gateway</html>" in str(info.value)


def test_connection_errors_are_classified_and_retried():
    client, sleeps = make_client([requests.exceptions.ConnectionError("Connection refused"),
                                  requests.exceptions.ReadTimeout("read timed out"), answer(204)])
    client.request("DELETE", "/p")
    assert len(sleeps) == 2


def test_tls_errors_are_not_retried_and_suggest_ca_path():
    client, sleeps = make_client([requests.exceptions.SSLError("CERTIFICATE_VERIFY_FAILED")])
    with pytest.raises(ProofpointConnectionError) as info:
        client.request("GET", "/p")
    assert sleeps == [] and info.value.cause == "TLS" and "ca_path" in str(info.value)


def test_post_is_not_blindly_retried_after_a_timeout():
    # The server created the domain but the answer was lost: the re-read shows it as asked.
    client = make_client([requests.exceptions.ReadTimeout("timed out"), answer(200, {"domains": [DOMAIN]})])[0]
    assert client.create_domain("customer.com", DOMAIN) == DOMAIN
    assert [c[0] for c in client.session.calls] == ["POST", "GET"]


def test_post_is_retried_when_the_reread_does_not_show_it():
    client = make_client([answer(503), answer(200, {"domains": []}), answer(201, DOMAIN)])[0]
    assert client.create_domain("customer.com", DOMAIN) == DOMAIN
    assert [c[0] for c in client.session.calls] == ["POST", "GET", "POST"]


def test_post_found_with_other_settings_is_a_conflict():
    other = dict(DOMAIN, destination="10.9.9.9")
    client = make_client([answer(500), answer(200, {"domains": [other]})])[0]
    with pytest.raises(ProofpointAPIError) as info:
        client.create_domain("customer.com", DOMAIN)
    assert info.value.status == 409


def test_post_retries_run_out():
    client = make_client([answer(503), answer(200, {"domains": []})] * 2, retries=1)[0]
    with pytest.raises(ProofpointAPIError) as info:
        client.create_domain("customer.com", DOMAIN)
    assert info.value.attempts == 2 and info.value.status == 503


def test_errors_never_contain_the_password():
    client = make_client([answer(401, {"message": "bad credentials"})])[0]
    with pytest.raises(ProofpointAPIError) as info:
        client.request("GET", "/p")
    assert PASSWORD not in str(info.value) and PASSWORD not in repr(info.value.as_dict())


@pytest.mark.parametrize("value, expected", [
    ("3", 3.0), ("", None), (None, None), ("soon", None),
    ("Fri, 27 Nov 2026 10:00:30 GMT", 30.0),
])
def test_parse_retry_after(value, expected):
    now = 1795773600.0  # Fri, 27 Nov 2026 10:00:00 GMT
    assert parse_retry_after(value, now=now) == expected


def test_backoff_grows_and_is_capped():
    assert backoff_delay(0, rand=lambda: 0) == 0.25
    assert backoff_delay(3, rand=lambda: 1) == 4.0
    assert backoff_delay(20, rand=lambda: 1) == 30.0
