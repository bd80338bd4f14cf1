# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_domain_info's main(): each branch, its one HTTP read served by an in-memory org."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.modules import proofpoint_domain_info
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import (
    FakeService,
    answer,
    domain,
)

ORG = "customer.com"


@pytest.fixture
def service():
    return FakeService(
        ORG,
        [domain("zeta.customer.com", "MX.Example.NET."), domain(ORG), domain("alpha.customer.com")],
        list_shape="bare",
    )


@pytest.fixture
def module_main():
    return proofpoint_domain_info.main


def test_every_domain_sorted_and_normalised(run, service):
    result = run(check_mode=True)
    assert result["changed"] is False
    assert [d["name"] for d in result["domains"]] == ["alpha.customer.com", ORG, "zeta.customer.com"]
    assert result["domains"][2]["destination"] == "mx.example.net"
    assert len(service.calls) == 1


@pytest.mark.parametrize("name, expected", [("ALPHA.customer.com.", ["alpha.customer.com"]), ("none.customer.com", [])])
def test_one_domain_by_name(run, name, expected):
    assert [d["name"] for d in run(name=name)["domains"]] == expected


def test_invalid_name_fails_before_reading(run, service):
    result = run(name="not a name")
    assert result["failed"] and "name: 'not a name'" in result["msg"] and service.calls == []


def test_read_failure_is_reported(run, service):
    service.fail[("GET", None)] = [answer(401, {"message": "invalid credentials"})]
    result = run()
    assert result["failed"] and result["error"]["status"] == 401 and result["error"]["method"] == "GET"
