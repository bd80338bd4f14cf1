# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The argument specs every module shares: the single source of truth for the options.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
The doc fragment plugins/doc_fragments/connection.py documents CONNECTION_ARGUMENT_SPEC; sanity
checks that each module's DOCUMENTATION matches its spec.
"""

from __future__ import annotations

from typing import Any

from ansible.module_utils.basic import AnsibleModule, env_fallback
from ansible.module_utils.parsing.convert_bool import boolean

# The options that reach the service, shared with the inventory plugin (which reads the same
# environment variables through its own option system).
CONNECTION_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
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
DOMAIN_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    destination=dict(type="str"),
    failovers=dict(type="list", elements="str"),
    is_active=dict(type="bool"),
    is_relay=dict(type="bool"),
)


def module_spec(**module_options: dict[str, Any]) -> dict[str, Any]:
    """AnsibleModule's arguments for one of the collection's modules: its own options plus the
    connection options, with check mode supported."""
    spec = dict(CONNECTION_ARGUMENT_SPEC)
    spec.update(module_options)
    return dict(argument_spec=spec, supports_check_mode=True)


def item_label(index: int, item: Any) -> str:
    """Where a bulk item is, for messages: ``domains[3] (a.example).`` (or ``domains[3].`` without a name)."""
    name = item.get("name") if isinstance(item, dict) else None
    if isinstance(name, str) and name.strip():
        return "domains[%d] (%s)." % (index, name.strip())
    return "domains[%d]." % index


def item_type_problems(items: Any) -> list[str]:
    """The booleans of bulk items that AnsibleModule cannot convert, each named by index and domain."""
    problems = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        for field in ("is_active", "is_relay"):
            value = item.get(field) if isinstance(item, dict) else None
            if value is None or isinstance(value, bool):
                continue
            try:
                boolean(value, strict=True)
            except TypeError:
                problems.append("%s%s: %r is not a boolean (true or false)" % (item_label(index, item), field, value))
    return problems


class ProofpointModule(AnsibleModule):
    """AnsibleModule whose argument errors inside the ``domains`` list name the item.

    ansible-core reports a bad suboption as "argument 'is_active' ... found in 'domains'", without
    saying which of hundreds of items; while AnsibleModule validates, our own message replaces it.
    """

    _validated = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._validated = True

    def fail_json(self, msg: str, **kwargs: Any) -> Any:
        if not self._validated:
            msg = "; ".join(item_type_problems(self.params.get("domains"))) or msg
        return super().fail_json(msg, **kwargs)
