# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Convergence of one domain: read, write, and re-read after a race. The only place that does it.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import TypedDict, cast

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.calls import domains_path, read_domains
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import (
    Domain,
    DomainRequest,
    Plan,
    normalize_domain,
    plan_domain,
    to_payload,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import ProofpointError, WriteOutcomeUnknown
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.module_utils._plan import Action


class Outcome(TypedDict):
    """The write actually sent (create, update or delete) and the domain as it now is."""

    action: Action
    domain: Domain | None


def _write(client: ProofpointClient, org: str, plan: Plan) -> Domain | None:
    action, name = plan["action"], plan["name"]
    if action == "deleted":
        client.request("DELETE", domains_path(org, name))
        return None
    after = cast(Domain, plan["after"])  # create and update always carry the object to send
    if action == "updated":
        client.request("PUT", domains_path(org, name), to_payload(after))
        return after
    # A POST is never resent blindly: after a lost answer the org is read again first (converge).
    created = client.request("POST", domains_path(org, name), to_payload(after), retry=False)
    return normalize_domain(created) if isinstance(created, dict) and "name" in created else after


def _may_have_raced(action: str, error: ProofpointError) -> bool:
    """Whether the org may already differ from the plan's view: another client (or our own
    unanswered write) created, changed or deleted the domain meanwhile."""
    status = getattr(error, "status", None)
    if error.lost_answer:
        return True
    if action == "created":
        return error.transient or status == 409
    # The real service's status for a vanished domain is undocumented: 400 or 404.
    return status in (400, 404)


def converge(client: ProofpointClient, org: str, request: DomainRequest, plan: Plan) -> Outcome:
    """Send the plan's write. After a failure that may be a race, re-read the org and plan again:
    done if the declared state holds; the same POST again (within the retry budget) after a lost
    answer; at most one write of another kind (a PUT after a 409, a POST after a vanished domain).
    """
    started, attempt, switched = client.now(), 0, False
    lost = False  # whether a write of this run went out and its answer never came: it may have landed
    while True:
        try:
            return {"action": plan["action"], "domain": _write(client, org, plan)}
        except ProofpointError as exc:
            if not _may_have_raced(plan["action"], exc):
                raise
            error, lost = exc, lost or exc.lost_answer
        try:
            current = read_domains(client, org)
        except ProofpointError as read_error:
            if lost:
                raise WriteOutcomeUnknown(error, read_error) from None
            raise
        replanned = plan_domain(current.get(plan["name"]), request)
        if replanned["action"] == "unchanged":
            # The declared state holds. After a lost answer (even if a later retry was refused: the first
            # attempt landed late) or a failure of the service, most likely by our write; after a refusal
            # alone (409, a vanished domain), by another client: this run changed nothing.
            ours = lost or error.transient
            return {"action": plan["action"] if ours else "unchanged", "domain": replanned["before"]}
        if replanned["action"] == plan["action"]:
            attempt += 1
            if not (error.transient and client.retry_pause(attempt - 1, started, error.retry_after)):
                raise error.with_attempts(attempt) if attempt > 1 else error
        elif switched:
            raise error  # a second change of course: the real error, not a loop
        else:
            switched, plan = True, replanned
