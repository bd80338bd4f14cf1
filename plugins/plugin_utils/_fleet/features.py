# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet's resource "features": an org's features, from ``proofpoint_features``.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
The partner's listing does not carry them: one read per org that declares them, one PUT when one differs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._features.converge import converge_features
from ansible_collections.proofpoint.essentials.plugins.module_utils._features.model import Features, check_features
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.orgs import TO_CREATE
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.resource import DeclareContext, Section

FEATURES_VAR = "proofpoint_features"


class FeaturesDeclaration(TypedDict):
    """The org's declared features (as checked) and its package as the listing shows it."""

    features: Features
    package: str | None


class FeaturesResource:
    """An org's features: ``proofpoint_features`` (names and values as proofpoint_features' option)."""

    name = "features"
    report_fields: Mapping[str, Any] = {"features_changed": [], "features_plan": []}

    def declare(
        self, host_vars: Mapping[str, Any], context: DeclareContext, facts: dict[str, Any]
    ) -> FeaturesDeclaration | None:
        declared = host_vars.get(FEATURES_VAR)
        if declared is None:
            return None
        package = host_vars.get("proofpoint_org_package")
        return {
            "features": check_features(declared, FEATURES_VAR),
            "package": package if isinstance(package, str) and package else None,
        }

    def unmanaged_note(self, facts: Mapping[str, Any]) -> str | None:
        return None

    def converge(self, run: OrgRun, declaration: FeaturesDeclaration | None, shared: dict[str, Any]) -> Section | None:
        if declaration is None:
            return None
        # An org check mode only plans to create has no features to read: every declared one is a change.
        answer: dict[str, Any] | None = {} if shared.get(TO_CREATE) else None
        outcome = converge_features(run, declaration["features"], answer, declaration["package"])
        return {
            "changed": outcome["changed"],
            "failed": False,
            "writes": int(outcome["changed"]),
            "line": "%s: features %s" % (run.org, ", ".join(line[2:] for line in outcome["plan"]))
            if outcome["changed"]
            else None,
            "plan": outcome["plan"],
            "diff": [outcome["diff"]] if outcome["changed"] else [],
            "fields": {"features_changed": outcome["changes"], "features_plan": outcome["plan"]},
        }

    def totals(self, reports: Iterable[Mapping[str, Any]]) -> dict[str, int]:
        return {"features_changed": sum(len(report["features_changed"]) for report in reports)}
