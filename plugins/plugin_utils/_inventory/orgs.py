# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A partner's child organizations, pure: parsing the one list answer, filters and host variables.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
The inventory plugin fetches; everything it decides is here, unit tested without Ansible.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import (
    Domain,
    index_domains,
    sorted_domains,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError, InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped_repr, shown_name
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import (
    canonical_name,
    check_domain_name,
    check_unique,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.model import org_field
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.model import (
    SPELLINGS,
    Lists,
    parse_lists,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._spellings import service_bool


class ChildOrg(TypedDict):
    """One customer org of a partner, with the fields the inventory uses."""

    primary_domain: str
    name: str | None
    is_active: bool
    type: str | None
    licensing_package: str | None
    eid: Any
    domains: list[Domain]
    sender_lists: Lists | None  # the org's own lists, when the listing's object carries them


def _flag(value: Any) -> bool:
    # Any of the service's spellings (true, "false", 0/1: _domain.service_bool); absent means active, and so
    # does a value in no known spelling: an org is never left out of a run on a guess.
    flag = service_bool(value)
    return True if flag is None else flag


def _primary_domain(raw: Any) -> str:
    # The host's name: a domain name, or nothing reaches the inventory (a template never becomes a host).
    if not isinstance(raw, dict) or not isinstance(raw.get("primary_domain"), str) or not raw["primary_domain"].strip():
        raise AnswerShapeError("expected an organization object with a primary_domain, got %.200r" % (raw,))
    try:
        return check_domain_name(raw["primary_domain"], "primary_domain")
    except InputError as exc:
        raise AnswerShapeError("an organization's %s" % exc) from None


def normalize_org(raw: Any) -> ChildOrg:
    """Canonical form of one child org; unknown fields are ignored, its domains normalised as
    proofpoint_domain_info returns them."""
    primary = _primary_domain(raw)
    domains = raw.get("domains") or []
    if not isinstance(domains, list):
        raise AnswerShapeError("organization %s: domains is %s, expected a list" % (primary, clipped_repr(domains)))
    try:
        indexed = index_domains(domains)
    except AnswerShapeError as exc:
        raise AnswerShapeError("organization %s: %s" % (primary, exc)) from None
    return {
        "primary_domain": primary,
        "name": raw.get("name"),
        "is_active": _flag(org_field(raw, "is_active")),
        "type": raw.get("type"),
        "licensing_package": org_field(raw, "licensing_package"),
        "eid": raw.get("eid"),
        "domains": sorted_domains(indexed),
        "sender_lists": _sender_lists(raw),
    }


def _sender_lists(raw: dict[str, Any]) -> Lists | None:
    # The org-level lists under any of their names; None when the object names neither list, or holds them
    # in no known shape (then whoever needs them reads them): never a guess, and never an org left out of
    # the inventory for its lists.
    try:
        return parse_lists({key: raw[key] for names in SPELLINGS.values() for key in names if key in raw} or None)
    except AnswerShapeError:
        return None


class SkippedOrg(TypedDict):
    """A child org the inventory leaves out, and why."""

    org: str
    reason: str


def _label(raw: Any) -> str:
    primary = raw.get("primary_domain") if isinstance(raw, dict) else None
    return shown_name(primary) if isinstance(primary, str) else clipped_repr(raw)


def normalize_orgs(raws: list[Any], strict: bool = False) -> tuple[list[ChildOrg], list[SkippedOrg]]:
    """Every usable child org normalised, and the ones left out (their data cannot be used: duplicate
    domains, a primary that is not a domain name) with the reason; with ``strict``, the first of those
    fails instead. Two orgs that would become one host fail, naming both."""
    orgs: list[ChildOrg] = []
    kept: list[Any] = []
    skipped: list[SkippedOrg] = []
    for raw in raws:
        try:
            orgs.append(normalize_org(raw))
        except AnswerShapeError as exc:
            if strict:
                raise
            skipped.append({"org": _label(raw), "reason": str(exc)})
            continue
        kept.append(raw)
    check_unique(
        [(org["primary_domain"], raw["primary_domain"]) for org, raw in zip(orgs, kept, strict=True)],
        "child organizations",
        "one host cannot stand for both: rename one of them in Proofpoint Essentials",
    )
    return orgs, skipped


def select_orgs(
    orgs: list[ChildOrg], include: list[str] | None, exclude: list[str] | None, active_only: bool
) -> list[ChildOrg]:
    """The orgs kept by the filters, by primary domain: shell-style patterns, case-insensitive."""

    def matches(name: str, patterns: list[str]) -> bool:
        return any(fnmatch.fnmatchcase(name, canonical_name(pattern)) for pattern in patterns)

    kept = []
    for org in sorted(orgs, key=lambda item: item["primary_domain"]):
        if include and not matches(org["primary_domain"], include):
            continue
        if exclude and matches(org["primary_domain"], exclude):
            continue
        if active_only and not org["is_active"]:
            continue
        kept.append(org)
    return kept


def partner_group(partner: str) -> str:
    """The inventory group of a partner's orgs: its domain, lower case, each character outside a-z0-9 as _."""
    return "proofpoint_partner_" + re.sub("[^a-z0-9]", "_", partner.lower())


def org_hostvars(org: ChildOrg, base_url: str, partner: str) -> dict[str, Any]:
    """The variables of one org's host; never a credential."""
    variables = {
        "proofpoint_org": org["primary_domain"],
        "proofpoint_partner": partner,
        "proofpoint_org_name": org["name"],
        "proofpoint_org_active": org["is_active"],
        "proofpoint_org_type": org["type"],
        "proofpoint_org_package": org["licensing_package"],
        "proofpoint_org_eid": org["eid"],
        "proofpoint_api_url": base_url,
        "proofpoint_current_domains": org["domains"],
    }
    if org["sender_lists"] is not None:
        variables["proofpoint_current_sender_lists"] = org["sender_lists"]
    return variables
