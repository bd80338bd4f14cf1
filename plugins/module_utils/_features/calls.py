# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The features' API calls: ``/orgs/<org>/features``, read whole and replaced whole.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any

from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient, api_path


def features_path(org: str) -> str:
    return api_path("orgs", org, "features")


def read_features(client: ProofpointClient, org: str) -> Any:
    """The one read: the org's features object as answered."""
    return client.request("GET", features_path(org))


def write_features(client: ProofpointClient, org: str, body: dict[str, Any]) -> Any:
    """The one write: the whole object."""
    return client.request("PUT", features_path(org), body)
