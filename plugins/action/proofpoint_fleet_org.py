# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_fleet_org: one org's outcome of a proofpoint_fleet run, as that host's task result.

It sends nothing: a per-host step as cheap as ansible.builtin.debug, so AWX and the play recap keep
one line per org (ok, changed or failed, with its diff) while the work ran once for all of them.
"""

from __future__ import annotations

from collections.abc import Mapping

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

# What the host's result carries over from its org's report (the whole report is in the registered
# proofpoint_fleet result): shown for every org, as ansible.builtin.debug shows its message.
REPORTED = ("org", "status", "msg")


class ActionModule(ActionBase):
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        self._supports_check_mode = True
        result = super().run(tmp, task_vars)
        del tmp  # unused since ansible-core 2.10
        report = self._task.args.get("result")
        if not isinstance(report, Mapping) or "status" not in report:
            raise AnsibleActionFail(
                "result: expected this org's entry of a proofpoint_fleet result (fleet.orgs[inventory_hostname]), "
                "got %s; did proofpoint_fleet run for this host?" % type(report).__name__
            )
        result.update({key: report[key] for key in REPORTED if key in report})
        result["changed"] = bool(report.get("changed"))
        result["_ansible_verbose_always"] = True
        if report.get("failed"):
            result["failed"] = True
        if self._play_context.diff and report.get("diff"):
            result["diff"] = list(report["diff"])
        return result
