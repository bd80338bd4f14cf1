# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The domain model: validation, normalisation, comparison, planning and payloads.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Nothing here does I/O, so the single-domain, bulk and inventory code share it and unit tests cover it
directly. The choices (case, trailing dots, failover order, boolean strictness) are recorded in
docs/design-decisions.md.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any, Literal, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    AnswerShapeError,
    InputError,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clip, echo, hidden_characters

try:
    import idna  # IDNA 2008; requests depends on it, so it is there wherever the modules run
except ImportError:  # pragma: no cover - the modules fail on the missing requests first
    idna = None  # type: ignore[assignment]

DOMAIN_FIELDS = ("name", "is_active", "is_relay", "destination", "failovers")
SETTABLE_FIELDS = ("is_active", "is_relay", "destination", "failovers")
CREATE_DEFAULTS: dict[str, Any] = {"is_active": False, "is_relay": False, "failovers": []}

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# A dotted-quad IPv4 address exactly as ipaddress accepts one (0-255, no leading zero), which is already its
# compressed form: checked without ipaddress, which costs ten times more (a fleet holds 100,000s of them).
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4 = re.compile(r"^%s(?:\.%s){3}$" % (_OCTET, _OCTET))


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


# One vocabulary for plans and results: a plan's action is the result it will have once applied (in check
# mode, the result it would have); kept, failed and unknown (a write whose answer was lost and could not be
# checked) only occur in results.
Action = Literal["created", "updated", "deleted", "unchanged", "kept", "failed", "unknown"]


class Plan(TypedDict):
    """What to do for one domain: ``action`` is created, updated, deleted or unchanged."""

    name: str
    action: Action
    before: Domain | None
    after: Domain | None
    changes: list[str]


def canonical_name(value: str) -> str:
    """Domain names and hostnames compare case-insensitively, without a trailing dot."""
    return value.strip().lower().rstrip(".")


def _ip_address(value: str) -> str | None:
    """The compressed form of an IP address, or None for anything else."""
    value = value.strip()
    if not (value[:1].isdigit() or ":" in value):
        return None  # an IPv4 address starts with a digit, an IPv6 one holds a colon: a hostname, cheaply
    if _IPV4.match(value):
        return value
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def canonical_host(value: str) -> str:
    """IP addresses in their compressed form, hostnames as canonical names."""
    return _ip_address(value) or canonical_name(value)


def _is_hostname(name: str) -> bool:
    labels = name.split(".")
    if not 0 < len(name) <= 253 or len(labels) < 2 or labels[-1].isdigit():
        return False
    return all(_LABEL.match(label) for label in labels)


def _describe(option: str, value: Any) -> str:
    return "%s: %s" % (option, echo(value))


def _to_ascii(name: str, option: str, value: Any, kind: str) -> str:
    """Internationalised names in their punycode (xn--) form, as the service stores them."""
    if name.isascii():
        return name
    if idna is None:
        raise InputError("%s is not a valid %s: use the punycode (xn--) form" % (_describe(option, value), kind))
    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise InputError(
            "%s is not a valid %s: it cannot be converted to punycode (IDNA 2008: %s); give its xn-- form"
            % (_describe(option, value), kind, exc)
        ) from None


def _refuse_hidden(value: str, option: str) -> None:
    hidden = hidden_characters(value)
    if hidden:
        raise InputError(
            "%s holds %s (%s): a name with an invisible or bidirectional control character looks like another "
            "name; remove it, or give the name in its xn-- form"
            % (
                _describe(option, value),
                "an invisible character" if len(hidden) == 1 else "%d invisible characters" % len(hidden),
                ", ".join(sorted({"U+%04X" % ord(char) for char in hidden})),
            )
        )


def check_domain_name(value: Any, option: str) -> str:
    """Return the canonical domain name (punycode for internationalised names), or raise
    InputError naming the option."""
    if not isinstance(value, str) or not value.strip():
        raise InputError("%s must be a non-empty domain name" % option)
    _refuse_hidden(value, option)
    name = _to_ascii(canonical_name(value), option, value, "domain name")
    if not _is_hostname(name):
        raise InputError(
            "%s is not a valid domain name: expected dot-separated labels of letters, digits and hyphens "
            "(at most 63 characters each, not starting or ending with a hyphen)" % _describe(option, value)
        )
    return name


