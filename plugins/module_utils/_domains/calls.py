# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The domains' API calls: their paths, and what an org holds now (the one read every module, the batch
check and the re-read after a race share).

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import (
    Domain,
    index_domains,
    parse_domain_list,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient, api_path


def domains_path(org: str, name: str | None = None) -> str:
    """``/orgs/<org>/domains``, or one domain's ``/orgs/<org>/domains/<name>``."""
    return api_path("orgs", org, "domains") if name is None else api_path("orgs", org, "domains", name)


def read_domains(client: ProofpointClient, org: str) -> dict[str, Domain]:
    """All domains of the org from the one list GET, normalised and indexed by canonical name."""
    return index_domains(parse_domain_list(client.request("GET", domains_path(org))))
