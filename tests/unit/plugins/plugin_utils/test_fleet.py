# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet import fleet as _fleet
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.accounts import Accounts
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.fleet import (
    converge_fleet,
    declared_org,
    fleet_totals,
)
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.partners import missing_partners
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import (
    API,
    DROPPED,
    PASSWORD,
    FakeService,
    ScriptedSession,
    answer,
    domain,
)


class Orgs:
    """Several in-memory orgs behind one client, as a partner account sees its customers."""

    def __init__(self, orgs):
        self.orgs = {org: FakeService(org, domains) for org, domains in orgs.items()}

    def request(self, method, url, json=None, timeout=None, verify=None, allow_redirects=False):
        assert allow_redirects is False, "the client must never follow a redirect"
        org = url.split(API, 1)[1].split("/", 1)[0]
        if org not in self.orgs:
            return answer(403, {"message": "not authorized for " + org})
        return self.orgs[org].request(method, url, json)

    def writes(self, org):
        return self.orgs[org].writes


def fleet_client(orgs):
    service = Orgs(orgs)
    client = ProofpointClient("https://us1.example.test", "partner@msp.example", PASSWORD, retries=0)
    client.session = service
    return service, client


def no_file(path):
    raise AssertionError("no file expected, got %s" % path)


class NoAccount:
    """Accounts with no client yet: ``converge`` below gives each org the test's one client."""

    def client(self, org, partner, host_vars):
        return None

    def lacks(self, host_vars):
        return []


def declared(host, **host_vars):
    return declared_org(host, dict(host_vars, proofpoint_org=host), no_file, False, NoAccount())


def converge(client, orgs, concurrency, check_mode):
    """converge_fleet with every usable org on ``client``, as Accounts gives orgs of one partner."""
    for org in orgs:
        if org["declarations"] and not org["problem"]:
            org["client"] = client
    return converge_fleet(orgs, concurrency, check_mode)


A, B, C = "a.example", "b.example", "c.example"
ORGS = {
    A: [domain(A), domain("www." + A)],
    B: [domain(B)],
    C: [domain(C), domain("old." + C)],
}


def test_each_org_is_converged_and_reported_apart():
    service, client = fleet_client(ORGS)
    orgs = [
        declared(A, domains_list=[{"name": A}, {"name": "www." + A, "destination": "10.0.0.9"}]),
        declared(B, domains_list=[{"name": B}]),
        declared(C, domains_list=[{"name": C}], domains_exclusive=True),
        declared("d.example"),  # declares nothing: unmanaged
    ]
    reports = converge(client, orgs, concurrency=3, check_mode=False)
    assert {host: report["status"] for host, report in reports.items()} == {
        A: "changed",
        B: "in_sync",
        C: "changed",
        "d.example": "unmanaged",
    }
    assert service.writes(A) == [("PUT", "www." + A)] and service.writes(B) == []
    assert service.writes(C) == [("DELETE", "old." + C)]
    assert reports[A]["msg"] == "a.example: 0 created, 1 updated, 0 deleted, 1 unchanged"
    assert reports[A]["writes"] == 1 and reports[A]["plan"] == ["~ www.a.example: destination"]
    assert "unmanaged" in reports["d.example"]["msg"] and not reports["d.example"]["changed"]
    totals = fleet_totals(reports)
    assert (totals["changed"], totals["in_sync"], totals["unmanaged"], totals["failed"]) == (2, 1, 1, 0)
    assert (totals["domains_updated"], totals["domains_deleted"]) == (1, 1)


def test_check_mode_writes_nothing_and_keeps_the_diff():
    service, client = fleet_client(ORGS)
    reports = converge(client, [declared(B, domains_list=[{"name": "new." + B, "destination": "10.0.0.2"}])], 2, True)
    assert service.writes(B) == [] and reports[B]["status"] == "changed"
    assert reports[B]["msg"].endswith("(check mode: nothing was written)")
    assert reports[B]["diff"][0]["after_header"] == "b.example/new.b.example (create)"


