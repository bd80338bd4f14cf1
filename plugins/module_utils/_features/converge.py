# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""An org's features converged, the only place that does it: one read, one PUT of the whole object when a
declared feature differs.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
A 403 of the PUT is the package refusing a feature: the error names the features being turned on and the
org's package (read from the org object once the PUT is refused), then the service's own words.
"""

from __future__ import annotations

from typing import Any, TypedDict, cast

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    AnswerShapeError,
    InputError,
    ProofpointAPIError,
    ProofpointError,
    RefusedWrite,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._features.calls import (
    features_path,
    read_features,
    write_features,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._features.model import (
    Features,
    FeaturesPlan,
    parse_features,
    plan_features,
    plan_lines,
    turned_on,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import listed_names
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.calls import read_org
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.model import org_field
from ansible_collections.proofpoint.essentials.plugins.module_utils._started_run import NOT_SENT_AFTER_CANCEL


class FeaturesOutcome(TypedDict):
    """What converging an org's features did (in check mode, would do)."""

    changed: bool
    features: Features  # the known features as they now are (in check mode, would be)
    changes: list[str]
    plan: list[str]
    diff: dict[str, Any]


def _package(client: ProofpointClient, org: str, package: str | None) -> str | None:
    # The package the listing showed, else the org object's; None when neither says.
    if package:
        return package
    try:
        raw = read_org(client, org)
    except ProofpointError:  # the refusal is what matters: the package is only a hint
        return None
    found = org_field(raw, "licensing_package") if raw else None
    return found if isinstance(found, str) and found else None


def _written(client: ProofpointClient, org: str, plan: FeaturesPlan, package: str | None) -> Features:
    try:
        answer = write_features(client, org, plan["body"])
    except ProofpointAPIError as exc:
        if exc.status != 403 or not turned_on(plan):
            raise
        shown = _package(client, org, package)
        raise RefusedWrite(
            "turning on %s was refused%s"
            % (listed_names(turned_on(plan)), " (the org's package: %s)" % shown if shown else ""),
            exc,
            hinted=False,  # the package, not the login: the 403's general hint would mislead
        ) from None
    try:
        return dict(plan["after"], **parse_features(answer)[0]) if answer else plan["after"]
    except AnswerShapeError:  # an answer in no known shape: the plan says what the features became
        return plan["after"]


def converge_features(
    run: OrgRun, declared: Features, answer: Any = None, package: str | None = None
) -> FeaturesOutcome:
    """Read the org's features (unless ``answer`` is that read), merge the declared ones, PUT the whole object
    when one differs (not in check mode). ``package``: the org's package when the listing showed it."""
    client = cast(ProofpointClient, run.client)
    plan = plan_features(read_features(client, run.org) if answer is None else answer, declared)
    after = plan["after"]
    if plan["changes"] and not run.check_mode:
        if run.started.gone():
            raise InputError("%s: %s" % (features_path(run.org), NOT_SENT_AFTER_CANCEL))
        after = _written(client, run.org, plan, package)
    header = features_path(run.org)
    return {
        "changed": bool(plan["changes"]),
        "features": after,
        "changes": plan["changes"],
        "plan": plan_lines(plan),
        "diff": {"before": plan["before"], "after": plan["after"], "before_header": header, "after_header": header},
    }
