# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The argument specs every module shares: the single source of truth for the options.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
The doc fragment plugins/doc_fragments/connection.py documents SERVICE_ARGUMENT_SPEC and the org;
sanity checks that each module's DOCUMENTATION matches its spec.
"""

from __future__ import annotations

import functools
import json
import os
from typing import Any

from ansible.module_utils.basic import AnsibleModule, env_fallback
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.proofpoint.essentials.plugins.module_utils._domain import clip, echo, item_label
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    InputError,
)

try:
    import yaml
except ImportError:  # JSON files still work
    HAS_YAML = False
else:
    HAS_YAML = True

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

# The options of one domain: proofpoint_domain's own options and each item of proofpoint_domains.
DOMAIN_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    destination=dict(type="str"),
    failovers=dict(type="list", elements="str"),
    is_active=dict(type="bool"),
    is_relay=dict(type="bool"),
)
DOMAINS_LIST_SPEC: dict[str, Any] = dict(type="list", elements="dict", options=DOMAIN_ARGUMENT_SPEC)

# domains_file: bounded before it is parsed; a message names at most this many problems, each clipped.
MAX_FILE_CHARS = 64 * 2**20
MAX_PROBLEMS = 20

# Beyond this many domains the result's invocation gives their count, not the list: Ansible would
# otherwise carry the whole list back (and AWX store it in every job event) for nobody to read.
ECHO_LIMIT = 100


MISSING_PREFIX = "missing required arguments: "


def with_env_names(names: list[str], spec: dict[str, dict[str, Any]]) -> list[str]:
    """Option names, each with the environment variable it falls back to: ``user (or PROOFPOINT_...)``."""
    return [
        "%s (or %s)" % (name, " / ".join(spec[name]["fallback"][1])) if "fallback" in spec.get(name, {}) else name
        for name in names
    ]


def missing_required(params: dict[str, Any], spec: dict[str, dict[str, Any]]) -> list[str]:
    """The required options of ``spec`` without a value, each with its environment variable."""
    return with_env_names(
        [name for name, option in spec.items() if option.get("required") and not params.get(name)], spec
    )


def module_spec(**module_options: dict[str, Any]) -> dict[str, Any]:
    """AnsibleModule's arguments for one of the collection's modules: its own options plus the
    connection options, with check mode supported."""
    spec = dict(CONNECTION_ARGUMENT_SPEC)
    spec.update(module_options)
    return dict(argument_spec=spec, supports_check_mode=True)


def invocation_of(params: dict[str, Any]) -> dict[str, Any]:
    """The result's ``invocation``: the options as given, with a long domains list as its count."""
    domains = params.get("domains")
    if isinstance(domains, list) and len(domains) > ECHO_LIMIT:
        params = dict(params, domains="(%d domains, not echoed)" % len(domains))
    return {"module_args": params}


