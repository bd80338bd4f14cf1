# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_fleet: every org of the play's hosts converged in this one controller process.

One module process per org costs a Python start and an import of requests each time, more than the
org's requests; here each org is read from its host's variables and converged by the bulk pipeline,
many at once on one client. The outcome of each org is returned keyed by host, for
proofpoint_fleet_org to turn into that host's ok, changed or failed.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any, cast

from ansible.errors import AnsibleActionFail
from ansible.module_utils.basic import missing_required_lib
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import SERVICE_ARGUMENT_SPEC
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.files import read_domains_file
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import HAS_REQUESTS
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._controller_files import find_domains_file
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.accounts import Accounts
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.fleet import (
    MAX_ORG_CONCURRENCY,
    RESOURCES,
    Declared,
    converge_fleet,
    declared_org,
    fleet_totals,
)
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.partners import (
    PARTNERS_VAR,
    missing_partners,
    partner_totals,
)
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.sender_lists import SENDER_LISTS_VAR
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._inventory.values import (
    SKIPPED_VAR,
    is_plain_data,
    result_value,
)

FLEET_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
    SERVICE_ARGUMENT_SPEC,
    # Not required of the task: each org may have its partner's own (plugin_utils/_fleet/accounts.py).
    user=dict(SERVICE_ARGUMENT_SPEC["user"], required=False),
    password=dict(SERVICE_ARGUMENT_SPEC["password"], required=False),
    hosts=dict(type="list", elements="str"),
    concurrency=dict(type="int", default=16),
    plan_from_inventory=dict(type="bool", default=False),
    resources=dict(type="list", elements="str", choices=[resource.name for resource in RESOURCES]),
    sender_lists=dict(type="dict"),
)
# The most connections kept open for the whole fleet (orgs at once times each org's parallel writes
# reach it only when both are high); each is opened when first needed.
MAX_POOL = 128


