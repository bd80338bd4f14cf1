# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A whole org at once: validate every item, plan against one list read, converge in parallel.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Planning and convergence are the single-domain functions; only what is specific to many domains
(duplicates, exclusive mode, the parallel writes) lives here. ``converge_domains`` is the whole pipeline
of one org, the one the bulk module runs.
"""

from __future__ import annotations

from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypedDict, cast

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.batch import (
    MAX_BATCH_SIZE,
    create_in_batches,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.calls import read_domains
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.converge import converge
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import (
    Domain,
    DomainRequest,
    Plan,
    changed_fields,
    check_request,
    item_label,
    plan_domain,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.results import (
    WRITE_ACTIONS,
    DomainResult,
    domain_diffs,
    failure_message,
    plan_lines,
    result_of,
    summarize,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    BatchOutcomeUnknown,
    InputError,
    ProofpointEssentialsError,
    WriteOutcomeUnknown,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import listed_names
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import check_domain_name
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._started_run import NOT_SENT_AFTER_CANCEL

MAX_CONCURRENCY = 32
# How many unlisted domains exclusive mode may delete unless the user allows more: enough for routine
# clean-up, too few for a list that lost most of its items by mistake.
DEFAULT_MAX_DELETIONS = 10
DEFAULT_BATCH_SIZE = 100


class OrgOptions(TypedDict):
    """How one org is converged: the bulk module's options besides the connection and the list."""

    exclusive: bool
    max_deletions: int
    concurrency: int
    batch_create: bool
    batch_size: int
    report_unchanged: bool


class OrgOutcome(TypedDict):
    """What converging one org did (or, in check mode, would do), as the bulk module returns it."""

    changed: bool
    results: list[DomainResult]
    summary: dict[str, int]
    plan: list[str]
    diff: list[dict[str, Any]]
    batch: dict[str, Any] | None
    failure: str | None  # why some writes failed and what was applied anyway, or None
    domains_before: int  # how many domains the org had when it was read


