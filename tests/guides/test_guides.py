# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every command the guides mark runnable, run as written from the root of a fresh copy of the repository.

A shell block (```sh or ```bash) in README.md or docs/*.md is preceded by one of:

    <!-- runnable -->             it runs as written, after the set-up of docs/emulator.md ("The guides'
                                  commands"): the venv on PATH, the collection of `make demo` on the path
    <!-- runnable: emulator -->   the same, against the local emulator and its partner's login, as
                                  `make emulator` gives them
    <!-- not runnable: WHY -->    an illustration (the real service, your own playbook, a server that runs
                                  until stopped): WHY says so

A guide's runnable blocks run in order, in one copy and, when they need it, one emulator, as a reader
follows the guide; each must exit 0 and print no password.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "emulator"))
from launcher import DEMO_PASSWORD, Emulator  # noqa: E402  pylint: disable=wrong-import-position

GUIDES = sorted(glob.glob(os.path.join(ROOT, "docs", "*.md"))) + [os.path.join(ROOT, "README.md")]
SHELL_BLOCK = re.compile(r"^```(?:sh|bash)\n(?P<body>.*?)^```\n", re.S | re.M)
MARK = re.compile(r"<!-- (?:(?P<runnable>runnable)(?:: (?P<setup>emulator))?|not runnable: (?P<why>[^>]+?)) -->\n$")
# What docs/emulator.md tells a reader to export for `<!-- runnable: emulator -->` blocks, with the URL
# `make emulator` prints: the seed's partner and its Channel Admin.
EMULATOR_LOGIN = {
    "PROOFPOINT_ESSENTIALS_USER": "msp@partner.net",
    "PROOFPOINT_ESSENTIALS_PASSWORD": DEMO_PASSWORD,
    "PROOFPOINT_ESSENTIALS_ORG": "partner.net",
}
SEED = os.path.join(ROOT, "emulator", "seed.json")
TIMEOUT = 600


def shell_blocks(path):
    """Each shell block of a guide: (line, body, mark), mark being the match of the comment above it."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    blocks = []
    for found in SHELL_BLOCK.finditer(text):
        before = text[: found.start()]
        mark = MARK.search(before[before.rfind("<!--") :]) if "<!--" in before else None
        blocks.append((before.count("\n") + 1, found.group("body"), mark))
    return blocks


def runnable(path):
    return [
        (line, body, mark.group("setup")) for line, body, mark in shell_blocks(path) if mark and mark.group("runnable")
    ]


def test_every_shell_block_says_whether_it_runs():
    unmarked = [
        "%s:%d" % (os.path.relpath(path, ROOT), line)
        for path in GUIDES
        for line, _body, mark in shell_blocks(path)
        if mark is None
    ]
    assert unmarked == [], "mark each: <!-- runnable -->, <!-- runnable: emulator --> or <!-- not runnable: WHY -->"
    assert sum(len(runnable(path)) for path in GUIDES) >= 8


@pytest.fixture(scope="session")
def installed(tmp_path_factory):
    """The collection built and installed as `make demo` does, once for every guide."""
    work = tmp_path_factory.mktemp("collection")
    venv = os.path.join(ROOT, ".venv", "bin")
    subprocess.run(
        [os.path.join(venv, "ansible-galaxy"), "collection", "build", "--output-path", str(work), ROOT],
        check=True,
        capture_output=True,
    )
    (artifact,) = glob.glob(str(work / "*.tar.gz"))
    target = work / "collections"
    subprocess.run(
        [os.path.join(venv, "ansible-galaxy"), "collection", "install", "-p", str(target), artifact],
        check=True,
        capture_output=True,
        env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(target)),
    )
    return target


def fresh_copy(tmp_path, installed):
    """The tracked files as a clone has them (timestamps kept, so make sees the venv as up to date), the
    project's venv, and .build/collections as `make demo` leaves it."""
    copy = tmp_path / "repository"
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, (entry.decode() for entry in files)):
        if os.path.isfile(os.path.join(ROOT, name)):
            os.makedirs(copy / os.path.dirname(name), exist_ok=True)
            shutil.copy2(os.path.join(ROOT, name), copy / name)
    os.symlink(os.path.join(ROOT, ".venv"), copy / ".venv")
    shutil.copytree(installed, copy / ".build" / "collections", symlinks=True)
    return copy


def reader_env(copy):
    """A reader's shell after docs/emulator.md's set-up: no Proofpoint variable of this machine's."""
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("PROOFPOINT_ESSENTIALS_", "ANSIBLE_"))
    }
    env.update(
        PATH=os.pathsep.join([str(copy / ".venv" / "bin"), env.get("PATH", "")]),
        ANSIBLE_COLLECTIONS_PATH=str(copy / ".build" / "collections"),
        PWD=str(copy),
    )
    env.pop("VIRTUAL_ENV", None)
    return env


@pytest.mark.parametrize(
    "guide", [os.path.relpath(path, ROOT) for path in GUIDES if runnable(path)], ids=lambda guide: guide
)
def test_the_guides_commands_run_as_written(guide, tmp_path, installed):
    copy = fresh_copy(tmp_path, installed)
    env = reader_env(copy)
    emulator = None
    try:
        for line, body, setup in runnable(os.path.join(ROOT, guide)):
            block_env = dict(env)
            if setup == "emulator":
                if emulator is None:
                    emulator = Emulator(SEED, state=str(tmp_path / "emulator-state.json"))
                    emulator.start()
                block_env.update(EMULATOR_LOGIN, PROOFPOINT_ESSENTIALS_API_URL=emulator.url)
            done = subprocess.run(
                ["bash", "-e", "-o", "pipefail", "-c", body],
                cwd=copy,
                env=block_env,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                stdin=subprocess.DEVNULL,
                check=False,  # the assertion below says which block failed, and how
            )
            output = done.stdout + done.stderr
            assert done.returncode == 0, "%s:%d exited %d:\n%s\n%s" % (
                guide,
                line,
                done.returncode,
                body,
                output[-4000:],
            )
            assert DEMO_PASSWORD not in output, "%s:%d printed the password" % (guide, line)
    finally:
        if emulator is not None:
            emulator.stop()
