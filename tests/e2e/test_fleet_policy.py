# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet's policy: one sender blocked in every customer org (planned from the partner's listing, a write
only where the entry is missing) and an org's features, by playbooks/fleet/converge.yml against the
emulator; proofpoint_features alone, with the service's string booleans and its package refusal."""

from __future__ import annotations

import json
import os

import pytest
from conftest import PASSWORD, ROOT, SEED, Ansible
from launcher import Emulator
from test_fleet import ORGS_READ, PARTNER, fleet_copy, post_as_partner, recaps

SENDER = "evil@bad.example"


def policy_requests(emulator):
    """(method, path) of every request but the domain reads."""
    return [(r["method"], r["path"]) for r in emulator.requests() if not r["path"].endswith("/domains")]


def already_blocking(emulator, org):
    """The console, say: the org's admin blocked the sender before the run."""
    post_as_partner(emulator, "/orgs/%s/sender-lists" % org, {"block_list": [SENDER.upper()]})


@pytest.mark.parametrize(("per_host", "spelling"), [("true", "older"), ("false", "current")])
def test_one_sender_is_blocked_across_the_fleet_from_the_listing_alone(tmp_path, per_host, spelling):
    extra = ["--children", "6", "--domains-per-org", "2", "--sender-list-spelling", spelling]
    with Emulator(SEED, extra_args=extra) as emulator:
        ansible = Ansible(emulator, tmp_path)
        for org in ("cust002.fleet.example", "bravo.example"):
            already_blocking(emulator, org)
        # cust001's package (Advanced) has Instant Replay; a feature declared for one org beside the lists.
        project = fleet_copy(tmp_path, {"cust001.fleet.example": {"proofpoint_features": {"instant_replay": 14}}})
        (project / "group_vars").mkdir()
        (project / "group_vars" / "proofpoint_orgs.yml").write_text(
            json.dumps({"proofpoint_sender_lists": {"block": [SENDER]}})
        )
        args = ["-e", "fleet_per_host=%s" % per_host, "-e", "fleet_report_dir=%s" % (tmp_path / "report")]

        def run(*more):
            playbook, inventory = str(project / "converge.yml"), str(project / "inventory")
            return ansible.run(playbook, inventory=inventory, env=PARTNER, args=args + list(more))

        lacking = [org for org in emulator.state() if org.endswith(".fleet.example") and org != "cust002.fleet.example"]
        lacking += ["alpha.example", "charlie.example"]
        features = "/api/v1/orgs/cust001.fleet.example/features"

        emulator.clear_requests()
        planned = run("--check", "--diff")
        assert planned.rc == 0, planned.output[-3000:]
        assert emulator.writes() == [] and policy_requests(emulator) == [("GET", ORGS_READ), ("GET", features)]
        assert "cust003.fleet.example: sender lists + block_list %s" % SENDER in planned.stdout
        assert "cust001.fleet.example: features instant_replay: 0 -> 14" in planned.stdout

        emulator.clear_requests()
        applied = run()
        assert applied.rc == 0, applied.output[-3000:]
        lists = "/api/v1/orgs/%s/sender-lists"
        assert sorted(policy_requests(emulator)) == sorted(
            [("GET", ORGS_READ), ("GET", features), ("PUT", features)] + [("POST", lists % org) for org in lacking]
        )
        if per_host == "true":
            changed = {host for host, counts in recaps(applied).items() if counts["changed"]}
            assert changed == set(lacking) and "bravo.example" not in changed
        report = json.loads((tmp_path / "report" / "fleet-report.json").read_text()) if per_host == "false" else None
        if report:
            assert report["totals"]["senders_added"] == len(lacking) and report["totals"]["features_changed"] == 1
            assert report["orgs"]["bravo.example"]["status"] == "in_sync"
        state = emulator.state()
        blocked = state["cust002.fleet.example"]["sender_lists"][""]["block_list"]
        assert blocked == [SENDER.upper()] and state["cust001.fleet.example"]["features"]["instant_replay"] == 14

        emulator.clear_requests()
        again = run()
        assert again.rc == 0 and emulator.writes() == [], again.output[-3000:]
        assert policy_requests(emulator) == [("GET", ORGS_READ), ("GET", features)]
        assert PASSWORD not in planned.output + applied.output + again.output


FEATURES_TASK = """proofpoint.essentials.proofpoint_features:
  org: customer.com
  features: %s"""


def test_features_read_as_strings_set_as_json_and_a_package_refusal_named(tmp_path):
    with Emulator(SEED, extra_args=["--feature-values", "strings"]) as emulator:
        ansible = Ansible(emulator, tmp_path)
        unchanged = ansible.outcome(FEATURES_TASK % json.dumps({"url_defense": True, "dlp": False}))
        assert unchanged["changed"] is False and unchanged["features"]["url_defense"] is True
        done = ansible.outcome(FEATURES_TASK % json.dumps({"disclaimers": "yes"}))
        assert done["changed"] is True and done["features"]["disclaimers"] is True
        refused = ansible.outcome(FEATURES_TASK % json.dumps({"dlp": True, "email_archive": True}))
        assert refused["failed"] is True and refused["changed"] is False
        assert refused["msg"].startswith("turning on dlp, email_archive was refused (the org's package: ")
        assert "PUT /api/v1/orgs/customer.com/features failed with HTTP 403" in refused["msg"]
        assert "package does not include dlp, email_archive" in refused["msg"]
        assert [r["method"] for r in emulator.requests() if r["path"].endswith("/features")].count("PUT") == 2


RUNBOOK = os.path.join(ROOT, "playbooks", "block-sender.yml")


def test_the_runbook_blocks_unblocks_and_allows_a_sender_and_says_where(ansible, emulator):
    inventory = os.path.join(ROOT, "playbooks", "fleet", "inventory")
    orgs = ["alpha.example", "bravo.example", "charlie.example"]
    already_blocking(emulator, "bravo.example")

    def runbook(*args):
        run = ansible.run(RUNBOOK, inventory=inventory, env=PARTNER, args=["-e", "sender=%s" % SENDER] + list(args))
        return run, " ".join(run.stdout.split())

    emulator.clear_requests()
    run, said = runbook()
    assert run.rc == 0, run.output
    assert "changed: alpha.example, charlie.example" in said and "already so: bravo.example" in said
    assert sorted(path for method, path in policy_requests(emulator) if method == "POST") == [
        "/api/v1/orgs/alpha.example/sender-lists",
        "/api/v1/orgs/charlie.example/sender-lists",
    ]
    assert [r for r in emulator.writes() if "/domains" in r["path"]] == []  # nothing else of an org is touched

    emulator.clear_requests()
    run, said = runbook("-e", "state=absent", "--limit", "alpha.example")
    assert run.rc == 0 and "changed: alpha.example" in said and "already so: none" in said, run.output
    assert [(r["method"], r["path"]) for r in emulator.writes()] == [
        ("DELETE", "/api/v1/orgs/alpha.example/sender-lists")
    ]
    state = emulator.state()
    assert [state[org]["sender_lists"][""]["block_list"] for org in orgs] == [[], [SENDER.upper()], [SENDER]]

    run, said = runbook("-e", "list=allow", "--limit", "alpha.example", "--check", "--diff")
    assert run.rc == 0 and "+ allow_list %s" % SENDER in said and "changed: alpha.example" in said, run.output

    run, said = runbook("-e", "list=deny")
    assert run.rc != 0 and "list=deny" in said and "Nothing was sent" in said
    assert PASSWORD not in run.output
