# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Many orgs in one process: each org declared by its host's variables, its resources converged, its report.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Used by the proofpoint_fleet action, which runs once for the hosts of a play (the orgs of an inventory or of
one AWX slice). This module schedules (orgs side by side, each partner account on its own client and
workers), writes each org's report and the totals; what is converged is each resource's (RESOURCES, each a
FleetResource of this package), in order: the org itself, its domains, its sender lists, its features.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    InputError,
    ProofpointAPIError,
    ProofpointEssentialsError,
    ValidationError,
    may_have_written,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import check_domain_name
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._started_run import (
    NOT_SENT_AFTER_CANCEL,
    StartedRun,
)
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.accounts import Accounts
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.domains import DomainsResource
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.features import FeaturesResource
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.orgs import OrgResource
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.resource import (
    DeclareContext,
    FleetResource,
    Section,
    Unusable,
)
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.sender_lists import SenderListsResource

MAX_ORG_CONCURRENCY = 64
# What the fleet converges, in this order: the org first (a new customer is created with its domains), then
# its domains, its sender lists and its features. A new resource is added here, and nowhere else in this module.
RESOURCES: tuple[FleetResource, ...] = (OrgResource(), DomainsResource(), SenderListsResource(), FeaturesResource())

Status = Literal["unmanaged", "in_sync", "changed", "failed"]
# What the fleet did (or, in check mode, would do) to one org: host, org, name, partner, api_url, status,
# changed, failed, writes, msg, plan, diff, error, and each resource's own fields (its report_fields).
OrgReport = dict[str, Any]


class Declared(TypedDict):
    """One org as its host declares it: each resource's declaration by its name (absent: nothing declared),
    the report fields known before any request (``facts``), and ``problem`` saying why the declaration
    cannot be used (the org then fails, nothing is sent for it)."""

    host: str
    org: str
    name: str
    partner: str
    client: ProofpointClient | None  # None when nothing is declared, or ``problem`` says why there is none
    declarations: dict[str, Any]
    facts: dict[str, Any]
    problem: str | None
    listed: bool  # whether the partner's listing (the inventory) holds the org


def declared_org(
    host: str,
    host_vars: Mapping[str, Any],
    read_file: Callable[[str], list[dict[str, Any]]],
    plan_from_inventory: bool,
    accounts: Accounts,
    only: Iterable[str] | None = None,
) -> Declared:
    """The org of one host, what each resource finds declared in its variables (of the resources named in
    ``only``, when given: the others are left as they are), and its account's client."""
    declared: Declared = {
        "host": host,
        "org": str(host_vars.get("proofpoint_org") or host),
        "name": str(host_vars.get("proofpoint_org_name") or ""),
        "partner": str(host_vars.get("proofpoint_partner") or ""),
        "client": None,
        "declarations": {},
        "facts": {},
        "problem": None,
        "listed": "proofpoint_current_domains" in host_vars,
    }
    facts = declared["facts"]
    facts["partner"] = declared["partner"]
    try:
        org = declared["org"] = check_domain_name(declared["org"], "proofpoint_org")
        context = DeclareContext(host, org, declared["listed"], plan_from_inventory, read_file, accounts)
        for resource in RESOURCES if only is None else [r for r in RESOURCES if r.name in set(only)]:
            declaration = resource.declare(host_vars, context, facts)
            if declaration is not None:
                declared["declarations"][resource.name] = declaration
    except Unusable as exc:
        declared["problem"] = str(exc)
    except ValidationError as exc:
        # The variables may come from host_vars, group_vars or an inventory file: which one is not known here.
        declared["problem"] = "variables of host %s: %s" % (host, exc)
    declared["partner"] = facts.pop("partner")
    if declared["declarations"] and not declared["problem"]:  # an unmanaged org is sent nothing: no connection
        try:
            declared["client"] = accounts.client(declared["org"], declared["partner"], host_vars)
        except InputError as exc:
            declared["problem"] = str(exc)
    return declared


def converge_fleet(orgs: Iterable[Declared], concurrency: int, check_mode: bool) -> dict[str, OrgReport]:
    """Every declared org converged (planned only, in check mode), ``concurrency`` orgs at a time for each
    partner account (each has its own rate limit: one account slowed down never holds another's orgs
    back); one org failing does not stop the others. Returns each org's report, keyed by host.

    Each org starts as soon as ``orgs`` yields it, so reading the next declarations (host variables,
    on the controller's CPU) overlaps the requests of the first ones."""
    # Noted once, now: an org started late must still know the run that asked for it, even once this
    # process has been re-parented away from a killed ansible-playbook.
    run_started = StartedRun()
    pools: dict[int, ThreadPoolExecutor] = {}
    started = {}
    try:
        for declared in orgs:
            account = id(declared["client"])  # one client per account (None: the orgs sent nothing)
            if account not in pools:
                pools[account] = ThreadPoolExecutor(max_workers=concurrency)
            started[declared["host"]] = pools[account].submit(converge_declared, declared, check_mode, run_started)
    finally:
        for pool in pools.values():
            pool.shutdown(wait=True)
    return {host: future.result() for host, future in started.items()}