def check_requests(
    items: list[dict[str, Any]],
    org: str,
    exclusive: bool,
    concurrency: int,
    max_deletions: int = DEFAULT_MAX_DELETIONS,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> list[DomainRequest]:
    """Validate the bulk options before any request; every problem found is reported at once."""
    problems = []
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        problems.append("concurrency must be between 1 and %d, got %r" % (MAX_CONCURRENCY, concurrency))
    if max_deletions < 0:
        problems.append("max_deletions must be 0 or more, got %r" % max_deletions)
    if not 1 <= batch_size <= MAX_BATCH_SIZE:
        problems.append("batch_size must be between 1 and %d, got %r" % (MAX_BATCH_SIZE, batch_size))
    if exclusive and not items:
        problems.append(
            "exclusive: true with an empty domains list would delete every domain but the primary one; "
            "list the domains to keep"
        )
    checked: list[DomainRequest] = []
    first_index: dict[str, int] = {}
    for index, item in enumerate(items):
        try:
            check_domain_name(item.get("name"), "domains[%d].name" % index)
            request = check_request(item, org, item_label(index, item))
        except InputError as exc:
            problems.append(str(exc))
            continue
        if request["name"] in first_index:
            problems.append(
                "%sname: %s is listed more than once (first at domains[%d])"
                % (item_label(index, item), item.get("name"), first_index[request["name"]])
            )
            continue
        first_index[request["name"]] = index
        checked.append(request)
    if problems:
        raise InputError("; ".join(problems))
    return checked


def plan_domains(
    current: dict[str, Domain],
    wanted: list[DomainRequest],
    org: str,
    exclusive: bool,
    max_deletions: int = DEFAULT_MAX_DELETIONS,
) -> list[tuple[DomainRequest, Plan]]:
    """One plan per listed domain, plus deletions of unlisted domains in exclusive mode.

    Raises InputError (a create without destination, more unlisted deletions than
    ``max_deletions``) before anything is written.
    """
    plans, problems = [], []
    for request in wanted:
        try:
            plans.append((request, plan_domain(current.get(request["name"]), request)))
        except InputError as exc:
            problems.append(str(exc))
    if problems:
        raise InputError("; ".join(problems))
    if exclusive:
        plans += _unlisted_deletions(current, {request["name"] for request in wanted} | {org}, max_deletions)
    return plans


def _unlisted_deletions(
    current: dict[str, Domain], keep: set[str], max_deletions: int
) -> list[tuple[DomainRequest, Plan]]:
    unlisted = sorted(set(current) - keep)
    if len(unlisted) > max_deletions:
        raise InputError(
            "exclusive: true would delete %d domains that domains does not list, more than max_deletions (%d): %s. "
            "Nothing was written. List the domains to keep, or set max_deletions to %d or more to allow it"
            % (len(unlisted), max_deletions, listed_names(unlisted), len(unlisted))
        )
    plans = []
    for name in unlisted:
        request: DomainRequest = {"name": name, "state": "absent", "fields": {}, "label": ""}
        plans.append((request, plan_domain(current[name], request)))
    return plans


def execute(
    run: OrgRun,
    plans: list[tuple[DomainRequest, Plan]],
    concurrency: int,
    landed: dict[str, Domain] | None = None,
    unknown: dict[str, dict[str, Any]] | None = None,
) -> list[DomainResult]:
    """Converge the planned domains (no write in check mode) in parallel; one failure does not stop
    the others. ``landed`` holds creates already done (by batch create) as they now are, ``unknown``
    the error of each create whose batch may or may not have landed (not sent again). Once the run that
    started the work has ended (``run.started``), no new write starts.
    Returns one result per plan, in the plans' order."""
    landed, unknown = landed or {}, unknown or {}

    def write(index: int) -> DomainResult:
        request, plan = plans[index]
        if run.started.gone():
            return result_of(plan, "failed", plan["before"], {"message": NOT_SENT_AFTER_CANCEL})
        try:
            outcome = converge(cast(ProofpointClient, run.client), run.org, request, plan)
            return result_of(plan, outcome["action"], outcome["domain"])
        except WriteOutcomeUnknown as exc:
            return result_of(plan, "unknown", plan["before"], exc.as_dict())
        except ProofpointEssentialsError as exc:
            return result_of(plan, "failed", plan["before"], exc.as_dict())

    results = [
        result_of(plan, "unknown", plan["before"], unknown[plan["name"]])
        if plan["name"] in unknown
        else result_of(plan, plan["action"], landed.get(plan["name"], plan["after"]))
        for _request, plan in plans
    ]
    pending = [
        index
        for index, (_request, plan) in enumerate(plans)
        if plan["action"] != "unchanged" and plan["name"] not in landed and plan["name"] not in unknown
    ]
    if run.check_mode or not pending:
        return results
    with ThreadPoolExecutor(max_workers=min(concurrency, len(pending))) as pool:
        for index, result in zip(pending, pool.map(write, pending), strict=True):
            results[index] = result
    return results


def kept_primary(
    current: dict[str, Domain], wanted: list[DomainRequest], org: str, exclusive: bool
) -> list[DomainResult]:
    """In exclusive mode, the unlisted primary domain as a ``kept`` result: visibly protected."""
    if not exclusive or org not in current or org in {request["name"] for request in wanted}:
        return []
    return [
        {"name": org, "action": "kept", "changes": [], "before": current[org], "after": current[org], "error": None}
    ]


def _batch_creates(
    run: OrgRun, plans: list[tuple[DomainRequest, Plan]], options: OrgOptions
) -> tuple[dict[str, Domain], dict[str, dict[str, Any]], dict[str, Any] | None]:
    """With batch_create, the creates sent in list POSTs: the domains that landed, the error of each whose
    outcome is unknown, and the report."""
    wanted = [plan for _request, plan in plans if plan["action"] == "created"]
    if not options["batch_create"] or run.check_mode or not wanted or run.started.gone():
        return {}, {}, None
    client = cast(ProofpointClient, run.client)
    try:
        landed, report = create_in_batches(client, run.org, wanted, options["batch_size"], options["concurrency"])
        return landed, {}, report
    except BatchOutcomeUnknown as exc:
        # Those chunks may have landed: sent again they would be refused as existing, and look unchanged.
        report = {"chunks": None, "sent": len(wanted), "landed": None, "answers": [str(exc)]}
        return {}, dict.fromkeys(exc.names, exc.as_dict()), report
    except ProofpointEssentialsError as exc:
        # The verifying read failed: nothing is known to have landed, so every create goes one by one.
        return {}, {}, {"chunks": None, "sent": len(wanted), "landed": 0, "answers": [str(exc)]}


def converge_domains(
    run: OrgRun,
    items: list[dict[str, Any]],
    options: OrgOptions,
    current: dict[str, Domain] | None = None,
    sent_with_org: Collection[str] = (),
) -> OrgOutcome:
    """Check the items, read the org's domains once (unless ``current`` gives them), plan, write what
    differs (nothing in check mode) and report; no write starts once the run that asked has ended.
    ``sent_with_org`` names the domains sent in the create of the org itself, just now: created by this
    run, whatever planning against the read-back finds.

    Raises InputError before any request for bad items or options, and another ProofpointEssentialsError
    when the org cannot be read or planned: then nothing was written. A write that
    fails does not stop the others; ``failure`` says what failed and what was applied anyway.
    """
    org, exclusive = run.org, options["exclusive"]
    wanted = check_requests(
        items, org, exclusive, options["concurrency"], options["max_deletions"], options["batch_size"]
    )
    current = read_domains(cast(ProofpointClient, run.client), org) if current is None else current
    plans = plan_domains(current, wanted, org, exclusive, options["max_deletions"])
    landed, unknown, batch = _batch_creates(run, plans, options)
    results = execute(run, plans, options["concurrency"], landed, unknown)
    results = _as_created(results, sent_with_org) + kept_primary(current, wanted, org, exclusive)
    summary = summarize(results)
    return {
        # A write of unknown outcome may have changed the org: say so rather than "nothing changed".
        "changed": any(summary[action] for action in WRITE_ACTIONS + ("unknown",)),
        "results": results if options["report_unchanged"] else [r for r in results if r["action"] != "unchanged"],
        "summary": summary,
        "plan": plan_lines(results),
        "diff": domain_diffs(org, results),
        "batch": batch,
        "failure": failure_message(results) if summary["failed"] or summary["unknown"] else None,
        "domains_before": 0 if sent_with_org else len(current),
    }


def _as_created(results: list[DomainResult], names: Collection[str]) -> list[DomainResult]:
    if not names:
        return results
    return [
        DomainResult(result, action="created", before=None, changes=changed_fields(None, result["after"]))  # type: ignore[misc]
        if result["name"] in names and result["action"] in ("unchanged", "updated")
        else result
        for result in results
    ]
