# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_org's own options: one customer org of a partner, and its domains.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any

from ansible.module_utils.basic import env_fallback

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.arguments import DOMAINS_LIST_SPEC

# proofpoint_org's own options: one customer org of a partner, and its domains.
ORG_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
    primary_domain=dict(type="str", required=True, aliases=["org"]),
    partner=dict(type="str", fallback=(env_fallback, ["PROOFPOINT_ESSENTIALS_PARTNER"])),
    name=dict(type="str"),
    licensing_package=dict(type="str"),
    user_licenses=dict(type="int"),
    is_active=dict(type="bool"),
    admin_user=dict(
        type="dict",
        options=dict(
            email=dict(type="str", required=True),
            firstname=dict(type="str"),
            surname=dict(type="str"),
            send_welcome_email=dict(type="bool", default=False),
        ),
    ),
    domains=DOMAINS_LIST_SPEC,
    state=dict(type="str", choices=["present", "absent"], default="present"),
    confirm_delete=dict(type="str"),
)
