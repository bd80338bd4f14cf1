# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the fleet converges for each org, behind one interface: its resources.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
A resource says what an org's host variables declare of it (and how the partner's listing plans it), how it
converges one org, its fields of the org's report and its totals. The scheduler, the report writer and the
totals (fleet.py) know no resource: a new one (sender lists, features) is a module of this package that
implements FleetResource, added to fleet.RESOURCES.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple, Protocol, TypedDict

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun


class Unusable(InputError):
    """A declaration that cannot be used, in words that stand alone (not prefixed with where it was read)."""


class DeclareContext(NamedTuple):
    """What a resource may use to read a host's declaration: the host, its org, whether the partner's listing
    holds the org, whether to plan from that listing (check mode, no read), a domains file's reader and the
    run's accounts (to say what a new customer's connection lacks)."""

    host: str
    org: str
    listed: bool
    plan_from_inventory: bool
    read_file: Callable[[str], list[dict[str, Any]]]
    accounts: Any


class Section(TypedDict):
    """One resource's part of an org's outcome: whether it changed or failed, its writes, its line of the
    org's message (the org named first; None: nothing to say), its plan lines and diffs, and its own fields
    of the org's report."""

    changed: bool
    failed: bool
    writes: int
    line: str | None
    plan: list[str]
    diff: list[dict[str, Any]]
    fields: dict[str, Any]


class FleetResource(Protocol):
    """One kind of an org's state the fleet converges."""

    name: str
    # Its fields of an org's report, as they are when it did nothing (an unmanaged or failed org).
    report_fields: Mapping[str, Any]

    def declare(self, host_vars: Mapping[str, Any], context: DeclareContext, facts: dict[str, Any]) -> Any:
        """What the host declares of this resource, or None; may note report fields known without a request
        (``facts``: what the listing says). Raises a ValidationError for a declaration that cannot be used."""

    def unmanaged_note(self, facts: Mapping[str, Any]) -> str | None:
        """Its words for an org that declares nothing: what would declare it, what is left as it is."""

    def converge(self, run: OrgRun, declaration: Any, shared: dict[str, Any]) -> Section | None:
        """Converge (in check mode, plan) one org's resource; None when there is nothing to do. ``shared``
        holds every resource's declaration of the org (``declarations``, by name) and what earlier resources
        of the same org handed on. Raises ProofpointEssentialsError."""

    def totals(self, reports: Iterable[Mapping[str, Any]]) -> dict[str, int]:
        """Its totals over the orgs' reports."""


def bool_var(host_vars: Mapping[str, Any], name: str) -> bool:
    # Ansible's own reading of a boolean, as the role's module option would get it.
    value = host_vars.get(name)
    if value is None or value == "":  # left empty, as a role variable may be
        return False
    try:
        return boolean(value, strict=True)
    except TypeError:
        raise InputError("%s: %r is not a boolean (true or false)" % (name, value)) from None


def int_var(host_vars: Mapping[str, Any], name: str, default: int) -> int:
    value = host_vars.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InputError("%s: %r is not a whole number" % (name, value)) from None