class HostVariables(Mapping):
    """One host's variables as the host sees them, templating only what can hold a template.

    Templating a host's domain list (hundreds of plain strings) through ``hostvars`` costs more than
    converging the org; a value made only of plain data without template syntax is the same once
    templated, so it is taken as it is. Anything else (a template, a vaulted value, an object) goes
    through ``hostvars`` and its templating, exactly as a task on that host would see it.
    """

    def __init__(self, hostvars: Any, host: str) -> None:
        self._hostvars, self._host = hostvars, host
        self._raw = hostvars.raw_get(host)
        self._templated: Any = None

    def __getitem__(self, name: str) -> Any:
        value = self._raw[name]
        if is_plain_data(value):
            return value
        if self._templated is None:
            self._templated = self._hostvars[self._host]
        return self._templated[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


class LeftOut:
    """The orgs the inventory left out: a variable of each partner's group, so any of its orgs has it."""

    def __init__(self) -> None:
        self.orgs: list[dict[str, Any]] = []
        self._partners_seen: set[str] = set()

    def note(self, host_vars: Mapping[str, Any]) -> None:
        partner = str(host_vars.get("proofpoint_partner") or "")
        if partner in self._partners_seen:
            return
        self._partners_seen.add(partner)
        for entry in host_vars.get(SKIPPED_VAR) or []:
            self.orgs.append({"org": str(entry.get("org")), "reason": str(entry.get("reason")), "partner": partner})


class ActionModule(ActionBase):
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        self._supports_check_mode = True
        result = super().run(tmp, task_vars)
        del tmp  # unused since ansible-core 2.10
        params = self._checked_params()
        if not HAS_REQUESTS:
            raise AnsibleActionFail(missing_required_lib("requests") + " (on the controller: this action runs there)")
        hosts = params["hosts"] if params["hosts"] is not None else list(task_vars["ansible_play_batch"])
        hostvars = task_vars["hostvars"]
        unknown = [host for host in hosts if host not in hostvars]
        if unknown:
            raise AnsibleActionFail("hosts: not in the inventory: %s" % ", ".join(unknown[:20]))
        missing = self._missing_partners(task_vars)
        left_out = LeftOut()
        reports = converge_fleet(
            self._declared(hosts, hostvars, params, left_out), params["concurrency"], self._play_context.check_mode
        )
        if not self._play_context.diff:
            for report in reports.values():
                report["diff"] = []
        totals = fleet_totals(reports)
        # Not "skipped": a task result's key of that name would mark the task itself as skipped.
        totals["left_out"] = len(left_out.orgs)
        totals["partners_missing"] = len(missing)
        result.update(
            # Each org's own task (proofpoint_fleet_org) reports its change: this one would count them all
            # on the first host.
            changed=False,
            orgs=result_value(reports),
            # One line per org that changed or failed, by host: what a run without per-host tasks shows.
            lines=result_value(
                [reports[host]["msg"] for host in sorted(reports) if reports[host]["status"] in ("changed", "failed")]
            ),
            left_out=result_value(left_out.orgs),
            totals=totals,
            partners=result_value(partner_totals(reports)),
            missing_partners=result_value(missing),
            msg="%d orgs: %d changed%s, %d in sync, %d failed, %d unmanaged%s%s%s"
            % (
                len(reports),
                totals["changed"],
                " (%d %s)" % (totals["orgs_created"], "to create" if self._play_context.check_mode else "created")
                if totals["orgs_created"]
                else "",
                totals["in_sync"],
                totals["failed"],
                totals["unmanaged"],
                "; %d left out by the inventory (proofpoint_skipped_orgs)" % len(left_out.orgs)
                if left_out.orgs
                else "",
                " (check mode: nothing was written)" if self._play_context.check_mode else "",
                "".join("; MISSING " + entry["msg"] for entry in missing),
            ),
        )
        return result

    def _missing_partners(self, task_vars: dict[str, Any]) -> list[Any]:
        """The partners given in ``proofpoint_partners`` (say in group_vars/all) of which the whole inventory
        holds no org: compared with every group, not the play's hosts, so a --limit or a slice is no gap."""
        declared = task_vars.get(PARTNERS_VAR)
        if declared is not None:
            declared = self._templar.template(declared)
        try:
            return missing_partners(declared, task_vars.get("groups") or {})
        except InputError as exc:
            raise AnsibleActionFail(str(exc)) from None

    def _declared(
        self, hosts: list[str], hostvars: Any, params: dict[str, Any], left_out: LeftOut
    ) -> Iterator[Declared]:
        for host in hosts:
            host_vars: Mapping[str, Any] = HostVariables(hostvars, host)
            left_out.note(host_vars)
            if params["sender_lists"] is not None:  # the task's, in place of each host's own
                # Read only: ChainMap reads a Mapping as well as a MutableMapping.
                host_vars = ChainMap(
                    {SENDER_LISTS_VAR: params["sender_lists"]}, cast(MutableMapping[str, Any], host_vars)
                )
            yield declared_org(
                host,
                host_vars,
                self._read_domains_file,
                params["plan_from_inventory"],
                params["accounts"],
                params["resources"],
            )

    def _checked_params(self) -> dict[str, Any]:
        """The options, checked before any request as a module's would be; the password never echoed.
        Credentials and the API may be missing here: each org may have its own (see _fleet/accounts.py)."""
        checked = ArgumentSpecValidator(FLEET_ARGUMENT_SPEC).validate(dict(self._task.args))
        params = checked.validated_parameters
        if checked.error_messages:
            raise AnsibleActionFail("; ".join(checked.error_messages))
        try:
            params["accounts"] = Accounts(params, MAX_POOL)
        except InputError as exc:
            raise AnsibleActionFail(str(exc)) from None
        if not 1 <= params["concurrency"] <= MAX_ORG_CONCURRENCY:
            raise AnsibleActionFail(
                "concurrency must be between 1 and %d, got %r" % (MAX_ORG_CONCURRENCY, params["concurrency"])
            )
        if params["plan_from_inventory"] and not self._play_context.check_mode:
            raise AnsibleActionFail(
                "plan_from_inventory: true plans from the inventory's copy of each org, which may be stale; "
                "it is for check mode (a report) only: writes are always planned against a fresh read"
            )
        return params

    def _read_domains_file(self, source: str) -> list[dict[str, Any]]:
        return read_domains_file(find_domains_file(self, source, "domains_list_file"))
