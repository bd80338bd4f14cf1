# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The options of one domain: proofpoint_domain's own, and each item of proofpoint_domains.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any

# The options of one domain: proofpoint_domain's own options and each item of proofpoint_domains.
DOMAIN_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    destination=dict(type="str"),
    failovers=dict(type="list", elements="str"),
    is_active=dict(type="bool"),
    is_relay=dict(type="bool"),
)


DOMAINS_LIST_SPEC: dict[str, Any] = dict(type="list", elements="dict", options=DOMAIN_ARGUMENT_SPEC)
