# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The argument specs: the single source of truth for the options, and how a missing one is named.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
The doc fragment plugins/doc_fragments/connection.py documents SERVICE_ARGUMENT_SPEC and the org;
sanity checks that each module's DOCUMENTATION matches its spec.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ansible.module_utils.basic import env_fallback

# The options that reach the service: the modules' and the inventory plugin's. Documented by the doc
# fragment plugins/doc_fragments/connection.py (a unit test keeps the two in step).
SERVICE_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
    api_url=dict(type="str"),
    stack=dict(type="str"),
    user=dict(type="str", required=True, fallback=(env_fallback, ["PROOFPOINT_ESSENTIALS_USER"])),
    password=dict(type="str", required=True, no_log=True, fallback=(env_fallback, ["PROOFPOINT_ESSENTIALS_PASSWORD"])),
    validate_certs=dict(type="bool", default=True),
    ca_path=dict(type="path"),
    timeout=dict(type="float", default=30.0),
    retries=dict(type="int", default=3),
    retry_max_time=dict(type="float", default=120.0),
)


# Every module's connection options: the service's, and the org it works on.
CONNECTION_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
    SERVICE_ARGUMENT_SPEC,
    org=dict(type="str", required=True, fallback=(env_fallback, ["PROOFPOINT_ESSENTIALS_ORG"])),
)


# ansible-core's words for a missing required option; every plugin of the collection says it the same way.
MISSING_PREFIX = "missing required arguments: "


def with_env_names(names: list[str], spec: dict[str, dict[str, Any]]) -> list[str]:
    """Option names, each with the environment variable it falls back to: ``user (or PROOFPOINT_...)``."""
    return [
        "%s (or %s)" % (name, " / ".join(spec[name]["fallback"][1])) if "fallback" in spec.get(name, {}) else name
        for name in names
    ]


def missing_required(params: Mapping[str, Any], spec: dict[str, dict[str, Any]]) -> list[str]:
    """The required options of ``spec`` without a value, each with its environment variable."""
    return with_env_names(
        [name for name, option in spec.items() if option.get("required") and not params.get(name)], spec
    )


def module_spec(**module_options: dict[str, Any]) -> dict[str, Any]:
    """AnsibleModule's arguments for one of the collection's modules that work on one org's domains: its
    own options plus the connection options and the org, with check mode supported."""
    return service_module_spec(org=CONNECTION_ARGUMENT_SPEC["org"], **module_options)


def service_module_spec(**module_options: dict[str, Any]) -> dict[str, Any]:
    """AnsibleModule's arguments: the module's own options plus the service's, with check mode supported."""
    spec = dict(SERVICE_ARGUMENT_SPEC)
    spec.update(module_options)
    return dict(argument_spec=spec, supports_check_mode=True)
