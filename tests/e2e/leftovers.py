# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Processes the tests started, found by a variable of their environment, and ended.

Every process the suite starts (ansible-playbook, its workers, modules, emulators) inherits RUN_VARIABLE;
a test that kills a controller on purpose marks its own run with TEST_VARIABLE and ends what is left.
"""

from __future__ import annotations

import os
import signal
import time

RUN_VARIABLE = "PP_E2E_RUN"
TEST_VARIABLE = "PP_E2E_TEST"


def _environ(pid: int) -> bytes:
    try:
        with open("/proc/%d/environ" % pid, "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def _running(pid: int) -> bool:
    try:
        with open("/proc/%d/stat" % pid, encoding="ascii", errors="replace") as handle:
            stat = handle.read()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2 :].split()[0] not in ("Z", "X")


def processes_with(name: str, value: str, besides: frozenset[int] = frozenset()) -> list[int]:
    """The running processes whose environment holds ``name=value``."""
    wanted = ("%s=%s" % (name, value)).encode()
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in besides and int(entry) != os.getpid():
            if wanted in _environ(int(entry)).split(b"\0") and _running(int(entry)):
                found.append(int(entry))
    return found


def end_processes(name: str, value: str, grace: float = 30.0, besides: frozenset[int] = frozenset()) -> list[str]:
    """Wait up to ``grace`` seconds for the processes marked ``name=value`` to end, then kill those left.
    Returns the ones that had to be killed, described."""
    deadline = time.monotonic() + grace
    left = processes_with(name, value, besides)
    while left and time.monotonic() < deadline:
        time.sleep(0.5)
        left = processes_with(name, value, besides)
    described = [describe(pid) for pid in left]
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return described


def describe(pid: int) -> str:
    """``pid`` and its command line, for a message."""
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as handle:
            return "%d %s" % (pid, handle.read().replace(b"\0", b" ").decode(errors="replace")[:200].strip())
    except OSError:
        return str(pid)
