# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json

import pytest
import requests

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.bulk import (
    check_requests,
    converge_domains,
    execute,
    kept_primary,
    plan_domains,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.results import (
    domain_diffs,
    failure_message,
    plan_lines,
    summarize,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import (
    PASSWORD,
    FakeService,
    answer,
)
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import domain as make_domain

ORG = "customer.com"


def domain(name, destination="10.0.0.1"):
    return make_domain(name, destination)


CURRENT = {ORG: domain(ORG), "a.example.org": domain("a.example.org"), "b.example.org": domain("b.example.org")}


def test_every_bad_item_is_reported_with_its_index():
    items = [
        {"name": "ok.example.org"},
        {"name": "bad name"},
        {"name": "OK.example.org."},
        {"name": "c.example.org", "failovers": ["10.0.0.1", "10.0.0.1"]},
    ]
    with pytest.raises(InputError) as info:
        check_requests(items, ORG, False, 8)
    text = str(info.value)
    assert "domains[1].name: 'bad name' is not a valid domain name" in text
    assert "domains[2] (OK.example.org.).name: OK.example.org. is listed more than once (first at domains[0])" in text
    assert "domains[3] (c.example.org).failovers[1]" in text


@pytest.mark.parametrize("concurrency", [0, 33])
def test_concurrency_bounds(concurrency):
    with pytest.raises(InputError, match="concurrency must be between 1 and 32"):
        check_requests([], ORG, False, concurrency)


def test_exclusive_with_nothing_listed_is_refused():
    with pytest.raises(InputError, match="exclusive"):
        check_requests([], ORG, True, 8)


def test_exclusive_deletes_unlisted_but_never_the_primary():
    wanted = check_requests([{"name": "a.example.org", "destination": "10.0.0.2"}], ORG, True, 8)
    plans = plan_domains(CURRENT, wanted, ORG, True)
    actions = {plan["name"]: plan["action"] for _request, plan in plans}
    assert actions == {"a.example.org": "updated", "b.example.org": "deleted"}


def test_missing_destinations_are_all_reported_before_writing():
    wanted = check_requests(
        [{"name": "new1.example.org"}, {"name": "a.example.org"}, {"name": "new2.example.org"}], ORG, False, 8
    )
    with pytest.raises(InputError) as info:
        plan_domains(CURRENT, wanted, ORG, False)
    assert "domains[0] (new1.example.org).destination is required" in str(info.value)
    assert "domains[2] (new2.example.org).destination is required" in str(info.value)


def service_client(failing=()):
    """A client whose HTTP layer is an in-memory org; the names in ``failing`` are refused with 422."""
    service = FakeService(
        ORG,
        CURRENT.values(),
        fail={
            (method, name): [answer(422, {"message": "refused"})]
            for name in failing
            for method in ("POST", "PUT", "DELETE")
        },
    )
    client = ProofpointClient("https://us1.example.test", "admin@customer.com", PASSWORD, retries=0)
    client.session = service
    return service, client


def plans_for(items, exclusive=False):
    return plan_domains(CURRENT, check_requests(items, ORG, exclusive, 4), ORG, exclusive)


ITEMS = [
    {"name": "a.example.org", "destination": "10.0.0.9"},
    {"name": "n.example.org", "destination": "10.0.0.3"},
    {"name": "b.example.org", "destination": "10.0.0.1"},
]


def test_one_failure_does_not_stop_the_others():
    service, client = service_client(failing={"n.example.org"})
    results = execute(OrgRun(client, ORG, False), plans_for(ITEMS), 4)
    assert [r["action"] for r in results] == ["updated", "failed", "unchanged"]
    assert sorted(service.writes) == [("POST", "n.example.org"), ("PUT", "a.example.org")]
    assert service.domains["a.example.org"]["destination"] == "10.0.0.9"
    assert results[1]["error"]["status"] == 422 and results[1]["after"] is None
    assert summarize(results) == {
        "created": 0,
        "updated": 1,
        "deleted": 0,
        "unchanged": 1,
        "kept": 0,
        "failed": 1,
        "unknown": 0,
    }
    message = failure_message(results)
    assert message.startswith("1 of 2 domain writes failed: n.example.org: POST")
    assert "Applied anyway: a.example.org (updated)" in message


def test_check_mode_plans_without_writing():
    service, client = service_client()
    results = execute(OrgRun(client, ORG, True), plans_for(ITEMS[:2], exclusive=True), 4)
    assert service.calls == []
    # b.example.org is not listed: exclusive mode would delete it, and only it.
    assert [(r["name"], r["action"]) for r in results] == [
        ("a.example.org", "updated"),
        ("n.example.org", "created"),
        ("b.example.org", "deleted"),
    ]


def test_exclusive_mode_deletes_for_real():
    service, client = service_client()
    results = execute(OrgRun(client, ORG, False), plans_for(ITEMS[:2], exclusive=True), 4)
    assert summarize(results) == {
        "created": 1,
        "updated": 1,
        "deleted": 1,
        "unchanged": 0,
        "kept": 0,
        "failed": 0,
        "unknown": 0,
    }
    assert sorted(service.domains) == ["a.example.org", ORG, "n.example.org"]


def test_one_diff_section_and_one_plan_line_per_domain_written_in_name_order():
    items = [{"name": "b.example.org", "state": "absent"}, ITEMS[1], dict(ITEMS[0], failovers=["10.9.9.9"])]
    results = execute(OrgRun(service_client()[1], ORG), plans_for(items), 2)
    diffs = domain_diffs(ORG, results)
    assert [(d["before_header"], d["after_header"]) for d in diffs] == [
        ("customer.com/a.example.org (current)", "customer.com/a.example.org (update)"),
        ("customer.com/b.example.org (current)", "customer.com/b.example.org (delete)"),
        ("customer.com/n.example.org (current)", "customer.com/n.example.org (create)"),
    ]
    assert diffs[1]["after"] == {} and diffs[2]["before"] == {} and diffs[0]["after"]["failovers"] == ["10.9.9.9"]
    assert plan_lines(results) == ["~ a.example.org: destination, failovers", "- b.example.org", "+ n.example.org"]


def test_exclusive_mode_refuses_more_deletions_than_allowed_before_any_write():
    current = dict(CURRENT, **{"x%d.example.org" % n: domain("x%d.example.org" % n) for n in range(3)})
    wanted = check_requests([ITEMS[0]], ORG, True, 4, max_deletions=3)
    with pytest.raises(InputError) as info:
        plan_domains(current, wanted, ORG, True, max_deletions=3)
    text = str(info.value)
    assert "would delete 4 domains that domains does not list, more than max_deletions (3)" in text
    assert "b.example.org, x0.example.org, x1.example.org, x2.example.org" in text and "max_deletions to 4" in text
    assert [plan["name"] for _r, plan in plan_domains(current, wanted, ORG, True, max_deletions=4)][1:] == [
        "b.example.org",
        "x0.example.org",
        "x1.example.org",
        "x2.example.org",
    ]


def test_exclusive_mode_reports_the_primary_as_kept():
    wanted = check_requests([ITEMS[0]], ORG, True, 4)
    assert [(r["name"], r["action"]) for r in kept_primary(CURRENT, wanted, ORG, True)] == [(ORG, "kept")]
    assert kept_primary(CURRENT, wanted, ORG, False) == []
    listed = check_requests([{"name": ORG}], ORG, True, 4)
    assert kept_primary(CURRENT, listed, ORG, True) == []


def test_negative_max_deletions_is_refused():
    with pytest.raises(InputError, match="max_deletions must be 0 or more"):
        check_requests([ITEMS[0]], ORG, True, 4, max_deletions=-1)


def test_rate_limited_writes_all_land_and_set_a_pace():
    service, client = service_client()
    limited = {
        (method, name): [answer(429, {"message": "too many"}, {"Retry-After": "0"})] * 2
        for method, name in (("POST", "n.example.org"), ("PUT", "a.example.org"))
    }
    service.fail.update(limited)
    results = execute(OrgRun(client, ORG, False), plans_for(ITEMS), 4)
    assert [r["action"] for r in results] == ["updated", "created", "unchanged"]
    assert service.writes.count(("POST", "n.example.org")) == 3 and service.writes.count(("PUT", "a.example.org")) == 3
    assert client.gate.rate is not None


class EndedRun:
    def gone(self):
        return True


def test_no_write_starts_once_the_run_has_ended():
    service, client = service_client()
    results = execute(OrgRun(client, ORG, False, EndedRun()), plans_for(ITEMS), 4)
    assert service.writes == []
    assert [r["action"] for r in results] == ["failed", "failed", "unchanged"]
    assert results[0]["error"]["message"].startswith("not sent: the Ansible run that started this module has ended")


BATCH = {
    "exclusive": False,
    "max_deletions": 10,
    "concurrency": 2,
    "batch_create": True,
    "batch_size": 2,
    "report_unchanged": False,
}
NEW = [{"name": "n%d.example.org" % n, "destination": "10.0.0.1"} for n in range(3)]


def test_a_batch_whose_answer_was_lost_and_that_cannot_be_read_back_is_unknown_never_unchanged():
    service, client = service_client()
    dropped = requests.exceptions.ConnectionError(ConnectionResetError(104, "reset"))
    service.fail[("POST", None)] = [dropped, dropped]
    service.fail[("GET", None)] = [answer(500, {"message": "down"})]
    outcome = converge_domains(OrgRun(client, ORG), NEW, BATCH, current=CURRENT)
    assert [r["action"] for r in outcome["results"]] == ["unknown"] * 3
    assert outcome["changed"] and outcome["summary"]["unknown"] == 3 and outcome["summary"]["unchanged"] == 0
    assert "run again" in outcome["failure"]
    # Nothing is posted one by one after it: a create that did land would be refused and look unchanged.
    assert sorted(service.methods[:2]) == ["POST[1]", "POST[2]"] and service.methods[2:] == ["GET"]


def test_a_batch_that_was_answered_and_cannot_be_read_back_is_unknown_too():
    service, client = service_client()
    service.fail[("GET", None)] = [answer(500, {"message": "down"})]
    outcome = converge_domains(OrgRun(client, ORG), NEW, BATCH, current=CURRENT)
    assert [r["action"] for r in outcome["results"]] == ["unknown"] * 3 and outcome["changed"]
    assert "3 domains were sent in list POSTs" in outcome["failure"]
    assert sorted(service.methods[:2]) == ["POST[1]", "POST[2]"] and service.methods[2:] == ["GET"]


def test_a_refused_batch_goes_one_by_one_when_the_read_fails():
    service, client = service_client()
    service.fail[("POST", None)] = [answer(422, {"message": "no lists"})] * 2
    service.fail[("GET", None)] = [answer(500, {"message": "down"})]
    outcome = converge_domains(OrgRun(client, ORG), NEW, BATCH, current=CURRENT)
    assert [r["action"] for r in outcome["results"]] == ["created"] * 3
    assert sorted(service.methods) == ["GET", "POST", "POST", "POST", "POST[1]", "POST[2]"]


def test_names_in_refusals_plans_and_diffs_are_bounded_and_visible():
    huge = "a" * 1_000_000 + ".example.org"
    current = dict(CURRENT, **{huge: domain(huge), "sh\u200bop.example.org": domain("sh\u200bop.example.org")})
    with pytest.raises(InputError) as info:
        plan_domains(current, check_requests([{"name": ORG}], ORG, True, 4), ORG, True, max_deletions=1)
    assert len(str(info.value)) < 2000 and "(1000012 more characters)" not in str(info.value)
    assert "more characters)" in str(info.value) and "sh\\u200bop.example.org" in str(info.value)
    plans = plan_domains(current, check_requests([{"name": ORG}], ORG, True, 4), ORG, True, max_deletions=10)
    results = execute(OrgRun(None, ORG, True), plans, 4)
    assert "- sh\\u200bop.example.org" in plan_lines(results)
    assert all(len(line) < 300 for line in plan_lines(results))
    diffs = domain_diffs(ORG, results)
    assert all(len(json.dumps(diff)) < 2000 for diff in diffs)
    assert any(diff["before_header"] == "customer.com/sh\\u200bop.example.org (current)" for diff in diffs)
