# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_domain_verification's main(): the emulator's ownership calls in process."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.modules import proofpoint_domain_verification
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import FakeService, domain

ORG = "customer.com"
CODE = "/api/v1/orgs/customer.com/domains/customer.com/verification-code"
VERIFY = "/api/v1/orgs/customer.com/domains/customer.com/verify/TXT"


@pytest.fixture
def service():
    return FakeService(ORG, [domain(ORG)])


@pytest.fixture
def module_main():
    return proofpoint_domain_verification.main


def test_the_record_alone_then_a_verification_that_is_not_a_change_the_service_could_not_have_made(run, service):
    shown = run(name="Customer.com.", verify=False)
    record = shown["verification_record"]
    assert shown["changed"] is False and shown["verified"] is None and record["name"] == "customer.com"
    assert record["type"] == "TXT" and record["value"].startswith("proofpoint-verification=")
    assert [call[:2] for call in service.calls] == [("GET", CODE)]
    service.world.txt["customer.com"] = [record["value"]]
    verified = run(name="customer.com")
    # Verified at the first ask: it may have been verified before, so not a change this run can claim.
    assert verified["verified"] is True and verified["changed"] is False and verified["asks"] == 1
    assert [call[:2] for call in service.calls[1:]] == [("GET", CODE), ("PUT", VERIFY)]


def test_a_record_not_published_fails_naming_it_and_check_mode_asks_nothing(run, service):
    planned = run(name="customer.com", check_mode=True)
    assert planned["changed"] is False and "would ask" in planned["msg"] and service.writes == []
    failed = run(name="customer.com", wait_timeout=0)
    assert failed["failed"] is True and failed["changed"] is False
    value = failed["error"]["record"]["value"]
    assert (
        "not verified after waiting 0 s (1 ask): publish the TXT record customer.com with the value %s" % value
        in failed["msg"]
    )
    assert "HTTP 409" in failed["msg"]


def test_bad_input_and_a_domain_the_org_lacks(run, service):
    bad = run(name="not a domain")
    assert bad["failed"] is True and bad["msg"].startswith("name:") and service.calls == []
    bad_wait = run(name="customer.com", wait_interval=0)
    assert bad_wait["failed"] is True and "wait_interval" in bad_wait["msg"] and service.calls == []
    lacking = run(name="other.example")
    assert (
        lacking["failed"] is True and "HTTP 404" in lacking["msg"] and "has no domain other.example" in lacking["msg"]
    )
    assert service.writes == []