def check_host(value: Any, option: str) -> str:
    """A delivery destination or failover: an IPv4/IPv6 address or a hostname (punycode if
    internationalised)."""
    if not isinstance(value, str) or not value.strip():
        raise InputError("%s must be a non-empty IP address or hostname" % option)
    _refuse_hidden(value, option)
    address = _ip_address(value)
    if address:
        return address
    name = _to_ascii(canonical_name(value), option, value, "IPv4/IPv6 address or hostname")
    if not _is_hostname(name):
        raise InputError("%s is neither an IPv4/IPv6 address nor a valid hostname" % _describe(option, value))
    return name


def check_failovers(values: Any, option: str) -> list[str]:
    if not isinstance(values, (list, tuple)):
        raise InputError("%s must be a list of IP addresses or hostnames" % option)
    hosts = [check_host(value, "%s[%d]" % (option, index)) for index, value in enumerate(values)]
    seen: set[str] = set()
    for index, host in enumerate(hosts):
        if host in seen:
            raise InputError(
                "%s[%d]: %s is listed more than once; each failover may appear only once"
                % (option, index, echo(values[index]))
            )
        seen.add(host)
    return hosts


def item_label(index: int, item: Any) -> str:
    """Where a bulk item is, for messages: ``domains[3] (a.example).`` (or ``domains[3].`` without a name)."""
    name = item.get("name") if isinstance(item, dict) else None
    if isinstance(name, str) and name.strip():
        return "domains[%d] (%s)." % (index, clip(name.strip()))
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


# How the service's clients spell a boolean: JSON booleans (the article), "true"/"false" strings (one
# public client sends them) and the integers 0/1 (another reads `isactive` so).
_SERVICE_BOOLS = {"true": True, "false": False, "1": True, "0": False}


def service_bool(value: Any) -> bool | None:
    """A boolean the service answered in any of its spellings, or None when it is none of them."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        return _SERVICE_BOOLS.get(value.strip().lower())
    return None


def service_field(raw: dict[str, Any], spellings: tuple[str, ...], default: Any = None) -> Any:
    """The value of the first of a field's spellings that the object carries (the current spec's first)."""
    for spelling in spellings:
        if spelling in raw:
            return raw[spelling]
    return default


def _api_bool(value: Any, field: str, name: str) -> bool:
    flag = service_bool(value)
    if flag is None:
        raise AnswerShapeError("domain %s: field %s is %s, expected true or false" % (name, field, echo(value)))
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
        raise AnswerShapeError("domain %s: transports is %s, expected a list" % (clip(name), echo(transports)))
    hosts = [_transport_host(item) for item in transports]
    return (hosts[0] if hosts else None), hosts[1:]


def service_name(value: str) -> str:
    """A name from the service in the form a declared name takes (canonical, punycode), so that the two
    compare; one holding an invisible character is kept as it is, and so never pairs with a look-alike."""
    name = canonical_name(value)
    if name.isascii() or idna is None or hidden_characters(name):
        return name
    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return name


def normalize_domain(raw: Any) -> Domain:
    """Canonical form of a domain object from the API, for comparison and for sending back."""
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise AnswerShapeError("expected a domain object with a name, got %s" % echo(raw))
    name = service_name(raw["name"])
    destination, failovers = _routes(raw, name)
    if not isinstance(failovers, list):
        raise AnswerShapeError("domain %s: failovers is %s, expected a list" % (clip(name), echo(failovers)))
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


def check_unique(names: list[tuple[str, Any]], what: str, consequence: str) -> None:
    """Raise AnswerShapeError naming both spellings of the first canonical name that comes twice;
    ``names`` holds (canonical name, name as the service spelled it)."""
    seen: dict[str, Any] = {}
    for name, spelled in names:
        if name in seen:
            raise AnswerShapeError(
                "the service lists two %s, %s and %s, that are both %s once compared without case and trailing "
                "dot; %s" % (what, echo(seen[name]), echo(spelled), name, consequence)
            )
        seen[name] = spelled


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
