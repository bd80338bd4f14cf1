# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every module shares: the connection options, building the client, applying a plan."""

from __future__ import annotations

import os

from ansible.module_utils.basic import env_fallback, missing_required_lib

from ansible_collections.proofpoint.essentials.plugins.module_utils.client import (
    API_PREFIX,
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    ProofpointAPIError,
    ProofpointClient,
    ProofpointError,
    base_url_for,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils.domain import (
    DomainError,
    DomainInputError,
    check_domain_name,
    plan_domain,
)

# The past tense of a plan's action, as results report it.
ACTION_WORDS = {"create": "created", "update": "updated", "delete": "deleted", "unchanged": "unchanged"}

# Documented in plugins/doc_fragments/connection.py; keep the two in step.
CONNECTION_ARGUMENT_SPEC = dict(
    api_url=dict(type="str"),
    stack=dict(type="str"),
    user=dict(type="str", required=True, fallback=(env_fallback, ["PROOFPOINT_ESSENTIALS_USER"])),
    password=dict(type="str", required=True, no_log=True, fallback=(env_fallback, ["PROOFPOINT_ESSENTIALS_PASSWORD"])),
    validate_certs=dict(type="bool", default=True),
    ca_path=dict(type="path"),
    timeout=dict(type="float", default=30.0),
    retries=dict(type="int", default=3),
    retry_max_time=dict(type="float", default=120.0),
    org=dict(type="str", required=True, fallback=(env_fallback, ["PROOFPOINT_ESSENTIALS_ORG"])),
)

# The options of one domain: proofpoint_domain's own options and each item of proofpoint_domains.
DOMAIN_ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    destination=dict(type="str"),
    failovers=dict(type="list", elements="str"),
    is_active=dict(type="bool"),
    is_relay=dict(type="bool"),
)

# api_url and stack also come from the environment, but an option always wins over an
# environment variable, so their exclusivity is checked on the options alone.
CONNECTION_MUTUALLY_EXCLUSIVE = [("api_url", "stack")]


def resolve_base_url(params, environ=None):
    """Options first, then PROOFPOINT_ESSENTIALS_API_URL, then PROOFPOINT_ESSENTIALS_STACK."""
    environ = os.environ if environ is None else environ
    api_url, stack = params.get("api_url"), params.get("stack")
    if not api_url and not stack:
        api_url = environ.get("PROOFPOINT_ESSENTIALS_API_URL")
        stack = None if api_url else environ.get("PROOFPOINT_ESSENTIALS_STACK")
    if not api_url and not stack:
        raise DomainInputError(
            "one of api_url or stack is required (or PROOFPOINT_ESSENTIALS_API_URL / PROOFPOINT_ESSENTIALS_STACK)")
    if api_url:
        # A copied base URL ending in /api/v1 is forgiven; any other path is a mistake.
        base = api_url.rstrip("/")
        base = base[:-len(API_PREFIX)] if base.endswith(API_PREFIX) else base
        scheme, _sep, rest = base.partition("://")
        if scheme not in ("http", "https") or not rest or "/" in rest:
            raise DomainInputError(
                "api_url: %r must be scheme://host[:port] (http or https, no path); the client adds /api/v1" % api_url)
        api_url = base
    elif not stack.replace("-", "").isalnum():
        raise DomainInputError("stack: %r must be a stack name such as us1, us2, us3, us4, us5 or eu1" % stack)
    return base_url_for(api_url, stack)


def module_spec(**module_options):
    """AnsibleModule's arguments for one of the collection's modules: its own options plus the
    connection options, with check mode supported."""
    spec = dict(CONNECTION_ARGUMENT_SPEC)
    spec.update(module_options)
    return dict(argument_spec=spec, mutually_exclusive=CONNECTION_MUTUALLY_EXCLUSIVE, supports_check_mode=True)


def check_connection(module):
    """Validate the connection options and org; fail the module before any request."""
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
    params = module.params
    try:
        base_url = resolve_base_url(params)
        org = check_domain_name(params["org"], "org")
        if params["timeout"] <= 0:
            raise DomainInputError("timeout must be a positive number of seconds, got %r" % params["timeout"])
        if params["retries"] < 0:
            raise DomainInputError("retries must be 0 or more, got %r" % params["retries"])
    except DomainInputError as exc:
        module.fail_json(msg=str(exc))
    return base_url, org


def client_for(module, base_url, pool_size=1):
    params = module.params
    return ProofpointClient(
        base_url, params["user"], params["password"],
        validate_certs=params["validate_certs"], ca_path=params["ca_path"], timeout=params["timeout"],
        retries=params["retries"], retry_max_time=params["retry_max_time"], pool_size=pool_size)


# Write failures after which the org is read again: the write may have lost a race with another
# client (created, changed or deleted meanwhile), and the declared state may already hold.
RACE_STATUSES = {"create": (409,), "update": (400, 404), "delete": (400, 404)}


def _write(client, org, plan):
    action = plan["action"]
    if action == "create":
        return client.create_domain(org, plan["after"])
    if action == "update":
        client.update_domain(org, plan["after"])
    elif action == "delete":
        client.delete_domain(org, plan["name"])
    return plan["after"]


def apply_plan(client, org, plan, request):
    """Send the one write a plan needs and return the domain as it now is (None when absent).

    After a failure that can mean a race (409 on create; 400/404 on update or delete of a domain
    that vanished), the org is re-read and the request planned again: if that gives another action,
    it is applied (at most one more write); if it gives the same one, the original error stands.
    """
    try:
        return _write(client, org, plan)
    except ProofpointAPIError as exc:
        if exc.status not in RACE_STATUSES.get(plan["action"], ()):
            raise
        replanned = plan_domain(client.list_domains(org).get(plan["name"]), request)
        if replanned["action"] == plan["action"]:
            raise
        return _write(client, org, replanned)


def diff_of(org, plan):
    """Ansible's before/after diff for one domain; an absent domain is an empty mapping."""
    where = "%s/%s" % (org, plan["name"])
    return {"before": plan["before"] or {}, "after": plan["after"] or {},
            "before_header": where + " (current)", "after_header": where + " (declared)"}


def error_dict(exc):
    """The structured ``error`` result of a failure found locally or reported by the API."""
    if isinstance(exc, ProofpointError):
        return exc.as_dict()
    if isinstance(exc, DomainError):
        return {"message": str(exc)}
    raise TypeError("not a collection error: %r" % type(exc))
