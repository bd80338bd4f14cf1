# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Values read from the service, made safe to hand to Ansible as inventory variables.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.

API data is data: a string that could be a template is never evaluated. Every other string has nothing
to evaluate and is handed over plain, so that ``ansible-inventory --list --export`` (what AWX imports)
prints plain JSON strings instead of ``{"__ansible_unsafe": ...}`` wrappers.

- ansible-core 2.19 and later template only strings trusted as templates: strings without template
  syntax are trusted (they print plain), the others stay untrusted (never templated; AWX sees them
  wrapped).
- ansible-core 2.17 and 2.18 template every inventory string unless it is marked unsafe: exactly the
  strings with template syntax are marked.
"""

from __future__ import annotations

from typing import Any

# A variable of the inventory's group: the child orgs whose data could not be used, and why; the fleet reports them.
SKIPPED_VAR = "proofpoint_skipped_orgs"
# Jinja's default start strings, and the header that can change them (what ansible-core looks for).
TEMPLATE_MARKERS = ("{{", "{%", "{#")
OVERRIDE_HEADER = "#jinja2:"


def looks_like_template(text: str) -> bool:
    """Whether ansible-core could evaluate ``text`` as a template."""
    if "{" not in text:  # what nearly every value is: decided without looking for each marker
        return text.startswith(OVERRIDE_HEADER)
    return text.startswith(OVERRIDE_HEADER) or any(marker in text for marker in TEMPLATE_MARKERS)


try:
    from ansible.template import trust_as_template

    def _mark_string(text: str) -> Any:
        return str(text) if looks_like_template(text) else trust_as_template(str(text))

    def result_value(value: Any) -> Any:
        """An action's result built from service data: a plain string is never a template on 2.19+."""
        return value

except ImportError:  # ansible-core before 2.19: every string is a trusted template unless marked unsafe
    from ansible.utils.unsafe_proxy import wrap_var

    def trust_as_template(value: Any) -> Any:
        return value

    def _mark_string(text: str) -> Any:
        return wrap_var(text) if looks_like_template(text) else str(text)

    def result_value(value: Any) -> Any:
        """An action's result built from service data: every string marked unsafe, as module results are."""
        return wrap_var(value)


def is_plain_data(value: Any) -> bool:
    """Whether ``value`` is JSON-like data with nothing for Ansible to template: mappings and lists of
    strings without template syntax, numbers, booleans and nulls (a vaulted value is none of these)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if looks_like_template(item):
                return False
        elif isinstance(item, dict):
            if not all(isinstance(key, str) for key in item):
                return False
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif item is not None and not isinstance(item, (bool, int, float)):
            return False
    return True


def inventory_value(value: Any) -> Any:
    """``value`` (JSON-like data from the service) with every string marked as the rules above say."""
    return _marked(value, {})


def _marked(value: Any, seen: dict[str, Any]) -> Any:
    # ``seen``: each distinct string marked once (a fleet's destinations and failovers repeat).
    if value.__class__ is str:  # a plain string, nearly every value: decided first
        marked = seen.get(value)
        if marked is None:
            marked = seen[value] = _mark_string(value)
        return marked
    if isinstance(value, dict):
        return {key: _marked(item, seen) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_marked(item, seen) for item in value]
    if isinstance(value, str):
        return _mark_string(value)
    return value
