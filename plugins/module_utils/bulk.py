# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A whole org at once: validate every item, plan against one list read, write in parallel.

Planning reuses the single-domain functions of domain.py; only what is specific to many domains
(duplicates, exclusive mode, the parallel writes and their report) lives here.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.proofpoint.essentials.plugins.module_utils.common import ACTION_WORDS, apply_plan, error_dict
from ansible_collections.proofpoint.essentials.plugins.module_utils.client import ProofpointError
from ansible_collections.proofpoint.essentials.plugins.module_utils.domain import (
    DomainError,
    DomainInputError,
    check_request,
    plan_domain,
)

MAX_CONCURRENCY = 32
# The result actions that mean something was (or in check mode would be) written.
WRITE_ACTIONS = ("created", "updated", "deleted")
SUMMARY_KEYS = WRITE_ACTIONS + ("unchanged", "failed")


def check_requests(items, org, exclusive, concurrency):
    """Validate the bulk options before any request; every problem found is reported at once."""
    problems = []
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        problems.append("concurrency must be between 1 and %d, got %r" % (MAX_CONCURRENCY, concurrency))
    if exclusive and not items:
        problems.append("exclusive: true with an empty domains list would delete every domain but the primary one; "
                        "list the domains to keep")
    requests, first_index = [], {}
    for index, item in enumerate(items):
        prefix = "domains[%d]." % index
        try:
            request = check_request(item, org, prefix)
        except DomainInputError as exc:
            problems.append(str(exc))
            continue
        if request["name"] in first_index:
            problems.append("%sname: %s is listed more than once (first at domains[%d])"
                            % (prefix, item.get("name"), first_index[request["name"]]))
            continue
        first_index[request["name"]] = index
        request["index"] = index
        requests.append(request)
    if problems:
        raise DomainInputError("; ".join(problems))
    return requests


def plan_org(current, requests, org, exclusive):
    """One plan per listed domain, plus deletions of unlisted domains in exclusive mode.

    Raises DomainInputError (for example a create without destination) before anything is written.
    """
    plans, problems = [], []
    for request in requests:
        try:
            plans.append((request, plan_domain(current.get(request["name"]), request, "domains[%d]." % request["index"])))
        except DomainInputError as exc:
            problems.append(str(exc))
    if problems:
        raise DomainInputError("; ".join(problems))
    if exclusive:
        listed = {request["name"] for request in requests}
        for name in sorted(set(current) - listed - {org}):
            request = {"name": name, "state": "absent", "fields": {}}
            plans.append((request, plan_domain(current[name], request)))
    return plans


def _result(plan, action, after, error=None):
    return {
        "name": plan["name"],
        "action": action,
        "changes": plan["changes"],
        "before": plan["before"],
        "after": after,
        "error": error,
    }


def execute(client, org, plans, concurrency, check_mode):
    """Send the planned writes (none in check mode) in parallel; one failure does not stop the others.

    Returns one result per plan, in the plans' order.
    """
    def write(request, plan):
        try:
            return _result(plan, ACTION_WORDS[plan["action"]], apply_plan(client, org, plan, request))
        except (ProofpointError, DomainError) as exc:
            return _result(plan, "failed", plan["before"], error_dict(exc))

    results = [_result(plan, ACTION_WORDS[plan["action"]], plan["after"]) for _request, plan in plans]
    if check_mode:
        return results
    pending = [index for index, (_request, plan) in enumerate(plans) if plan["action"] != "unchanged"]
    if pending:
        with ThreadPoolExecutor(max_workers=min(concurrency, len(pending))) as pool:
            for index, result in zip(pending, pool.map(lambda i: write(*plans[i]), pending)):
                results[index] = result
    return results


def summarize(results):
    summary = dict.fromkeys(SUMMARY_KEYS, 0)
    for result in results:
        summary[result["action"]] += 1
    return summary


def org_diff(org, current, results):
    """The whole org before and after, keyed by domain name: reads like a plan in --diff."""
    after = dict(current)
    for result in results:
        if result["after"] is None:
            after.pop(result["name"], None)
        else:
            after[result["name"]] = result["after"]
    return {"before": {"domains": dict(sorted(current.items()))}, "after": {"domains": dict(sorted(after.items()))},
            "before_header": "%s (current)" % org, "after_header": "%s (declared)" % org}


def failure_message(results):
    failed = [r for r in results if r["action"] == "failed"]
    applied = [r for r in results if r["action"] in WRITE_ACTIONS]
    text = "%d of %d domain writes failed: %s." % (
        len(failed), len(failed) + len(applied), "; ".join("%s: %s" % (r["name"], r["error"]["message"].rstrip(".")) for r in failed))
    if applied:
        text += " Applied anyway: %s." % ", ".join("%s (%s)" % (r["name"], r["action"]) for r in applied)
    else:
        text += " Nothing else was written."
    return text
