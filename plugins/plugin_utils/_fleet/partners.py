# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet's partners: each account's totals, and the declared partners the inventory lacks.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped_repr
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import check_domain_name
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._inventory.orgs import partner_group

PARTNERS_VAR = "proofpoint_partners"


def partner_totals(reports: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
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
