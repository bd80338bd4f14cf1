# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet's two actions as Ansible calls them, their HTTP going to in-memory orgs."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import requests
from ansible.errors import AnsibleActionFail, AnsibleError
from ansible.playbook.task import Task

from ansible_collections.proofpoint.essentials.plugins.action.proofpoint_fleet import ActionModule as Fleet
from ansible_collections.proofpoint.essentials.plugins.action.proofpoint_fleet_org import ActionModule as FleetOrg
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import PASSWORD, domain
from ansible_collections.proofpoint.essentials.tests.unit.plugins.plugin_utils.test_fleet import Orgs

CREDENTIALS = {"api_url": "https://us1.example.test", "user": "partner@msp.example", "password": PASSWORD}
HOSTVARS = {
    "a.example": {"proofpoint_org": "a.example", "domains_list": [{"name": "a.example", "destination": "10.0.0.9"}]},
    "b.example": {"proofpoint_org": "b.example", "domains_list": [{"name": "b.example"}]},
    "c.example": {"proofpoint_org": "c.example", "proofpoint_current_domains": [domain("c.example")]},
}


class FakeHostVars(dict):
    """``hostvars`` as an action sees it: raw_get gives a host's variables untemplated, indexing templated
    (here: a value holding "{{" is "templated" by naming it, so the test sees which way it went)."""

    def __init__(self, hosts):
        super().__init__(hosts)
        self.templated = []

    def raw_get(self, host):
        return dict.__getitem__(self, host)

    def __getitem__(self, host):
        self.templated.append(host)
        return {name: "templated" if "{{" in str(value) else value for name, value in self.raw_get(host).items()}


def action(cls, args, check_mode=False, diff=False):
    task = Task()
    task.args = args
    play_context = SimpleNamespace(check_mode=check_mode, diff=diff)
    connection = SimpleNamespace(_shell=SimpleNamespace(tmpdir=None))
    return cls(task, connection, play_context, loader=None, templar=None, shared_loader_obj=None)


@pytest.fixture
def orgs(monkeypatch):
    service = Orgs({host: [domain(host)] for host in HOSTVARS})
    monkeypatch.setattr(
        requests.Session, "request", lambda session, method, url, **kw: service.request(method, url, kw.get("json"))
    )
    for name in ("PROOFPOINT_ESSENTIALS_USER", "PROOFPOINT_ESSENTIALS_PASSWORD", "PROOFPOINT_ESSENTIALS_API_URL"):
        monkeypatch.delenv(name, raising=False)
    return service


def run_fleet(args, check_mode=False, diff=False, hosts=None):
    task_vars = {"ansible_play_batch": list(hosts or HOSTVARS), "hostvars": FakeHostVars(HOSTVARS)}
    return action(Fleet, args, check_mode, diff).run(task_vars=task_vars)


def test_every_org_is_reported_and_only_the_drifted_one_written(orgs):
    result = run_fleet(CREDENTIALS, diff=False)
    assert result["changed"] is False
    assert {host: report["status"] for host, report in result["orgs"].items()} == {
        "a.example": "changed",
        "b.example": "in_sync",
        "c.example": "unmanaged",
    }
    assert orgs.writes("a.example") == [("PUT", "a.example")] and orgs.writes("b.example") == []
    assert result["orgs"]["a.example"]["diff"] == []  # not asked for
    assert result["msg"] == "3 orgs: 1 changed, 1 in sync, 0 failed, 1 unmanaged"


def test_check_mode_with_diff_keeps_each_diff_and_writes_nothing(orgs):
    result = run_fleet(CREDENTIALS, check_mode=True, diff=True, hosts=["a.example"])
    assert orgs.writes("a.example") == [] and list(result["orgs"]) == ["a.example"]
    assert result["orgs"]["a.example"]["diff"][0]["after"]["destination"] == "10.0.0.9"
    assert result["msg"].endswith("(check mode: nothing was written)")


@pytest.mark.parametrize(
    "args, check_mode, message",
    [
        (dict(CREDENTIALS, concurrency=0), False, "concurrency must be between 1 and 64, got 0"),
        (dict(CREDENTIALS, plan_from_inventory=True), False, "it is for check mode (a report) only"),
        (dict(CREDENTIALS, api_url="ftp://x"), False, "api_url: 'ftp://x' must be scheme://host[:port]"),
        (dict(CREDENTIALS, stack="us1"), False, "api_url and stack are mutually exclusive"),
        (dict(CREDENTIALS, retries=-1), False, "retries must be 0 or more"),
        (dict(CREDENTIALS, hosts=["nowhere.example"]), True, "hosts: not in the inventory: nowhere.example"),
        (dict(CREDENTIALS, colour="blue"), False, "colour"),
        (dict(CREDENTIALS, timeout="soon"), False, "timeout"),
    ],
)
def test_bad_options_fail_before_any_request(orgs, args, check_mode, message):
    with pytest.raises(AnsibleActionFail) as failure:
        run_fleet(args, check_mode=check_mode)
    assert message in str(failure.value) and PASSWORD not in str(failure.value)
    assert all(service.calls == [] for service in orgs.orgs.values())


