# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The domains each org declares in a host_vars directory, read without Ansible (for the event source).

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
The fleet playbooks read ``host_vars/<org>.yml`` (or ``host_vars/<org>/*.yml``) through Ansible; the event
source reads the same files as plain data. It cannot render a template or open a vaulted value, so an org
whose domain declarations use either is reported and left out, never guessed at. Each file is read again
only when it changes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._data_files import read_data_file
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.bulk import check_requests
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.files import read_domains_file
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.items import check_items
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import DomainRequest
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.model import SenderListRequest
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.resource import bool_var
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.sender_lists import (
    SENDER_LISTS_VAR,
    declared_request,
)

VARS_EXTENSIONS = (".yml", ".yaml", ".json")
# The variables the fleet reads for an org's domains (plugin_utils/_fleet/domains.py) and its own sender
# lists (plugin_utils/_fleet/sender_lists.py).
DECLARATION_VARS = ("domains_list", "domains_list_file", "domains_exclusive", SENDER_LISTS_VAR)


class DeclaredDomains(TypedDict):
    """What one org declares: its checked domain requests and whether the list is exclusive (none and false
    when it declares sender lists alone: its domains are then left as they are), and its sender lists."""

    requests: list[DomainRequest]
    exclusive: bool
    sender_lists: SenderListRequest | None


def _vars_files(entry: str) -> list[str]:
    # host_vars/<org>.yml, or every vars file of host_vars/<org>/ in order, as Ansible reads them.
    if not os.path.isdir(entry):
        return [entry]
    return [os.path.join(entry, name) for name in sorted(os.listdir(entry)) if name.endswith(VARS_EXTENSIONS)]


def _stamp(files: list[str]) -> tuple[Any, ...]:
    # What tells a changed file: its modification time and size (a file gone meanwhile reads as changed).
    stamp: list[tuple[Any, ...]] = []
    for path in files:
        try:
            status = os.stat(path)
        except OSError:
            stamp.append((path, None))
            continue
        stamp.append((path, status.st_mtime_ns, status.st_size))
    return tuple(stamp)


def _needs_ansible(value: Any) -> bool:
    # A template, or a value only Ansible can read (vaulted): each written as a template, then looked for.
    text = json.dumps(value, default=lambda _tagged: "{{ tagged }}")
    return "{{" in text or "{%" in text


def _declaration_vars(files: list[str], where: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in files:
        data = read_data_file(path, "%s (%s)" % (where, clipped(os.path.basename(path))), ansible_tags=True)
        if data is None:
            continue
        if not isinstance(data, Mapping):
            raise InputError("%s: %s holds a %s, not variables" % (where, clipped(path), type(data).__name__))
        merged.update({name: data[name] for name in DECLARATION_VARS if name in data})
    return merged


def _list_file(found: Mapping[str, Any], base_dir: str) -> str | None:
    # domains_list_file, relative to the playbooks' directory: a file of its own to watch.
    path = found.get("domains_list_file")
    return os.path.join(base_dir, str(path)) if path else None


def declared_domains(org: str, found: Mapping[str, Any], base_dir: str) -> DeclaredDomains | None:
    """What ``org``'s declaration variables (``found``) declare, or None when they declare neither domains
    nor sender lists (an unmanaged org). ``domains_list_file`` is relative to ``base_dir`` (the playbooks'
    directory). Raises InputError."""
    where = "host_vars of %s" % org
    if _needs_ansible(found):
        raise InputError(
            "%s: its domains or sender lists are declared with a template or a vaulted value, which only Ansible"
            " can read: drift against them is not reported" % where
        )
    try:
        sender_lists = declared_request(found)
    except InputError as exc:
        raise InputError("%s: %s" % (where, exc)) from None
    listed, path = found.get("domains_list"), _list_file(found, base_dir)
    if path:
        items = read_domains_file(path)
    elif listed is None:
        return None if sender_lists is None else {"requests": [], "exclusive": False, "sender_lists": sender_lists}
    elif not isinstance(listed, list):
        raise InputError("%s: domains_list must be a list of domains, got a %s" % (where, type(listed).__name__))
    else:
        items = check_items(listed, "%s: domains_list" % where)
    exclusive = bool_var(found, "domains_exclusive")
    requests = check_requests(items, org, exclusive, concurrency=1)
    return {"requests": requests, "exclusive": exclusive, "sender_lists": sender_lists}


class HostVarsDir:
    """The declarations of a host_vars directory, re-read file by file when a file changes."""

    def __init__(self, path: str, report: Callable[[str], None]) -> None:
        self.path = path
        self.base_dir = os.path.dirname(os.path.abspath(path))
        self._report = report  # told each problem once, when the file that has it is read
        # Each org's stamp, declaration (None: none, or unusable) and the list file it names.
        self._cache: dict[str, tuple[tuple[Any, ...], DeclaredDomains | None, list[str]]] = {}

    def _files(self, orgs: Iterable[str]) -> dict[str, list[str]]:
        # Each org's vars files as Ansible's host_vars finds a host's: <org>, <org>.yml, .yaml, .json, each a
        # file or a directory of them.
        try:
            present = set(os.listdir(self.path))
        except OSError as exc:
            raise InputError("declared_dir: %s cannot be read: %s" % (clipped(self.path), exc)) from None
        found = {}
        for org in orgs:
            names = [org + extension for extension in ("",) + VARS_EXTENSIONS if org + extension in present]
            if names:
                found[org] = [path for name in names for path in _vars_files(os.path.join(self.path, name))]
        return found

    def declared(self, orgs: Iterable[str]) -> dict[str, DeclaredDomains]:
        """What each of ``orgs`` declares, for those that declare domains. An org is read again when one of
        its vars files, or the file its ``domains_list_file`` names, changes."""
        declared: dict[str, DeclaredDomains] = {}
        cache = {}
        for org, files in self._files(orgs).items():
            known = self._cache.get(org)
            if known is not None and _stamp(files + known[2]) == known[0]:
                cache[org] = known
            else:
                cache[org] = self._read(org, files)
            if cache[org][1] is not None:
                declared[org] = cache[org][1]  # type: ignore[assignment]
        self._cache = cache  # orgs gone from the poll or from the directory are forgotten
        return declared

    def _read(self, org: str, files: list[str]) -> tuple[tuple[Any, ...], DeclaredDomains | None, list[str]]:
        """The org's stamp (its vars files and its list file), declaration and list file, read now."""
        watched: list[str] = []
        try:
            found = _declaration_vars(files, "host_vars of %s" % org)
            watched = [path for path in [_list_file(found, self.base_dir)] if path]
            stamp = _stamp(files + watched)  # before the read: a change during it is seen at the next poll
            return stamp, declared_domains(org, found, self.base_dir), watched
        except InputError as exc:
            self._report(str(exc))
            return _stamp(files + watched), None, watched
