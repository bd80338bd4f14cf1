# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Noticing that the run which started the module has ended, with real processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from ansible_collections.proofpoint.essentials.plugins.module_utils._started_run import (
    StartedRun,
    ancestors,
    is_alive,
)


def test_the_ancestors_start_with_the_parent_and_are_alive():
    chain = ancestors()
    assert chain[0] == os.getppid() and 1 not in chain
    assert StartedRun().gone() is False


def test_an_ended_process_is_not_alive_even_before_it_is_reaped():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    while os.path.exists("/proc/%d" % child.pid) and open("/proc/%d/stat" % child.pid).read().split()[2] != "Z":
        time.sleep(0.01)
    assert is_alive(child.pid) is False  # a zombie: ended, not reaped yet
    child.wait()
    assert is_alive(child.pid) is False and is_alive(os.getpid()) is True


def test_the_watch_sees_an_ancestor_end():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    watch = StartedRun()
    watch._ancestors = [os.getpid(), child.pid]
    assert watch.gone() is False
    child.kill()
    child.wait()
    assert watch.gone() is True