def test_without_credentials_each_managed_org_fails_naming_what_to_set(orgs):
    result = run_fleet({"api_url": "https://us1.example.test"})
    for host in ("a.example", "b.example"):
        assert result["orgs"][host]["status"] == "failed"
        assert (
            "no credentials for https://us1.example.test (missing required arguments: user"
            in (result["orgs"][host]["msg"])
        )
        assert "set proofpoint_user and proofpoint_password" in result["orgs"][host]["msg"]
    assert result["orgs"]["c.example"]["status"] == "unmanaged"
    assert all(service.calls == [] for service in orgs.orgs.values())


def test_each_partners_orgs_go_to_its_api_with_its_user(orgs, monkeypatch):
    sent = []

    def request(session, method, url, **kw):
        sent.append((url.split("/api/")[0], url.split("/orgs/")[1].split("/")[0], session.headers["X-user"]))
        return orgs.request(method, url, kw.get("json"))

    monkeypatch.setattr(requests.Session, "request", request)
    b_account = {"proofpoint_api_url": "https://eu1.example.test", "proofpoint_partner": "distri.example"}
    hostvars = dict(
        HOSTVARS,
        **{
            "b.example": dict(
                HOSTVARS["b.example"], **b_account, proofpoint_user="ops@distri.example", proofpoint_password="B-2"
            ),
            "d.example": dict(proofpoint_org="d.example", domains_list=[{"name": "d.example"}], **b_account),
        },
    )
    fleet = action(Fleet, CREDENTIALS)
    result = fleet.run(task_vars={"ansible_play_batch": list(hostvars), "hostvars": FakeHostVars(hostvars)})
    assert sorted(set(sent)) == [
        ("https://eu1.example.test", "b.example", "ops@distri.example"),
        ("https://us1.example.test", "a.example", "partner@msp.example"),
    ]
    assert result["orgs"]["b.example"]["status"] == "in_sync"
    assert result["orgs"]["b.example"]["api_url"] == "https://eu1.example.test"
    # d.example: the task's credentials are for us1, its inventory says eu1 and it has none of its own
    assert result["orgs"]["d.example"]["msg"].startswith(
        "d.example (partner distri.example) lives on https://eu1.example.test (its proofpoint_api_url"
    )
    assert "B-2" not in repr(result) and PASSWORD not in repr(result)


def test_a_missing_domains_file_fails_its_org_only(orgs, monkeypatch):
    hostvars = dict(HOSTVARS, **{"b.example": {"proofpoint_org": "b.example", "domains_list_file": "b.yml"}})
    fleet = action(Fleet, CREDENTIALS)

    def not_found(kind, path):
        raise AnsibleError("Could not find or access '%s' in %s" % (path, kind))

    monkeypatch.setattr(fleet, "_find_needle", not_found)
    result = fleet.run(task_vars={"ansible_play_batch": list(hostvars), "hostvars": FakeHostVars(hostvars)})
    assert result["orgs"]["b.example"]["msg"].startswith(
        "variables of host b.example: domains_list_file: b.yml was not found on the controller"
    )
    assert result["orgs"]["a.example"]["status"] == "changed"


def test_only_a_value_that_may_hold_a_template_is_templated(orgs):
    hostvars = FakeHostVars(
        dict(HOSTVARS, **{"b.example": {"proofpoint_org": "b.example", "domains_exclusive": "{{ exclusive }}"}})
    )
    fleet = action(Fleet, CREDENTIALS)
    result = fleet.run(task_vars={"ansible_play_batch": list(hostvars), "hostvars": hostvars})
    assert hostvars.templated == ["b.example"]  # a.example and c.example are plain data, taken as they are
    assert "domains_exclusive: 'templated' is not a boolean" in result["orgs"]["b.example"]["msg"]


def report(**fields):
    return dict({"org": "a.example", "status": "in_sync", "msg": "a.example: in sync", "changed": False}, **fields)


def test_each_host_shows_its_own_outcome():
    shown = action(FleetOrg, {"result": report()}).run(task_vars={})
    assert shown["msg"] == "a.example: in sync" and shown["changed"] is False and "failed" not in shown
    assert shown["_ansible_verbose_always"] is True
    changed = action(FleetOrg, {"result": report(changed=True, diff=[{"before": {}}])}, diff=True).run(task_vars={})
    assert changed["changed"] is True and changed["diff"] == [{"before": {}}]
    failed = action(FleetOrg, {"result": report(status="failed", failed=True)}).run(task_vars={})
    assert failed["failed"] is True


def test_the_entry_is_read_from_the_registered_result():
    task_vars = {"inventory_hostname": "a.example", "fleet": {"orgs": {"a.example": report(changed=True)}}}
    shown = action(FleetOrg, {"registered": "fleet"}).run(task_vars=task_vars)
    assert shown["org"] == "a.example" and shown["changed"] is True


@pytest.mark.parametrize(
    "args, task_vars, message",
    [
        ({"result": "oops"}, {}, "result: expected this org's entry of a proofpoint_fleet result, got str"),
        ({"registered": "fleet"}, {"inventory_hostname": "b.example"}, "registered: fleet.orgs[b.example]"),
        (
            {"registered": "fleet"},
            {"inventory_hostname": "b.example", "fleet": {"orgs": {"a.example": report()}}},
            "got NoneType; did proofpoint_fleet run for this host?",
        ),
        ({}, {}, "give one of result or registered"),
        ({"result": report(), "registered": "fleet"}, {}, "give one of result or registered"),
    ],
)
def test_a_missing_entry_is_named(args, task_vars, message):
    with pytest.raises(AnsibleActionFail) as failure:
        action(FleetOrg, args).run(task_vars=task_vars)
    assert message in str(failure.value)
