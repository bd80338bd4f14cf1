# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The domain_drift event source under a real ansible-rulebook (its Java rule engine included), against
the emulator: a change made outside Ansible becomes an event, and the collection's rulebook heals it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest
from conftest import ANSIBLE_BIN, PASSWORD
from test_fleet import FLEET, ORGS_READ, PARTNER, post_as_partner

RULEBOOK = os.path.join(ANSIBLE_BIN, "ansible-rulebook")
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))

pytestmark = pytest.mark.skipif(
    not os.path.exists(RULEBOOK), reason="ansible-rulebook is installed in the main venv only (requirements/dev.txt)"
)


class Rulebook:
    """ansible-rulebook running the collection's heal_drift rulebook from a project with playbooks/fleet."""

    def __init__(self, ansible, project, password=PASSWORD):
        self.log = project / "rulebook.log"
        env = dict(
            ansible.env,
            **PARTNER,
            PROOFPOINT_ESSENTIALS_PARTNER="partner.net",
            PROOFPOINT_ESSENTIALS_PASSWORD=password,
            DRIFT_INTERVAL="1",
            PATH=ANSIBLE_BIN + os.pathsep + os.environ["PATH"],
        )
        command = [RULEBOOK, "-r", "proofpoint.essentials.heal_drift", "-i", "playbooks/fleet/inventory"]
        # -vv: ansible-rulebook prints the ruleset's sources there ("ruleset define"); the password is in the env.
        command += ["--env-vars", "DRIFT_INTERVAL", "--shutdown-delay", "1", "-vv"]
        with open(self.log, "w") as handle:
            # A session of its own: ending it ends the engine, its Java and any playbook it started.
            self.process = subprocess.Popen(
                command, cwd=project, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
            )

    @property
    def output(self):
        return self.log.read_text()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture
def project(tmp_path, emulator):
    """A project holding playbooks/fleet, whose host_vars declare alpha.example exactly as it is now: its
    domains, and a sender its block list holds."""
    fleet = tmp_path / "project" / "playbooks" / "fleet"
    shutil.copytree(FLEET, fleet, ignore=shutil.ignore_patterns("host_vars"))
    (fleet / "host_vars").mkdir()
    live = emulator.state()["alpha.example"]["domains"]
    declared = [
        {key: domain[key] for key in ("name", "destination", "failovers", "is_active", "is_relay")} for domain in live
    ]
    blocked = {"block": [SENDER]}
    (fleet / "host_vars" / "alpha.example.yml").write_text(
        json.dumps({"domains_list": declared, "proofpoint_sender_lists": blocked})
    )
    sender_lists_outside_ansible(emulator, "POST")
    return tmp_path / "project"


SENDER = "evil@bad.example"


def source_polls(emulator):
    return [entry for entry in emulator.requests() if entry["path"] == ORGS_READ]


def wait_for(what, check, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def change_outside_ansible(emulator, name, destination):
    body = dict(emulator.domains("alpha.example")[name], destination=destination)
    request = urllib.request.Request(
        "%s/api/v1/orgs/alpha.example/domains/%s" % (emulator.url, name),
        data=json.dumps(body).encode(),
        method="PUT",
        headers={"Content-Type": "application/json", "X-user": "msp@partner.net", "X-password": PASSWORD},
    )
    with NO_PROXY.open(request, timeout=10):
        pass


def sender_lists_outside_ansible(emulator, method):
    post_as_partner(emulator, "/orgs/alpha.example/sender-lists", {"block_list": [SENDER]}, method)


def blocked(emulator):
    return emulator.state()["alpha.example"].get("sender_lists", {}).get("", {}).get("block_list", [])


def test_a_change_outside_ansible_is_healed_and_failures_do_not_stop_the_source(ansible, emulator, project):
    name = "alpha.example"
    declared_destination = emulator.domains("alpha.example")[name]["destination"]
    rulebook = Rulebook(ansible, project)
    try:
        wait_for("two polls", lambda: len(source_polls(emulator)) >= 2)
        # Passing failures: a 500, then a 429 with Retry-After; each is logged and the next poll goes on.
        emulator.inject(method="GET", path="/orgs/partner.net/orgs$", status=500, count=1)
        wait_for("the 500", lambda: any(entry["status"] == 500 for entry in source_polls(emulator)))
        emulator.inject(method="GET", path="/orgs/partner.net/orgs$", status=429, retry_after=1, count=1)
        wait_for("the 429", lambda: any(entry["status"] == 429 for entry in source_polls(emulator)))
        emulator.clear_requests()

        change_outside_ansible(emulator, name, "mx.elsewhere.example")
        wait_for(
            "the heal",
            lambda: emulator.domains("alpha.example")[name]["destination"] == declared_destination,
        )
        healed_at = len(source_polls(emulator))
        wait_for("three polls after the heal", lambda: len(source_polls(emulator)) >= healed_at + 3)
        # The blocked sender taken off outside Ansible: the listing shows it, the same rulebook heals it.
        sender_lists_outside_ansible(emulator, "DELETE")
        wait_for("the sender list heal", lambda: blocked(emulator) == [SENDER])
    finally:
        rulebook.stop()
    output = rulebook.output
    writes = [(entry["method"], entry["path"]) for entry in emulator.requests() if entry["method"] != "GET"]
    assert writes == [
        ("PUT", "/api/v1/orgs/alpha.example/domains/alpha.example"),  # the outside change
        ("PUT", "/api/v1/orgs/alpha.example/domains/alpha.example"),  # the heal
        ("DELETE", "/api/v1/orgs/alpha.example/sender-lists"),  # the outside change
        ("POST", "/api/v1/orgs/alpha.example/sender-lists"),  # the heal, planned from the listing
    ], output
    assert output.count("PLAY RECAP") == 2, output  # one converge per drift, of the drifted org only
    assert "alpha.example: sender lists + block_list %s" % SENDER in output, output
    assert "alpha.example: 0 created, 1 updated, 0 deleted" in output, output
    # The heal's own change is one more event, matching the declaration; unchanged polls give none.
    assert output.count("alpha.example: its domains changed and match its declaration") == 1, output
    assert "HTTP 500" in output and "HTTP 429" in output, output
    # At -vv ansible-rulebook prints the ruleset's sources with their arguments: the password, given in the
    # environment, is not among them.
    assert "ruleset define" in output and PASSWORD not in output


def test_wrong_credentials_end_the_source_with_one_message(ansible, emulator, project):
    wrong = "Wr0ng-" + PASSWORD
    rulebook = Rulebook(ansible, project, password=wrong)
    try:
        rulebook.process.wait(timeout=120)
    finally:
        rulebook.stop()
    output = rulebook.output
    assert rulebook.process.returncode != 0, output
    assert "the source stops: GET /api/v1/orgs/partner.net/orgs failed with HTTP 401" in output, output
    assert wrong not in output and PASSWORD not in output
    assert len(source_polls(emulator)) == 1