def read_domains_file(path: str) -> list[dict[str, Any]]:
    """The items of ``domains_file``, checked and completed exactly as inline ``domains`` are.

    The file is JSON or YAML: the list itself, or a mapping holding it under ``domains`` (a vars file).
    """
    where = "domains_file (%s)" % clip(os.path.basename(path))
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read(MAX_FILE_CHARS + 1)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("%s cannot be read: %s" % (where, exc)) from None
    if len(text) > MAX_FILE_CHARS:
        raise InputError("%s is larger than %d MiB, the most it may hold" % (where, MAX_FILE_CHARS // 2**20))
    data = _parse_data(text, where)
    if _shares_containers(data):
        raise InputError(
            "%s uses YAML aliases (*name): they are refused, since a few bytes of them can expand to millions "
            "of items; write each domain out" % where
        )
    if isinstance(data, dict) and "domains" in data:
        data = data["domains"]
    if not isinstance(data, list):
        raise InputError(
            "%s must hold a list of domains, or a mapping with that list under 'domains'; it holds a %s"
            % (where, type(data).__name__)
        )
    return check_items(data, where)


@functools.lru_cache(maxsize=1)
def _items_validator() -> ArgumentSpecValidator:
    # Built once: its constructor copies the spec, which costs more than checking 20 items.
    return ArgumentSpecValidator({"domains": DOMAINS_LIST_SPEC})


# What a value of each option type of DOMAIN_ARGUMENT_SPEC already is when it needs no conversion.
PLAIN_TYPES: dict[str, type] = {"str": str, "bool": bool, "list": list}


def _already_valid(item: Any) -> bool:
    """Whether ``item`` is a domain exactly as DOMAIN_ARGUMENT_SPEC wants it, with nothing to convert:
    then completing it with the defaults is all the validator would do (and ~20x faster)."""
    if not isinstance(item, dict) or not set(item) <= set(DOMAIN_ARGUMENT_SPEC):
        return False
    for name, option in DOMAIN_ARGUMENT_SPEC.items():
        value = item.get(name)
        if value is None:
            if option.get("required"):
                return False
            continue
        if not isinstance(value, PLAIN_TYPES[option["type"]]) or value not in option.get("choices", [value]):
            return False
        if isinstance(value, list) and not all(isinstance(element, str) for element in value):
            return False
    return True


def check_items(data: list[Any], where: str) -> list[dict[str, Any]]:
    """The domain items of a list not given as a module option (a file, a host's variables), checked
    and completed as AnsibleModule does with ``domains``; problems named by item, after ``where``."""
    if all(_already_valid(item) for item in data):
        defaults = {name: option.get("default") for name, option in DOMAIN_ARGUMENT_SPEC.items()}
        return [dict(defaults, **item) for item in data]
    checked = _items_validator().validate({"domains": data})
    if checked.error_messages:
        # Ours name the item and clip the value; ansible-core's may repeat any amount of the input.
        problems = item_type_problems(data) or [clip(message) for message in checked.error_messages]
        more = " (and %d more)" % (len(problems) - MAX_PROBLEMS) if len(problems) > MAX_PROBLEMS else ""
        raise InputError("%s: %s%s" % (where, "; ".join(problems[:MAX_PROBLEMS]), more))
    return checked.validated_parameters["domains"]


def _shares_containers(data: Any) -> bool:
    """Whether a list or mapping appears twice in ``data``: what a YAML alias makes. Each container is
    visited once, so an alias bomb is found without expanding it."""
    seen: set[int] = set()
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, (list, dict)):
            if id(value) in seen:
                return True
            seen.add(id(value))
            pending.extend(value.values() if isinstance(value, dict) else value)
    return False


def _parse_data(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        if not HAS_YAML:
            raise InputError("%s is not JSON, and PyYAML is not installed to read YAML" % where) from None
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise InputError("%s is neither JSON nor YAML: %s" % (where, exc)) from None


def item_type_problems(items: Any) -> list[str]:
    """What AnsibleModule refuses in bulk items without saying which item, each named by index and
    domain: a key no domain has (a typo such as destinaton) and a boolean it cannot convert."""
    problems = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        unknown = sorted(set(item) - set(DOMAIN_ARGUMENT_SPEC)) if isinstance(item, dict) else []
        problems += [
            "%s%s: not an option of a domain (known: %s)"
            % (item_label(index, item), clip(str(key)), ", ".join(sorted(DOMAIN_ARGUMENT_SPEC)))
            for key in unknown
        ]
        for field in ("is_active", "is_relay"):
            value = item.get(field) if isinstance(item, dict) else None
            if value is None or isinstance(value, bool):
                continue
            try:
                boolean(value, strict=True)
            except TypeError:
                problems.append(
                    "%s%s: %s is not a boolean (true or false)" % (item_label(index, item), field, echo(value))
                )
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
            msg = "; ".join(item_type_problems(self.params.get("domains"))) or self._with_env_names(msg)
        kwargs.setdefault("invocation", invocation_of(self.params))
        return super().fail_json(msg, **kwargs)

    def _with_env_names(self, msg: str) -> str:
        # ansible-core names the missing options; a user who relies on the environment needs its names too.
        if not msg.startswith(MISSING_PREFIX):
            return msg
        names = [name.strip() for name in msg[len(MISSING_PREFIX) :].split(",")]
        return MISSING_PREFIX + ", ".join(with_env_names(names, self.argument_spec))

    def exit_json(self, **kwargs: Any) -> Any:
        kwargs.setdefault("invocation", invocation_of(self.params))
        return super().exit_json(**kwargs)
