# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulated API's route table: (method, address pattern) -> the resource's handler, and one dispatch.

A new resource (``/orgs/<org>/sender-lists``, ``/orgs/<org>/domains/<domain>/dkim``) is a module of this
package and its rows here. The server (proofpoint_emulator.py) adds what is not the service's: faults, the
rate limit, latency, the request log and the test hooks; the unit tests' fake service dispatches here in
process.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import unquote

from emulated import dkim, domains, features, orgs, ownership, sender_lists
from emulated.answers import ApiAnswer

API_PREFIX = "/api/v1"
_ORG = r"/orgs/(?P<org>[^/]+)"
_SENDER_LISTS = _ORG + r"(?:/(?P<kind>users|groups)/(?P<owner>[^/]+))?/sender-lists"
_DOMAIN = _ORG + "/domains/(?P<name>[^/]+)"
_DKIM = _DOMAIN + "/dkim"


class Call(NamedTuple):
    """One API call as a handler sees it: the org and the name of the address (unquoted, the org in lower
    case), the caller, the decoded body, the raw path, how the domain list is shaped, and the address's
    other parts by name (unquoted)."""

    org: str
    name: str | None
    user: dict[str, Any]
    body: Any
    path: str
    list_shape: Callable[[list[Any]], Any]
    params: dict[str, str]


# (method, pattern of the path after /api/v1, handler, the status of an unknown org at that address).
ROUTES = [
    ("GET", _ORG, orgs.read_org, 404),
    ("PATCH", _ORG, orgs.update_org, 404),
    ("DELETE", _ORG, orgs.delete_org, 404),
    ("GET", _ORG + "/orgs", orgs.list_child_orgs, 403),
    ("POST", _ORG + "/orgs", orgs.create_org, 403),
    ("GET", _ORG + "/domains", domains.list_domains, 403),
    ("POST", _ORG + "/domains", domains.create_domains, 403),
    ("POST", _ORG + "/domains/(?P<name>[^/]+)", domains.create_domain, 403),
    ("PUT", _ORG + "/domains/(?P<name>[^/]+)", domains.update_domain, 403),
    ("DELETE", _ORG + "/domains/(?P<name>[^/]+)", domains.delete_domain, 403),
    ("GET", _SENDER_LISTS, sender_lists.read, 403),
    ("POST", _SENDER_LISTS, sender_lists.add, 403),
    ("PATCH", _SENDER_LISTS, sender_lists.replace, 403),
    ("DELETE", _SENDER_LISTS, sender_lists.remove, 403),
    ("GET", _ORG + "/features", features.read, 403),
    ("PUT", _ORG + "/features", features.replace, 403),
    ("GET", _DOMAIN + "/verification-code", ownership.read_code, 403),
    ("PUT", _DOMAIN + "/verify/(?P<method>[^/]+)", ownership.verify, 403),
    ("GET", _DKIM, dkim.list_keys, 403),
    ("DELETE", _DKIM, dkim.delete_keys, 403),
    ("GET", _DKIM + "/(?P<selector>[^/]+)", dkim.read_key, 403),
    ("POST", _DKIM + "/(?P<selector>[^/]+)", dkim.create_key, 403),
    ("DELETE", _DKIM + "/(?P<selector>[^/]+)", dkim.delete_key, 403),
    ("PUT", _DKIM + "/(?P<selector>[^/]+)/verify", dkim.verify_key, 403),
]
_COMPILED = [(method, re.compile(pattern + "$"), handler, missing) for method, pattern, handler, missing in ROUTES]


def decode_body(raw):
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        raise ApiAnswer(400, "bad request: the body is not valid JSON") from None


def _routes_of(path):
    """The routes whose address is ``path``, each with its match; empty for an unknown address."""
    if not path.startswith(API_PREFIX + "/orgs/"):
        return []
    found = [(route, route[1].match(path[len(API_PREFIX) :])) for route in _COMPILED]
    return [(route, match) for route, match in found if match]


def dispatch(world, method, path, headers, raw_body, list_shape=lambda domains: {"domains": domains}):
    """One API call: (status, body). Every refusal is the API's own: an unknown address or method 400, then
    the caller's authorization, then the handler's checks."""
    try:
        routes = _routes_of(path)
        if not routes:
            raise ApiAnswer(400, "bad request: unknown address %s" % path)
        body = decode_body(raw_body) if method in ("POST", "PUT", "PATCH", "DELETE") else None
        chosen = next(((route, match) for route, match in routes if route[0] == method), None)
        route, match = chosen or routes[0]  # a known address: the caller is checked before the method
        org = unquote(match.group("org")).lower()
        name = unquote(match.group("name")) if "name" in match.groupdict() else None
        params = {
            key: unquote(value) for key, value in match.groupdict().items() if value and key not in ("org", "name")
        }
        with world.lock:
            user = world.authorize(headers, org, method, missing_status=route[3])
            if chosen is None:
                raise ApiAnswer(400, "bad request: %s is not available on %s" % (method, path))
            return route[2](world, Call(org, name, user, body, path, list_shape, params))
    except ApiAnswer as answer:
        return answer.status, {"message": answer.message}
