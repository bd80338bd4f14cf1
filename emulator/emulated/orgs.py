# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulated orgs: one org read, changed (PATCH) and removed; a partner's customer orgs listed and created."""

from __future__ import annotations

import copy

from emulated import sender_lists
from emulated.answers import ApiAnswer, is_domain_name, parse_bool
from emulated.domains import validate_domain_body
from emulated.world import default_primary

# What a PATCH changes (the facts name no list; clients send is_active): the org's own settings.
ORG_PATCH_FIELDS = (
    "name",
    "is_active",
    "licensing_package",
    "is_on_trial",
    "user_licenses",
    "www",
    "address",
    "postcode",
    "stateprov",
    "country",
    "phone",
    "billing_method",
)
# The vendor's sample org object: what a create may send. The service keeps eid, organization_hierarchy
# and active_users for itself.
ORG_CREATE_FIELDS = ORG_PATCH_FIELDS + (
    "primary_domain",
    "type",
    "admin_user",
    "domains",
    "outgoing_servers",
    "safe_list_senders",
    "block_list_senders",
    "is_smtp_discovery_enabled",
    "send_welcome_email",
)


def validate_org_fields(body, allowed):
    """The org's own settings of a create or a PATCH body, checked as the service would; 422 otherwise."""
    if not isinstance(body, dict):
        raise ApiAnswer(400, "bad request: the body must be a JSON object describing one organization")
    refused = sorted(set(body) - set(allowed))
    if refused:
        raise ApiAnswer(422, "invalid request data: field(s) that cannot be set: %s" % ", ".join(refused))
    fields = {}
    for key, value in body.items():
        if key in ("name", "licensing_package") and (not isinstance(value, str) or not value.strip()):
            raise ApiAnswer(422, "invalid request data: '%s' must be a non-empty string" % key)
        if key == "user_licenses" and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise ApiAnswer(422, "invalid request data: 'user_licenses' must be a whole number, 0 or more")
        if key in ("is_active", "is_on_trial", "send_welcome_email"):
            value = parse_bool(key, value)
        fields[key] = value
    return fields


def validate_new_org(body):
    """A create's body: its org settings, its admin's address and its domains; 422 for what is wrong."""
    fields = validate_org_fields(body, ORG_CREATE_FIELDS)
    primary = fields.get("primary_domain")
    if not isinstance(primary, str) or not is_domain_name(primary):
        raise ApiAnswer(422, "invalid request data: 'primary_domain' must be a valid domain name")
    if "name" not in fields:
        raise ApiAnswer(422, "invalid request data: missing mandatory field(s): name")
    admin = fields.get("admin_user")
    email = admin.get("primary_email") if isinstance(admin, dict) else None
    if admin is not None and (not isinstance(email, str) or not is_domain_name(email.rpartition("@")[2])):
        raise ApiAnswer(422, "invalid request data: 'admin_user.primary_email' must be an email address")
    domains = fields.get("domains", [])
    if not isinstance(domains, list):
        raise ApiAnswer(422, "invalid request data: 'domains' must be a list of domain objects")
    fields["domains"] = [validate_domain_body(domain, None) for domain in domains]
    return fields


def org_object(world, org, partner):
    """An org as the partner listing shows it: the fields public clients read, and more."""
    info = world.orgs.get(org, {})
    return {
        "name": info.get("name", org.split(".")[0].title()),
        "primary_domain": org,
        "organization_hierarchy": [partner, org],
        "eid": info.get("eid", 0),
        "type": info.get("type", "customer"),
        "is_active": info.get("is_active", True),
        "is_on_trial": info.get("is_on_trial", False),
        "licensing_package": info.get("licensing_package", "Business"),
        "user_licenses": info.get("user_licenses", 25),
        "active_users": 20,
        "when_renewal": "2027-01-01",
        "admin_user": info.get("admin_user", "admin@" + org),
        "domains": [copy.deepcopy(d) for d in world.domains[org].values()],
        "outgoing_servers": [],
        **sender_lists.org_object_fields(world, org),
    }


def _channel_admin(call):
    if call.user["role"] != "channel_admin":
        raise ApiAnswer(403, "not authorized: %s is not a Channel Admin of %s" % (call.user["email"], call.org))


def list_child_orgs(world, call):
    _channel_admin(call)
    children = [org for org in sorted(world.orgs) if world.orgs[org].get("parent") == call.org]
    return 200, {"orgs": [org_object(world, org, call.org) for org in children]}


def read_org(world, call):
    return 200, org_object(world, call.org, world.orgs.get(call.org, {}).get("parent") or call.org)


def create_org(world, call):
    _channel_admin(call)
    fields = validate_new_org(call.body)
    org = fields.pop("primary_domain").lower().rstrip(".")
    domains = {d["name"].lower().rstrip("."): d for d in fields.pop("domains")}
    for name in [org] + list(domains):
        for holder, held in world.domains.items():
            if name in held or name == holder:
                raise ApiAnswer(409, "resource already exists: domain %s belongs to organization %s" % (name, holder))
    domains.setdefault(org, default_primary(org))
    admin = fields.pop("admin_user", None)
    lists = {
        name: fields.pop(field, [])
        for name, field in (("allow_list", "safe_list_senders"), ("block_list", "block_list_senders"))
    }
    if any(lists.values()):
        world.sender_lists[(org, None)] = lists
    world.domains[org] = domains
    world.orgs[org] = dict(fields, parent=call.org, eid=700000 + len(world.domains))
    if admin:
        world.orgs[org]["admin_user"] = admin["primary_email"]
    world.persist()
    return 201, org_object(world, org, call.org)


def update_org(world, call):
    world.orgs.setdefault(call.org, {}).update(validate_org_fields(call.body, ORG_PATCH_FIELDS))
    world.persist()
    return 200, read_org(world, call)[1]


def delete_org(world, call):
    children = [child for child, info in world.orgs.items() if info.get("parent") == call.org]
    if children:
        raise ApiAnswer(409, "conflict: organization %s still has %d child organizations" % (call.org, len(children)))
    del world.domains[call.org]
    del world.orgs[call.org]
    for key in [key for key in world.sender_lists if key[0] == call.org]:
        del world.sender_lists[key]
    world.persist()
    return 204, None
