# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet's resource "sender_lists": an org's own allow and block lists, from ``proofpoint_sender_lists``.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Planned from the partner's listing (``proofpoint_current_sender_lists``, the org object's lists) when it
carries them: no request for an org that already holds its entries, one POST (or DELETE) for one that does
not. Additions and removals never replace a list, so a copy older than the run loses nobody's entry;
``exclusive`` replaces, so it reads the org's lists again first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.arguments import (
    DEFAULT_MAX_REMOVALS,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.calls import sender_lists_path
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.converge import (
    converge_sender_lists,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.model import (
    LISTS,
    Lists,
    SenderListRequest,
    check_request,
    entry_count,
    parse_lists,
)
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.orgs import TO_CREATE
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.resource import (
    DeclareContext,
    Section,
    bool_var,
    int_var,
)

SENDER_LISTS_VAR = "proofpoint_sender_lists"
CURRENT_VAR = "proofpoint_current_sender_lists"
KEYS = ("allow", "block", "state", "exclusive", "max_removals")


class SenderListsDeclaration(TypedDict):
    """The org's declared lists (as checked), and its lists as the listing shows them (None: read them)."""

    request: SenderListRequest
    current: Lists | None


def declared_request(host_vars: Mapping[str, Any]) -> SenderListRequest | None:
    """``proofpoint_sender_lists: {allow: [...], block: [...], exclusive: false}``, checked as the module's
    options; None when the host declares none."""
    declared = host_vars.get(SENDER_LISTS_VAR)
    if declared is None:
        return None
    if not isinstance(declared, Mapping):
        raise InputError(
            "%s must be a mapping (allow, block, exclusive), got %s" % (SENDER_LISTS_VAR, type(declared).__name__)
        )
    unknown = sorted(str(key) for key in set(declared) - set(KEYS))
    if unknown:
        raise InputError("%s: unknown key(s) %s (known: %s)" % (SENDER_LISTS_VAR, ", ".join(unknown), ", ".join(KEYS)))
    try:
        return _checked(declared)
    except InputError as exc:
        raise InputError("%s.%s" % (SENDER_LISTS_VAR, exc)) from None


def _checked(declared: Mapping[str, Any]) -> SenderListRequest:
    if declared.get("allow") is None and declared.get("block") is None:
        raise InputError("allow, block: neither is given")
    for key in ("allow", "block"):
        if declared.get(key) is not None and not isinstance(declared[key], list):
            raise InputError("%s must be a list of entries, got %s" % (key, type(declared[key]).__name__))
    params = {
        "allow": declared.get("allow"),
        "block": declared.get("block"),
        "state": str(declared.get("state") or "present"),
        "exclusive": bool_var(declared, "exclusive"),
        "max_removals": int_var(declared, "max_removals", DEFAULT_MAX_REMOVALS),
    }
    if params["state"] not in ("present", "absent"):
        raise InputError("state must be present or absent, got %r" % params["state"])
    return check_request(params)


class SenderListsResource:
    """An org's own sender lists: ``proofpoint_sender_lists``."""

    name = "sender_lists"
    report_fields: Mapping[str, Any] = {
        "senders_added": 0,
        "senders_removed": 0,
        "sender_lists_plan": [],
        "sender_lists_now": None,
    }

    def declare(
        self, host_vars: Mapping[str, Any], context: DeclareContext, facts: dict[str, Any]
    ) -> SenderListsDeclaration | None:
        request = declared_request(host_vars)
        listed = host_vars.get(CURRENT_VAR)
        current = parse_lists(dict(listed)) if isinstance(listed, Mapping) else None
        if current is not None:
            facts["sender_lists_now"] = current
        if request is None:
            return None
        # exclusive replaces a list: never from a copy older than the run.
        return {"request": request, "current": None if request["exclusive"] else current}

    def unmanaged_note(self, facts: Mapping[str, Any]) -> str | None:
        return None  # the domains' words say the org is left as it is

    def converge(
        self, run: OrgRun, declaration: SenderListsDeclaration | None, shared: dict[str, Any]
    ) -> Section | None:
        if declaration is None:
            return None
        current = {name: [] for name in LISTS} if shared.get(TO_CREATE) else declaration["current"]
        outcome = converge_sender_lists(run, sender_lists_path(run.org), declaration["request"], current)
        added, removed = entry_count(outcome["added"]), entry_count(outcome["removed"])
        return {
            "changed": outcome["changed"],
            "failed": False,
            "writes": int(outcome["changed"]),
            "line": "%s: sender lists %s" % (run.org, ", ".join(outcome["plan"])) if outcome["changed"] else None,
            "plan": outcome["plan"],
            "diff": [outcome["diff"]] if outcome["changed"] else [],
            "fields": {
                "senders_added": added,
                "senders_removed": removed,
                "sender_lists_plan": outcome["plan"],
                "sender_lists_now": outcome["lists"],
            },
        }

    def totals(self, reports: Iterable[Mapping[str, Any]]) -> dict[str, int]:
        reports = list(reports)
        return {
            "senders_added": sum(report["senders_added"] for report in reports),
            "senders_removed": sum(report["senders_removed"] for report in reports),
        }
