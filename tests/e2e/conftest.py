# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Real ansible-playbook runs against a real emulator over loopback HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "emulator"))

from launcher import Emulator
from leftovers import RUN_VARIABLE, end_processes

# Inherited by every process the suite starts (the xdist workers are started after this is read), so
# that the end of the session can find any of them still running.
os.environ.setdefault(RUN_VARIABLE, uuid.uuid4().hex)

# The integration targets' seed (tests/integration/seed.json): both suites start from the same world.
SEED = os.path.join(ROOT, "tests", "integration", "seed.json")
# `make compat` points this at a venv with an older ansible-core; the default is this venv's.
ANSIBLE_BIN = os.environ.get("PP_ANSIBLE_BIN") or os.path.dirname(sys.executable)
INVENTORY = os.path.join(HERE, "localhost.yaml")
with open(SEED, encoding="utf-8") as _handle:
    PASSWORD = json.load(_handle)["users"][0]["password"]


OUTCOME_PLAY = """
- name: One task under test
  hosts: localhost
  gather_facts: false
  tasks:
    - name: The task
%s
      register: outcome
      ignore_errors: true
    - name: Keep its result for the test
      ansible.builtin.copy:
        content: "{{ outcome | to_json }}"
        dest: "%s"
        mode: "0600"
"""


class PlaybookRun:
    def __init__(self, completed):
        self.rc = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr

    @property
    def output(self):
        return self.stdout + self.stderr

    def recap(self):
        """The PLAY RECAP counters of localhost, e.g. {'ok': 3, 'changed': 1, ...}."""
        for line in self.stdout.splitlines():
            if line.startswith("localhost") and "ok=" in line:
                return {k: int(v) for k, v in (part.split("=") for part in line.split(":", 1)[1].split())}
        raise AssertionError("no PLAY RECAP in:\n" + self.output)


class Ansible:
    """Runs playbooks with the emulator's URL and the seed's credentials in the environment."""

    def __init__(self, emulator, tmp_path):
        self.emulator = emulator
        self.tmp_path = tmp_path
        # Inputs the test writes (playbooks) apart from everything the run writes (run_dir).
        self.inputs = tmp_path / "inputs"
        self.run_dir = tmp_path / "run"
        self.inputs.mkdir()
        self.run_dir.mkdir()
        self.env = dict(
            os.environ,
            PROOFPOINT_ESSENTIALS_API_URL=emulator.url,
            PROOFPOINT_ESSENTIALS_USER="admin@customer.com",
            PROOFPOINT_ESSENTIALS_PASSWORD=PASSWORD,
            ANSIBLE_LOCAL_TEMP=str(self.run_dir / "local-tmp"),
            ANSIBLE_REMOTE_TEMP=str(self.run_dir / "remote-tmp"),
            ANSIBLE_HOME=str(self.run_dir / "ansible-home"),
            ANSIBLE_LOG_PATH=str(self.run_dir / "ansible.log"),
            ANSIBLE_ROLES_PATH=os.path.join(ROOT, "roles"),
            ANSIBLE_NOCOLOR="1",
            NO_PROXY="127.0.0.1,localhost",
            no_proxy="127.0.0.1,localhost",
            ANSIBLE_RETRY_FILES_ENABLED="0",
        )

    def run(
        self, playbook, extra_vars=None, env=None, args=(), inventory=INVENTORY, timeout=600, preexec_fn=None, cwd=ROOT
    ):
        """``playbook`` is a path, or YAML text written to a temporary file; ``preexec_fn`` runs in the
        child before ansible-playbook starts (a resource limit, say); it runs from the repository root (and
        its ansible.cfg) unless ``cwd`` says otherwise."""
        if "\n" in playbook:
            path = self.inputs / ("play-%d.yml" % len(list(self.inputs.glob("play-*.yml"))))
            path.write_text(playbook)
            playbook = str(path)
        variables = dict(emulator_url=self.emulator.url, **(extra_vars or {}))
        command = [
            os.path.join(ANSIBLE_BIN, "ansible-playbook"),
            "-i",
            inventory,
            playbook,
            "-e",
            json.dumps(variables),
        ] + list(args)
        environment = dict(self.env, **(env or {}))
        completed = subprocess.run(
            command,
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            preexec_fn=preexec_fn,
            cwd=cwd,
        )
        return PlaybookRun(completed)

    def outcome(self, task, args=(), env=None, preexec_fn=None):
        """Run one task (YAML text of the task's module and arguments) and return its registered result."""
        result_file = self.run_dir / ("outcome-%d.json" % len(list(self.run_dir.glob("outcome-*.json"))))
        play = OUTCOME_PLAY % ("\n".join("      " + line for line in task.strip().splitlines()), result_file)
        run = self.run(play, args=args, env=env, preexec_fn=preexec_fn)
        assert run.rc == 0 and result_file.exists(), run.output
        return json.loads(result_file.read_text())


@pytest.fixture
def emulator():
    with Emulator(SEED) as running:
        yield running


@pytest.fixture
def ansible(emulator, tmp_path):
    return Ansible(emulator, tmp_path)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    """Fail the run when a process started by the tests outlives them (each is ended, and named)."""
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller looks once every worker has finished
    workers = frozenset(child for child in _children(os.getpid()))
    left = end_processes(RUN_VARIABLE, os.environ[RUN_VARIABLE], besides=workers)
    if left:
        session.config.get_terminal_writer().line(
            "FAILED: %d process(es) started by the tests were still running at the end: %s"
            % (len(left), "; ".join(left))
        )
        session.exitstatus = 1


def _children(pid):
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry, encoding="ascii", errors="replace") as handle:
                    stat = handle.read()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
                yield int(entry)
