# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulated domains of an org: the article's list GET, POST (one, or a list), PUT and DELETE."""

from __future__ import annotations

import copy

from emulated.answers import ApiAnswer, is_domain_name, is_host, parse_bool

DOMAIN_FIELDS = ("name", "is_active", "is_relay", "destination", "failovers")


def validate_domain_body(body, path_name):
    if not isinstance(body, dict):
        raise ApiAnswer(400, "bad request: the body must be a JSON object describing one domain")
    missing = [field for field in DOMAIN_FIELDS if field not in body]
    if missing:
        raise ApiAnswer(422, "invalid request data: missing mandatory field(s): %s" % ", ".join(missing))
    unknown = sorted(set(body) - set(DOMAIN_FIELDS))
    if unknown:
        raise ApiAnswer(422, "invalid request data: unknown field(s): %s" % ", ".join(unknown))
    name = body["name"]
    if not isinstance(name, str) or not is_domain_name(name):
        raise ApiAnswer(422, "invalid request data: 'name' is not a valid domain name")
    if path_name is not None and name.lower().rstrip(".") != path_name.lower().rstrip("."):
        raise ApiAnswer(
            422, "invalid request data: 'name' (%s) does not match the domain in the address (%s)" % (name, path_name)
        )
    destination = body["destination"]
    if not isinstance(destination, str) or not is_host(destination):
        raise ApiAnswer(422, "invalid request data: 'destination' must be an IP address or a hostname")
    failovers = body["failovers"]
    if not isinstance(failovers, list) or not all(isinstance(item, str) and is_host(item) for item in failovers):
        raise ApiAnswer(422, "invalid request data: 'failovers' must be a list of IP addresses or hostnames")
    return {
        "name": name,
        "is_active": parse_bool("is_active", body["is_active"]),
        "is_relay": parse_bool("is_relay", body["is_relay"]),
        "destination": destination,
        "failovers": list(failovers),
    }


def list_domains(world, call):
    return 200, call.list_shape([copy.deepcopy(d) for d in world.domains[call.org].values()])


def add_domain(world, org, body, path_name):
    """One domain created (refused when any org holds it): what a POST and each item of a list POST do."""
    domain = validate_domain_body(body, path_name)
    key = domain["name"].lower().rstrip(".")
    for domains in world.domains.values():
        if key in domains:
            raise ApiAnswer(
                409, "resource already exists: domain %s is already on the Essentials platform" % domain["name"]
            )
    world.domains[org][key] = domain
    world.persist()
    return 201, copy.deepcopy(domain)


def create_domain(world, call):
    return add_domain(world, call.org, call.body, call.name)


def create_domains(world, call):
    """A list POST: each item created or refused on its own, answered 207."""
    if not isinstance(call.body, list):
        raise ApiAnswer(400, "bad request: POST is not available on %s" % call.path)
    results = []
    for item in call.body:
        try:
            status, created = add_domain(world, call.org, item, None)
            results.append({"status": status, "domain": created})
        except ApiAnswer as answer:
            results.append({"status": answer.status, "message": answer.message})
    return 207, {"results": results}


def _existing(world, call):
    key = call.name.lower().rstrip(".")
    if key not in world.domains[call.org]:
        raise ApiAnswer(400, "bad request: domain %s is not part of organization %s" % (call.name, call.org))
    return key


def update_domain(world, call):
    key = _existing(world, call)
    world.domains[call.org][key] = validate_domain_body(call.body, call.name)
    world.persist()
    return 204, None


def delete_domain(world, call):
    key = _existing(world, call)
    if key == call.org:
        raise ApiAnswer(
            400, "bad request: %s is the primary domain of the organization and cannot be deleted" % call.name
        )
    del world.domains[call.org][key]
    world.persist()
    return 204, None