def test_a_failing_org_does_not_stop_the_others():
    service, client = fleet_client({A: ORGS[A]})
    orgs = [declared("gone.example", domains_list=[{"name": "gone.example"}]), declared(A, domains_list=[{"name": A}])]
    reports = converge(client, orgs, concurrency=1, check_mode=False)
    assert reports["gone.example"]["failed"] and reports["gone.example"]["status"] == "failed"
    assert "GET /api/v1/orgs/gone.example/domains" in reports["gone.example"]["msg"]
    assert reports["gone.example"]["error"]["status"] == 403
    assert reports[A]["status"] == "in_sync"
    assert PASSWORD not in repr(reports)


def test_a_bad_declaration_fails_its_org_before_any_request_naming_the_host():
    service, client = fleet_client(ORGS)
    typo = declared(A, domains_list=[{"name": A, "destinaton": "10.0.0.1"}])
    assert typo["problem"].startswith("variables of host a.example: domains_list: domains[0] (a.example).destinaton: ")
    not_a_list = declared(B, domains_list="b.example")
    assert not_a_list["problem"] == "variables of host b.example: domains_list must be a list of domains, got a str"
    reports = converge(client, [typo, not_a_list], concurrency=2, check_mode=False)
    assert [report["status"] for report in reports.values()] == ["failed", "failed"]
    assert service.orgs[A].calls == [] and service.orgs[B].calls == []


@pytest.mark.parametrize(
    "host_vars, message",
    [
        ({"domains_exclusive": "maybe"}, "domains_exclusive: 'maybe' is not a boolean (true or false)"),
        ({"domains_max_deletions": "ten"}, "domains_max_deletions: 'ten' is not a whole number"),
        ({"proofpoint_org": "not a domain"}, "proofpoint_org"),
    ],
)
def test_bad_options_are_named(host_vars, message):
    found = declared_org("x.example", dict({"domains_list": []}, **host_vars), no_file, False, NoAccount())
    assert message in found["problem"]


def test_options_and_files_come_from_the_host():
    read = []

    def read_file(path):
        read.append(path)
        return [{"name": "f.example", "destination": "10.0.0.3", "state": "present"}]

    found = declared_org(
        "f.example",
        {
            "domains_list_file": "f.yml",
            "domains_exclusive": "yes",
            "domains_max_deletions": "3",
            "domains_concurrency": 2,
        },
        read_file,
        False,
        NoAccount(),
    )
    assert read == ["f.yml"] and found["problem"] is None and found["org"] == "f.example"
    domains = found["declarations"]["domains"]
    assert domains["items"][0]["name"] == "f.example"
    assert (
        domains["options"]["exclusive"],
        domains["options"]["max_deletions"],
        domains["options"]["concurrency"],
    ) == (
        True,
        3,
        2,
    )


def test_planning_from_the_inventory_sends_nothing():
    service, client = fleet_client(ORGS)
    host_vars = {
        "proofpoint_org": B,
        "domains_list": [{"name": B, "destination": "10.0.0.7"}],
        "proofpoint_current_domains": [domain(B)],
    }
    reports = converge(client, [declared_org(B, host_vars, no_file, True, NoAccount())], 1, True)
    assert service.orgs[B].calls == [] and reports[B]["plan"] == ["~ b.example: destination"]
    assert reports[B]["domains_now"] == 1


def test_file_errors_fail_the_org():
    def missing(path):
        raise InputError("domains_list_file: %s was not found on the controller" % path)

    found = declared_org(A, {"domains_list_file": "nope.yml"}, missing, False, NoAccount())
    assert (
        found["problem"] == "variables of host a.example: domains_list_file: nope.yml was not found on the controller"
    )


class Watch:
    """A controller that ends after ``alive`` looks: the orgs started later must not write."""

    def __init__(self, alive):
        self.alive = alive

    def gone(self):
        self.alive -= 1
        return self.alive < 0


def test_the_controller_is_noted_once_and_orgs_started_after_it_ended_write_nothing(monkeypatch):
    watches = []

    def noted():
        watches.append(Watch(alive=2))  # A starts, A writes; then the controller is gone
        return watches[-1]

    monkeypatch.setattr(_fleet, "StartedRun", noted)
    service, client = fleet_client(ORGS)
    orgs = [declared(host, domains_list=[{"name": "new." + host, "destination": "10.0.0.1"}]) for host in (A, B, C)]
    reports = converge(client, orgs, concurrency=1, check_mode=False)
    assert len(watches) == 1  # one note of the controller, when the fleet started, shared by every org
    assert reports[A]["status"] == "changed" and service.writes(A) == [("POST", "new." + A)]
    for host in (B, C):
        assert reports[host]["status"] == "failed" and service.writes(host) == []
        assert "not sent: the Ansible run that started this module has ended" in reports[host]["msg"]


