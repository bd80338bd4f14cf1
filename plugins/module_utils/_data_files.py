# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading data files: bounded, JSON or YAML, aliases refused, Ansible's tags read as nothing when asked.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

import json
from typing import Any

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError

try:
    import yaml
except ImportError:  # JSON files still work
    HAS_YAML = False
else:
    HAS_YAML = True
    _SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _TagTolerantLoader(_SAFE_LOADER):  # type: ignore[misc,valid-type]
        """Safe, and reads a value with an unknown tag (Ansible's !vault, !unsafe) as an AnsibleTagged."""

    _TagTolerantLoader.add_multi_constructor("!", lambda _loader, suffix, _node: AnsibleTagged(suffix))


class AnsibleTagged:
    """A value only Ansible can read (``!vault``, ``!unsafe``), left unread."""

    def __init__(self, tag: str) -> None:
        self.tag = tag


# Bounded before it is parsed.
MAX_FILE_CHARS = 64 * 2**20


def read_data_file(path: str, where: str, ansible_tags: bool = False) -> Any:
    """The data of a JSON or YAML file, bounded before it is parsed, YAML aliases refused. With
    ``ansible_tags``, a value tagged for Ansible (``!vault``, ``!unsafe``) reads as an AnsibleTagged instead
    of failing: a vars file may hold them beside the values wanted."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read(MAX_FILE_CHARS + 1)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("%s cannot be read: %s" % (where, exc)) from None
    if len(text) > MAX_FILE_CHARS:
        raise InputError("%s is larger than %d MiB, the most it may hold" % (where, MAX_FILE_CHARS // 2**20))
    data = _parse_data(text, where, ansible_tags)
    if _shares_containers(data):
        raise InputError(
            "%s uses YAML aliases (*name): they are refused, since a few bytes of them can expand to millions "
            "of items; write each domain out" % where
        )
    return data


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


def _parse_data(text: str, where: str, ansible_tags: bool = False) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        if not HAS_YAML:
            raise InputError("%s is not JSON, and PyYAML is not installed to read YAML" % where) from None
    try:
        return yaml.load(text, Loader=_TagTolerantLoader if ansible_tags else _SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise InputError("%s is neither JSON nor YAML: %s" % (where, exc)) from None
