# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils.bulk import (
    check_requests,
    execute,
    failure_message,
    org_diff,
    plan_org,
    summarize,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils.client import ProofpointAPIError
from ansible_collections.proofpoint.essentials.plugins.module_utils.domain import DomainInputError

ORG = "customer.com"


def domain(name, destination="10.0.0.1"):
    return {"name": name, "is_active": False, "is_relay": False, "destination": destination, "failovers": []}


CURRENT = {ORG: domain(ORG), "a.example.org": domain("a.example.org"), "b.example.org": domain("b.example.org")}


def test_every_bad_item_is_reported_with_its_index():
    items = [{"name": "ok.example.org"}, {"name": "bad name"}, {"name": "OK.example.org."},
             {"name": "c.example.org", "failovers": ["10.0.0.1", "10.0.0.1"]}]
    with pytest.raises(DomainInputError) as info:
        check_requests(items, ORG, False, 8)
    text = str(info.value)
    assert "domains[1].name" in text
    assert "domains[2].name: OK.example.org. is listed more than once (first at domains[0])" in text
    assert "domains[3].failovers[1]" in text


@pytest.mark.parametrize("concurrency", [0, 33])
def test_concurrency_bounds(concurrency):
    with pytest.raises(DomainInputError, match="concurrency must be between 1 and 32"):
        check_requests([], ORG, False, concurrency)


def test_exclusive_with_nothing_listed_is_refused():
    with pytest.raises(DomainInputError, match="exclusive"):
        check_requests([], ORG, True, 8)


def test_exclusive_deletes_unlisted_but_never_the_primary():
    requests = check_requests([{"name": "a.example.org", "destination": "10.0.0.2"}], ORG, True, 8)
    plans = plan_org(CURRENT, requests, ORG, True)
    actions = {plan["name"]: plan["action"] for _request, plan in plans}
    assert actions == {"a.example.org": "update", "b.example.org": "delete"}


def test_missing_destinations_are_all_reported_before_writing():
    requests = check_requests([{"name": "new1.example.org"}, {"name": "a.example.org"}, {"name": "new2.example.org"}],
                              ORG, False, 8)
    with pytest.raises(DomainInputError) as info:
        plan_org(CURRENT, requests, ORG, False)
    assert "domains[0].destination is required" in str(info.value)
    assert "domains[2].destination is required" in str(info.value)


class FakeClient:
    """Records writes; fails the names it is told to."""

    def __init__(self, failing=()):
        self.failing = set(failing)
        self.writes = []

    def _write(self, method, name):
        self.writes.append((method, name))
        if name in self.failing:
            raise ProofpointAPIError(method, "/api/v1/orgs/%s/domains/%s" % (ORG, name), 422, "refused")

    def create_domain(self, org, new):
        self._write("POST", new["name"])
        return new

    def update_domain(self, org, changed):
        self._write("PUT", changed["name"])

    def delete_domain(self, org, name):
        self._write("DELETE", name)


def plans_for(items, exclusive=False):
    return plan_org(CURRENT, check_requests(items, ORG, exclusive, 4), ORG, exclusive)


ITEMS = [{"name": "a.example.org", "destination": "10.0.0.9"}, {"name": "n.example.org", "destination": "10.0.0.3"},
         {"name": "b.example.org", "destination": "10.0.0.1"}]


def test_one_failure_does_not_stop_the_others():
    client = FakeClient(failing={"n.example.org"})
    results = execute(client, ORG, plans_for(ITEMS), 4, check_mode=False)
    assert [r["action"] for r in results] == ["updated", "failed", "unchanged"]
    assert sorted(client.writes) == [("POST", "n.example.org"), ("PUT", "a.example.org")]
    assert results[1]["error"]["status"] == 422 and results[1]["after"] is None
    assert summarize(results) == {"created": 0, "updated": 1, "deleted": 0, "unchanged": 1, "failed": 1}
    message = failure_message(results)
    assert message.startswith("1 of 2 domain writes failed: n.example.org: POST")
    assert "Applied anyway: a.example.org (updated)" in message


def test_check_mode_plans_without_writing():
    client = FakeClient()
    results = execute(client, ORG, plans_for(ITEMS, exclusive=True), 4, check_mode=True)
    assert client.writes == []
    assert [r["action"] for r in results] == ["updated", "created", "unchanged"]


def test_org_diff_shows_the_whole_org_after():
    results = execute(FakeClient(), ORG, plans_for(ITEMS[:2] + [{"name": "b.example.org", "state": "absent"}]), 2, False)
    diff = org_diff(ORG, CURRENT, results)
    assert sorted(diff["before"]["domains"]) == ["a.example.org", "b.example.org", ORG]
    assert sorted(diff["after"]["domains"]) == ["a.example.org", ORG, "n.example.org"]
    assert diff["after"]["domains"]["a.example.org"]["destination"] == "10.0.0.9"
    assert diff["after_header"] == "customer.com (declared)"
