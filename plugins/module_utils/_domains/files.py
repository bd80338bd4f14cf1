# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A domains file (domains_file, domains_list_file): its items checked as the module's options are.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

import os
from typing import Any

from ansible_collections.proofpoint.essentials.plugins.module_utils._data_files import read_data_file
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.items import check_items
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped


def read_domains_file(path: str) -> list[dict[str, Any]]:
    """The items of ``domains_file``, checked and completed exactly as inline ``domains`` are.

    The file is JSON or YAML: the list itself, or a mapping holding it under ``domains`` (a vars file).
    """
    where = "domains_file (%s)" % clipped(os.path.basename(path))
    data = read_data_file(path, where)
    if isinstance(data, dict) and "domains" in data:
        data = data["domains"]
    if not isinstance(data, list):
        raise InputError(
            "%s must hold a list of domains, or a mapping with that list under 'domains'; it holds a %s"
            % (where, type(data).__name__)
        )
    return check_items(data, where)
