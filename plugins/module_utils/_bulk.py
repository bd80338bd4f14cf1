# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A whole org at once: validate every item, plan against one list read, converge in parallel.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Planning and convergence are the single-domain functions; only what is specific to many domains
(duplicates, exclusive mode, the parallel writes) lives here.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ansible_collections.proofpoint.essentials.plugins.module_utils._converge import converge
from ansible_collections.proofpoint.essentials.plugins.module_utils._domain import (
    Domain,
    DomainError,
    DomainInputError,
    DomainRequest,
    Plan,
    check_request,
    plan_domain,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import (
    ProofpointClient,
    ProofpointError,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._results import (
    ACTION_WORDS,
    DomainResult,
    error_dict,
    result_of,
)

MAX_CONCURRENCY = 32


def check_requests(items: list[dict[str, Any]], org: str, exclusive: bool, concurrency: int) -> list[DomainRequest]:
    """Validate the bulk options before any request; every problem found is reported at once."""
    problems = []
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        problems.append("concurrency must be between 1 and %d, got %r" % (MAX_CONCURRENCY, concurrency))
    if exclusive and not items:
        problems.append(
            "exclusive: true with an empty domains list would delete every domain but the primary one; "
            "list the domains to keep"
        )
    checked: list[DomainRequest] = []
    first_index: dict[str, int] = {}
    for index, item in enumerate(items):
        try:
            request = check_request(item, org, "domains[%d]." % index)
        except DomainInputError as exc:
            problems.append(str(exc))
            continue
        if request["name"] in first_index:
            problems.append(
                "domains[%d].name: %s is listed more than once (first at domains[%d])"
                % (index, item.get("name"), first_index[request["name"]])
            )
            continue
        first_index[request["name"]] = index
        checked.append(request)
    if problems:
        raise DomainInputError("; ".join(problems))
    return checked


def plan_org(
    current: dict[str, Domain], wanted: list[DomainRequest], org: str, exclusive: bool
) -> list[tuple[DomainRequest, Plan]]:
    """One plan per listed domain, plus deletions of unlisted domains in exclusive mode.

    Raises DomainInputError (for example a create without destination) before anything is written.
    """
    plans, problems = [], []
    for request in wanted:
        try:
            plans.append((request, plan_domain(current.get(request["name"]), request)))
        except DomainInputError as exc:
            problems.append(str(exc))
    if problems:
        raise DomainInputError("; ".join(problems))
    if exclusive:
        listed = {request["name"] for request in wanted}
        for name in sorted(set(current) - listed - {org}):
            unlisted: DomainRequest = {"name": name, "state": "absent", "fields": {}, "label": ""}
            plans.append((unlisted, plan_domain(current[name], unlisted)))
    return plans


def execute(
    client: ProofpointClient, org: str, plans: list[tuple[DomainRequest, Plan]], concurrency: int, check_mode: bool
) -> list[DomainResult]:
    """Converge the planned domains (no write in check mode) in parallel; one failure does not stop
    the others. Returns one result per plan, in the plans' order."""

    def write(index: int) -> DomainResult:
        request, plan = plans[index]
        try:
            outcome = converge(client, org, request, plan)
            return result_of(plan, ACTION_WORDS[outcome["action"]], outcome["domain"])
        except (ProofpointError, DomainError) as exc:
            return result_of(plan, "failed", plan["before"], error_dict(exc))

    results = [result_of(plan, ACTION_WORDS[plan["action"]], plan["after"]) for _request, plan in plans]
    pending = [index for index, (_request, plan) in enumerate(plans) if plan["action"] != "unchanged"]
    if check_mode or not pending:
        return results
    with ThreadPoolExecutor(max_workers=min(concurrency, len(pending))) as pool:
        for index, result in zip(pending, pool.map(write, pending), strict=True):
            results[index] = result
    return results
