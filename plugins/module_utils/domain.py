# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure functions for domain objects: validation, normalisation, comparison and planning.

Nothing here does I/O, so the single-domain and bulk modules share it and unit tests cover it
directly. The choices (case, trailing dots, failover order, boolean strictness) are recorded in
docs/design-decisions.md.
"""

from __future__ import annotations

import ipaddress
import re

DOMAIN_FIELDS = ("name", "is_active", "is_relay", "destination", "failovers")
SETTABLE_FIELDS = ("is_active", "is_relay", "destination", "failovers")
CREATE_DEFAULTS = {"is_active": False, "is_relay": False, "failovers": []}

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class DomainError(ValueError):
    """Base of the errors found without sending anything."""


class DomainInputError(DomainError):
    """User input that cannot be sent: the message names the option and the problem."""


class DomainShapeError(DomainError):
    """An API answer that does not look like the domain objects the article describes."""


def canonical_name(value):
    """Domain names and hostnames compare case-insensitively, without a trailing dot."""
    return value.strip().lower().rstrip(".")


def canonical_host(value):
    """IP addresses in their compressed form, hostnames as canonical names."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return canonical_name(value)


def _is_hostname(name):
    labels = name.split(".")
    return (
        0 < len(name) <= 253
        and len(labels) >= 2
        and all(_LABEL.match(label) for label in labels)
        and not labels[-1].isdigit()
    )


def _describe(option, value):
    return "%s: %r" % (option, value)


def check_domain_name(value, option):
    """Return the canonical domain name, or raise DomainInputError naming the option."""
    if not isinstance(value, str) or not value.strip():
        raise DomainInputError("%s must be a non-empty domain name" % option)
    name = canonical_name(value)
    if not name.isascii():
        raise DomainInputError("%s is not a valid domain name: use the punycode (xn--) form of internationalised names" % _describe(option, value))
    if not _is_hostname(name):
        raise DomainInputError(
            "%s is not a valid domain name: expected dot-separated labels of letters, digits and hyphens "
            "(at most 63 characters each, not starting or ending with a hyphen)" % _describe(option, value))
    return name


def check_host(value, option):
    """A delivery destination or failover: an IPv4/IPv6 address or a hostname."""
    if not isinstance(value, str) or not value.strip():
        raise DomainInputError("%s must be a non-empty IP address or hostname" % option)
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        pass
    name = canonical_name(value)
    if not name.isascii() or not _is_hostname(name):
        raise DomainInputError("%s is neither an IPv4/IPv6 address nor a valid hostname" % _describe(option, value))
    return name


def check_failovers(values, option):
    if not isinstance(values, (list, tuple)):
        raise DomainInputError("%s must be a list of IP addresses or hostnames" % option)
    hosts = [check_host(value, "%s[%d]" % (option, index)) for index, value in enumerate(values)]
    seen = set()
    for index, host in enumerate(hosts):
        if host in seen:
            raise DomainInputError("%s[%d]: %r is listed more than once; each failover may appear only once" % (option, index, values[index]))
        seen.add(host)
    return hosts


def check_bool(value, option):
    if not isinstance(value, bool):
        raise DomainInputError("%s must be a boolean (true or false), got %r" % (option, value))
    return value


def check_request(params, org, prefix=""):
    """Validate one domain request (module options or one bulk item) before any API call.

    Returns ``{"name", "state", "fields"}`` where ``fields`` holds only the settable fields the
    user gave, canonicalised. ``prefix`` locates the item in error messages (``domains[3].``).
    """
    name = check_domain_name(params.get("name"), prefix + "name")
    state = params.get("state") or "present"
    if state not in ("present", "absent"):
        raise DomainInputError("%sstate must be present or absent, got %r" % (prefix, state))
    if state == "absent" and name == org:
        raise DomainInputError(
            "%sname: %s is the primary domain of organization %s and cannot be removed" % (prefix, params.get("name"), org))
    checks = {
        "is_active": check_bool,
        "is_relay": check_bool,
        "destination": check_host,
        "failovers": check_failovers,
    }
    fields = {}
    for field, check in checks.items():
        if params.get(field) is not None:
            fields[field] = check(params[field], prefix + field)
    return {"name": name, "state": state, "fields": fields}


