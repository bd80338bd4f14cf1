# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The orgs' API calls: their paths, and the one read of an org.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError, ProofpointAPIError
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient, api_path
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped_repr
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import service_name
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.model import parse_child_orgs


def org_path(org: str) -> str:
    """``/orgs/<org>``: the org itself (read, PATCH, DELETE)."""
    return api_path("orgs", org)


def child_orgs_path(partner: str) -> str:
    """``/orgs/<partner>/orgs``: a partner's customer orgs (the listing, and where a new one is created)."""
    return api_path("orgs", partner, "orgs")


def read_org(client: ProofpointClient, org: str, partner: str | None = None) -> Mapping[str, Any] | None:
    """The org object, or None when it does not exist. A 404 says so; where the service answers 403 for an
    org it does not know (as it does for an org on another stack), the partner's listing decides."""
    try:
        raw = client.request("GET", org_path(org))
    except ProofpointAPIError as exc:
        if exc.status == 404 or (exc.status == 403 and partner and not _listed(client, partner, org)):
            return None
        raise
    # An org wrapped in one key ({"org": {...}}) is read as the org itself.
    if isinstance(raw, Mapping) and "primary_domain" not in raw and len(raw) == 1:
        raw = next(iter(raw.values()))
    if not isinstance(raw, Mapping):
        raise AnswerShapeError("GET %s answered %s, not an org object" % (org_path(org), clipped_repr(raw)))
    return raw


def _listed(client: ProofpointClient, partner: str, org: str) -> bool:
    listing = parse_child_orgs(client.request("GET", child_orgs_path(partner)))
    names = [item.get("primary_domain") for item in listing if isinstance(item, Mapping)]
    return org in {service_name(name) for name in names if isinstance(name, str)}
