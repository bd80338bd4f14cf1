# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The built artifact installs and runs, with no error or warning, on the ansible-core under test
(`make compat` runs this file on every ansible-core and Python of the matrix)."""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys

from conftest import ANSIBLE_BIN, ROOT
from launcher import Emulator

MAIN_BIN = os.path.dirname(sys.executable)
DEMO_SEED = os.path.join(ROOT, "emulator", "seed.json")


def run(command, env):
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_the_artifact_installs_and_the_demo_converges_without_a_warning(tmp_path):
    dist, path = tmp_path / "dist", tmp_path / "collections"
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "ANSIBLE_COLLECTIONS_PATH")}
    env.update(
        ANSIBLE_COLLECTIONS_PATH=str(path),
        ANSIBLE_HOME=str(tmp_path / "ansible-home"),
        ANSIBLE_NOCOLOR="1",
        NO_PROXY="127.0.0.1,localhost",
        PROOFPOINT_ESSENTIALS_USER="admin@customer.com",
        PROOFPOINT_ESSENTIALS_PASSWORD="demo-Passw0rd",
    )
    run([os.path.join(MAIN_BIN, "ansible-galaxy"), "collection", "build", "--output-path", str(dist), ROOT], env)
    (artifact,) = glob.glob(str(dist / "proofpoint-essentials-*.tar.gz"))

    installed = run(
        [os.path.join(ANSIBLE_BIN, "ansible-galaxy"), "collection", "install", "-p", str(path), artifact], env
    )
    assert "WARNING" not in installed and "ERROR" not in installed, installed
    assert "proofpoint.essentials:1." in installed
    # The modules come from the installed copy alone (the environment names no other collections path).
    modules = path / "ansible_collections" / "proofpoint" / "essentials" / "plugins" / "modules"
    assert (modules / "proofpoint_domain.py").is_file()

    demo = [
        os.path.join(ANSIBLE_BIN, "ansible-playbook"),
        "-i",
        os.path.join(ROOT, "playbooks", "inventory", "localhost.yaml"),
        os.path.join(ROOT, "playbooks", "demo.yml"),
    ]
    with Emulator(DEMO_SEED) as emulator:
        env["PROOFPOINT_ESSENTIALS_API_URL"] = emulator.url
        for expected in ("changed=4", "changed=0"):
            output = run(demo, env)
            assert "[WARNING]" not in output and "[DEPRECATION WARNING]" not in output, output
            assert re.search(r"localhost\s+: ok=4\s+%s\s+unreachable=0\s+failed=0" % expected, output), output
        assert sorted(emulator.domains("customer.com")) == [
            "customer.com",
            "legacy.customer.com",
            "newsletters.example.org",
            "shop.example.org",
        ]
