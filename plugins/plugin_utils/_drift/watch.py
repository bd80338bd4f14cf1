# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the domain_drift event source decides, pure: each poll's orgs and domains, what changed since the
previous poll, how that and the org's own sender lists differ from what is declared, and the events that say so.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
An event names orgs, domains, field names and sender list names only, with counts: never a field's value or a
sender list entry, so nothing read from the service can reach a rulebook or a playbook as a template (a
domain name is checked before it gets here).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.bulk import plan_domains
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import (
    Domain,
    changed_fields,
    index_domains,
    parse_domain_list,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import canonical_name
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.model import parse_child_orgs
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.model import (
    Lists,
    SenderListRequest,
    entry_count,
    plan_lists,
)
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._drift.host_vars_dir import DeclaredDomains
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._inventory.orgs import (
    SkippedOrg,
    normalize_orgs,
    select_orgs,
)

# Each org's domains by canonical name, by org: one poll's view.
Snapshot = dict[str, dict[str, Domain]]
# Each org's own sender lists, by org, when the partner's listing carries them.
ListsSnapshot = dict[str, Lists]


class Changes(TypedDict):
    """How one org's domains moved between two polls."""

    added: list[str]
    removed: list[str]
    changed: list[dict[str, Any]]


class Drift(TypedDict):
    """What a converge of the org's declared domains would do."""

    create: list[str]
    update: list[dict[str, Any]]
    delete: list[str]


def partner_snapshot(
    body: Any, include: list[str], exclude: list[str], previous: Snapshot
) -> tuple[Snapshot, list[SkippedOrg], ListsSnapshot]:
    """The orgs of one child-org listing kept by the filters, and the own sender lists of those whose object
    carries them. An org whose data cannot be used this time keeps its previous view: it is reported, not
    taken for an org whose domains were all removed."""
    orgs, skipped = normalize_orgs(parse_child_orgs(body))
    kept = select_orgs(orgs, include, exclude, False)
    snapshot = {org["primary_domain"]: {domain["name"]: domain for domain in org["domains"]} for org in kept}
    lists = {org["primary_domain"]: org["sender_lists"] for org in kept if org["sender_lists"] is not None}
    for left_out in skipped:
        name = canonical_name(left_out["org"])  # as shown: a plain domain name is shown as it is
        if name in previous:
            snapshot.setdefault(name, previous[name])
    return snapshot, skipped, lists


def org_snapshot(org: str, body: Any) -> Snapshot:
    """One org's view from its domain list."""
    return {org: index_domains(parse_domain_list(body))}


def live_changes(before: Mapping[str, Domain], now: Mapping[str, Domain]) -> Changes | None:
    """What changed between two views of one org's domains, or None."""
    if before == now:
        return None
    changed = []
    for name in sorted(set(before) & set(now)):
        fields = changed_fields(before[name], now[name])
        if fields:
            changed.append({"name": name, "fields": fields})
    return {"added": sorted(set(now) - set(before)), "removed": sorted(set(before) - set(now)), "changed": changed}


def declared_drift(org: str, declared: DeclaredDomains, live: dict[str, Domain]) -> Drift | None:
    """What converging ``org`` would change, or None when it is in sync. Deletions are not capped: this
    reports them, the converge decides. Raises InputError (a domain to create without a destination)."""
    plans = plan_domains(live, declared["requests"], org, declared["exclusive"], max_deletions=len(live))
    drift: Drift = {"create": [], "update": [], "delete": []}
    for _request, plan in plans:
        if plan["action"] == "created":
            drift["create"].append(plan["name"])
        elif plan["action"] == "deleted":
            drift["delete"].append(plan["name"])
        elif plan["action"] == "updated":
            drift["update"].append({"name": plan["name"], "fields": plan["changes"]})
    return drift if any(drift.values()) else None


class ListsDrift(TypedDict):
    """What a converge of the org's declared sender lists would do: the lists it writes, how many entries it
    adds and removes (never the entries: an exclusive list's removals are the service's values)."""

    lists: list[str]
    add: int
    remove: int


def sender_lists_drift(request: SenderListRequest, live: Lists) -> ListsDrift | None:
    """What converging the org's declared sender lists would change, or None when they hold it. Removals are
    not capped: this reports them, the converge decides."""
    unbounded: SenderListRequest = {
        "lists": request["lists"],
        "state": request["state"],
        "exclusive": request["exclusive"],
        "max_removals": entry_count(live),
    }
    plan = plan_lists(live, unbounded)
    names = sorted(set(plan["add"]) | set(plan["remove"]))
    if not names:
        return None
    return {
        "lists": names,
        "add": entry_count(plan["add"]),
        "remove": entry_count(plan["remove"]),
    }


class OrgDrift(TypedDict):
    """An org's declared drift: its domains' and its sender lists' (None: in sync)."""

    domains: Drift | None
    sender_lists: ListsDrift | None


class DriftWatch:
    """The state between polls: the last view, and each org's declared drift as last sent (each is sent
    once until it changes). Both hold the orgs of the last poll only, so memory follows the fleet's size."""

    def __init__(self, partner: str | None, initial: bool) -> None:
        self.partner = partner
        self.initial = initial
        self.last: Snapshot | None = None
        self._sent_drift: dict[str, OrgDrift] = {}
        # Each org's last worked-out drift, with the declaration and view it came from: most polls change
        # neither, and planning every declared domain of 1,000 orgs on each poll was a third of its CPU.
        self._worked_out: dict[str, tuple[DeclaredDomains, dict[str, Domain], Drift | str | None]] = {}

    def events(
        self,
        snapshot: Snapshot,
        declared: Mapping[str, DeclaredDomains] | None,
        problems: list[str],
        lists: ListsSnapshot | None = None,
    ) -> list[dict[str, Any]]:
        """The events of one poll, one per org at most; ``problems`` gets each org whose drift cannot be
        worked out. With ``declared`` None, no declared drift is looked at; ``lists``: each org's own sender
        lists as the listing shows them (an org it lacks has no sender list drift reported)."""
        first, previous = self.last is None, self.last or {}
        events = []
        for org in sorted(set(snapshot) | set(previous)):
            now = snapshot.get(org, {})
            changes = None if first and not self.initial else live_changes(previous.get(org, {}), now)
            drift, new_drift = self._drift(org, snapshot, declared, problems, (lists or {}).get(org))
            if changes or new_drift:
                events.append(self._event(org, changes, len(now), declared, drift))
        self.last = snapshot
        self._worked_out = {org: entry for org, entry in self._worked_out.items() if org in snapshot}
        return events

    def _drift(
        self,
        org: str,
        snapshot: Snapshot,
        declared: Mapping[str, DeclaredDomains] | None,
        problems: list[str],
        lists: Lists | None,
    ) -> tuple[OrgDrift | None, bool]:
        # The org's drift (its domains', its sender lists') and whether it differs from the one last sent.
        if declared is None or org not in declared or org not in snapshot:
            self._sent_drift.pop(org, None)
            return None, False
        domains = self._worked_out_drift(org, declared[org], snapshot[org], problems)
        request = declared[org]["sender_lists"]
        senders = sender_lists_drift(request, lists) if request is not None and lists is not None else None
        if not isinstance(domains, dict) and senders is None:
            self._sent_drift.pop(org, None)
            return None, False
        drift: OrgDrift = {"domains": domains if isinstance(domains, dict) else None, "sender_lists": senders}
        new = self._sent_drift.get(org) != drift
        self._sent_drift[org] = drift
        return drift, new

    def _worked_out_drift(
        self, org: str, declared: DeclaredDomains, live: dict[str, Domain], problems: list[str]
    ) -> Drift | str | None:
        # The drift, or why it cannot be worked out (told to ``problems`` once, when first found).
        known = self._worked_out.get(org)
        if known is not None and known[0] is declared and known[1] == live:
            return known[2]
        outcome: Drift | str | None
        try:
            outcome = declared_drift(org, declared, live)
        except ValueError as exc:
            outcome = "%s: %s" % (org, exc)
            problems.append(outcome)
        self._worked_out[org] = (declared, live, outcome)
        return outcome

    def _event(
        self,
        org: str,
        changes: Changes | None,
        domains_now: int,
        declared: Mapping[str, DeclaredDomains] | None,
        drift: OrgDrift | None,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "org": org,
            "partner": self.partner,
            "added": changes["added"] if changes else [],
            "removed": changes["removed"] if changes else [],
            "changed": changes["changed"] if changes else [],
            "domains_now": domains_now,
        }
        if declared is not None:
            body.update(
                declared=org in declared,
                drifted=drift is not None,
                drift=drift["domains"] if drift else None,
                sender_lists=drift["sender_lists"] if drift else None,
            )
        return {"proofpoint": body, "meta": {"hosts": org}}
