# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""From connection options to a client: the base URL, checks before any request, the client.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Modules, the inventory plugin and the actions pass their options as a plain mapping to ``checked_client``,
so all of them share every check and its words.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import (
    MISSING_PREFIX,
    SERVICE_ARGUMENT_SPEC,
    missing_required,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import (
    API_PREFIX,
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    ProofpointClient,
    base_url_for,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped_repr
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import check_domain_name


def given_text(value: Any) -> str | None:
    """A value as text, or None when not set: an empty string (a role variable left empty, '' from a
    template) counts as not set; a host variable may be a number (a password written unquoted)."""
    text = "" if value is None else str(value).strip()
    return text or None


def _check_api_url(api_url: str) -> str:
    # A copied base URL ending in /api/v1 is forgiven; any other path is a mistake.
    base = api_url.rstrip("/")
    base = base[: -len(API_PREFIX)] if base.endswith(API_PREFIX) else base
    scheme, _sep, rest = base.partition("://")
    if scheme not in ("http", "https") or not rest or "/" in rest:
        raise InputError(
            "api_url: %s must be scheme://host[:port] (http or https, no path); the client adds /api/v1"
            % clipped_repr(api_url)
        )
    return base


def resolve_base_url(params: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> str:
    """Options first, then PROOFPOINT_ESSENTIALS_API_URL, then PROOFPOINT_ESSENTIALS_STACK."""
    environ = os.environ if environ is None else environ
    api_url, stack = given_text(params.get("api_url")), given_text(params.get("stack"))
    if api_url and stack:
        raise InputError(
            "api_url and stack are mutually exclusive: set one of them (api_url=%s, stack=%s)"
            % (clipped_repr(api_url), clipped_repr(stack))
        )
    if not api_url and not stack:
        api_url = given_text(environ.get("PROOFPOINT_ESSENTIALS_API_URL"))
        stack = None if api_url else given_text(environ.get("PROOFPOINT_ESSENTIALS_STACK"))
    if api_url:
        return base_url_for(_check_api_url(api_url))
    if not stack:
        raise InputError(
            "one of api_url or stack is required (or PROOFPOINT_ESSENTIALS_API_URL / PROOFPOINT_ESSENTIALS_STACK)"
        )
    if not stack.replace("-", "").isalnum():
        raise InputError("stack: %s must be a stack name such as us1, us2, us3, us4, us5 or eu1" % clipped_repr(stack))
    return base_url_for(stack=stack)


def check_connection(params: Mapping[str, Any]) -> str:
    """Every connection option checked before any request; returns the base URL."""
    base_url = resolve_base_url(params)
    check_tuning(params)
    return base_url


def check_tuning(params: Mapping[str, Any]) -> None:
    """The options of every attempt (timeout, retries), checked before any request."""
    if params["timeout"] <= 0:
        raise InputError("timeout must be a positive number of seconds, got %r" % params["timeout"])
    if params["retries"] < 0:
        raise InputError("retries must be 0 or more, got %r" % params["retries"])
    if params["retry_max_time"] < 0:
        raise InputError("retry_max_time must be 0 or more seconds, got %r" % params["retry_max_time"])


def client_for(params: Mapping[str, Any], base_url: str, pool_size: int = 1) -> ProofpointClient:
    return ProofpointClient(
        base_url,
        params["user"],
        params["password"],
        validate_certs=params["validate_certs"],
        ca_path=params["ca_path"],
        timeout=params["timeout"],
        retries=params["retries"],
        retry_max_time=params["retry_max_time"],
        pool_size=pool_size,
    )


def checked_client(params: Mapping[str, Any], pool_size: int = 1) -> ProofpointClient:
    """The one way from options (a module's, the inventory's, an action's: any mapping of the service's
    options) to a client: missing options named with their environment variables, then every connection
    option checked. Raises InputError before any request."""
    missing = missing_required(params, SERVICE_ARGUMENT_SPEC)
    if missing:
        raise InputError(MISSING_PREFIX + ", ".join(missing))
    return client_for(params, check_connection(params), pool_size)


def module_client(module: Any, pool_size: int = 1, org_option: str = "org") -> tuple[ProofpointClient, str]:
    """A module's client and canonical org, or the module failed before any request."""
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
    try:
        client = checked_client(module.params, pool_size)
        org = check_domain_name(module.params[org_option], org_option)
    except InputError as exc:
        module.fail_from(exc)
    return client, org
