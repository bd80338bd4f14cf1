# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Transport: HTTPS against the emulator's throwaway self-signed certificate, and proxies."""

from __future__ import annotations

import json

import pytest
from conftest import SEED
from launcher import Emulator

READ = "proofpoint.essentials.proofpoint_domain_info: %s"


@pytest.fixture
def tls_emulator(tmp_path):
    with Emulator(SEED, tls_dir=str(tmp_path / "tls")) as running:
        yield running


def read_with(ansible, tls_emulator, **options):
    return ansible.outcome(READ % json.dumps(dict(org="customer.com", api_url=tls_emulator.url, retries=0, **options)))


def test_default_refuses_an_unknown_certificate(ansible, tls_emulator):
    outcome = read_with(ansible, tls_emulator)
    assert outcome["failed"]
    assert "GET /api/v1/orgs/customer.com/domains could not be completed: TLS error" in outcome["msg"]
    assert "set ca_path" in outcome["msg"]
    assert outcome["error"]["cause"] == "TLS"


def test_validate_certs_false_accepts_it(ansible, tls_emulator):
    outcome = read_with(ansible, tls_emulator, validate_certs=False)
    assert not outcome.get("failed"), outcome
    assert "customer.com" in [d["name"] for d in outcome["domains"]]


def test_ca_path_accepts_it(ansible, tls_emulator, tmp_path):
    outcome = read_with(ansible, tls_emulator, ca_path=str(tmp_path / "tls" / "cert.pem"))
    assert not outcome.get("failed"), outcome
    assert len(outcome["domains"]) == 3


def test_proxies_come_from_the_environment(ansible, emulator):
    closed = "http://127.0.0.1:9"
    proxied = {"HTTP_PROXY": closed, "http_proxy": closed, "NO_PROXY": "", "no_proxy": ""}
    outcome = ansible.outcome(
        "proofpoint.essentials.proofpoint_domain_info: {org: customer.com, retries: 0}", env=proxied
    )
    assert outcome["failed"] and outcome["error"]["cause"] == "proxy"
    assert "HTTPS_PROXY/HTTP_PROXY" in outcome["msg"]
    assert emulator.requests() == []
    # Excluded with NO_PROXY, the same call goes straight to the emulator.
    outcome = ansible.outcome(
        "proofpoint.essentials.proofpoint_domain_info: {org: customer.com, retries: 0}",
        env=dict(proxied, NO_PROXY="127.0.0.1", no_proxy="127.0.0.1"),
    )
    assert not outcome.get("failed") and len(emulator.requests()) == 1
