# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_org against the emulator: a customer created, adopted, changed and removed, as a playbook does it."""

from __future__ import annotations

import json

from conftest import PASSWORD

MSP = {"PROOFPOINT_ESSENTIALS_USER": "msp@partner.net"}
NEW = """
proofpoint.essentials.proofpoint_org:
  partner: partner.net
  primary_domain: delta.example
  name: Delta Ltd
  licensing_package: Business
  user_licenses: 40
  admin_user: {email: it@delta.example, firstname: Ada, surname: Admin}
  domains:
    - {name: delta.example, destination: mx1.delta.example, is_active: true}
    - {name: mail.delta.example, destination: 10.4.0.1, failovers: [10.4.0.2], is_active: true}
"""


def org_state(emulator, org):
    return emulator.state().get(org)


def test_create_checked_first_then_done_then_one_read_on_the_rerun(ansible, emulator):
    checked = ansible.outcome(NEW + "check_mode: true\n", args=["--diff"], env=MSP)
    assert checked["changed"] is True and checked["action"] == "created", checked
    assert checked["plan"] == ["+ org delta.example", "+ delta.example", "+ mail.delta.example"]
    assert checked["diff"][0]["after_header"] == "delta.example (create)"
    assert checked["diff"][0]["after"]["admin_user"] == {
        "email": "it@delta.example",
        "firstname": "Ada",
        "surname": "Admin",
    }
    assert org_state(emulator, "delta.example") is None
    assert emulator.writes() == []

    emulator.clear_requests()
    created = ansible.outcome(NEW, env=MSP)
    assert created["changed"] is True and created["action"] == "created", created
    assert created["domains"]["summary"]["created"] == 2, created
    assert created["org"]["user_licenses"] == 40 and created["org"]["partner"] == "partner.net"
    stored = org_state(emulator, "delta.example")
    assert stored["parent"] == "partner.net" and stored["name"] == "Delta Ltd"
    assert {d["name"]: d["failovers"] for d in stored["domains"]} == {
        "delta.example": [],
        "mail.delta.example": ["10.4.0.2"],
    }
    # The create carried the domains: one POST, then the read-back; nothing sent domain by domain.
    assert [(r["method"], r["path"]) for r in emulator.requests()] == [
        ("GET", "/api/v1/orgs/delta.example"),
        ("POST", "/api/v1/orgs/partner.net/orgs"),
        ("GET", "/api/v1/orgs/delta.example"),
    ]

    emulator.clear_requests()
    again = ansible.outcome(NEW, env=MSP)
    assert again["changed"] is False and again["action"] == "unchanged", again
    assert [(r["method"], r["path"]) for r in emulator.requests()] == [("GET", "/api/v1/orgs/delta.example")]


def test_one_changed_field_is_one_patch_of_that_field_with_its_diff(ansible, emulator):
    task = """
proofpoint.essentials.proofpoint_org:
  partner: partner.net
  primary_domain: Alpha.Example
  user_licenses: 60
  licensing_package: advanced
"""
    emulator.clear_requests()
    outcome = ansible.outcome(task, args=["--diff"], env=MSP)
    assert outcome["action"] == "updated" and outcome["changes"] == ["user_licenses"], outcome
    assert outcome["diff"][0]["before"]["user_licenses"] == 25 and outcome["diff"][0]["after"]["user_licenses"] == 60
    assert [(r["method"], r["path"]) for r in emulator.requests()] == [
        ("GET", "/api/v1/orgs/alpha.example"),
        ("PATCH", "/api/v1/orgs/alpha.example"),
    ]
    assert org_state(emulator, "alpha.example")["user_licenses"] == 60


