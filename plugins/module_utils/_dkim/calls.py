# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A domain's DKIM calls: its keys listed, one created from a private key, removed, and verified.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any

from ansible_collections.proofpoint.essentials.plugins.module_utils._dkim.model import PRIVATE_KEY_FIELD
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient, api_path


def dkim_path(org: str, domain: str, *selector: str) -> str:
    """``/orgs/<org>/domains/<domain>/dkim``, or one selector's (and its ``verify``)."""
    return api_path("orgs", org, "domains", domain, "dkim", *selector)


def list_keys(client: ProofpointClient, org: str, domain: str) -> Any:
    return client.request("GET", dkim_path(org, domain))


def create_key(client: ProofpointClient, org: str, domain: str, selector: str, private_pem: str) -> Any:
    """The one call that carries the private key: its body, nothing else."""
    return client.request("POST", dkim_path(org, domain, selector), {PRIVATE_KEY_FIELD: private_pem})


def delete_key(client: ProofpointClient, org: str, domain: str, selector: str) -> None:
    client.request("DELETE", dkim_path(org, domain, selector))


def ask_to_verify(client: ProofpointClient, org: str, domain: str, selector: str) -> None:
    """One ask: 204 the public key is published, 409 not yet (raised)."""
    client.request("PUT", dkim_path(org, domain, selector, "verify"))