def test_an_org_without_a_connection_fails_with_the_accounts_words_and_sends_nothing():
    class Refusing:
        def client(self, org, partner, host_vars):
            raise InputError("%s (partner %s): no credentials" % (org, partner))

    host_vars = {"proofpoint_org": A, "proofpoint_partner": "msp.example", "domains_list": [{"name": A}]}
    found = declared_org(A, host_vars, no_file, False, Refusing())
    assert found["problem"] == "a.example (partner msp.example): no credentials" and found["client"] is None
    reports = converge_fleet([found], 1, False)
    assert reports[A]["status"] == "failed" and reports[A]["partner"] == "msp.example"
    unmanaged = declared_org(B, {"proofpoint_org": B}, no_file, False, Refusing())
    assert unmanaged["problem"] is None  # declares nothing: needs no connection


def test_a_refused_login_names_the_partner_the_user_and_the_api():
    service, client = fleet_client({})
    org = declared_org(
        A, {"proofpoint_partner": "msp.example", "domains_list": [{"name": A}]}, no_file, False, NoAccount()
    )
    reports = converge(client, [org], 1, False)
    assert reports[A]["error"]["status"] == 403
    assert reports[A]["msg"].endswith(
        "[partner msp.example, user partner@msp.example, answered by https://us1.example.test]"
    )
    assert reports[A]["api_url"] == "https://us1.example.test" and PASSWORD not in repr(reports)


SPEC = {"name": "New", "admin_user": {"email": "it@n.example"}, "partner": "msp.example"}


@pytest.mark.parametrize(
    "spec, words",
    [
        ("New Ltd", "proofpoint_org_spec must be a mapping"),
        (dict(SPEC, state="absent"), "proofpoint_org_spec: unknown key(s) state"),
        (dict(SPEC, user_licenses=-1), "proofpoint_org_spec.user_licenses must be between 0"),
    ],
)
def test_a_bad_org_spec_fails_its_org_before_any_request(spec, words):
    org = declared("n.example", proofpoint_org_spec=spec, domains_list=[])
    assert words in org["problem"]
    report = converge(None, [org], 1, False)["n.example"]
    assert report["failed"] is True and words in report["msg"]


def test_an_unlisted_declared_org_is_planned_as_created_from_the_inventory_without_a_request():
    org = declared_org(
        "n.example",
        {"proofpoint_org_spec": SPEC, "domains_list": [{"name": "n.example", "destination": "10.0.0.1"}]},
        no_file,
        True,
        NoAccount(),
    )
    assert org["partner"] == "msp.example" and org["listed"] is False and org["declarations"]["org"]["read"] is False
    service, client = fleet_client({})
    report = converge(client, [org], 1, True)["n.example"]
    assert (
        report["created"] is True and report["status"] == "changed" and report["writes"] == 2
    )  # the org and its domain
    assert report["msg"].startswith("n.example: organization to create under msp.example; n.example: 1 created")
    assert report["plan"] == ["+ org n.example", "+ n.example"]
    assert fleet_totals({"n.example": report})["orgs_created"] == 1


def test_a_listed_org_with_a_spec_is_converged_as_any_other_and_never_updated():
    org = declared(B, proofpoint_org_spec=dict(SPEC, name="Other"), proofpoint_current_domains=[], domains_list=[])
    service, client = fleet_client(ORGS)
    report = converge(client, [org], 1, False)[B]
    assert report["status"] == "in_sync" and report["created"] is False
    assert [call[1] for call in service.orgs[B].calls] == ["/api/v1/orgs/b.example/domains"]


