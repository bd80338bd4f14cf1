# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The retry policy and error mapping, with a scripted session in place of the network."""

from __future__ import annotations

import socket
import ssl

import pytest
import requests
from urllib3 import exceptions as urllib3_errors

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.calls import domains_path
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    ProofpointAPIError,
    ProofpointConnectionError,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import (
    ProofpointClient,
    backoff_delay,
    classify,
    parse_retry_after,
)
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import (
    PASSWORD,
    ScriptedSession,
    answer,
    domain,
)

DOMAIN = domain("example.org", is_active=True)
DOMAINS_PATH = "/api/v1/orgs/customer.com/domains"


def make_client(script, retries=3, retry_max_time=120.0):
    sleeps = []
    client = ProofpointClient(
        "https://us1.example.test/",
        "admin@customer.com",
        PASSWORD,
        retries=retries,
        retry_max_time=retry_max_time,
        sleep=sleeps.append,
        clock=lambda: sum(sleeps),
    )
    client.session = ScriptedSession(script)
    return client, sleeps


def test_session_carries_credentials_in_headers():
    client = ProofpointClient("https://us1.example.test", "admin@customer.com", PASSWORD)
    assert client.session.headers["X-user"] == "admin@customer.com"
    assert client.session.headers["X-password"] == PASSWORD


