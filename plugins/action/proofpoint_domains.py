# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_domains' controller side: copies ``domains_file`` to where the module runs.

A very large domain list is cheaper as a file than as a task argument: Ansible templates every item
of an argument and carries it back in the result, while a file is copied once, unread.
"""

from __future__ import annotations

import os

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._controller_files import find_domains_file


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
            local = find_domains_file(self, source, "domains_file")
        except InputError as exc:
            raise AnsibleActionFail(str(exc)) from None
        remote = self._connection._shell.join_path(self._connection._shell.tmpdir, os.path.basename(local))
        self._transfer_file(local, remote)
        self._fixup_perms2((self._connection._shell.tmpdir, remote))
        return remote