def _api_bool(value, field, name):
    # The article documents JSON booleans; one public client sends "true"/"false" strings.
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise DomainShapeError("domain %s: field %s is %r, expected true or false" % (name, field, value))


def normalize_domain(raw):
    """Canonical form of a domain object from the API, for comparison and for sending back."""
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise DomainShapeError("expected a domain object with a name, got %r" % (raw,))
    name = canonical_name(raw["name"])
    failovers = raw.get("failovers") or []
    if not isinstance(failovers, list):
        raise DomainShapeError("domain %s: failovers is %r, expected a list" % (name, failovers))
    destination = raw.get("destination")
    return {
        "name": name,
        "is_active": _api_bool(raw.get("is_active", False), "is_active", name),
        "is_relay": _api_bool(raw.get("is_relay", False), "is_relay", name),
        "destination": canonical_host(destination) if isinstance(destination, str) else destination,
        "failovers": [canonical_host(str(item)) for item in failovers],
    }


def parse_domain_list(body):
    """The list GET's answer as raw domain objects.

    Public clients show ``{"domains": [...]}``, a bare list, and the article a lone object.
    """
    if isinstance(body, dict) and isinstance(body.get("domains"), list):
        return body["domains"]
    if isinstance(body, list):
        return body
    if isinstance(body, dict) and "name" in body:
        return [body]
    raise DomainShapeError(
        "the domain list answer is neither {\"domains\": [...]}, a list, nor a domain object: %.200r" % (body,))


def index_domains(raw_domains):
    """Map canonical name -> normalised domain."""
    indexed = {}
    for raw in raw_domains:
        domain = normalize_domain(raw)
        indexed[domain["name"]] = domain
    return indexed


def merge(current, fields):
    """The full object to PUT: the current one with the fields the user gave."""
    merged = dict(current)
    merged.update(fields)
    merged["failovers"] = list(merged["failovers"])
    return merged


def new_domain(name, fields, prefix=""):
    """The full object to POST; the API needs a destination to create a domain."""
    if "destination" not in fields:
        raise DomainInputError("%sdestination is required to create domain %s, which does not exist yet" % (prefix, name))
    domain = {"name": name}
    domain.update(CREATE_DEFAULTS)
    domain.update(fields)
    domain["failovers"] = list(domain["failovers"])
    return domain


def changed_fields(before, after):
    """Names of the fields whose values differ; failovers compare in order (delivery priority)."""
    return [field for field in DOMAIN_FIELDS if (before or {}).get(field) != (after or {}).get(field)]


def plan_domain(current, request, prefix=""):
    """Decide what to do for one domain.

    ``current`` is the normalised domain or None; ``request`` comes from check_request.
    Returns a dict with ``name``, ``action`` (create, update, delete or unchanged), ``before``
    and ``after`` (normalised objects or None) and ``changes`` (the differing fields).
    """
    name = request["name"]
    if request["state"] == "absent":
        action = "delete" if current else "unchanged"
        after = None
    elif current is None:
        action, after = "create", new_domain(name, request["fields"], prefix)
    else:
        after = merge(current, request["fields"])
        action = "update" if changed_fields(current, after) else "unchanged"
    return {
        "name": name,
        "action": action,
        "before": current,
        "after": after,
        "changes": changed_fields(current, after) if action != "unchanged" else [],
    }


def to_payload(domain):
    """The JSON body for POST and PUT: exactly the article's five fields."""
    return {field: (list(domain[field]) if field == "failovers" else domain[field]) for field in DOMAIN_FIELDS}
