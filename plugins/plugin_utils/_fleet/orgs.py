# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet's resource "org": a customer declared in ``proofpoint_org_spec`` that its partner's listing lacks.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Such an org is read, and created under its partner when it does not exist, its declared domains in the
create call (then converged by the domains resource's pipeline). The fleet never updates an existing org's
fields and never removes an org.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.converge import converge_org
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.model import OrgRequest, check_org_request
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.domains import (
    HANDED_OUTCOME,
    DomainsResource,
    options_of,
)
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.resource import (
    DeclareContext,
    Section,
    Unusable,
)
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._inventory.orgs import partner_group

SPEC_VAR = "proofpoint_org_spec"
# Handed on when the org does not exist yet and check mode only plans its create: the resources after it
# plan from nothing instead of reading an org that is not there.
TO_CREATE = "org_to_create"
SPEC_KEYS = frozenset(("partner", "name", "licensing_package", "user_licenses", "is_active", "admin_user"))


def declared_spec(host_vars: Mapping[str, Any], org: str, partner: str) -> OrgRequest | None:
    """``proofpoint_org_spec``: the org as ``proofpoint_org`` declares it (its partner defaults to the host's),
    for creating it when the partner lacks it."""
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


def new_customer_lacks(org: str, partner: str, host_vars: Mapping[str, Any], accounts: Any) -> str | None:
    """Everything a declared customer that no partner's listing holds lacks, in one message: nothing from
    the inventory's listing gives it a partner, an API or a login."""
    lacking = [] if partner else ["its partner: proofpoint_partner (or partner in %s)" % SPEC_VAR]
    lacking += accounts.lacks(host_vars)
    if not lacking:
        return None
    group = "proofpoint_partner_<partner>" if not partner else partner_group(partner)
    return (
        "%s: a new customer (%s, in no partner's listing) lacks %s. With several partners: put it in its"
        " partner's group %s, whose group_vars hold that partner's login, and set proofpoint_partner and"
        " proofpoint_api_url (or proofpoint_stack) for it (docs/fleet.md, New customers)"
        % (org, SPEC_VAR, "; ".join(lacking), group)
    )


class OrgResource:
    """The org itself, from ``proofpoint_org_spec``: created when its partner's listing lacks it."""

    name = "org"
    report_fields: Mapping[str, Any] = {"created": False}

    def declare(self, host_vars: Mapping[str, Any], context: DeclareContext, facts: dict[str, Any]) -> Any:
        spec = declared_spec(host_vars, context.org, str(host_vars.get("proofpoint_partner") or ""))
        if spec is None:
            return None
        facts["partner"] = facts.get("partner") or spec["partner"] or ""
        if context.listed:
            return None  # an org the listing holds is never updated by the fleet
        lacking = new_customer_lacks(context.org, facts["partner"], host_vars, context.accounts)
        if lacking:
            raise Unusable(lacking)
        return {"spec": spec, "read": not context.plan_from_inventory}

    def unmanaged_note(self, facts: Mapping[str, Any]) -> str | None:
        return None

    def converge(self, run: OrgRun, declaration: Any, shared: dict[str, Any]) -> Section | None:
        """Read the org (unless planned from the listing, which lacks it), create it when it does not exist;
        its domains' outcome is handed on to the domains resource."""
        if declaration is None:
            return None
        # Its domains go in the create call: the domains resource's declaration, as the scheduler shares it.
        domains = shared["declarations"].get(DomainsResource.name) or {"items": [], "options": options_of({})}
        spec: OrgRequest = declaration["spec"]
        outcome = converge_org(
            run, spec, domains["items"], domains["options"], update_fields=False, read=declaration["read"]
        )
        shared[HANDED_OUTCOME] = outcome["domains"]
        shared[TO_CREATE] = run.check_mode and outcome["action"] == "created"
        if outcome["action"] != "created":
            return None
        return {
            "changed": True,
            "failed": False,
            "writes": 1,
            "line": "%s: %s under %s"
            % (run.org, "organization to create" if run.check_mode else "organization created", spec["partner"]),
            "plan": outcome["own_plan"],
            "diff": outcome["own_diff"],
            "fields": {"created": True},
        }

    def totals(self, reports: Iterable[Mapping[str, Any]]) -> dict[str, int]:
        return {"orgs_created": sum(bool(report["created"]) for report in reports)}
