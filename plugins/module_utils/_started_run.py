# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Whether the Ansible run that started this module is still there.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
AWX cancels a job by signalling ansible-playbook; a module runs in a session of its own and is not
signalled, so a bulk run would go on writing for nobody. The module notes its ancestors when it starts
(ansible-playbook, its worker, the shell) and starts no new write once one of them has ended.
"""

from __future__ import annotations

import os

MAX_ANCESTORS = 64
# What a write not started, once the run has ended, reports.
NOT_SENT_AFTER_CANCEL = (
    "not sent: the Ansible run that started this module has ended (cancelled?); run again to converge"
)


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state first, then the parent), or None."""
    try:
        with open("/proc/%d/stat" % pid, encoding="ascii", errors="replace") as handle:
            stat = handle.read()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces or parentheses itself.
    after_name = stat.rindex(")") + 2
    return stat[after_name:].split()


def ancestors() -> list[int]:
    """This process's ancestors, nearest first, without init (pid 1); only the parent where /proc is missing."""
    chain: list[int] = []
    parent = os.getppid()
    while parent > 1 and len(chain) < MAX_ANCESTORS:
        chain.append(parent)
        fields = _stat_fields(parent)
        if fields is None:
            break
        parent = int(fields[1])
    return chain


def is_alive(pid: int) -> bool:
    """Whether ``pid`` still runs: a zombie has ended, though its parent has not reaped it yet."""
    fields = _stat_fields(pid)
    if fields is not None:
        return fields[0] not in ("Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not os.path.isdir("/proc")  # /proc exists but has no entry: the process is gone


class StartedRun:
    """Created when the module starts; ``gone`` is True once an ancestor of that moment has ended."""

    def __init__(self) -> None:
        self._ancestors = ancestors()

    def gone(self) -> bool:
        return not all(is_alive(pid) for pid in self._ancestors)
