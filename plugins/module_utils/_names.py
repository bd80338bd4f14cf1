# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names: domain names and delivery hosts checked, made canonical (one form for what the user
declares and what the service answers), and two names that are one refused.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError, InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped_repr, hidden_characters

try:
    import idna  # IDNA 2008; requests depends on it, so it is there wherever the modules run
except ImportError:  # pragma: no cover - the modules fail on the missing requests first
    idna = None  # type: ignore[assignment]


_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


# A dotted-quad IPv4 address exactly as ipaddress accepts one (0-255, no leading zero), which is already its
# compressed form: checked without ipaddress, which costs ten times more (a fleet holds 100,000s of them).
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"


_IPV4 = re.compile(r"^%s(?:\.%s){3}$" % (_OCTET, _OCTET))


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
    return "%s: %s" % (option, clipped_repr(value))


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
                % (option, index, clipped_repr(values[index]))
            )
        seen.add(host)
    return hosts


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


def check_unique(names: list[tuple[str, Any]], what: str, consequence: str) -> None:
    """Raise AnswerShapeError naming both spellings of the first canonical name that comes twice;
    ``names`` holds (canonical name, name as the service spelled it)."""
    seen: dict[str, Any] = {}
    for name, spelled in names:
        if name in seen:
            raise AnswerShapeError(
                "the service lists two %s, %s and %s, that are both %s once compared without case and trailing "
                "dot; %s" % (what, clipped_repr(seen[name]), clipped_repr(spelled), name, consequence)
            )
        seen[name] = spelled
