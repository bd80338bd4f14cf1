# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The multi-org fan-out: the example inventory (one host per org) and the role, with forks."""

from __future__ import annotations

import os

from conftest import ROOT

PLAYBOOK = os.path.join(ROOT, "playbooks", "multi_org", "apply.yml")
INVENTORY = os.path.join(ROOT, "playbooks", "multi_org", "inventory", "orgs.yaml")
MSP = {"PROOFPOINT_ESSENTIALS_USER": "msp@partner.net"}


def names(emulator, org):
    return sorted(emulator.domains(org))


def test_every_org_converges_in_parallel_and_stays_converged(ansible, emulator):
    run = ansible.run(PLAYBOOK, inventory=INVENTORY, env=MSP, args=["--forks", "3"])
    assert run.rc == 0, run.output
    assert "alpha.example: 2 created, 1 updated, 1 deleted, 0 unchanged" in run.stdout

    assert names(emulator, "alpha.example") == ["alpha.example", "shop.alpha.example", "www.alpha.example"]
    assert emulator.domains("alpha.example")["www.alpha.example"]["failovers"] == ["10.3.0.2"]
    assert emulator.domains("alpha.example")["shop.alpha.example"]["is_relay"] is True
    assert names(emulator, "bravo.example") == ["bravo.example", "mail.bravo.example"]
    assert emulator.domains("bravo.example")["mail.bravo.example"]["failovers"] == ["192.0.2.81", "192.0.2.82"]
    assert names(emulator, "charlie.example") == ["charlie.example", "eu.charlie.example"]
    assert emulator.domains("charlie.example")["eu.charlie.example"]["destination"] == "2001:db8::25"
    # The other orgs of the world are untouched.
    assert names(emulator, "customer.com") == ["customer.com", "keep.customer.com", "stale.customer.com"]

    emulator.clear_requests()
    again = ansible.run(PLAYBOOK, inventory=INVENTORY, env=MSP, args=["--forks", "3"])
    assert again.rc == 0, again.output
    assert all(
        line.count("changed=0") == 1 for line in again.stdout.splitlines() if ".example " in line and "ok=" in line
    )
    requests = emulator.requests()
    assert sorted(r["path"] for r in requests) == [
        "/api/v1/orgs/%s/domains" % org for org in ("alpha.example", "bravo.example", "charlie.example")
    ]


def test_check_mode_across_orgs_writes_nothing(ansible, emulator):
    run = ansible.run(PLAYBOOK, inventory=INVENTORY, env=MSP, args=["--check", "--diff"])
    assert run.rc == 0, run.output
    assert "(check mode: nothing was written)" in run.stdout
    assert [r for r in emulator.requests() if r["method"] != "GET"] == []
    assert names(emulator, "alpha.example") == ["alpha.example", "old.alpha.example"]
