# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names that lie and orgs that cannot be used: a name from the service holding an invisible or
bidirectional character is shown escaped and never paired with a look-alike; an org whose data cannot be
used is left out of the inventory, named, and reported by the fleet, not hiding the others."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import ROOT, SEED, Ansible
from launcher import Emulator
from test_fleet import FLEET, PARTNER, inventory_list

ZWSP, RLO = "\u200b", "\u202e"
HIDDEN_NAME = "sh%sop.zw.example" % ZWSP


def seed_with_bad_data(tmp_path):
    with open(SEED, encoding="utf-8") as handle:
        seed = json.load(handle)
    seed["orgs"]["zw.example"] = {
        "parent": "partner.net",
        "name": "Evil%sCorp" % RLO,
        "domains": [{"name": HIDDEN_NAME, "destination": "10.0.0.1", "is_active": True, "is_relay": False}],
    }
    # Two domains that are one name once compared (trailing dot), and a primary that is no domain name.
    seed["orgs"]["dup.example"] = {
        "parent": "partner.net",
        "domains": [{"name": "www.dup.example", "destination": "10.0.0.1"}, {"name": "www.dup.example."}],
    }
    seed["orgs"]["not_a_domain"] = {"parent": "partner.net"}
    path = tmp_path / "bad-seed.json"
    path.write_text(json.dumps(seed))
    return str(path)


@pytest.fixture
def bad_data(tmp_path):
    with Emulator(seed_with_bad_data(tmp_path)) as emulator:
        yield emulator, Ansible(emulator, tmp_path)


def test_orgs_that_cannot_be_used_are_left_out_named_and_the_rest_listed(bad_data, tmp_path):
    _emulator, ansible = bad_data
    listed = inventory_list(ansible, os.path.join(FLEET, "inventory"))
    assert listed.returncode == 0, listed.stderr
    hosts = sorted(listed.data["proofpoint_orgs"]["hosts"])
    assert hosts == ["alpha.example", "bravo.example", "charlie.example", "zw.example"]
    warnings = " ".join(listed.stderr.split())
    assert "proofpoint_orgs: dup.example left out: organization dup.example: the service lists two domains" in warnings
    assert "proofpoint_orgs: not_a_domain left out:" in warnings
    skipped = listed.data["_meta"]["hostvars"]["alpha.example"]["proofpoint_skipped_orgs"]
    assert [entry["org"] for entry in skipped] == ["dup.example", "not_a_domain"]

    strict = tmp_path / "strict"
    strict.mkdir()
    source = strict / "partner.proofpoint_orgs.yml"
    source.write_text("plugin: proofpoint.essentials.proofpoint_orgs\nstrict: true\n")
    failed = inventory_list(ansible, str(source))
    assert failed.returncode != 0 and "organization dup.example: the service lists two domains" in failed.stderr


def test_adopt_then_converge_shows_a_hidden_character_and_never_pairs_look_alikes(bad_data, tmp_path):
    emulator, ansible = bad_data
    project = tmp_path / "fleet"
    shutil.copytree(FLEET, project, ignore=shutil.ignore_patterns("host_vars"))
    adopt = ansible.run(
        os.path.join(ROOT, "playbooks", "adopt.yml"),
        inventory=str(project / "inventory"),
        env=PARTNER,
        args=["--limit", "zw.example"],
        extra_vars={"adopt_dir": str(project / "host_vars")},
    )
    assert adopt.rc == 0, adopt.output[-3000:]
    assert "1 left out, holding an invisible or bidirectional character: sh\\\\u200bop.zw.example" in adopt.stdout
    written = (project / "host_vars" / "zw.example.yml").read_text()
    assert ZWSP not in written and "# Left out: " in written

    converge = ansible.run(
        str(project / "converge.yml"),
        inventory=str(project / "inventory"),
        env=PARTNER,
        args=["--check", "--diff", "--limit", "zw.example"],
    )
    assert converge.rc == 0, converge.output[-3000:]
    # The service's name is shown escaped wherever it appears, and nothing is created in its likeness.
    assert ZWSP not in converge.output and RLO not in converge.output
    assert "zw.example/sh\\u200bop.zw.example (delete)" in converge.stdout
    assert "shop.zw.example" not in converge.stdout.replace("sh\\u200bop.zw.example", "")
    assert emulator.writes() == []


def test_the_drift_report_escapes_hidden_characters_and_lists_the_orgs_left_out(bad_data, tmp_path):
    _emulator, ansible = bad_data
    report_dir = tmp_path / "report"
    run = ansible.run(
        os.path.join(FLEET, "drift-report.yml"),
        inventory=os.path.join(FLEET, "inventory"),
        env=PARTNER,
        extra_vars={"drift_report_dir": str(report_dir)},
    )
    assert run.rc == 0, run.output[-3000:]
    page = (report_dir / "drift-report.html").read_text(encoding="utf-8")
    assert RLO not in page and ZWSP not in page
    assert "Evil\\u202eCorp" in page
    assert "Left out by the inventory" in page and "not_a_domain" in page and "dup.example" in page
    data = json.loads((report_dir / "drift-report.json").read_text())
    assert [entry["org"] for entry in data["left_out"]] == ["dup.example", "not_a_domain"]


def test_from_the_repository_root_the_inventory_error_is_the_only_one(ansible):
    # As the guide runs it: the fleet's inventory directory is read by the collection's plugin alone.
    run = ansible.run(
        os.path.join(FLEET, "converge.yml"),
        inventory=os.path.join(FLEET, "inventory"),
        env=dict(
            PARTNER,
            PROOFPOINT_ESSENTIALS_PASSWORD="wrong-Passw0rd",
            ANSIBLE_INVENTORY_UNPARSED_FAILED="0",
            ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED="0",
        ),
        cwd=ROOT,
    )
    assert run.rc != 0
    assert "HTTP 401: invalid credentials" in run.output
    assert "Failed to parse inventory with" in run.output
    for other in ("'yaml' plugin", "'ini' plugin", "'auto' plugin", "Invalid host pattern", "not YAML inventory"):
        assert other not in run.output, run.output[-3000:]
    assert "wrong-Passw0rd" not in run.output