def test_an_existing_org_is_adopted_and_its_domains_converged_never_created_again(ansible, emulator):
    task = """
proofpoint.essentials.proofpoint_org:
  partner: partner.net
  primary_domain: bravo.example
  name: Bravo
  admin_user: {email: ops@bravo.example}
  domains:
    - {name: new.bravo.example, destination: 10.5.0.1}
"""
    outcome = ansible.outcome(task, env=MSP)
    assert outcome["action"] == "unchanged" and outcome["changed"] is True, outcome
    assert outcome["plan"] == ["+ new.bravo.example"]
    assert [r["path"] for r in emulator.writes()] == ["/api/v1/orgs/bravo.example/domains/new.bravo.example"]


def test_removal_is_refused_without_confirm_delete_and_done_with_it(ansible, emulator):
    task = """
proofpoint.essentials.proofpoint_org:
  primary_domain: charlie.example
  state: absent
%s
"""
    refused = ansible.outcome(task % "  confirm_delete: charlie.exampel", env=MSP)
    assert refused["failed"] is True
    assert "removes the organization charlie.example" in refused["msg"]
    assert "confirm_delete must be charlie.example" in refused["msg"]
    assert emulator.requests() == []

    removed = ansible.outcome(task % "  confirm_delete: charlie.example", args=["--diff"], env=MSP)
    assert removed["changed"] is True and removed["action"] == "deleted", removed
    assert removed["diff"][0]["after_header"] == "charlie.example (delete)" and removed["diff"][0]["after"] == {}
    assert org_state(emulator, "charlie.example") is None
    again = ansible.outcome(task % "  confirm_delete: charlie.example", env=MSP)
    assert again["changed"] is False and again["action"] == "unchanged", again


def test_a_domain_held_by_another_org_fails_the_create_with_a_clear_409(ansible, emulator):
    task = """
proofpoint.essentials.proofpoint_org:
  partner: partner.net
  primary_domain: echo.example
  name: Echo
  admin_user: {email: it@echo.example}
  domains:
    - {name: keep.customer.com, destination: 10.6.0.1}
"""
    outcome = ansible.outcome(task, env=MSP)
    assert outcome["failed"] is True and outcome["changed"] is False
    assert "creating organization echo.example was refused" in outcome["msg"]
    assert "POST /api/v1/orgs/partner.net/orgs failed with HTTP 409" in outcome["msg"]
    assert "keep.customer.com belongs to organization customer.com" in outcome["msg"]
    assert org_state(emulator, "echo.example") is None


def test_bad_input_fails_before_any_request_naming_the_option(ansible, emulator):
    cases = {
        "primary_domain: not a domain": "primary_domain: 'not a domain' is not a valid domain name",
        "primary_domain: f.example\n  admin_user: {email: nobody}": "admin_user.email is not an email address",
        "primary_domain: f.example\n  user_licenses: -3": "user_licenses must be between 0 and",
    }
    for options, expected in cases.items():
        outcome = ansible.outcome(
            "proofpoint.essentials.proofpoint_org:\n  partner: partner.net\n  " + options, env=MSP
        )
        assert outcome["failed"] is True and expected in outcome["msg"], outcome["msg"]
    assert emulator.requests() == []


def test_template_text_in_a_name_stays_data_and_the_password_never_shows(ansible, emulator, tmp_path):
    task = """
proofpoint.essentials.proofpoint_org:
  partner: partner.net
  primary_domain: foxtrot.example
  name: "{{ '{{' }} lookup('env', 'HOME') {{ '}}' }}"
  admin_user: {email: it@foxtrot.example}
"""
    run = ansible.run(
        "- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: Create\n"
        + "\n".join("      " + line for line in task.strip().splitlines())
        + "\n      register: made\n    - name: Show\n      ansible.builtin.debug:\n        var: made.org.name\n",
        env=MSP,
        args=["-vvvv", "--diff"],
    )
    assert run.rc == 0, run.output
    stored = org_state(emulator, "foxtrot.example")
    assert stored["name"] == "{{ lookup('env', 'HOME') }}"
    assert json.dumps("{{ lookup('env', 'HOME') }}")[1:-1] in run.stdout
    assert PASSWORD not in run.output
