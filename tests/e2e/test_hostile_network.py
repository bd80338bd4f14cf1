# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A hostile network: an api_url that redirects elsewhere never gets the credentials sent on, and a server
that trickles its answer cannot hold a run beyond timeout and retry_max_time."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from conftest import ANSIBLE_BIN, PASSWORD
from hostile import RedirectServer, TrickleServer

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.calls import domains_path, read_domains
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import ProofpointConnectionError
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_never_followed_and_a_create_is_not_reported_done(ansible, emulator, status):
    with RedirectServer(status, emulator.url) as redirect:
        outcome = ansible.outcome(
            "proofpoint.essentials.proofpoint_domain: %s"
            % json.dumps(
                {"api_url": redirect.url, "org": "customer.com", "name": "new.example.org", "destination": "10.0.0.1"}
            )
        )
    assert outcome["failed"] and not outcome["changed"]
    assert "GET /api/v1/orgs/customer.com/domains failed with HTTP %d" % status in outcome["msg"]
    assert "redirected to %s/api/v1/orgs/customer.com/domains" % emulator.url in outcome["msg"]
    assert "No redirect is followed" in outcome["msg"] and "api_url" in outcome["msg"]
    # The redirect's target, another host, received nothing: no request, no credential.
    assert emulator.requests() == []
    assert [r["method"] for r in redirect.received] == ["GET"]
    assert "new.example.org" not in emulator.domains("customer.com")
    assert PASSWORD not in json.dumps(outcome)


def test_a_redirected_write_is_not_replayed_elsewhere(emulator):
    # The read answers; the create is redirected (307 would replay the body and the password).
    with RedirectServer(307, emulator.url) as redirect:
        client = ProofpointClient(redirect.url, "admin@customer.com", PASSWORD, timeout=5, retries=0)
        with pytest.raises(Exception) as info:
            client.request("POST", domains_path("customer.com", "x.example.org"), {"name": "x.example.org"})
    assert getattr(info.value, "status", None) == 307
    assert emulator.requests() == [] and [r["method"] for r in redirect.received] == ["POST"]


def test_the_inventory_follows_no_redirect(emulator, tmp_path):
    with RedirectServer(301, emulator.url) as redirect:
        source = tmp_path / "partner.proofpoint_orgs.yml"
        source.write_text(
            "plugin: proofpoint.essentials.proofpoint_orgs\napi_url: %s\npartner: partner.net\n" % redirect.url
        )
        env = dict(
            os.environ,
            PROOFPOINT_ESSENTIALS_USER="msp@partner.net",
            PROOFPOINT_ESSENTIALS_PASSWORD=PASSWORD,
            ANSIBLE_INVENTORY_UNPARSED_FAILED="1",
            ANSIBLE_INVENTORY_ENABLED="proofpoint.essentials.proofpoint_orgs",
            ANSIBLE_HOME=str(tmp_path / "home"),
        )
        listed = subprocess.run(
            [os.path.join(ANSIBLE_BIN, "ansible-inventory"), "-i", str(source), "--list"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert listed.returncode != 0
    assert "HTTP 301" in listed.stderr and "No redirect is followed" in listed.stderr
    assert emulator.requests() == [] and len(redirect.received) == 1
    assert PASSWORD not in listed.stdout + listed.stderr


def test_a_trickling_answer_ends_at_the_deadline_of_each_attempt():
    with TrickleServer() as trickle:
        client = ProofpointClient(trickle.url, "admin@customer.com", PASSWORD, timeout=1, retries=1, retry_max_time=30)
        with pytest.raises(ProofpointConnectionError) as info:
            read_domains(client, "customer.com")
    assert info.value.cause == "timeout" and info.value.attempts == 2
    assert "no complete answer within 1" in str(info.value)
    assert len(trickle.received) == 2


def test_a_trickling_server_fails_the_task_within_its_bounds(ansible):
    with TrickleServer() as trickle:
        outcome = ansible.outcome(
            "proofpoint.essentials.proofpoint_domain: %s"
            % json.dumps(
                {
                    "api_url": trickle.url,
                    "org": "customer.com",
                    "name": "new.example.org",
                    "destination": "10.0.0.1",
                    "timeout": 2,
                    "retries": 1,
                    "retry_max_time": 10,
                }
            )
        )
    assert outcome["failed"] and not outcome["changed"]
    assert "timeout error" in outcome["msg"] and "no complete answer within 2" in outcome["msg"]
    assert [r["method"] for r in trickle.received] == ["GET", "GET"]
