# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection as users get it: built with ansible-galaxy and installed into an empty path."""

from __future__ import annotations

import glob
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
sys.path.insert(0, os.path.join(ROOT, "emulator"))


def tool(name, *args, env=None, cwd=None, check=True):
    completed = subprocess.run(
        [os.path.join(BIN, name)] + list(args), env=env, cwd=cwd, capture_output=True, text=True, check=False
    )
    if check and completed.returncode != 0:
        raise AssertionError("%s %s failed:\n%s%s" % (name, " ".join(args), completed.stdout, completed.stderr))
    return completed


@pytest.fixture(scope="session")
def artifact(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    tool("ansible-galaxy", "collection", "build", "--output-path", str(out), ROOT)
    (path,) = glob.glob(str(out / "proofpoint-essentials-*.tar.gz"))
    return path


@pytest.fixture(scope="session")
def installed(artifact, tmp_path_factory):
    """An empty collections path with only the built artifact installed; returns its environment."""
    path = tmp_path_factory.mktemp("collections")
    env = dict(
        os.environ,
        ANSIBLE_COLLECTIONS_PATH=str(path),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_HOME=str(tmp_path_factory.mktemp("ansible-home")),
    )
    tool("ansible-galaxy", "collection", "install", "--offline", "-p", str(path), artifact, env=env)
    return {"path": str(path / "ansible_collections" / "proofpoint" / "essentials"), "env": env}
