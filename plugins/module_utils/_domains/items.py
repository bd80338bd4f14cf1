# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Domain items given outside a module's options (a file, a host's variables), checked as AnsibleModule
checks ``domains``: completed with the defaults, each problem named by its item.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

import functools
from typing import Any

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.arguments import (
    DOMAIN_ARGUMENT_SPEC,
    DOMAINS_LIST_SPEC,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import item_label
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped, clipped_repr

# A message names at most this many problems, each clipped.
MAX_PROBLEMS = 20


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
        problems = item_type_problems(data) or [clipped(message) for message in checked.error_messages]
        more = " (and %d more)" % (len(problems) - MAX_PROBLEMS) if len(problems) > MAX_PROBLEMS else ""
        raise InputError("%s: %s%s" % (where, "; ".join(problems[:MAX_PROBLEMS]), more))
    return checked.validated_parameters["domains"]


def item_type_problems(items: Any) -> list[str]:
    """What AnsibleModule refuses in bulk items without saying which item, each named by index and
    domain: a key no domain has (a typo such as destinaton) and a boolean it cannot convert."""
    problems = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        unknown = sorted(set(item) - set(DOMAIN_ARGUMENT_SPEC)) if isinstance(item, dict) else []
        problems += [
            "%s%s: not an option of a domain (known: %s)"
            % (item_label(index, item), clipped(str(key)), ", ".join(sorted(DOMAIN_ARGUMENT_SPEC)))
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
                    "%s%s: %s is not a boolean (true or false)" % (item_label(index, item), field, clipped_repr(value))
                )
    return problems
