# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet: the proofpoint_orgs inventory and playbooks/fleet, for real, against the emulator."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading

import pytest
import yaml

from conftest import ANSIBLE_BIN, PASSWORD, ROOT, SEED, Ansible
from launcher import Emulator

FLEET = os.path.join(ROOT, "playbooks", "fleet")
PARTNER = {
    "PROOFPOINT_ESSENTIALS_USER": "msp@partner.net",
    "PROOFPOINT_ESSENTIALS_ORG": "partner.net",
    "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1",
}
ORGS_READ = "/api/v1/orgs/partner.net/orgs"


def inventory_list(ansible, source, env=None, args=()):
    """A real ansible-inventory --list (its JSON in ``data`` unless -v output shares stdout)."""
    environment = {**ansible.env, **PARTNER, **(env or {})}
    command = [os.path.join(ANSIBLE_BIN, "ansible-inventory"), "-i", source, "--list"] + list(args)
    listed = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300, check=False)
    listed.data = plain(json.loads(listed.stdout)) if listed.returncode == 0 and not args else None
    return listed


def plain(value):
    """ansible-core 2.19 marks what an inventory plugin read as {"__ansible_unsafe": ...}: unwrap it."""
    if isinstance(value, dict):
        return (
            value["__ansible_unsafe"] if set(value) == {"__ansible_unsafe"} else {k: plain(v) for k, v in value.items()}
        )
    return [plain(item) for item in value] if isinstance(value, list) else value


def fleet_copy(tmp_path, host_vars):
    """playbooks/fleet with the given host_vars (org -> role variables), as a project directory."""
    project = tmp_path / "fleet"
    shutil.copytree(FLEET, project, ignore=shutil.ignore_patterns("host_vars"))
    (project / "host_vars").mkdir()
    for org, variables in host_vars.items():
        (project / "host_vars" / (org + ".yml")).write_text(json.dumps(variables))
    return project


def recaps(run):
    """PLAY RECAP counters per host."""
    counters = {}
    for line in run.stdout.splitlines():
        if " : ok=" in line:
            host, _sep, rest = line.partition(" : ")
            counters[host.strip()] = {k: int(v) for k, v in (part.split("=") for part in rest.split())}
    return counters


def test_inventory_lists_every_child_org_in_one_request(ansible, emulator):
    verbose = inventory_list(ansible, os.path.join(FLEET, "inventory"), args=["-vvvv"])
    assert verbose.returncode == 0 and "proofpoint_current_domains" in verbose.stdout, verbose.stderr
    assert PASSWORD not in verbose.stdout + verbose.stderr
    emulator.clear_requests()
    data = inventory_list(ansible, os.path.join(FLEET, "inventory")).data
    assert sorted(data["proofpoint_orgs"]["hosts"]) == ["alpha.example", "bravo.example", "charlie.example"]
    assert data["package_Advanced"]["hosts"] == ["alpha.example"]
    alpha = data["_meta"]["hostvars"]["alpha.example"]
    assert alpha["proofpoint_org_name"] == "Alpha" and alpha["proofpoint_api_url"] == emulator.url
    assert [d["name"] for d in alpha["proofpoint_current_domains"]] == ["alpha.example", "old.alpha.example"]
    assert [(r["method"], r["path"]) for r in emulator.requests()] == [("GET", ORGS_READ)]


@pytest.mark.parametrize(
    "env, message",
    [
        (
            {"PROOFPOINT_ESSENTIALS_USER": "admin@customer.com", "PROOFPOINT_ESSENTIALS_ORG": "customer.com"},
            "is admin@customer.com a Channel Admin of partner customer.com",
        ),
        ({"PROOFPOINT_ESSENTIALS_PASSWORD": "wrong-Passw0rd"}, "HTTP 401 (invalid credentials)"),
        (
            {"PROOFPOINT_ESSENTIALS_STACK": "us1", "PROOFPOINT_ESSENTIALS_API_URL": ""},
            "DNS error talking to https://us1",
        ),
    ],
)
def test_inventory_failures_are_clear_and_keep_the_password(ansible, emulator, env, message):
    listed = inventory_list(
        ansible, os.path.join(FLEET, "inventory"), env=dict(env, PROOFPOINT_ESSENTIALS_RETRIES="0"), args=["-vvvv"]
    )
    assert listed.returncode != 0 and message in listed.stderr, listed.stderr
    assert PASSWORD not in listed.stdout + listed.stderr and "wrong-Passw0rd" not in listed.stdout + listed.stderr


def test_fleet_converges_managed_orgs_and_reports_the_others(ansible, emulator):
    run = ansible.run(
        os.path.join(FLEET, "converge.yml"),
        inventory=os.path.join(FLEET, "inventory"),
        env=PARTNER,
        args=["--forks", "5"],
    )
    assert run.rc == 0, run.output
    assert "alpha.example: 2 created, 1 updated, 1 deleted, 0 unchanged" in run.stdout
    assert "charlie.example: unmanaged, no host_vars/charlie.example.yml" in run.stdout
    assert sorted(emulator.domains("alpha.example")) == ["alpha.example", "shop.alpha.example", "www.alpha.example"]
    assert emulator.domains("bravo.example")["mail.bravo.example"]["failovers"] == ["192.0.2.81", "192.0.2.82"]

    emulator.clear_requests()
    again = ansible.run(os.path.join(FLEET, "converge.yml"), inventory=os.path.join(FLEET, "inventory"), env=PARTNER)
    assert again.rc == 0 and all(counts["changed"] == 0 for counts in recaps(again).values()), again.output
    assert sorted(r["path"] for r in emulator.requests()) == [
        "/api/v1/orgs/alpha.example/domains",
        "/api/v1/orgs/bravo.example/domains",
        ORGS_READ,
    ]
