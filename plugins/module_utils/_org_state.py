# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an org holds now, read from the service: the one read every module, the batch check and the
re-read after a race share.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from ansible_collections.proofpoint.essentials.plugins.module_utils._domain import (
    Domain,
    index_domains,
    parse_domain_list,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient


def read_domains(client: ProofpointClient, org: str) -> dict[str, Domain]:
    """All domains of the org from the one list GET, normalised and indexed by canonical name."""
    return index_domains(parse_domain_list(client.request("GET", client.domains_path(org))))
