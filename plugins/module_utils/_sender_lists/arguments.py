# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_sender_list's own options: entries of an org's (a user's, a group's) allow and block lists.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any

DEFAULT_MAX_REMOVALS = 50

SENDER_LIST_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
    allow=dict(type="list", elements="str"),
    block=dict(type="list", elements="str"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    exclusive=dict(type="bool", default=False),
    max_removals=dict(type="int", default=DEFAULT_MAX_REMOVALS),
    recipient=dict(type="str"),
    group=dict(type="str"),
)
# AnsibleModule's checks of how the options go together.
SENDER_LIST_RULES: dict[str, Any] = dict(
    mutually_exclusive=[("recipient", "group")],
    required_one_of=[("allow", "block")],
)
