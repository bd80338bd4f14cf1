# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The sender lists' API calls: their path (the org's, a user's or a group's), the read and the writes.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any

from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient, api_path
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.model import Lists, parse_lists


def sender_lists_path(org: str, recipient: str | None = None, group: str | None = None) -> str:
    """``/orgs/<org>/sender-lists``, or a user's (``/users/<email>/``) or a group's (``/groups/<group>/``)."""
    if recipient:
        return api_path("orgs", org, "users", recipient, "sender-lists")
    if group:
        return api_path("orgs", org, "groups", group, "sender-lists")
    return api_path("orgs", org, "sender-lists")


def read_lists(client: ProofpointClient, path: str) -> Lists:
    """The one read: both lists as the service holds them."""
    return parse_lists(client.request("GET", path))


def write_lists(client: ProofpointClient, method: str, path: str, lists: Lists) -> Any:
    """One write (POST adds, PATCH replaces, DELETE removes) of the lists in ``lists``; its answer. A list
    replaced by nothing is sent empty."""
    return client.request(method, path, lists)
