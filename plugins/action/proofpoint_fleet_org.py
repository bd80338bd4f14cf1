# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_fleet_org: one org's outcome of a proofpoint_fleet run, as that host's task result.

It sends nothing: a per-host step as cheap as ansible.builtin.debug, so AWX and the play recap keep
one line per org (ok, changed or failed, with its diff) while the work ran once for all of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
        report = self._report(task_vars)
        result.update({key: report[key] for key in REPORTED if key in report})
        result["changed"] = bool(report.get("changed"))
        result["_ansible_verbose_always"] = True
        if report.get("failed"):
            result["failed"] = True
        if self._play_context.diff and report.get("diff"):
            result["diff"] = list(report["diff"])
        return result

    def _report(self, task_vars: dict[str, Any]) -> Mapping[str, Any]:
        """This host's entry: given as ``result``, or looked up in the variable named by ``registered``.

        The look-up reads the registered result as it is: templating ``fleet.orgs[inventory_hostname]``
        walks the whole fleet's result for every host, which at 1,000 orgs costs more than the task itself.
        """
        args = self._task.args
        if ("result" in args) == ("registered" in args):
            raise AnsibleActionFail(
                "give one of result or registered (the variable proofpoint_fleet was registered as)"
            )
        if "result" in args:
            report, where = args["result"], "result"
        else:
            registered = task_vars.get(args["registered"])
            orgs = registered.get("orgs") if isinstance(registered, Mapping) else None
            host = task_vars["inventory_hostname"]
            report = orgs.get(host) if isinstance(orgs, Mapping) else None
            where = "registered: %s.orgs[%s]" % (args["registered"], host)
        if not isinstance(report, Mapping) or "status" not in report:
            raise AnsibleActionFail(
                "%s: expected this org's entry of a proofpoint_fleet result, got %s; did proofpoint_fleet run for "
                "this host?" % (where, type(report).__name__)
            )
        return report
