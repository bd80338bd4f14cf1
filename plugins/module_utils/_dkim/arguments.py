# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_dkim's own options.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any

from ansible_collections.proofpoint.essentials.plugins.module_utils._ownership.arguments import WAIT_ARGUMENT_SPEC

DKIM_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
    WAIT_ARGUMENT_SPEC,
    name=dict(type="str", required=True),
    selector=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    private_key=dict(type="str", no_log=True),
    force=dict(type="bool", default=False),
    verify=dict(type="bool", default=False),
)