def test_a_declared_partner_without_an_org_in_the_inventory_is_named_with_its_source():
    groups = {"proofpoint_partner_msp_example": ["a.example"], "proofpoint_partner_empty_example": []}
    declared = [
        "MSP.example",
        {"partner": "gone.example", "source": "inventory/gone.proofpoint_orgs.yml"},
        "empty.example",
    ]
    missing = missing_partners(declared, groups)
    assert [(entry["partner"], entry["source"]) for entry in missing] == [
        ("gone.example", "inventory/gone.proofpoint_orgs.yml"),
        ("empty.example", ""),
    ]
    assert "its inventory source inventory/gone.proofpoint_orgs.yml was not read" in missing[0]["msg"]
    assert "was read but holds no customer org" in missing[1]["msg"]
    assert missing_partners(None, groups) == [] and missing_partners(["msp.example"], groups) == []


@pytest.mark.parametrize("declared", ["msp.example", [""], [{"source": "x.yml"}], ["not a domain"]])
def test_a_bad_proofpoint_partners_is_named(declared):
    with pytest.raises(InputError) as caught:
        missing_partners(declared, {})
    assert "proofpoint_partners" in str(caught.value)


def test_a_new_customer_lacking_its_partner_api_and_login_is_told_all_of_it_at_once():
    task = dict.fromkeys(("api_url", "stack", "user", "password", "ca_path"))
    task.update(validate_certs=True, timeout=30.0, retries=0, retry_max_time=0.0)
    spec = {key: value for key, value in SPEC.items() if key != "partner"}
    org = declared_org(
        "n.example", {"proofpoint_org_spec": spec, "domains_list": []}, no_file, False, Accounts(task, 1)
    )
    assert org["client"] is None and org["problem"].startswith("n.example: a new customer (proofpoint_org_spec")
    for needed in (
        "proofpoint_partner",
        "proofpoint_api_url or proofpoint_stack",
        "proofpoint_user and proofpoint_password",
    ):
        assert needed in org["problem"]


def test_a_lost_create_no_read_can_decide_fails_the_org_as_changed():
    org = declared("n.example", proofpoint_org_spec=SPEC, domains_list=[])
    client = ProofpointClient("https://us1.example.test", "partner@msp.example", PASSWORD, retries=0)
    client.session = ScriptedSession([answer(404), DROPPED, answer(401, {"message": "invalid credentials"})])
    org["client"] = client
    report = converge_fleet([org], 1, False)["n.example"]
    assert report["failed"] is True and report["changed"] is True and "The outcome is unknown" in report["msg"]


class AnotherResource:
    """One more resource, as DKIM keys may be: declared by a host variable of its own, one write per org
    that lacks it; the scheduler, the report writer and the totals take it as they are."""

    name = "another"
    report_fields = {"test_added": 0}

    def declare(self, host_vars, context, facts):
        return host_vars.get("test_block")

    def unmanaged_note(self, facts):
        return "no test_block"

    def converge(self, run, declaration, shared):
        if declaration is None:
            return None
        return {
            "changed": True,
            "failed": False,
            "writes": 1,
            "line": "%s: %s blocked" % (run.org, declaration),
            "plan": ["+ block %s" % declaration],
            "diff": [],
            "fields": {"test_added": 1},
        }

    def totals(self, reports):
        return {"test_added": sum(report["test_added"] for report in reports)}


def test_a_new_resource_needs_no_change_of_the_scheduler_the_reports_or_the_totals(monkeypatch):
    monkeypatch.setattr(_fleet, "RESOURCES", _fleet.RESOURCES + (AnotherResource(),))
    service, client = fleet_client(ORGS)
    orgs = [
        declared(A, domains_list=[{"name": A, "destination": "10.0.0.1"}], test_block="evil@bad.example"),
        declared(B, test_block="evil@bad.example"),
        declared(C),
    ]
    reports = converge(client, orgs, 2, True)
    assert reports[A]["msg"].endswith("; a.example: evil@bad.example blocked") and reports[A]["writes"] >= 1
    assert reports[B]["status"] == "changed" and reports[B]["plan"] == ["+ block evil@bad.example"]
    assert reports[B]["test_added"] == 1 and reports[C]["test_added"] == 0
    assert reports[C]["status"] == "unmanaged" and reports[C]["msg"].endswith("; no test_block")
    assert fleet_totals(reports)["test_added"] == 2


BLOCK = {"block": ["evil@bad.example"]}


