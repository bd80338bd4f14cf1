# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Convergence of one customer org: read it, create, update or delete it, then its domains. The only place.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Used by proofpoint_org and by the fleet, which creates the declared orgs a partner lacks. The org's
domains then go through ``converge_domains``, the bulk pipeline, planned against the domains the org read
carried: an org that needs nothing costs one GET.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict, cast

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.bulk import (
    OrgOptions,
    OrgOutcome,
    check_requests,
    converge_domains,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import (
    Domain,
    DomainRequest,
    plan_domain,
    to_payload,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    AnswerShapeError,
    InputError,
    ProofpointAPIError,
    ProofpointError,
    RefusedWrite,
    ReportedFailure,
    WriteOutcomeUnknown,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped, listed_names
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.calls import (
    child_orgs_path,
    org_path,
    read_org,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.model import (
    OrgAction,
    OrgPlan,
    OrgRequest,
    create_body,
    create_failures,
    missing_for_create,
    org_diff,
    org_domains,
    org_plan_line,
    org_view,
    patch_body,
    plan_org,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._started_run import NOT_SENT_AFTER_CANCEL


class CustomerOutcome(TypedDict):
    """What converging one org did (in check mode, would do): the org's own action, then its domains'."""

    changed: bool
    action: OrgAction
    changes: list[str]
    org: dict[str, Any] | None  # the org as the service now holds it (the collection's view)
    domains: OrgOutcome | None  # None for state: absent
    plan: list[str]  # the org's own lines, then its domains'
    diff: list[dict[str, Any]]
    own_plan: list[str]  # the org's own lines alone (a removal names the domains going with it)
    own_diff: list[dict[str, Any]]


def _creates(org: str, wanted: list[DomainRequest]) -> list[dict[str, Any]]:
    """The declared domains (checked) as the create call's domain objects; a domain without destination
    fails here, before anything is sent."""
    problems, payloads = [], []
    for domain in wanted:
        if domain["state"] == "absent":
            continue
        try:
            payloads.append(to_payload(plan_domain(None, domain)["after"]))  # type: ignore[arg-type]
        except InputError as exc:
            problems.append(str(exc))
    if problems:
        raise InputError("organization %s does not exist yet: %s" % (org, "; ".join(problems)))
    return payloads


def _create(client: ProofpointClient, request: OrgRequest, body: dict[str, Any]) -> Mapping[str, Any]:
    """POST the org under its partner, then read it back (the 201's body is not documented). A POST is never
    sent twice: after a lost answer or a refusal, the read says whether the org exists now."""
    org, path = request["primary_domain"], child_orgs_path(request["partner"] or "")
    try:
        answer = client.request("POST", path, body, retry=False)
    except ProofpointError as exc:
        if not (exc.lost_answer or exc.transient or getattr(exc, "status", None) == 409):
            raise _refused("creating organization %s under %s was refused" % (org, request["partner"]), exc) from None
        try:
            raw = read_org(client, org)
        except ProofpointError as read_error:
            if exc.lost_answer:
                raise WriteOutcomeUnknown(exc, read_error) from None
            raise exc from None
        if raw is None:
            names = [org] + [domain["name"] for domain in body.get("domains", [])]
            raise _refused(
                "creating organization %s was refused; with 409 one of its domains (%s) belongs to an "
                "organization already" % (org, listed_names(names)),
                exc,
            ) from None
        return raw
    raw = read_org(client, org)
    failures = create_failures(answer)
    if raw is None and failures:
        raise ReportedFailure(
            "POST", path, "creating organization %s under %s failed" % (org, request["partner"]), failures
        )
    if raw is None:
        raise AnswerShapeError("organization %s was created (the POST succeeded) but reading it answers 404" % org)
    return raw


def _refused(what: str, exc: ProofpointError) -> ProofpointError:
    return RefusedWrite(what, exc) if isinstance(exc, ProofpointAPIError) else exc


def _update(client: ProofpointClient, org: str, plan: OrgPlan) -> dict[str, Any]:
    try:
        answer = client.request("PATCH", org_path(org), patch_body(plan))
    except ProofpointAPIError as exc:
        if exc.status in (400, 422):
            raise RefusedWrite(
                "the service refused to change %s of organization %s" % (", ".join(plan["changes"]), org), exc
            ) from None
        raise
    # The PATCH's answer may be the org, or nothing: the plan's view is what was asked for.
    if isinstance(answer, Mapping) and isinstance(answer.get("primary_domain"), str):
        return dict(org_view(answer))
    return dict(plan["after"] or {})


def _delete(client: ProofpointClient, org: str) -> None:
    try:
        client.request("DELETE", org_path(org))
    except ProofpointError as exc:
        # After a lost answer, or a 404 from a retry of it, the org being gone means the delete happened.
        if not (exc.lost_answer or getattr(exc, "status", None) == 404):
            raise
        if read_org(client, org) is not None:
            raise


def _write(run: OrgRun, request: OrgRequest, plan: OrgPlan, body: dict[str, Any]) -> Mapping[str, Any] | None:
    """The org's one write its plan needs; a create's answer is the org read back, None otherwise."""
    client, org = cast(ProofpointClient, run.client), run.org
    if run.started.gone():
        raise InputError("%s: %s" % (org, NOT_SENT_AFTER_CANCEL))
    if plan["action"] == "created":
        return _create(client, request, body)
    if plan["action"] == "updated":
        return _update(client, org, plan)
    _delete(client, org)
    return None


def converge_org(
    run: OrgRun,
    request: OrgRequest,
    items: list[dict[str, Any]] | None,
    options: OrgOptions,
    update_fields: bool = True,
    read: bool = True,
) -> CustomerOutcome:
    """Read the org once, create, update (``update_fields``) or delete it, then converge its declared
    domains (``items``, never exclusively). Raises InputError before any write for what a create lacks.
    ``read`` False takes the org as missing without asking (a check-mode plan from a listing that lacks it)."""
    org, items = request["primary_domain"], items or []
    run = run.for_org(org)
    wanted = []
    if request["state"] == "present":
        wanted = check_requests(
            items, org, False, options["concurrency"], options["max_deletions"], options["batch_size"]
        )
    raw = read_org(cast(ProofpointClient, run.client), org, request["partner"]) if read else None
    plan = plan_org(org_view(raw) if raw is not None else None, request)
    if plan["action"] == "updated" and not update_fields:
        plan = dict(plan, action="unchanged", changes=[], after=plan["before"])  # type: ignore[assignment]
    current: dict[str, Domain] | None = org_domains(raw) if raw is not None else {}
    after: dict[str, Any] | None = dict(plan["after"]) if plan["after"] else None
    body: dict[str, Any] = {}
    if plan["action"] == "created":
        body = create_body(request, _creates(org, wanted))
        missing = missing_for_create(request)
        if missing:
            raise InputError("organization %s does not exist; to create it, set %s" % (org, ", ".join(missing)))
    if not run.check_mode and plan["action"] != "unchanged":
        written = _write(run, request, plan, body)
        if plan["action"] == "created":
            after, current = dict(org_view(written)), org_domains(cast(Mapping[str, Any], written))
        elif plan["action"] == "updated":
            after = dict(cast(Mapping[str, Any], written))
    domains = None
    if request["state"] == "present":
        sent = [domain["name"] for domain in body.get("domains", [])] if plan["action"] == "created" else []
        domains = converge_domains(run, items, options, current, sent if not run.check_mode else ())
    # A removal takes the org's domains with it: named from the one read, in the plan and the diff.
    going = sorted(current or {}) if plan["action"] == "deleted" else []
    own_plan = [line for line in [org_plan_line(plan)] if line] + [
        "- domain %s (with the org)" % clipped(name) for name in going
    ]
    own_diff = [org_diff(plan, request["admin_user"], going)] if plan["action"] != "unchanged" else []
    return {
        "changed": plan["action"] != "unchanged" or bool(domains and domains["changed"]),
        "action": plan["action"],
        "changes": plan["changes"],
        "org": after,
        "domains": domains,
        "plan": own_plan + (domains["plan"] if domains else []),
        "diff": own_diff + (domains["diff"] if domains else []),
        "own_plan": own_plan,
        "own_diff": own_diff,
    }
