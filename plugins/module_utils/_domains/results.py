# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the modules report: actions in the past tense, diffs, errors, summaries and messages.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import Domain, Plan
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import listed_names, shown_name
from ansible_collections.proofpoint.essentials.plugins.module_utils._plan import Action

# The result actions that mean something was (or in check mode would be) written.
WRITE_ACTIONS = ("created", "updated", "deleted")
SUMMARY_KEYS = WRITE_ACTIONS + ("unchanged", "kept", "failed", "unknown")
# One character per write in plan lines: + create, ~ update, - delete.
PLAN_MARKS = {"created": "+", "updated": "~", "deleted": "-"}
# How many failures a message explains one by one (the results hold every one).
LISTED_REASONS = 20
# The longest value a diff shows whole; a longer one is cut, saying how much was left out.
DIFF_VALUE_CHARS = 300


class DomainResult(TypedDict):
    """One entry of proofpoint_domains' ``results``."""

    name: str
    action: Action
    changes: list[str]
    before: Domain | None
    after: Domain | None
    error: dict[str, Any] | None


def result_of(plan: Plan, action: Action, after: Domain | None, error: dict[str, Any] | None = None) -> DomainResult:
    return {
        "name": plan["name"],
        "action": action,
        "changes": plan["changes"],
        "before": plan["before"],
        "after": after,
        "error": error,
    }


def diff_of(org: str, name: str, action: Action, before: Domain | None, after: Domain | None) -> dict[str, Any]:
    """Ansible's before/after diff of one domain, headed ``<org>/<name> (current)`` and ``(create)``,
    ``(update)``, ``(delete)`` or ``(declared)`` when nothing changes; an absent domain is an empty mapping."""
    where = "%s/%s" % (org, shown_name(name))
    # The verb of a write action is its past tense without the final "d": created -> create.
    verb = action[:-1] if action in WRITE_ACTIONS else "declared"
    return {
        "before": _bounded(before),
        "after": _bounded(after),
        "before_header": where + " (current)",
        "after_header": "%s (%s)" % (where, verb),
    }


def _cut(value: Any) -> Any:
    if isinstance(value, str) and len(value) > DIFF_VALUE_CHARS:
        return "%s... (%d more characters)" % (value[:DIFF_VALUE_CHARS], len(value) - DIFF_VALUE_CHARS)
    return value


def _bounded(domain: Domain | None) -> dict[str, Any]:
    """A domain for a diff: a string value longer than DIFF_VALUE_CHARS cut (a diff is read, not applied)."""
    if not domain:
        return {}
    return {
        key: [_cut(item) for item in value] if isinstance(value, list) else _cut(value) for key, value in domain.items()
    }


def domain_diffs(org: str, results: list[DomainResult]) -> list[dict[str, Any]]:
    """One diff section per domain written (or to be written in check mode), by name: a reviewer
    reads each domain on its own, never two interleaved in one hunk."""
    return [
        diff_of(org, result["name"], result["action"], result["before"], result["after"])
        for result in sorted(results, key=lambda item: item["name"])
        if result["action"] in WRITE_ACTIONS
    ]


def plan_lines(results: list[DomainResult]) -> list[str]:
    """A compact line per domain written: ``+ new.example``, ``- old.example``,
    ``~ shop.example: destination, failovers``."""
    lines = []
    for result in sorted(results, key=lambda item: item["name"]):
        mark = PLAN_MARKS.get(result["action"])
        if mark == "~":
            lines.append("~ %s: %s" % (shown_name(result["name"]), ", ".join(result["changes"])))
        elif mark:
            lines.append("%s %s" % (mark, shown_name(result["name"])))
    return lines


def summarize(results: list[DomainResult]) -> dict[str, int]:
    summary = dict.fromkeys(SUMMARY_KEYS, 0)
    for result in results:
        summary[result["action"]] += 1
    return summary


def _reasons(results: list[DomainResult]) -> str:
    reasons = "; ".join(
        "%s: %s" % (shown_name(r["name"]), (r["error"] or {}).get("message", "").rstrip("."))
        for r in results[:LISTED_REASONS]
    )
    return reasons + ("; and %d more" % (len(results) - LISTED_REASONS) if len(results) > LISTED_REASONS else "")


def failure_message(results: list[DomainResult]) -> str:
    """Names what failed and why, what may or may not have happened, and what was applied anyway:
    nothing is half-applied silently."""
    failed = [r for r in results if r["action"] == "failed"]
    unknown = [r for r in results if r["action"] == "unknown"]
    applied = [r for r in results if r["action"] in WRITE_ACTIONS]
    total = len(failed) + len(unknown) + len(applied)
    parts = []
    if failed:
        parts.append("%d of %d domain writes failed: %s." % (len(failed), total, _reasons(failed)))
    if unknown:
        parts.append(
            "%d of %d domain writes have an unknown outcome (each may have been carried out; run again to "
            "converge): %s." % (len(unknown), total, _reasons(unknown))
        )
    if applied:
        parts.append("Applied anyway: %s." % listed_names(["%s (%s)" % (r["name"], r["action"]) for r in applied]))
    elif not unknown:
        parts.append("Nothing else was written.")
    return " ".join(parts)


def summary_line(org: str, summary: dict[str, int], check_mode: bool) -> str:
    """One org's line, as the bulk module, the role and the fleet say it: ``org: 1 created, ...``."""
    return "%s: %d created, %d updated, %d deleted, %d unchanged%s" % (
        org,
        summary["created"],
        summary["updated"],
        summary["deleted"],
        summary["unchanged"],
        " (check mode: nothing was written)" if check_mode else "",
    )
