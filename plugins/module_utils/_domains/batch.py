# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Batch create, used without trusting it: list POSTs in chunks, then one list read decides.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
The article documents a list POST to /orgs/<org>/domains answered 207 with one result per item, but
not the items' format. So its answer is only described, never relied on: the list read that follows
tells which domains are there as declared, and the others go through single-domain convergence.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.calls import domains_path, read_domains
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import Domain, Plan, to_payload
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import BatchOutcomeUnknown, ProofpointError
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient

MAX_BATCH_SIZE = 500


def describe_answer(body: Any) -> str:
    """What a 207 said, when it can be understood: the count of each per-item status."""
    items = body.get("results") if isinstance(body, dict) else body
    if isinstance(items, list) and items and all(isinstance(item, dict) for item in items):
        counts = Counter(str(item.get("status", "no status")) for item in items)
        return "%d results: %s" % (len(items), ", ".join("%s x %d" % pair for pair in sorted(counts.items())))
    return "an answer of unknown shape (%s)" % type(body).__name__


def create_in_batches(
    client: ProofpointClient, org: str, plans: list[Plan], batch_size: int, concurrency: int = 1
) -> tuple[dict[str, Domain], dict[str, Any]]:
    """Send the planned creates in chunks (up to ``concurrency`` at once), then read the org once.
    Returns the domains that are now there exactly as declared, and a report of what was sent and answered.
    Raises BatchOutcomeUnknown when that read fails after a chunk that was not refused."""
    creates = [plan for plan in plans if plan["action"] == "created"]

    refused: set[int] = set()  # the chunks the service answered with an error: nothing of them landed

    def chunk(start: int) -> slice:
        return slice(start, start + batch_size)

    def post(start: int) -> str:
        payload = [to_payload(cast(Domain, plan["after"])) for plan in creates[chunk(start)]]
        try:
            return describe_answer(client.request("POST", domains_path(org), payload, retry=False))
        except ProofpointError as exc:
            if not exc.lost_answer:
                refused.add(start)
            return str(exc)  # whatever this chunk did not create is posted one by one afterwards

    starts = range(0, len(creates), batch_size)
    with ThreadPoolExecutor(max_workers=max(1, min(concurrency, len(starts)))) as pool:
        answers = list(pool.map(post, starts))
    try:
        current = read_domains(client, org) if creates else {}
    except ProofpointError as read_error:
        sent = [start for start in starts if start not in refused]
        if not sent:
            raise
        # Posted again one by one, a create that did land would be refused as existing and look unchanged.
        names = [plan["name"] for start in sent for plan in creates[chunk(start)]]
        raise BatchOutcomeUnknown(names, read_error) from None
    landed = {plan["name"]: current[plan["name"]] for plan in creates if current.get(plan["name"]) == plan["after"]}
    report = {"chunks": len(answers), "sent": len(creates), "landed": len(landed), "answers": answers}
    return landed, report
