# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The domain model: validation, normalisation, comparison, planning and payloads.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError, InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped, clipped_repr
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import (
    canonical_host,
    check_domain_name,
    check_failovers,
    check_host,
    check_unique,
    service_name,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._plan import Action
from ansible_collections.proofpoint.essentials.plugins.module_utils._spellings import service_bool, service_field

DOMAIN_FIELDS = ("name", "is_active", "is_relay", "destination", "failovers")


SETTABLE_FIELDS = ("is_active", "is_relay", "destination", "failovers")


CREATE_DEFAULTS: dict[str, Any] = {"is_active": False, "is_relay": False, "failovers": []}


class Domain(TypedDict):
    """A domain object as the article describes it, in canonical form."""

    name: str
    is_active: bool
    is_relay: bool
    destination: str | None
    failovers: list[str]


class DomainRequest(TypedDict):
    """One validated domain request: module options or one bulk item."""

    name: str
    state: str
    fields: dict[str, Any]
    label: str  # where the request came from, for messages: "" or "domains[3] (a.example)."


class Plan(TypedDict):
    """What to do for one domain: ``action`` is created, updated, deleted or unchanged."""

    name: str
    action: Action
    before: Domain | None
    after: Domain | None
    changes: list[str]


def item_label(index: int, item: Any) -> str:
    """Where a bulk item is, for messages: ``domains[3] (a.example).`` (or ``domains[3].`` without a name)."""
    name = item.get("name") if isinstance(item, dict) else None
    if isinstance(name, str) and name.strip():
        return "domains[%d] (%s)." % (index, clipped(name.strip()))
    return "domains[%d]." % index


def check_request(params: dict[str, Any], org: str, label: str = "") -> DomainRequest:
    """Validate one domain request (module options or one bulk item) before any API call.

    AnsibleModule has already typed the booleans and enforced ``state``'s choices. ``fields`` holds
    only the settable fields the user gave, canonicalised. ``label`` locates the item in messages.
    """
    name = check_domain_name(params.get("name"), label + "name")
    state = params.get("state") or "present"
    if state == "absent" and name == org:
        raise InputError(
            "%sname: %s is the primary domain of organization %s and cannot be removed"
            % (label, params.get("name"), org)
        )
    fields: dict[str, Any] = {}
    for flag in ("is_active", "is_relay"):
        if params.get(flag) is not None:
            fields[flag] = params[flag]
    if params.get("destination") is not None:
        fields["destination"] = check_host(params["destination"], label + "destination")
    if params.get("failovers") is not None:
        fields["failovers"] = check_failovers(params["failovers"], label + "failovers")
    return {"name": name, "state": state, "fields": fields, "label": label}


def fields_ignored(params: dict[str, Any]) -> list[str]:
    """The settable fields given with ``state: absent``, where they mean nothing (for a warning)."""
    if (params.get("state") or "present") != "absent":
        return []
    return [field for field in SETTABLE_FIELDS if params.get(field) is not None]


def _api_bool(value: Any, field: str, name: str) -> bool:
    flag = service_bool(value)
    if flag is None:
        raise AnswerShapeError("domain %s: field %s is %s, expected true or false" % (name, field, clipped_repr(value)))
    return flag


def _transport_host(item: Any) -> Any:
    # A transport as a host name, or as an object holding one (no client shows its fields).
    if isinstance(item, dict):
        return next((item[key] for key in ("host", "destination", "address", "value") if key in item), item)
    return item


def _routes(raw: dict[str, Any], name: str) -> tuple[Any, list[Any]]:
    """The destination and failovers, or, from clients that write ``transports``, its first and the rest."""
    if "destination" in raw or "transports" not in raw:
        return raw.get("destination"), raw.get("failovers") or []
    transports = raw["transports"] or []
    if not isinstance(transports, list):
        raise AnswerShapeError(
            "domain %s: transports is %s, expected a list" % (clipped(name), clipped_repr(transports))
        )
    hosts = [_transport_host(item) for item in transports]
    return (hosts[0] if hosts else None), hosts[1:]


def normalize_domain(raw: Any) -> Domain:
    """Canonical form of a domain object from the API, for comparison and for sending back."""
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise AnswerShapeError("expected a domain object with a name, got %s" % clipped_repr(raw))
    name = service_name(raw["name"])
    destination, failovers = _routes(raw, name)
    if not isinstance(failovers, list):
        raise AnswerShapeError("domain %s: failovers is %s, expected a list" % (clipped(name), clipped_repr(failovers)))
    return {
        "name": name,
        "is_active": _api_bool(service_field(raw, ("is_active", "isactive"), False), "is_active", name),
        "is_relay": _api_bool(service_field(raw, ("is_relay", "isrelay"), False), "is_relay", name),
        "destination": canonical_host(destination) if isinstance(destination, str) else destination,
        "failovers": [canonical_host(str(item)) for item in failovers],
    }


def parse_domain_list(body: Any) -> list[Any]:
    """The list GET's answer as raw domain objects.

    Public clients show ``{"domains": [...]}``, a bare list, and the article a lone object.
    """
    if isinstance(body, dict) and isinstance(body.get("domains"), list):
        return body["domains"]
    if isinstance(body, list):
        return body
    if isinstance(body, dict) and "name" in body:
        return [body]
    raise AnswerShapeError(
        'the domain list answer is neither {"domains": [...]}, a list, nor a domain object: %.200r' % (body,)
    )


def index_domains(raw_domains: list[Any]) -> dict[str, Domain]:
    """Map canonical name -> normalised domain; two that are one name once canonical fail, naming both."""
    domains = [normalize_domain(raw) for raw in raw_domains]
    check_unique(
        [(domain["name"], raw["name"]) for domain, raw in zip(domains, raw_domains, strict=True)],
        "domains",
        "which one to manage is ambiguous: remove one of them in Proofpoint Essentials",
    )
    return {domain["name"]: domain for domain in domains}


def sorted_domains(indexed: dict[str, Domain]) -> list[Domain]:
    """The domains by name, as the info module and the inventory report them."""
    return [indexed[name] for name in sorted(indexed)]


def merge(current: Domain, fields: dict[str, Any]) -> Domain:
    """The full object to PUT: the current one with the fields the user gave."""
    merged: Domain = {**current, **fields}  # type: ignore[typeddict-item]
    merged["failovers"] = list(merged["failovers"])
    return merged


def new_domain(request: DomainRequest) -> Domain:
    """The full object to POST; the API needs a destination to create a domain."""
    fields = request["fields"]
    if "destination" not in fields:
        raise InputError(
            "%sdestination is required to create domain %s, which does not exist yet"
            % (request["label"], request["name"])
        )
    domain: Domain = {"name": request["name"], **CREATE_DEFAULTS, **fields}  # type: ignore[typeddict-item]
    domain["failovers"] = list(domain["failovers"])
    return domain


def changed_fields(before: Domain | None, after: Domain | None) -> list[str]:
    """Names of the fields whose values differ; failovers compare in order (delivery priority)."""
    old: dict[str, Any] = dict(before or {})
    new: dict[str, Any] = dict(after or {})
    return [field for field in DOMAIN_FIELDS if old.get(field) != new.get(field)]


def plan_domain(current: Domain | None, request: DomainRequest) -> Plan:
    """Decide what to do for one domain, given its current state (None when absent)."""
    after: Domain | None
    action: Action
    if request["state"] == "absent":
        action, after = ("deleted" if current else "unchanged"), None
    elif current is None:
        action, after = "created", new_domain(request)
    else:
        after = merge(current, request["fields"])
        action = "updated" if changed_fields(current, after) else "unchanged"
    changes = changed_fields(current, after) if action != "unchanged" else []
    return {"name": request["name"], "action": action, "before": current, "after": after, "changes": changes}


def to_payload(domain: Domain) -> dict[str, Any]:
    """The JSON body for POST and PUT: exactly the article's five fields."""
    return {field: (list(domain["failovers"]) if field == "failovers" else domain[field]) for field in DOMAIN_FIELDS}  # type: ignore[literal-required]
