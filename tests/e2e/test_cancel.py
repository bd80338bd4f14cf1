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
    marked = dict(ansible.env, **{TEST_VARIABLE: str(tmp_path)})
    controller = subprocess.Popen(command, env=marked, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while len(emulator.writes()) < 20 and time.time() < deadline:
            time.sleep(0.1)
        assert emulator.writes(), "no write started"
        controller.send_signal(signum)
        controller.wait(timeout=60)
        exited = time.time()
        time.sleep(4)
        writes = emulator.writes()
    finally:
        # The module and ansible-playbook's worker run in sessions of their own: ended here if still there.
        end_processes(TEST_VARIABLE, str(tmp_path), grace=5)
    late = [w for w in writes if w["time"] > exited + 1.0]
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
    controller = subprocess.Popen(
        command,
        env=dict(ansible.env, **PARTNER, **{TEST_VARIABLE: str(tmp_path)}),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.time() + 120
        while len(emulator.writes()) < 20 and time.time() < deadline:
            time.sleep(0.1)
        assert emulator.writes(), "no write started"
        if whole_group:
            os.killpg(controller.pid, signal.SIGKILL)
        else:
            controller.kill()
        controller.wait(timeout=60)
        exited = time.time()
        time.sleep(4)
        writes = emulator.writes()
    finally:
        # ansible-playbook's worker runs in a session of its own: killed alone, its controller leaves it
        # blocked on sending its result to a pipe nobody reads. It writes nothing more (asserted above by
        # the emulator's log); the test ends it, as every test ends what it started.
        end_processes(TEST_VARIABLE, str(tmp_path), grace=5)
    late = [w for w in writes if w["time"] > exited + 1.0]
    assert late == [], "%d of %d writes landed more than 1 s after the controller was killed" % (len(late), len(writes))
    assert len(writes) < ORGS * CREATES