def converge_declared(declared: Declared, check_mode: bool, run_started: StartedRun) -> OrgReport:
    """One org: each resource it declares converged in order (planned, in check mode), then its report."""
    org, client = declared["org"], declared["client"]
    if declared["problem"]:
        return _report(declared, "failed", declared["problem"], error={"message": declared["problem"]})
    if client is None or not declared["declarations"]:
        notes = [note for resource in RESOURCES for note in [resource.unmanaged_note(declared["facts"])] if note]
        return _report(declared, "unmanaged", "%s: unmanaged, %s" % (org, "; ".join(notes)))
    if not check_mode and run_started.gone():
        message = "%s: %s" % (org, NOT_SENT_AFTER_CANCEL)
        return _report(declared, "failed", message, error={"message": message})
    run, sections = OrgRun(client, org, check_mode, run_started), []
    # Every resource's declaration of the org, and what a resource hands on to the next ones.
    shared: dict[str, Any] = {"declarations": declared["declarations"]}
    try:
        for resource in RESOURCES:
            section = resource.converge(run, declared["declarations"].get(resource.name), shared)
            if section is not None:
                sections.append(section)
    except ProofpointEssentialsError as exc:
        return failed_report(declared, client, exc, sections)
    return _sections_report(declared, sections)


def _sections_report(declared: Declared, sections: list[Section]) -> OrgReport:
    """An org's report from its resources' sections: failed if one failed, changed if one changed."""
    failed, changed = any(s["failed"] for s in sections), any(s["changed"] for s in sections)
    lines = [section["line"] for section in sections if section["line"]]
    report = _report(declared, "failed" if failed else "changed" if changed else "in_sync", "; ".join(lines))
    report["changed"] = changed
    report["writes"] = sum(section["writes"] for section in sections)
    report["plan"] = [line for section in sections for line in section["plan"]]
    report["diff"] = [entry for section in sections for entry in section["diff"]]
    for section in sections:
        report.update(section["fields"])
    return report


def failed_report(
    declared: Declared, client: ProofpointClient, exc: ProofpointEssentialsError, sections: list[Section]
) -> OrgReport:
    """An org's failure as its report, as a module fails (``ProofpointModule.fail_from``): the error, and
    ``changed`` whenever a write may have happened. What the resources before the failing one did is kept
    (their lines first): nothing half-applied goes unsaid."""
    report = _sections_report(declared, sections)
    failure = "%s: %s%s" % (declared["org"], exc, _who_refused(declared, client, exc))
    report["msg"] = "; ".join(([report["msg"]] if report["msg"] else []) + [failure])
    report["status"], report["failed"], report["error"] = "failed", True, exc.as_dict()
    report["changed"] = report["changed"] or may_have_written(exc)
    return report


def _who_refused(declared: Declared, client: ProofpointClient, exc: ProofpointEssentialsError) -> str:
    # With several partners, which account's login was refused, and by which API.
    if not isinstance(exc, ProofpointAPIError) or exc.status not in (401, 403):
        return ""
    partner = "partner %s, " % declared["partner"] if declared["partner"] else ""
    return " [%suser %s, answered by %s]" % (partner, client.user, client.base_url)


def _report(declared: Declared, status: Status, msg: str, error: dict[str, Any] | None = None) -> OrgReport:
    client = declared["client"]
    report: OrgReport = {
        "host": declared["host"],
        "org": declared["org"],
        "name": declared["name"],
        "partner": declared["partner"],
        "api_url": client.base_url if client is not None else "",
        "status": status,
        "changed": False,
        "failed": status == "failed",
        "writes": 0,
        "msg": msg,
        "plan": [],
        "diff": [],
        "error": error,
    }
    for resource in RESOURCES:
        report.update({key: _fresh(value) for key, value in resource.report_fields.items()})
    report.update(declared["facts"])
    return report


def _fresh(value: Any) -> Any:
    # A default of one org's report is never shared with another's.
    return dict(value) if isinstance(value, dict) else list(value) if isinstance(value, list) else value


def fleet_totals(reports: Mapping[str, OrgReport]) -> dict[str, int]:
    """How many orgs have each status, then each resource's totals, over the fleet."""
    totals = {status: 0 for status in ("unmanaged", "in_sync", "changed", "failed")}
    for report in reports.values():
        totals[report["status"]] += 1
    for resource in RESOURCES:
        totals.update(resource.totals(reports.values()))
    return totals
