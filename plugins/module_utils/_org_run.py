# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A run against one org: what every converge of one of its resources is given.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.module_utils._started_run import StartedRun


@dataclass(frozen=True)
class OrgRun:
    """The client to send with (None only where nothing is sent, a plan from known state), the org by its
    primary domain, whether only to plan (check mode: no write), and the Ansible run that asked for it (no
    write starts once it has ended; noted when this run is made, unless given)."""

    client: ProofpointClient | None
    org: str
    check_mode: bool = False
    started: StartedRun = field(default_factory=StartedRun)

    def for_org(self, org: str) -> OrgRun:
        """The same run against another org (the fleet's orgs share one client and one started run)."""
        return OrgRun(self.client, org, self.check_mode, self.started)
