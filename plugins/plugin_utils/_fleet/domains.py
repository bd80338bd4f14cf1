# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet's resource "domains": an org's domains, declared as the domains role declares them.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Each org goes through ``converge_domains``, the bulk module's pipeline (one read, then only the writes needed).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.bulk import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MAX_DELETIONS,
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
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.resource import (
    DeclareContext,
    Section,
    bool_var,
    int_var,
)

DEFAULT_DOMAIN_CONCURRENCY = 4
# What an org's create carried and converged (the org resource hands it on): reported as this resource's.
HANDED_OUTCOME = "domains_outcome"


class DomainsDeclaration(TypedDict):
    """The domains an org declares (``items``, as checked), its options, and what the partner's listing holds
    when the plan is made from it (``current``; None: read)."""

    items: list[dict[str, Any]]
    options: OrgOptions
    current: dict[str, Domain] | None


def declared_items(
    host_vars: Mapping[str, Any], read_file: Callable[[str], list[dict[str, Any]]]
) -> list[dict[str, Any]] | None:
    """``domains_list`` or the file ``domains_list_file`` names, checked as the bulk module's items; None when
    neither is given."""
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


def options_of(host_vars: Mapping[str, Any]) -> OrgOptions:
    """The role's options of an org's domains: ``domains_exclusive``, ``domains_max_deletions``,
    ``domains_concurrency``."""
    return {
        "exclusive": bool_var(host_vars, "domains_exclusive"),
        "max_deletions": int_var(host_vars, "domains_max_deletions", DEFAULT_MAX_DELETIONS),
        "concurrency": int_var(host_vars, "domains_concurrency", DEFAULT_DOMAIN_CONCURRENCY),
        "batch_create": False,
        "batch_size": DEFAULT_BATCH_SIZE,
        "report_unchanged": False,
    }


class DomainsResource:
    """An org's domains: ``domains_list`` or ``domains_list_file``, ``domains_exclusive``,
    ``domains_max_deletions``, ``domains_concurrency``."""

    name = "domains"
    report_fields: Mapping[str, Any] = {"summary": dict.fromkeys(SUMMARY_KEYS, 0), "results": [], "domains_now": None}

    def declare(
        self, host_vars: Mapping[str, Any], context: DeclareContext, facts: dict[str, Any]
    ) -> DomainsDeclaration | None:
        options = options_of(host_vars)
        items = declared_items(host_vars, context.read_file)
        current = None
        # The listing's copy is read (and templated) only when it is used: a managed org is read again.
        if context.plan_from_inventory or items is None:
            inventory_copy = list(host_vars.get("proofpoint_current_domains") or [])
            facts["domains_now"] = len(inventory_copy)
            if context.plan_from_inventory and items is not None:
                current = index_domains(inventory_copy)
        return None if items is None else {"items": items, "options": options, "current": current}

    def unmanaged_note(self, facts: Mapping[str, Any]) -> str | None:
        now = facts.get("domains_now") or 0
        return "no domains_list or domains_list_file; left as it is (%d domain%s)" % (now, "" if now == 1 else "s")

    def converge(self, run: OrgRun, declaration: DomainsDeclaration | None, shared: dict[str, Any]) -> Section | None:
        outcome: OrgOutcome | None = shared.get(HANDED_OUTCOME)
        if outcome is None:
            if declaration is None:
                return None
            outcome = converge_domains(run, declaration["items"], declaration["options"], declaration["current"])
        summary = outcome["summary"]
        return {
            "changed": outcome["changed"],
            "failed": bool(outcome["failure"]),
            "writes": sum(summary[action] for action in WRITE_ACTIONS),
            "line": "%s: %s" % (run.org, outcome["failure"])
            if outcome["failure"]
            else summary_line(run.org, summary, run.check_mode),
            "plan": outcome["plan"],
            "diff": outcome["diff"],
            "fields": {
                "summary": summary,
                "results": list(outcome["results"]),
                "domains_now": outcome["domains_before"],
            },
        }

    def totals(self, reports: Iterable[Mapping[str, Any]]) -> dict[str, int]:
        reports = list(reports)
        return {"domains_" + key: sum(report["summary"][key] for report in reports) for key in SUMMARY_KEYS}
