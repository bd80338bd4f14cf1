# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A domains file named by a task or a host, found on the controller as Ansible finds any file.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Used by the proofpoint_domains action (``domains_file``) and the fleet (``domains_list_file``).
"""

from __future__ import annotations

import os
from typing import Any

from ansible.errors import AnsibleError

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError


def find_domains_file(action: Any, source: str, option: str) -> str:
    """The controller's path of ``source`` (searched as ``files``, relative to the role and the play), or
    InputError naming ``option``: not found (with where it was looked for), or a directory."""
    try:
        local = action._find_needle("files", source)
    except AnsibleError as exc:
        # ansible-core ends the search list with advice about remote_src, an option these lack.
        searched = str(exc).split("\nIf you are using a module", 1)[0]
        raise InputError("%s: %s was not found on the controller. %s" % (option, source, searched)) from None
    if os.path.isdir(local):
        raise InputError("%s: %s is a directory; give the path of a JSON or YAML file" % (option, source))
    return local
