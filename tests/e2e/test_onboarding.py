# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Customers onboarded as code: the onboarding runbook, and the fleet creating the declared orgs a partner lacks."""

from __future__ import annotations

import json
import os
import shutil

from conftest import PASSWORD, ROOT
from test_fleet import PARTNER, fleet_copy, recaps

EXAMPLES = os.path.join(ROOT, "docs", "examples", "onboarding")


def customers(project, extra=None):
    """The example's customers.yaml in the fleet's inventory, with more declared orgs when given."""
    inventory = project / "inventory" / "customers.yaml"
    shutil.copy(os.path.join(EXAMPLES, "customers.yaml"), inventory)
    if extra:
        text = inventory.read_text().replace("  hosts:\n", "  hosts:\n" + extra, 1)
        inventory.write_text(text)


FOXTROT = """    foxtrot.example:
      proofpoint_org_spec:
        name: "{{ '{{' }} 7 * 7 {{ '}}' }}"
        admin_user: {email: it@foxtrot.example}
      proofpoint_partner: partner.net
      domains_list:
        - {name: foxtrot.example, destination: 10.9.0.1, is_active: true}
"""


def test_the_runbook_checks_then_onboards_and_a_rerun_changes_nothing(ansible, emulator):
    playbook = os.path.join(ROOT, "playbooks", "onboard.yml")
    variables = {"onboard_file": os.path.join(EXAMPLES, "delta.example.yml")}
    env = {"PROOFPOINT_ESSENTIALS_USER": "msp@partner.net"}
    checked = ansible.run(playbook, extra_vars=variables, env=env, args=["--check", "--diff"])
    assert checked.rc == 0, checked.output
    assert "organization delta.example would be created" in checked.stdout and "+ org delta.example" in checked.stdout
    assert emulator.writes() == []

    done = ansible.run(playbook, extra_vars=variables, env=env, args=["-vvvv"])
    assert done.rc == 0 and done.recap()["changed"] == 1, done.output
    assert sorted(emulator.domains("delta.example")) == ["delta.example", "mail.delta.example"]
    assert PASSWORD not in done.output

    emulator.clear_requests()
    again = ansible.run(playbook, extra_vars=variables, env=env)
    assert again.rc == 0 and again.recap()["changed"] == 0, again.output
    assert [(r["method"], r["path"]) for r in emulator.requests()] == [("GET", "/api/v1/orgs/delta.example")]


def test_the_runbook_says_what_is_wrong_with_its_file_before_any_request(ansible, emulator, tmp_path):
    playbook = os.path.join(ROOT, "playbooks", "onboard.yml")
    no_customer = tmp_path / "no-customer.yml"
    no_customer.write_text("customers:\n  primary_domain: delta.example\n")
    for file, words in (
        ("docs/examples/onboarding/nope.yml", "must name a vars file that exists"),
        (str(no_customer), "must hold a mapping `customer` with at least primary_domain"),
    ):
        run = ansible.run(
            playbook, extra_vars={"onboard_file": file}, env={"PROOFPOINT_ESSENTIALS_USER": "msp@partner.net"}
        )
        assert run.rc != 0 and words in run.output and "is undefined" not in run.output, run.output[-2000:]
    assert emulator.requests() == []


