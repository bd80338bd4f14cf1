# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the modules report: actions in the past tense, diffs, errors, summaries and messages.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._domain import Domain, DomainError, Plan
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointError

# The past tense of a plan's action, as results report it.
ACTION_WORDS = {"create": "created", "update": "updated", "delete": "deleted", "unchanged": "unchanged"}
# The result actions that mean something was (or in check mode would be) written.
WRITE_ACTIONS = ("created", "updated", "deleted")
SUMMARY_KEYS = WRITE_ACTIONS + ("unchanged", "kept", "failed")
# One character per write in plan lines: + create, ~ update, - delete.
PLAN_MARKS = {"created": "+", "updated": "~", "deleted": "-"}
ACTION_NOUNS = {"created": "create", "updated": "update", "deleted": "delete"}


class DomainResult(TypedDict):
    """One entry of proofpoint_domains' ``results``."""

    name: str
    action: str
    changes: list[str]
    before: Domain | None
    after: Domain | None
    error: dict[str, Any] | None


def result_of(plan: Plan, action: str, after: Domain | None, error: dict[str, Any] | None = None) -> DomainResult:
    return {
        "name": plan["name"],
        "action": action,
        "changes": plan["changes"],
        "before": plan["before"],
        "after": after,
        "error": error,
    }


def error_dict(exc: Exception) -> dict[str, Any]:
    """The structured ``error`` result of a failure found locally or reported by the API."""
    if isinstance(exc, ProofpointError):
        return exc.as_dict()
    if isinstance(exc, DomainError):
        return {"message": str(exc)}
    raise TypeError("not a collection error: %r" % type(exc))


def diff_of(org: str, plan: Plan) -> dict[str, Any]:
    """Ansible's before/after diff for one domain; an absent domain is an empty mapping."""
    where = "%s/%s" % (org, plan["name"])
    return {
        "before": plan["before"] or {},
        "after": plan["after"] or {},
        "before_header": where + " (current)",
        "after_header": where + " (declared)",
    }


def domain_diffs(org: str, results: list[DomainResult]) -> list[dict[str, Any]]:
    """One diff section per domain written (or to be written in check mode), by name: a reviewer
    reads each domain on its own, never two interleaved in one hunk."""
    diffs: list[dict[str, Any]] = []
    for result in sorted(results, key=lambda item: item["name"]):
        if result["action"] in WRITE_ACTIONS:
            where = "%s/%s" % (org, result["name"])
            diffs.append(
                {
                    "before": result["before"] or {},
                    "after": result["after"] or {},
                    "before_header": "%s (current)" % where,
                    "after_header": "%s (%s)" % (where, ACTION_NOUNS[result["action"]]),
                }
            )
    return diffs


def plan_lines(results: list[DomainResult]) -> list[str]:
    """A compact line per domain written: ``+ new.example``, ``- old.example``,
    ``~ shop.example: destination, failovers``."""
    lines = []
    for result in sorted(results, key=lambda item: item["name"]):
        mark = PLAN_MARKS.get(result["action"])
        if mark == "~":
            lines.append("~ %s: %s" % (result["name"], ", ".join(result["changes"])))
        elif mark:
            lines.append("%s %s" % (mark, result["name"]))
    return lines


def summarize(results: list[DomainResult]) -> dict[str, int]:
    summary = dict.fromkeys(SUMMARY_KEYS, 0)
    for result in results:
        summary[result["action"]] += 1
    return summary


def failure_message(results: list[DomainResult]) -> str:
    """Names what failed and why, and what was applied anyway: nothing is half-applied silently."""
    failed = [r for r in results if r["action"] == "failed"]
    applied = [r for r in results if r["action"] in WRITE_ACTIONS]
    reasons = "; ".join("%s: %s" % (r["name"], (r["error"] or {}).get("message", "").rstrip(".")) for r in failed)
    text = "%d of %d domain writes failed: %s." % (len(failed), len(failed) + len(applied), reasons)
    if applied:
        return text + " Applied anyway: %s." % ", ".join("%s (%s)" % (r["name"], r["action"]) for r in applied)
    return text + " Nothing else was written."
