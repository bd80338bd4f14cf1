# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The deadline of a whole attempt: the watchdog cuts the attempt's socket, and only an unfinished one's."""

from __future__ import annotations

import socket
import threading

import pytest
import requests

from ansible_collections.proofpoint.essentials.plugins.module_utils import _deadline
from ansible_collections.proofpoint.essentials.plugins.module_utils._deadline import (
    POOL_CLASSES,
    Attempt,
    DeadlineAdapter,
    deadline,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.calls import domains_path
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    ProofpointAPIError,
    ProofpointConnectionError,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import PASSWORD, answer


class Socket:
    def __init__(self):
        self.cut = threading.Event()

    def shutdown(self, how):
        assert how == socket.SHUT_RDWR
        self.cut.set()


class Connection:
    def __init__(self):
        self.sock = Socket()


def test_expiry_cuts_the_socket_of_an_unfinished_attempt():
    attempt, connection = Attempt(0), Connection()
    attempt.uses(connection)
    attempt.expire()
    assert attempt.expired and connection.sock.cut.is_set()


def test_a_finished_attempt_is_never_cut():
    attempt, connection = Attempt(0), Connection()
    attempt.uses(connection)
    attempt.finish()
    attempt.expire()
    assert not attempt.expired and not connection.sock.cut.is_set()


class Blocked:
    """A connection whose answer never completes: only a cut socket ends its request."""

    def request(self, *args, **kwargs):
        assert self.sock.cut.wait(120), "the watchdog never cut the socket"
        return "cut"


class TrackedBlocked(_deadline._Tracked, Blocked):
    def __init__(self):
        self.sock = Socket()


def test_the_watchdog_ends_a_blocked_request_at_its_deadline():
    with deadline(0.01) as attempt:
        assert TrackedBlocked().request("GET", "/") == "cut"
    assert attempt.expired


def test_the_adapter_builds_tracked_connections_direct_and_through_a_proxy():
    adapter = DeadlineAdapter()
    for url in ("http://127.0.0.1:9", "https://127.0.0.1:9"):
        pool = adapter.poolmanager.connection_from_url(url)
        assert isinstance(pool, tuple(POOL_CLASSES.values()))
        assert issubclass(pool.ConnectionCls, _deadline._Tracked)
    assert adapter.proxy_manager_for("http://proxy.example:3128").pool_classes_by_scheme is POOL_CLASSES


def client_with(session_request):
    client = ProofpointClient("https://us1.example.test", "admin@customer.com", PASSWORD, timeout=3, retries=0)
    client.session.request = session_request
    return client


def test_a_redirect_fails_naming_its_location_without_credentials():
    location = "https://someone:hunter2@elsewhere.example/api/v1/orgs/x/domains?token=abc"
    client = client_with(lambda *args, **kwargs: answer(302, None, {"Location": location}))
    with pytest.raises(ProofpointAPIError) as info:
        client.request("GET", domains_path("x"))
    message = str(info.value)
    assert "HTTP 302 (found elsewhere): redirected to https://elsewhere.example/api/v1/orgs/x/domains" in message
    assert "hunter2" not in message and "token" not in message and "No redirect is followed" in message
    assert not info.value.transient


def test_a_connection_cut_at_the_deadline_is_a_timeout():
    def cut_at_the_deadline(*args, **kwargs):
        _deadline._current.attempt.expire()
        raise requests.exceptions.ConnectionError(ConnectionResetError(104, "reset"))

    with pytest.raises(ProofpointConnectionError) as info:
        client_with(cut_at_the_deadline).request("GET", "/api/v1/orgs/x/domains")
    assert info.value.cause == "timeout" and "no complete answer within 3 seconds" in str(info.value)
    assert info.value.lost_answer
