# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_domains' main(): each branch, its HTTP exchanges served by an in-memory org."""

from __future__ import annotations

import json

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.batch import describe_answer
from ansible_collections.proofpoint.essentials.plugins.modules import proofpoint_domains
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import (
    DROPPED,
    PASSWORD,
    FakeService,
    answer,
    domain,
)

ORG = "customer.com"
DECLARED = [
    {"name": "keep.customer.com", "destination": "10.1.0.1"},
    {"name": "change.customer.com", "destination": "10.1.0.9"},
    {"name": "new.customer.com", "destination": "10.1.0.5", "failovers": ["10.1.0.6"]},
]


@pytest.fixture
def service():
    return FakeService(
        ORG,
        [
            domain(ORG),
            domain("keep.customer.com", "10.1.0.1"),
            domain("change.customer.com", "10.1.0.2"),
            domain("stale.customer.com", "10.1.0.3"),
        ],
    )


@pytest.fixture
def module_main():
    return proofpoint_domains.main


def test_exclusive_run_converges_the_org(run, service):
    result = run(domains=DECLARED, exclusive=True)
    assert result["changed"] is True
    assert result["summary"] == {
        "created": 1,
        "updated": 1,
        "deleted": 1,
        "unchanged": 1,
        "kept": 1,
        "failed": 0,
        "unknown": 0,
    }
    assert result["results"][-1]["name"] == ORG and result["results"][-1]["action"] == "kept"
    assert result["plan"] == ["~ change.customer.com: destination", "+ new.customer.com", "- stale.customer.com"]
    assert sorted(service.writes) == [
        ("DELETE", "stale.customer.com"),
        ("POST", "new.customer.com"),
        ("PUT", "change.customer.com"),
    ]
    assert sorted(service.domains) == ["change.customer.com", ORG, "keep.customer.com", "new.customer.com"]


def test_results_leave_out_unchanged_domains_unless_asked(run):
    result = run(domains=DECLARED, exclusive=True)
    assert [r["action"] for r in result["results"]] == ["updated", "created", "deleted", "kept"]
    result = run(domains=DECLARED, exclusive=True, report_unchanged=True)
    assert [r["action"] for r in result["results"]] == ["unchanged"] * 3 + ["kept"]
    assert result["summary"]["unchanged"] == 3


def test_domains_file_converges_as_inline_domains_do(run, service, tmp_path):
    declared = tmp_path / "customer.com.json"
    declared.write_text(json.dumps(DECLARED), encoding="utf-8")
    result = run(domains_file=str(declared), exclusive=True)
    assert result["plan"] == ["~ change.customer.com: destination", "+ new.customer.com", "- stale.customer.com"]
    assert result["invocation"]["module_args"]["domains_file"] == str(declared)


def test_domains_and_domains_file_exclude_each_other(run, service, tmp_path):
    result = run(domains=DECLARED, domains_file=str(tmp_path / "x.json"))
    assert result["failed"] and "mutually exclusive: domains|domains_file" in result["msg"]
    assert service.calls == []


