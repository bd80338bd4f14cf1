# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_domains' controller side: copies ``domains_file`` to where the module runs.

A very large domain list is cheaper as a file than as a task argument: Ansible templates every item
of an argument and carries it back in the result, while a file is copied once, unread.
"""

from __future__ import annotations

import os

from ansible.errors import AnsibleActionFail, AnsibleError
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    TRANSFERS_FILES = True

    def run(self, tmp=None, task_vars=None):
        self._supports_check_mode = True
        result = super().run(tmp, task_vars)
        del tmp  # unused since ansible-core 2.10
        args = dict(self._task.args)
        try:
            if args.get("domains_file") is not None:
                args["domains_file"] = self._copy_domains_file(args["domains_file"])
            result.update(
                self._execute_module(module_name=self._task.resolved_action, module_args=args, task_vars=task_vars)
            )
        finally:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def _copy_domains_file(self, source):
        try:
            local = self._find_needle("files", source)
        except AnsibleError as exc:
            # ansible-core ends the search list with advice about remote_src, an option this module lacks.
            searched = str(exc).split("\nIf you are using a module", 1)[0]
            message = "domains_file: %s was not found on the controller. %s" % (source, searched)
            raise AnsibleActionFail(message) from None
        if os.path.isdir(local):
            raise AnsibleActionFail("domains_file: %s is a directory; give the path of a JSON or YAML file" % source)
        remote = self._connection._shell.join_path(self._connection._shell.tmpdir, os.path.basename(local))
        self._transfer_file(local, remote)
        self._fixup_perms2((self._connection._shell.tmpdir, remote))
        return remote
