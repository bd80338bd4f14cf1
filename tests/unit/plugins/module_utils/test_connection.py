# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options: base URL resolution and the checks made before any request."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils._connection import (
    check_connection,
    client_for,
    resolve_base_url,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError

DEFAULTS = {
    "timeout": 30.0,
    "retries": 3,
    "retry_max_time": 120.0,
    "api_url": "https://h.example",
    "user": "u@customer.com",
    "password": "pw-Unit-1",
    "validate_certs": True,
    "ca_path": None,
}


@pytest.mark.parametrize(
    "params, environ, expected",
    [
        ({"api_url": "http://127.0.0.1:8080/"}, {}, "http://127.0.0.1:8080"),
        ({"api_url": "https://us1.proofpointessentials.com/api/v1/"}, {}, "https://us1.proofpointessentials.com"),
        ({"stack": "us2"}, {}, "https://us2.proofpointessentials.com"),
        ({}, {"PROOFPOINT_ESSENTIALS_STACK": "eu1"}, "https://eu1.proofpointessentials.com"),
        (
            {},
            {"PROOFPOINT_ESSENTIALS_API_URL": "https://proxy.local", "PROOFPOINT_ESSENTIALS_STACK": "eu1"},
            "https://proxy.local",
        ),
        (
            {"stack": "us5"},
            {"PROOFPOINT_ESSENTIALS_API_URL": "https://proxy.local"},
            "https://us5.proofpointessentials.com",
        ),
        ({"api_url": "", "stack": "us3"}, {}, "https://us3.proofpointessentials.com"),
        ({"api_url": "https://h.example", "stack": "  "}, {}, "https://h.example"),
    ],
)
def test_base_url_options_win_over_environment(params, environ, expected):
    assert resolve_base_url(params, environ) == expected


@pytest.mark.parametrize(
    "params, message",
    [
        ({}, "one of api_url or stack is required"),
        ({"api_url": "127.0.0.1:8080"}, "api_url: '127.0.0.1:8080' must be scheme://host[:port]"),
        ({"api_url": "https://host/proxy"}, "no path"),
        ({"api_url": "https:///api/v1"}, "must be scheme://host[:port]"),
        ({"stack": "us1.proofpointessentials.com"}, "stack: 'us1.proofpointessentials.com' must be a stack name"),
        ({"api_url": "https://h.example", "stack": "us1"}, "api_url and stack are mutually exclusive"),
    ],
)
def test_bad_connection_options(params, message):
    with pytest.raises(InputError) as info:
        resolve_base_url(params, {})
    assert message in str(info.value)


@pytest.mark.parametrize(
    "option, value, message",
    [
        ("timeout", 0, "timeout must be a positive number"),
        ("retries", -1, "retries must be 0 or more"),
        ("retry_max_time", -5, "retry_max_time must be 0 or more"),
    ],
)
def test_numbers_are_checked_before_any_request(option, value, message):
    with pytest.raises(InputError, match=message):
        check_connection(dict(DEFAULTS, **{option: value}))


def test_client_gets_every_connection_option():
    client = client_for(dict(DEFAULTS, ca_path="/etc/ca.pem", retries=5, timeout=7.5), "https://h.example", 4)
    assert (client.base_url, client.verify, client.retries, client.timeout) == (
        "https://h.example",
        "/etc/ca.pem",
        5,
        7.5,
    )
    assert client.session.headers["X-user"] == "u@customer.com"
