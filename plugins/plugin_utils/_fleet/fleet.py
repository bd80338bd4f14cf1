# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Many orgs in one process: each org declared by its host's variables, converged by the bulk pipeline.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Used by the proofpoint_fleet action, which runs once for the hosts of a play (the orgs of an inventory
or of one AWX slice). Each org goes through ``converge_domains``, the bulk module's pipeline; what is added
here is only reading the declaration from host variables, running orgs side by side on one client (one
connection pool, one pace for the partner account) and keeping each org's outcome apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal, TypedDict, cast

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.bulk import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MAX_DELETIONS,
    NOT_SENT_AFTER_CANCEL,
    OrgOptions,
    OrgOutcome,
    converge_domains,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.items import check_items
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import Domain, index_domains
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.results import (
    SUMMARY_KEYS,
    WRITE_ACTIONS,
    summary_line,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    InputError,
    ProofpointAPIError,
    ProofpointEssentialsError,
    may_have_written,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped_repr
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import check_domain_name
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.converge import converge_org
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.model import OrgRequest, check_org_request
from ansible_collections.proofpoint.essentials.plugins.module_utils._started_run import StartedRun
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.accounts import Accounts
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._inventory.orgs import partner_group

MAX_ORG_CONCURRENCY = 64
SPEC_VAR = "proofpoint_org_spec"
PARTNERS_VAR = "proofpoint_partners"
SPEC_KEYS = frozenset(("partner", "name", "licensing_package", "user_licenses", "is_active", "admin_user"))
DEFAULT_DOMAIN_CONCURRENCY = 4

Status = Literal["unmanaged", "in_sync", "changed", "failed"]


class Declared(TypedDict):
    """One org as its host declares it. ``items`` is None for an unmanaged org (nothing declared);
    ``problem`` says why the declaration cannot be used (the org then fails, nothing is sent for it)."""

    host: str
    org: str
    name: str
    partner: str
    client: ProofpointClient | None  # None when ``problem`` says why there is none
    items: list[dict[str, Any]] | None
    options: OrgOptions
    current: dict[str, Domain] | None
    domains_now: int | None  # known once read (or from the inventory's copy when that is used)
    problem: str | None
    spec: OrgRequest | None  # proofpoint_org_spec: the org is created when the partner lacks it
    listed: bool  # whether the partner's listing (the inventory) holds the org


class OrgReport(TypedDict):
    """What the fleet did (or, in check mode, would do) to one org: the bulk module's result and a status."""

    host: str
    org: str
    name: str
    partner: str
    api_url: str
    status: Status
    changed: bool
    failed: bool
    writes: int
    msg: str
    summary: dict[str, int]
    results: list[dict[str, Any]]
    plan: list[str]
    diff: list[dict[str, Any]]
    error: dict[str, Any] | None
    domains_now: int | None
    created: bool  # the org itself was created (in check mode: is to be created)


def _int_var(host_vars: Mapping[str, Any], name: str, default: int) -> int:
    value = host_vars.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InputError("%s: %r is not a whole number" % (name, value)) from None


def declared_org(
    host: str,
    host_vars: Mapping[str, Any],
    read_file: Callable[[str], list[dict[str, Any]]],
    plan_from_inventory: bool,
    accounts: Accounts,
) -> Declared:
    """The org of one host, its account's client and what its variables declare: ``domains_list`` or
    ``domains_list_file`` (the role's variables), ``domains_exclusive``, ``domains_max_deletions``,
    ``domains_concurrency``."""
    org = str(host_vars.get("proofpoint_org") or host)
    declared: Declared = {
        "host": host,
        "org": org,
        "name": str(host_vars.get("proofpoint_org_name") or ""),
        "partner": str(host_vars.get("proofpoint_partner") or ""),
        "client": None,
        "items": None,
        "options": {
            "exclusive": False,
            "max_deletions": DEFAULT_MAX_DELETIONS,
            "concurrency": DEFAULT_DOMAIN_CONCURRENCY,
            "batch_create": False,
            "batch_size": DEFAULT_BATCH_SIZE,
            "report_unchanged": False,
        },
        "current": None,
        "domains_now": None,
        "problem": None,
        "spec": None,
        "listed": "proofpoint_current_domains" in host_vars,
    }
    # The variables may come from host_vars, group_vars or an inventory file: which one is not known here.
    where = "variables of host %s" % host
    try:
        org = declared["org"] = check_domain_name(org, "proofpoint_org")
        options = declared["options"]
        options["exclusive"] = bool_var(host_vars, "domains_exclusive")
        options["max_deletions"] = _int_var(host_vars, "domains_max_deletions", DEFAULT_MAX_DELETIONS)
        options["concurrency"] = _int_var(host_vars, "domains_concurrency", DEFAULT_DOMAIN_CONCURRENCY)
        declared["items"] = _declared_items(host_vars, read_file)
        declared["spec"] = _declared_spec(host_vars, org, declared["partner"])
        if declared["spec"] and not declared["partner"]:
            declared["partner"] = declared["spec"]["partner"] or ""
        # The inventory's copy is read (and templated) only when it is used: a managed org is read again.
        if plan_from_inventory or declared["items"] is None:
            inventory_copy = list(host_vars.get("proofpoint_current_domains") or [])
            declared["domains_now"] = len(inventory_copy)
            if plan_from_inventory and (declared["items"] is not None or declared["spec"]):
                declared["current"] = index_domains(inventory_copy)
    except ProofpointEssentialsError as exc:
        declared["problem"] = "%s: %s" % (where, exc)
        declared["items"] = declared["items"] or []
        return declared
    if declared["spec"] and not declared["listed"]:
        lacking = _new_customer_lacks(declared, host_vars, accounts)
        if lacking:
            declared["problem"] = lacking
            return declared
    if declared["items"] is not None or declared["spec"]:  # an unmanaged org is sent nothing: no connection
        try:
            declared["client"] = accounts.client(org, declared["partner"], host_vars)
        except InputError as exc:
            declared["problem"] = str(exc)
    return declared


def _new_customer_lacks(declared: Declared, host_vars: Mapping[str, Any], accounts: Accounts) -> str | None:
    """Everything a declared customer that no partner's listing holds lacks, in one message: nothing from
    the inventory's listing gives it a partner, an API or a login."""
    lacking = [] if declared["partner"] else ["its partner: proofpoint_partner (or partner in %s)" % SPEC_VAR]
    lacking += accounts.lacks(host_vars)
    if not lacking:
        return None
    group = "proofpoint_partner_<partner>" if not declared["partner"] else partner_group(declared["partner"])
    return (
        "%s: a new customer (%s, in no partner's listing) lacks %s. With several partners: put it in its"
        " partner's group %s, whose group_vars hold that partner's login, and set proofpoint_partner and"
        " proofpoint_api_url (or proofpoint_stack) for it (docs/fleet.md, New customers)"
        % (declared["org"], SPEC_VAR, "; ".join(lacking), group)
    )


def _declared_spec(host_vars: Mapping[str, Any], org: str, partner: str) -> OrgRequest | None:
    """``proofpoint_org_spec``: the org as ``proofpoint_org`` declares it (its partner defaults to the host's),
    for creating it when the partner lacks it. The fleet never removes an org."""
    spec = host_vars.get(SPEC_VAR)
    if spec is None:
        return None
    if not isinstance(spec, Mapping):
        raise InputError(
            "%s must be a mapping (name, licensing_package, user_licenses, admin_user), got %s"
            % (SPEC_VAR, type(spec).__name__)
        )
    unknown = sorted(set(spec) - SPEC_KEYS)
    if unknown:
        raise InputError(
            "%s: unknown key(s) %s (known: %s)" % (SPEC_VAR, ", ".join(map(str, unknown)), ", ".join(sorted(SPEC_KEYS)))
        )
    plain = json.loads(json.dumps(dict(spec), default=str))
    return check_org_request(
        dict(plain, primary_domain=org, partner=plain.get("partner") or partner or None), SPEC_VAR + "."
    )


def bool_var(host_vars: Mapping[str, Any], name: str) -> bool:
    # Ansible's own reading of a boolean, as the role's module option would get it.
    value = host_vars.get(name)
    if value is None or value == "":  # left empty, as a role variable may be
        return False
    try:
        return boolean(value, strict=True)
    except TypeError:
        raise InputError("%s: %r is not a boolean (true or false)" % (name, value)) from None


def _declared_items(
    host_vars: Mapping[str, Any], read_file: Callable[[str], list[dict[str, Any]]]
) -> list[dict[str, Any]] | None:
    listed, path = host_vars.get("domains_list"), host_vars.get("domains_list_file")
    if path:
        return read_file(str(path))
    if listed is None:
        return None
    if not isinstance(listed, list):
        raise InputError("domains_list must be a list of domains, got a %s" % type(listed).__name__)
    # As plain data: the validator deep-copies its input, and copying Ansible's tagged values costs more
    # than the whole check (what a module gets is plain JSON too).
    return check_items(json.loads(json.dumps(listed, default=str)), "domains_list")


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
    org, items, now, client = declared["org"], declared["items"], declared["domains_now"] or 0, declared["client"]
    if declared["problem"]:
        return _report(declared, "failed", declared["problem"], error={"message": declared["problem"]})
    creates = declared["spec"] is not None and not declared["listed"]
    if client is None or (items is None and not creates):
        message = "%s: unmanaged, no domains_list or domains_list_file; left as it is (%d domain%s)" % (
            org,
            now,
            "" if now == 1 else "s",
        )
        return _report(declared, "unmanaged", message)
    if not check_mode and run_started.gone():
        message = "%s: %s" % (org, NOT_SENT_AFTER_CANCEL)
        return _report(declared, "failed", message, error={"message": message})
    run = OrgRun(client, org, check_mode, run_started)
    try:
        if creates:
            return _converge_unlisted(declared, run)
        outcome = converge_domains(run, items or [], declared["options"], declared["current"])
    except ProofpointEssentialsError as exc:
        return failed_report(declared, client, exc)
    return _domains_report(declared, outcome, check_mode)


def _converge_unlisted(declared: Declared, run: OrgRun) -> OrgReport:
    """A declared customer the partner's listing lacks: read, and created when it does not exist (with
    ``plan_from_inventory``, the listing is taken at its word: no read). Its fields are never updated here."""
    spec = cast(OrgRequest, declared["spec"])
    outcome = converge_org(
        run, spec, declared["items"] or [], declared["options"], update_fields=False, read=declared["current"] is None
    )
    domains = cast(OrgOutcome, outcome["domains"])
    report = _domains_report(declared, domains, run.check_mode)
    if outcome["action"] == "created":
        report["created"] = report["changed"] = True
        report["status"] = "failed" if report["failed"] else "changed"
        report["writes"] += 1
        report["plan"] = outcome["plan"]
        report["diff"] = outcome["diff"]
        report["msg"] = "%s: %s under %s; %s" % (
            declared["org"],
            "organization to create" if run.check_mode else "organization created",
            spec["partner"],
            report["msg"],
        )
    return report


def _domains_report(declared: Declared, outcome: OrgOutcome, check_mode: bool) -> OrgReport:
    org = declared["org"]
    report = _report(
        declared,
        "failed" if outcome["failure"] else "changed" if outcome["changed"] else "in_sync",
        "%s: %s" % (org, outcome["failure"])
        if outcome["failure"]
        else summary_line(org, outcome["summary"], check_mode),
    )
    report["domains_now"] = outcome["domains_before"]
    report["changed"] = outcome["changed"]
    report["writes"] = sum(outcome["summary"][action] for action in WRITE_ACTIONS)
    report["summary"] = outcome["summary"]
    report["results"] = list(outcome["results"])  # type: ignore[arg-type]  # DomainResult is a dict
    report["plan"] = outcome["plan"]
    report["diff"] = outcome["diff"]
    return report


def failed_report(declared: Declared, client: ProofpointClient, exc: ProofpointEssentialsError) -> OrgReport:
    """An org's failure as its report, as a module fails (``ProofpointModule.fail_from``): the error, and
    ``changed`` whenever a write may have happened."""
    report = _report(declared, "failed", "%s: %s%s" % (declared["org"], exc, _who_refused(declared, client, exc)))
    report["error"], report["changed"] = exc.as_dict(), may_have_written(exc)
    return report


def _who_refused(declared: Declared, client: ProofpointClient, exc: ProofpointEssentialsError) -> str:
    # With several partners, which account's login was refused, and by which API.
    if not isinstance(exc, ProofpointAPIError) or exc.status not in (401, 403):
        return ""
    partner = "partner %s, " % declared["partner"] if declared["partner"] else ""
    return " [%suser %s, answered by %s]" % (partner, client.user, client.base_url)


def _report(declared: Declared, status: Status, msg: str, error: dict[str, Any] | None = None) -> OrgReport:
    client = declared["client"]
    return {
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
        "summary": dict.fromkeys(SUMMARY_KEYS, 0),
        "results": [],
        "plan": [],
        "diff": [],
        "error": error,
        "domains_now": declared["domains_now"],
        "created": False,
    }


def fleet_totals(reports: Mapping[str, OrgReport]) -> dict[str, int]:
    """How many orgs have each status (and how many were created), and how many domains each action
    concerned, over the fleet."""
    totals = {status: 0 for status in ("unmanaged", "in_sync", "changed", "failed")}
    for report in reports.values():
        totals[report["status"]] += 1
    totals["orgs_created"] = sum(report["created"] for report in reports.values())
    for key in SUMMARY_KEYS:
        totals["domains_" + key] = sum(report["summary"][key] for report in reports.values())
    return totals


def partner_totals(reports: Mapping[str, OrgReport]) -> list[dict[str, Any]]:
    """How many orgs of each partner have each status, by partner, with the API(s) its orgs were sent to
    (an unmanaged org is sent nothing, so it names none)."""
    totals: dict[str, dict[str, Any]] = {}
    for report in reports.values():
        entry = totals.setdefault(
            report["partner"],
            {"partner": report["partner"], "api_url": "", "unmanaged": 0, "in_sync": 0, "changed": 0, "failed": 0},
        )
        entry[report["status"]] += 1
        if report["api_url"] and report["api_url"] not in entry["api_url"].split(", "):
            entry["api_url"] = ", ".join(filter(None, [entry["api_url"], report["api_url"]]))
    return [totals[partner] for partner in sorted(totals)]


class MissingPartner(TypedDict):
    """A partner the run was given (``proofpoint_partners``) of which the inventory holds no org."""

    partner: str
    source: str
    msg: str


def _partner_entry(entry: Any, index: int) -> tuple[str, str]:
    # A partner's domain, or a mapping with `partner` and, to name it in the message, its `source`.
    partner, source = (entry.get("partner"), entry.get("source")) if isinstance(entry, Mapping) else (entry, None)
    if not isinstance(partner, str) or not partner.strip():
        raise InputError(
            "%s[%d] must be a partner's primary domain, or a mapping with partner and source, got %s"
            % (PARTNERS_VAR, index, clipped_repr(entry))
        )
    return check_domain_name(partner, "%s[%d]" % (PARTNERS_VAR, index)), str(source or "")


def missing_partners(declared: Any, groups: Mapping[str, Any]) -> list[MissingPartner]:
    """The declared partners of which the whole inventory (``groups``) holds no org: its source could not be
    read (the partner's group is missing), or was read and holds none. A fleet run must not look complete
    without them. ``declared`` is ``proofpoint_partners``: None (not set) declares nothing."""
    if declared is None or declared == "":
        return []
    if not isinstance(declared, list):
        raise InputError("%s must be a list of partners, got %s" % (PARTNERS_VAR, clipped_repr(declared)))
    missing: list[MissingPartner] = []
    for index, entry in enumerate(declared):
        partner, source = _partner_entry(entry, index)
        group = partner_group(partner)
        if groups.get(group):
            continue
        where = "its inventory source%s" % (" " + source if source else "")
        why = (
            "%s was read but holds no customer org (the partner has none, or the source's filters leave out every one)"
            % where
            if group in groups
            else "%s was not read (the inventory's warning above says why: a wrong URL, port, stack or login)" % where
        )
        missing.append(
            {
                "partner": partner,
                "source": source,
                "msg": "partner %s: no org of it in the inventory; %s. None of its orgs were converged or reported"
                % (partner, why),
            }
        )
    return missing
