# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_domain_verification's own options, and the wait options it shares with proofpoint_dkim.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any

# How long a verification waits for a record to be seen, and between two asks (seconds).
WAIT_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
    wait_timeout=dict(type="float", default=300.0),
    wait_interval=dict(type="float", default=10.0),
)

VERIFICATION_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
    WAIT_ARGUMENT_SPEC,
    name=dict(type="str", required=True),
    method=dict(type="str", choices=["TXT", "META"], default="TXT"),
    verify=dict(type="bool", default=True),
)
