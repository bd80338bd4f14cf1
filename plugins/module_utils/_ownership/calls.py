# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A domain's ownership calls: its verification code, and the ask to verify it.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any

from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient, api_path


def code_path(org: str, domain: str) -> str:
    return api_path("orgs", org, "domains", domain, "verification-code")


def verify_path(org: str, domain: str, method: str) -> str:
    return api_path("orgs", org, "domains", domain, "verify", method)


def read_code(client: ProofpointClient, org: str, domain: str) -> Any:
    return client.request("GET", code_path(org, domain))


def ask_to_verify(client: ProofpointClient, org: str, domain: str, method: str) -> None:
    """One ask, no body: 204 verified, 409 not yet (raised, and not retried: the wait asks again itself)."""
    client.request("PUT", verify_path(org, domain, method))