def test_sender_lists_are_planned_from_the_listing_and_written_only_where_an_entry_is_missing():
    service, client = fleet_client(ORGS)
    held = {"allow_list": [], "block_list": ["EVIL@bad.example"]}
    orgs = [
        declared(A, proofpoint_sender_lists=BLOCK, proofpoint_current_sender_lists=held, proofpoint_current_domains=[]),
        declared(B, proofpoint_sender_lists=BLOCK, proofpoint_current_sender_lists={"white_list_senders": []}),
    ]
    reports = converge(client, orgs, 2, False)
    assert service.orgs[A].calls == []  # the listing shows the entry: no request at all
    assert [(call[0], call[2]) for call in service.orgs[B].calls] == [("POST", {"block_list": ["evil@bad.example"]})]
    assert (
        reports[B]["status"] == "changed"
        and reports[B]["msg"] == "b.example: sender lists + block_list evil@bad.example"
    )
    assert reports[A]["status"] == "in_sync" and reports[B]["senders_added"] == 1
    assert fleet_totals(reports)["senders_added"] == 1


def test_an_exclusive_list_is_read_again_before_it_is_replaced():
    service, client = fleet_client({A: ORGS[A]})
    client.request("POST", "/api/v1/orgs/a.example/sender-lists", {"block_list": ["added.since@bad.example"]})
    stale = {"allow_list": [], "block_list": []}
    org = declared(A, proofpoint_sender_lists=dict(BLOCK, exclusive=True), proofpoint_current_sender_lists=stale)
    report = converge(client, [org], 1, False)[A]
    assert [call[0] for call in service.orgs[A].calls[1:]] == ["GET", "PATCH"]
    assert report["senders_removed"] == 1 and report["sender_lists_now"]["block_list"] == ["evil@bad.example"]


def test_features_are_read_once_per_org_and_put_only_where_one_differs():
    service, client = fleet_client({A: ORGS[A], B: ORGS[B]})
    service.orgs[B].world.feature_values = "strings"
    orgs = [
        declared(A, proofpoint_features={"disclaimers": True}),
        declared(B, proofpoint_features={"url_defense": "yes"}),
    ]
    reports = converge(client, orgs, 2, False)
    assert [call[0] for call in service.orgs[A].calls] == ["GET", "PUT"] and reports[A]["features_changed"] == [
        "disclaimers"
    ]
    assert [call[0] for call in service.orgs[B].calls] == ["GET"] and reports[B]["status"] == "in_sync"
    assert (
        reports[A]["msg"] == "a.example: features disclaimers: false -> true"
        and fleet_totals(reports)["features_changed"] == 1
    )


def test_a_resource_failing_after_another_wrote_says_what_was_written():
    service, client = fleet_client({A: ORGS[A]})
    service.orgs[A].world.orgs[A]["licensing_package"] = "Business"
    org = declared(
        A,
        domains_list=[{"name": A}, {"name": "new." + A, "destination": "10.0.0.3"}],
        proofpoint_features={"email_archive": True},
    )
    report = converge(client, [org], 1, False)[A]
    assert report["failed"] is True and report["changed"] is True and report["summary"]["created"] == 1
    assert report["msg"].startswith("a.example: 1 created, 0 updated, 0 deleted, 1 unchanged; a.example: turning on")
    assert "the org's package: Business" in report["msg"] and report["error"]["status"] == 403


@pytest.mark.parametrize(
    ("host_vars", "words"),
    [
        ({"proofpoint_sender_lists": ["evil@bad.example"]}, "proofpoint_sender_lists must be a mapping"),
        ({"proofpoint_sender_lists": {"blocks": []}}, "proofpoint_sender_lists: unknown key(s) blocks"),
        ({"proofpoint_sender_lists": {"block": ["not one"]}}, "proofpoint_sender_lists.block[0]: 'not one' is not"),
        ({"proofpoint_features": {"dlpp": True}}, "proofpoint_features: unknown feature(s) dlpp"),
    ],
)
def test_a_bad_policy_declaration_fails_its_org_before_any_request(host_vars, words):
    service, client = fleet_client({A: ORGS[A]})
    report = converge(client, [declared(A, **host_vars)], 1, False)[A]
    assert report["failed"] is True and words in report["msg"] and service.orgs[A].calls == []
