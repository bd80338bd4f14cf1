# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A cancelled run stops writing: AWX cancels a job by signalling ansible-playbook (SIGINT, SIGTERM,
then SIGKILL), and the module, in a session of its own, is not signalled. No write may start later
than 1 s after the controller has exited, and a re-run converges. Before the module watched its
ancestors, SIGKILL left 156 of 235 writes landing after the controller had gone."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest
from conftest import ANSIBLE_BIN, INVENTORY, SEED, Ansible
from launcher import Emulator
from leftovers import TEST_VARIABLE, end_processes
from test_fleet import PARTNER, fleet_copy

COUNT = 400
PLAY = """
- name: Many creates
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Create them
      proofpoint.essentials.proofpoint_domains:
        org: customer.com
        concurrency: 4
        domains_file: %s
"""


def writes_around_a_stop(emulator, command, env, marker, stop):
    """Start ``command``, ``stop`` it once 20 writes have landed, and return the emulator's writes 4 s later
    with the time the controller exited. ansible-playbook's worker and the modules run in sessions of their
    own: killed alone, ansible-playbook leaves its worker blocked on sending a result nobody reads, so what
    is left is ended here, as every test ends what it started."""
    controller = subprocess.Popen(
        command,
        env=dict(env, **{TEST_VARIABLE: marker}),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.time() + 120
        while len(emulator.writes()) < 20 and time.time() < deadline:
            time.sleep(0.1)
        assert emulator.writes(), "no write started"
        stop(controller)
        controller.wait(timeout=60)
        exited = time.time()
        time.sleep(4)
        return emulator.writes(), exited
    finally:
        end_processes(TEST_VARIABLE, marker, grace=5)


def late_writes(writes, exited):
    """The writes that landed more than 1 s after the controller exited."""
    return [write for write in writes if write["time"] > exited + 1.0]


@pytest.fixture
def slow_emulator(tmp_path):
    with Emulator(SEED, latency_ms=30) as running:
        yield running, Ansible(running, tmp_path)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_no_write_starts_a_second_after_the_controller_exits(slow_emulator, tmp_path, signum):
    emulator, ansible = slow_emulator
    domains = tmp_path / "domains.json"
    domains.write_text(json.dumps([{"name": "c%03d.example.org" % n, "destination": "10.0.0.1"} for n in range(COUNT)]))
    playbook = tmp_path / "many.yml"
    playbook.write_text(PLAY % domains)
    command = [os.path.join(ANSIBLE_BIN, "ansible-playbook"), "-i", INVENTORY, str(playbook)]
    writes, exited = writes_around_a_stop(
        emulator, command, ansible.env, str(tmp_path), lambda controller: controller.send_signal(signum)
    )
    late = late_writes(writes, exited)
    assert late == [], "%d of %d writes landed more than 1 s after the controller exited" % (len(late), len(writes))
    assert len(writes) < COUNT

    again = ansible.run(str(playbook))
    assert again.rc == 0, again.output[-2000:]
    assert sum(1 for name in emulator.domains("customer.com") if name.endswith(".example.org")) >= COUNT


# 16 orgs run at once; the last 4 start only once those end, long after the controller was killed.
ORGS, CREATES = 20, 100


@pytest.fixture
def slow_fleet(tmp_path):
    with Emulator(SEED, latency_ms=30, extra_args=["--children", str(ORGS), "--domains-per-org", "1"]) as running:
        yield running, Ansible(running, tmp_path)


@pytest.mark.parametrize("whole_group", [False, True])
def test_no_fleet_org_writes_a_second_after_the_controller_is_killed(slow_fleet, tmp_path, whole_group):
    # The fleet runs in ansible-playbook's worker: killed alone, ansible-playbook leaves the worker
    # re-parented, and every org, however late it starts, must notice.
    emulator, ansible = slow_fleet
    orgs = sorted(emulator.state())
    orgs = [org for org in orgs if org.endswith(".fleet.example")]
    assert len(orgs) == ORGS
    host_vars = {
        org: {
            "domains_concurrency": 1,
            "domains_list": [{"name": "c%03d.%s" % (n, org), "destination": "10.0.0.1"} for n in range(CREATES)],
        }
        for org in orgs
    }
    project = fleet_copy(tmp_path, host_vars)
    command = [
        os.path.join(ANSIBLE_BIN, "ansible-playbook"),
        "-i",
        str(project / "inventory"),
        str(project / "converge.yml"),
    ]

    def kill(controller):
        if whole_group:
            os.killpg(controller.pid, signal.SIGKILL)
        else:
            controller.kill()

    writes, exited = writes_around_a_stop(emulator, command, dict(ansible.env, **PARTNER), str(tmp_path), kill)
    late = late_writes(writes, exited)
    assert late == [], "%d of %d writes landed more than 1 s after the controller was killed" % (len(late), len(writes))
    assert len(writes) < ORGS * CREATES