def test_a_large_list_is_not_echoed_and_the_password_never_is(run, service):
    many = [{"name": "d%03d.customer.com" % n, "destination": "10.2.0.1"} for n in range(150)]
    result = run(domains=many)
    echoed = result["invocation"]["module_args"]
    assert echoed["domains"] == "(150 domains, not echoed)" and echoed["org"] == ORG
    assert echoed["password"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    assert PASSWORD not in result["_printed"]


def test_second_run_is_one_read(run, service):
    run(domains=DECLARED, exclusive=True)
    service.calls.clear()
    result = run(domains=DECLARED, exclusive=True)
    assert result["changed"] is False and [call[0] for call in service.calls] == ["GET"]


def test_check_mode_with_diff_shows_each_domain_on_its_own(run, service):
    result = run(domains=DECLARED, exclusive=True, check_mode=True, diff=True)
    assert service.writes == [] and result["changed"] is True
    assert [d["after_header"] for d in result["diff"]] == [
        "customer.com/change.customer.com (update)",
        "customer.com/new.customer.com (create)",
        "customer.com/stale.customer.com (delete)",
    ]
    assert result["diff"][0]["after"]["destination"] == "10.1.0.9" and result["diff"][2]["after"] == {}


def test_max_deletions_guards_exclusive_mode(run, service):
    result = run(domains=DECLARED[:1], exclusive=True, max_deletions=1)
    assert result["failed"] and "would delete 2 domains" in result["msg"] and service.writes == []
    assert "change.customer.com, stale.customer.com" in result["msg"]


def test_non_boolean_item_fields_name_the_item(run, service):
    items = DECLARED + [{"name": "acme.customer.com", "destination": "10.0.0.1", "is_active": "maybe"}]
    result = run(domains=items)
    assert result["failed"] and service.calls == []
    assert result["msg"] == "domains[3] (acme.customer.com).is_active: 'maybe' is not a boolean (true or false)"


def test_absent_with_other_fields_warns_that_they_are_ignored(run, service):
    result = run(domains=[{"name": "stale.customer.com", "state": "absent", "destination": "10.0.0.1"}])
    assert result["changed"] is True
    # ansible-core 2.19 returns each warning as a structured event; earlier releases as a string.
    assert len(result["warnings"]) == 1
    assert "domains[0] (stale.customer.com).state: absent ignores destination" in json.dumps(result["warnings"])


def test_partial_failure_names_what_failed_and_what_was_applied(run, service):
    service.fail[("POST", "new.customer.com")] = [answer(422, {"message": "refused"})]
    result = run(domains=DECLARED)
    assert result["failed"] and result["summary"]["failed"] == 1 and result["summary"]["updated"] == 1
    assert (
        "new.customer.com: POST" in result["msg"] and "Applied anyway: change.customer.com (updated)" in result["msg"]
    )


@pytest.mark.parametrize(
    "args, message",
    [
        ({"domains": [{"name": "a.customer.com"}, {"name": "A.customer.com."}]}, "listed more than once"),
        ({"domains": [], "exclusive": True}, "exclusive: true with an empty domains list"),
        ({"domains": [{"name": "a.customer.com"}], "concurrency": 0}, "concurrency must be between 1 and 32"),
        (
            {"domains": [{"name": "a.customer.com", "destination": "bad host"}]},
            "domains[0] (a.customer.com).destination: 'bad host'",
        ),
    ],
)
def test_bad_items_fail_before_any_request(run, service, args, message):
    result = run(**args)
    assert result["failed"] and message in result["msg"] and service.calls == []


def test_unreadable_org_fails_with_the_api_error(run, service):
    service.fail[("GET", None)] = [answer(403, {"message": "not a channel admin"})]
    result = run(domains=DECLARED)
    assert result["failed"] and result["error"]["status"] == 403 and "not a channel admin" in result["msg"]
    assert service.writes == []


def test_create_without_destination_fails_before_any_write(run, service):
    result = run(domains=[{"name": "new1.customer.com"}, {"name": "change.customer.com", "destination": "10.1.0.9"}])
    assert result["failed"] and "domains[0] (new1.customer.com).destination is required" in result["msg"]
    assert service.writes == []


BATCH = DECLARED + [{"name": "new%d.customer.com" % n, "destination": "10.1.1.%d" % n} for n in range(4)]


def test_batch_create_sends_chunks_then_one_read(run, service):
    result = run(domains=BATCH, batch_create=True, batch_size=2, concurrency=1)
    assert service.methods == ["GET", "POST[2]", "POST[2]", "POST[1]", "GET", "PUT"]
    assert result["summary"]["created"] == 5 and result["summary"]["updated"] == 1
    assert result["batch"] == {
        "chunks": 3,
        "sent": 5,
        "landed": 5,
        "answers": ["2 results: 201 x 2", "2 results: 201 x 2", "1 results: 201 x 1"],
    }
    assert all(d["name"] in service.domains for d in BATCH)


def test_batch_create_falls_back_to_single_posts_for_what_did_not_land(run, service):
    service.fail[("POST", None)] = [answer(500, {"message": "batch failed"})]
    result = run(domains=BATCH, batch_create=True, batch_size=3, retries=0, concurrency=1)
    assert service.methods[:4] == ["GET", "POST[3]", "POST[2]", "GET"]
    assert sorted(service.methods[4:]) == ["POST", "POST", "POST", "PUT"]  # sent in parallel
    assert "POST /api/v1/orgs/customer.com/domains failed with HTTP 500" in result["batch"]["answers"][0]
    assert result["batch"]["landed"] == 2 and result["summary"]["created"] == 5 and not result.get("failed")


def test_batch_chunks_go_in_parallel_and_answers_stay_in_chunk_order(run, service):
    result = run(domains=BATCH, batch_create=True, batch_size=2)
    assert sorted(service.methods[1:4]) == ["POST[1]", "POST[2]", "POST[2]"] and service.methods[4] == "GET"
    assert result["batch"]["answers"] == ["2 results: 201 x 2", "2 results: 201 x 2", "1 results: 201 x 1"]
    assert result["batch"]["landed"] == 5 and all(d["name"] in service.domains for d in BATCH)


def test_batch_create_is_not_used_in_check_mode_or_without_creates(run, service):
    assert "batch" not in run(domains=BATCH, batch_create=True, check_mode=True)
    assert service.writes == []
    result = run(domains=DECLARED[:2], batch_create=True)
    assert "batch" not in result and "POST[1]" not in service.methods


@pytest.mark.parametrize(
    "body, said",
    [
        ({"results": [{"status": 201}, {"status": 409}, {"status": 201}]}, "3 results: 201 x 2, 409 x 1"),
        ([{"status": 201, "domain": {}}], "1 results: 201 x 1"),
        ({"created": 3}, "an answer of unknown shape (dict)"),
        (None, "an answer of unknown shape (NoneType)"),
    ],
)
def test_a_207_is_described_when_understood_and_never_trusted(body, said):
    assert describe_answer(body) == said


def test_batch_size_is_bounded(run, service):
    result = run(domains=BATCH, batch_create=True, batch_size=501)
    assert result["failed"] and "batch_size must be between 1 and 500, got 501" in result["msg"]


def test_a_misspelt_key_names_the_item(run, service):
    result = run(
        domains=[{"name": "a.customer.com", "destination": "10.0.0.1"}, {"name": "b.customer.com", "destinaton": "x"}]
    )
    assert result["failed"] and service.calls == []
    assert result["msg"].startswith(
        "domains[1] (b.customer.com).destinaton: not an option of a domain (known: destination,"
    )


def test_a_lost_create_no_read_can_decide_fails_as_changed(run, service):
    listed = answer(200, {"domains": list(service.domains.values())})
    service.fail = {("POST", "new.example.org"): [DROPPED], ("GET", None): [listed, answer(401, {"message": "no"})]}
    result = run(domains=[{"name": "new.example.org", "destination": "10.0.0.9"}])
    assert result["failed"] is True and result["changed"] is True and result["summary"]["unknown"] == 1