def test_the_fleet_creates_declared_orgs_converges_their_domains_and_then_changes_nothing(ansible, emulator, tmp_path):
    project = fleet_copy(tmp_path, {})
    customers(project, FOXTROT)
    converge = [str(project / "converge.yml"), str(project / "inventory")]

    report_dir = tmp_path / "report"
    report = ansible.run(
        str(project / "drift-report.yml"),
        inventory=str(project / "inventory"),
        env=PARTNER,
        extra_vars={"drift_report_dir": str(report_dir), "drift_plan_from_inventory": True},
    )
    assert report.rc == 0, report.output
    data = json.loads((report_dir / "drift-report.json").read_text())
    assert int(data["totals"]["to_create"]) == 2 and int(data["totals"]["drifting"]) == 0, data["totals"]
    created = {org["host"]: org for org in data["orgs"] if org["created"]}
    assert sorted(created) == ["echo.example", "foxtrot.example"]
    assert created["echo.example"]["summary"]["created"] == 2
    assert "to create" in (report_dir / "drift-report.html").read_text()
    assert emulator.writes() == [] and [r["path"] for r in emulator.requests()] == ["/api/v1/orgs/partner.net/orgs"]

    emulator.clear_requests()
    run = ansible.run(converge[0], inventory=converge[1], env=PARTNER)
    assert run.rc == 0, run.output
    assert "organization created under partner.net" in run.stdout
    counts = recaps(run)
    assert counts["echo.example"]["changed"] == counts["foxtrot.example"]["changed"] == 1, counts
    assert sorted(emulator.domains("echo.example")) == ["echo.example", "shop.echo.example"]
    state = emulator.state()
    assert state["foxtrot.example"]["name"] == "{{ 7 * 7 }}" and state["echo.example"]["user_licenses"] == 15
    posts = [r["path"] for r in emulator.writes()]
    assert posts.count("/api/v1/orgs/partner.net/orgs") == 2 and len(posts) == 2, posts

    emulator.clear_requests()
    again = ansible.run(converge[0], inventory=converge[1], env=PARTNER)
    assert again.rc == 0 and all(counts["changed"] == 0 for counts in recaps(again).values()), again.output
    assert emulator.writes() == []
    # Now listed by the partner: one read of its domains, as for every org.
    assert "/api/v1/orgs/echo.example/domains" in [r["path"] for r in emulator.requests()]


def test_fifty_new_customers_in_one_run_cost_three_requests_each(ansible, emulator, tmp_path):
    project = fleet_copy(tmp_path, {})
    hosts = {
        "new%02d.example" % index: {
            "proofpoint_org_spec": {
                "partner": "partner.net",
                "name": "New %d" % index,
                "admin_user": {"email": "it@x.example"},
            },
            "domains_list": [
                {"name": "%snew%02d.example" % (prefix, index), "destination": "10.7.0.%d" % index}
                for prefix in ("", "mail.")
            ],
        }
        for index in range(50)
    }
    (project / "inventory" / "customers.yaml").write_text(json.dumps({"proofpoint_orgs": {"hosts": hosts}}))
    run = ansible.run(str(project / "converge.yml"), inventory=str(project / "inventory"), env=PARTNER)
    assert run.rc == 0, run.output
    counts = recaps(run)
    assert sum(counts[host]["changed"] for host in hosts) == 50, counts
    # The listing, then for each customer: the read (404), the create carrying both domains, the read-back.
    requests = [(r["method"], r["path"]) for r in emulator.requests()]
    assert requests.count(("GET", "/api/v1/orgs/partner.net/orgs")) == 1
    assert requests.count(("POST", "/api/v1/orgs/partner.net/orgs")) == 50 and len(requests) == 1 + 3 * 50
    assert all(sorted(emulator.domains(host)) == ["mail." + host, host] for host in hosts)

    emulator.clear_requests()
    again = ansible.run(str(project / "converge.yml"), inventory=str(project / "inventory"), env=PARTNER)
    assert again.rc == 0 and all(counts["changed"] == 0 for counts in recaps(again).values()), again.output
    assert len(emulator.requests()) == 1 + 50 and emulator.writes() == []


def test_the_per_host_converge_sends_a_declared_customer_to_converge_yml(ansible, emulator, tmp_path):
    project = fleet_copy(tmp_path, {})
    customers(project)
    run = ansible.run(str(project / "converge-per-host.yml"), inventory=str(project / "inventory"), env=PARTNER)
    assert run.rc != 0 and recaps(run)["echo.example"]["failed"] == 1, run.output[-3000:]
    assert "echo.example: declared in proofpoint_org_spec and not in its partner's listing" in run.stdout
    assert "Run playbooks/fleet/converge.yml" in run.stdout and "is undefined" not in run.output
    assert [r for r in emulator.writes() if "echo.example" in r["path"]] == []