def test_the_environment_is_read_once_as_requests_would(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example.test:3128")
    monkeypatch.setenv("NO_PROXY", "internal.example.test")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/corporate.pem")
    client = ProofpointClient("https://us1.example.test", "admin@customer.com", PASSWORD)
    assert client.session.trust_env is False  # nothing is looked up again per request
    assert client.session.proxies["https"] == "http://proxy.example.test:3128"
    assert client.verify == "/etc/ssl/corporate.pem"
    excluded = ProofpointClient("https://internal.example.test", "admin@customer.com", PASSWORD, ca_path="/ca.pem")
    assert "https" not in excluded.session.proxies and excluded.verify == "/ca.pem"
    unchecked = ProofpointClient("https://us1.example.test", "admin@customer.com", PASSWORD, validate_certs=False)
    assert unchecked.verify is False


def test_paths_are_built_under_api_v1():
    assert domains_path("customer.com") == "/api/v1/orgs/customer.com/domains"
    assert domains_path("customer.com", "example.org") == "/api/v1/orgs/customer.com/domains/example.org"


def test_503_then_success_is_retried_with_backoff():
    client, sleeps = make_client([answer(503, {"message": "busy"}), answer(200, {"domains": [DOMAIN]})])
    assert client.request("GET", DOMAINS_PATH) == {"domains": [DOMAIN]}
    assert len(client.session.calls) == 2
    assert len(sleeps) == 1 and 0.25 <= sleeps[0] <= 0.5


def test_retry_after_is_honoured_and_capped():
    client, sleeps = make_client(
        [answer(429, {}, {"Retry-After": "7"}), answer(429, {}, {"Retry-After": "9999"}), answer(204)]
    )
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


def _wrapped(inner, outer=requests.exceptions.ConnectionError):
    """An exception nested as requests and urllib3 nest them: outer(MaxRetryError(reason=inner))."""
    pool_error = urllib3_errors.MaxRetryError(None, "/p", reason=inner)
    return outer(pool_error)


def _refused():
    error = urllib3_errors.NewConnectionError(None, "Failed to establish a new connection: [Errno 111] refused")
    error.__cause__ = ConnectionRefusedError(111, "Connection refused")
    return error


CONNECTION_FAILURES = {
    "DNS": lambda: _wrapped(
        urllib3_errors.NameResolutionError(
            "us9.proofpointessentials.com", None, socket.gaierror(-2, "Name or service not known")
        )
    ),
    "refused": lambda: _wrapped(_refused()),
    "dropped": lambda: _wrapped(
        urllib3_errors.ProtocolError("Connection aborted.", ConnectionResetError(104, "reset"))
    ),
    "timeout": lambda: requests.exceptions.ReadTimeout(urllib3_errors.ReadTimeoutError(None, "/p", "Read timed out.")),
    "TLS": lambda: _wrapped(
        ssl.SSLCertVerificationError(1, "certificate verify failed: self-signed certificate"),
        requests.exceptions.SSLError,
    ),
    "proxy": lambda: _wrapped(
        urllib3_errors.ProxyError("Unable to connect to proxy", OSError("tunnel failed")),
        requests.exceptions.ProxyError,
    ),
    "connection": lambda: requests.exceptions.ConnectionError("something else entirely"),
}


@pytest.mark.parametrize("cause", sorted(CONNECTION_FAILURES))
def test_connection_failures_are_classified_by_exception_type(cause):
    found, detail = classify(CONNECTION_FAILURES[cause]())
    assert found == cause
    # Readable: no urllib3 pool internals, and every quote and parenthesis closed.
    assert "Pool(" not in detail and "Max retries" not in detail
    assert detail.count("(") == detail.count(")") and detail.count("'") % 2 == 0 and detail.count('"') % 2 == 0


def test_messages_do_not_depend_on_the_text_of_exceptions():
    # A refused connection whose text says "timed out" is still a refused connection.
    error = _refused()
    error.args = ("timed out while Name or service not known",)
    assert classify(_wrapped(error))[0] == "refused"


@pytest.mark.parametrize(
    "cause, retried",
    [("refused", True), ("dropped", True), ("timeout", True), ("DNS", False), ("TLS", False), ("proxy", False)],
)
def test_transient_connection_failures_are_retried_and_others_are_not(cause, retried):
    client, sleeps = make_client([CONNECTION_FAILURES[cause](), answer(204)])
    if retried:
        assert client.request("DELETE", "/p") is None
        assert len(sleeps) == 1 and client.session.methods == ["DELETE", "DELETE"]
    else:
        with pytest.raises(ProofpointConnectionError) as info:
            client.request("DELETE", "/p")
        assert sleeps == [] and info.value.cause == cause and info.value.attempts == 1


def test_connection_error_message_reads_cleanly():
    client = make_client([CONNECTION_FAILURES["DNS"]()])[0]
    with pytest.raises(ProofpointConnectionError) as info:
        client.request("GET", DOMAINS_PATH)
    text = str(info.value)
    assert text.startswith(
        "GET %s could not be completed: DNS error talking to https://us1.example.test: "
        "NameResolutionError" % DOMAINS_PATH
    )
    assert "check stack or api_url" in text and ".." not in text
    assert text.count("(") == text.count(")") and text.count("'") % 2 == 0


def test_tls_errors_suggest_ca_path():
    client = make_client([CONNECTION_FAILURES["TLS"]()])[0]
    with pytest.raises(ProofpointConnectionError) as info:
        client.request("GET", "/p")
    assert "ca_path" in str(info.value)


def test_post_without_retry_is_sent_once():
    client, sleeps = make_client([answer(503)])
    with pytest.raises(ProofpointAPIError):
        client.request("POST", DOMAINS_PATH + "/example.org", DOMAIN, retry=False)
    assert client.session.methods == ["POST"] and sleeps == []


def test_errors_never_contain_the_password():
    client = make_client([answer(401, {"message": "bad credentials"})])[0]
    with pytest.raises(ProofpointAPIError) as info:
        client.request("GET", "/p")
    assert PASSWORD not in str(info.value) and PASSWORD not in repr(info.value.as_dict())


@pytest.mark.parametrize(
    "value, expected",
    [
        ("3", 3.0),
        ("", None),
        (None, None),
        ("soon", None),
        ("Fri, 27 Nov 2026 10:00:30 GMT", 30.0),
    ],
)
def test_parse_retry_after(value, expected):
    now = 1795773600.0  # Fri, 27 Nov 2026 10:00:00 GMT
    assert parse_retry_after(value, now=now) == expected


def test_backoff_grows_and_is_capped():
    assert backoff_delay(0, rand=lambda: 0) == 0.25
    assert backoff_delay(3, rand=lambda: 1) == 4.0
    assert backoff_delay(20, rand=lambda: 1) == 30.0


def test_rate_limits_pause_the_client_and_spend_no_retry():
    client, sleeps = make_client([answer(429, {}, {"Retry-After": "1"})] * 3 + [answer(204)], retries=0)
    assert client.request("DELETE", "/p") is None
    assert sleeps[:3] == [1.0, 1.0, 1.0] and client.session.methods == ["DELETE"] * 4


def test_rate_limits_are_bounded_by_retry_max_time():
    client, sleeps = make_client([answer(429, {"message": "slow down"}, {"Retry-After": "1"})] * 5, retry_max_time=2)
    with pytest.raises(ProofpointAPIError) as info:
        client.request("GET", DOMAINS_PATH)
    assert sleeps == [1.0, 1.0] and info.value.status == 429 and info.value.attempts == 3


def test_a_rate_limited_post_is_sent_again_even_without_retries():
    client, sleeps = make_client([answer(429), answer(201, DOMAIN)])
    assert client.request("POST", DOMAINS_PATH + "/example.org", DOMAIN, retry=False) == DOMAIN
    assert client.session.methods == ["POST", "POST"] and len(sleeps) == 1


def test_503_without_retry_after_is_an_ordinary_retry():
    client, sleeps = make_client([answer(503), answer(503)], retries=1)
    with pytest.raises(ProofpointAPIError):
        client.request("GET", DOMAINS_PATH)
    assert len(sleeps) == 1 and client.gate.rate is None  # no pace learned: it was no rate limit


def test_one_pause_holds_every_sender():
    client, sleeps = make_client([])
    client.gate.hold(5.0)
    client.gate.hold(3.0)  # falls inside the first pause
    client.gate.wait()
    assert sleeps == [5.0]


def test_an_html_page_answered_with_200_asks_whether_api_url_is_the_api_root():
    page = answer(200)
    page._content = b"<!DOCTYPE html><html><title>Sign in</title></html>"
    client, _sleeps = make_client([page])
    with pytest.raises(ProofpointAPIError) as info:
        client.request("GET", DOMAINS_PATH)
    assert "the answer is not JSON: <!DOCTYPE html>" in str(info.value)
    assert "(an HTML page, not the API: is api_url the root of the API, %s?)" % client.base_url in str(info.value)
