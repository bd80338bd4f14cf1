# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_dkim's main(): the emulator's DKIM calls in process; the private key never in any output."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils._dkim.model import (
    generate_private_key,
    public_key_of,
)
from ansible_collections.proofpoint.essentials.plugins.modules import proofpoint_dkim
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import FakeService, domain

ORG = "customer.com"
KEYS = "/api/v1/orgs/customer.com/domains/customer.com/dkim"


@pytest.fixture
def service():
    return FakeService(ORG, [domain(ORG)])


@pytest.fixture
def module_main():
    return proofpoint_dkim.main


def sent_keys(service):
    return [body["private_key"] for method, _path, body in service.calls if method == "POST"]


def test_a_made_key_is_created_once_its_record_returned_and_the_key_never_shown(run, service):
    planned = run(name="customer.com", selector="PP1", check_mode=True, diff=True)
    assert planned["changed"] is True and planned["dns_record"] is None and service.writes == []
    created = run(name="customer.com", selector="PP1", diff=True)
    [pem] = sent_keys(service)
    assert pem.startswith("-----BEGIN PRIVATE KEY-----") and pem not in created["_printed"]
    assert "PRIVATE KEY" not in created["_printed"]
    record = created["dns_record"]
    assert record["name"] == "pp1._domainkey.customer.com" and record["value"] == "v=DKIM1; k=rsa; p=" + public_key_of(
        pem
    )
    assert "".join(created["value_chunks"]) == record["value"] and max(map(len, created["value_chunks"])) <= 255
    assert created["diff"]["before"] == {} and created["diff"]["after"]["dns_record"] == record
    again = run(name="customer.com", selector="pp1")
    assert again["changed"] is False and again["dns_record"] == record and len(sent_keys(service)) == 1


def test_a_given_key_that_differs_is_reported_and_replaced_only_with_force(run, service):
    first, second = generate_private_key(), generate_private_key()
    run(name="customer.com", selector="pp1", private_key=first)
    differs = run(name="customer.com", selector="pp1", private_key=second)
    assert differs["changed"] is False and differs["key_differs"] is True and "force: true" in differs["msg"]
    replaced = run(name="customer.com", selector="pp1", private_key=second, force=True)
    assert replaced["changed"] is True and replaced["dns_record"]["value"].endswith(public_key_of(second))
    assert [method for method, _path, _body in service.calls if method != "GET"] == ["POST", "DELETE", "POST"]
    for result in (differs, replaced):
        assert first not in result["_printed"] and second not in result["_printed"]


def test_verify_waits_on_the_record_and_absent_removes_once(run, service):
    created = run(name="customer.com", selector="pp1")
    failed = run(name="customer.com", selector="pp1", verify=True, wait_timeout=0)
    assert failed["failed"] is True and "publish the TXT record pp1._domainkey.customer.com" in failed["msg"]
    service.world.txt["pp1._domainkey.customer.com"] = ["".join(created["value_chunks"])]
    valid = run(name="customer.com", selector="pp1", verify=True)
    assert valid["is_valid"] is True and service.calls[-1][:2] == ("PUT", KEYS + "/pp1/verify")
    gone = run(name="customer.com", selector="pp1", state="absent")
    assert gone["changed"] is True and service.calls[-1][:2] == ("DELETE", KEYS + "/pp1")
    assert run(name="customer.com", selector="pp1", state="absent")["changed"] is False


def test_a_bad_key_or_selector_fails_before_any_request_without_showing_the_key(run, service):
    secret = "-----BEGIN PRIVATE KEY-----\nnot-really-a-key-but-secret\n-----END PRIVATE KEY-----"
    bad = run(name="customer.com", selector="pp1", private_key=secret)
    assert bad["failed"] is True and "not an unencrypted PEM private key" in bad["msg"]
    assert "not-really-a-key-but-secret" not in bad["_printed"]
    selector = run(name="customer.com", selector="pp 1")
    assert selector["failed"] is True and selector["msg"].startswith("selector:") and service.calls == []
