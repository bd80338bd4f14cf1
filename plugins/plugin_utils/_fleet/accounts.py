# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each org's connection: its partner account's API and credentials, and one client per account.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
An org's host variables name its API (``proofpoint_api_url``, which the proofpoint_orgs inventory sets,
or ``proofpoint_stack``) and may hold its partner's credentials (``proofpoint_user`` and
``proofpoint_password``, say in the partner group's vaulted group_vars). What a host leaves out comes from
the task's options, module_defaults and the environment, as for a module. Credentials given to the task
belong to the task's API: an org that the inventory places on another API is neither sent to the task's
API nor sent the task's credentials.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import MISSING_PREFIX
from ansible_collections.proofpoint.essentials.plugins.module_utils._connection import (
    check_tuning,
    checked_client,
    given_text,
    resolve_base_url,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._inventory.orgs import partner_group

# Each connection option and the host variable that gives it for one org.
ORG_CONNECTION_VARS = {
    "api_url": "proofpoint_api_url",
    "stack": "proofpoint_stack",
    "user": "proofpoint_user",
    "password": "proofpoint_password",
}
URL_SOURCES = "the task's api_url or stack, module_defaults, or PROOFPOINT_ESSENTIALS_API_URL / _STACK"


def where_to_set(partner: str) -> str:
    """Where a partner's credentials go, in words."""
    group = "group_vars/%s.yml" % partner_group(partner) if partner else "the org's group_vars or host_vars"
    return "set proofpoint_user and proofpoint_password for it (in %s, vaulted)" % group


class Accounts:
    """The clients of one fleet run: one per partner account (API and user), each with its own
    connection pool and its own rate gate, since the service limits each account apart."""

    def __init__(self, task_params: Mapping[str, Any], pool_size: int) -> None:
        """Checks the task's own options first: a bad timeout or an api_url given with a stack fails the
        whole task before any request; missing credentials do not (the orgs may have their own)."""
        check_tuning(task_params)
        self._task = dict(task_params)
        self._pool_size = pool_size
        try:
            self.task_url: str | None = resolve_base_url(task_params)
        except InputError:
            if given_text(task_params.get("api_url")) or given_text(task_params.get("stack")):
                raise
            self.task_url = None  # no API for the task: each org must name its own
        self._clients: dict[tuple[str, str, str], ProofpointClient] = {}

    def lacks(self, host_vars: Mapping[str, Any]) -> list[str]:
        """What an org's connection lacks, every item at once (for a new customer, which no listing placed):
        its API, and its partner's login when the task's is for another API or there is none."""
        own = {option: given_text(host_vars.get(name)) for option, name in ORG_CONNECTION_VARS.items()}
        lacking = []
        if not (own["api_url"] or own["stack"] or self.task_url):
            lacking.append("its API: proofpoint_api_url or proofpoint_stack")
        elsewhere = bool(own["api_url"] or own["stack"]) and self.task_url is not None
        task_login = given_text(self._task.get("user")) and given_text(self._task.get("password"))
        if not (own["user"] and own["password"]) and (elsewhere or not task_login):
            lacking.append("its partner's login: proofpoint_user and proofpoint_password (vaulted)")
        return lacking

    def client(self, org: str, partner: str, host_vars: Mapping[str, Any]) -> ProofpointClient:
        """The client for one org, shared by every org of its account. Raises InputError naming the org,
        its partner and what to set, before any request."""
        own = {option: given_text(host_vars.get(name)) for option, name in ORG_CONNECTION_VARS.items()}
        label = "%s (partner %s)" % (org, partner) if partner else org
        params = dict(self._task)
        if own["api_url"] or own["stack"]:
            params.update(api_url=own["api_url"], stack=own["stack"])
        if not (own["api_url"] or own["stack"] or self.task_url):
            raise InputError("%s: no API to send it to: set proofpoint_api_url or proofpoint_stack for it" % label)
        try:
            base_url = resolve_base_url(params)
        except InputError as exc:
            raise InputError("%s: proofpoint_api_url or proofpoint_stack: %s" % (label, exc)) from None
        if own["user"] or own["password"]:
            if not (own["user"] and own["password"]):
                missing = "proofpoint_password" if own["user"] else "proofpoint_user"
                raise InputError(
                    "%s: %s is missing beside %s"
                    % (label, missing, "proofpoint_user" if own["user"] else "proofpoint_password")
                )
            params.update(user=own["user"], password=own["password"])
        elif self.task_url and base_url.lower() != self.task_url.lower():
            raise InputError(
                "%s lives on %s (its proofpoint_api_url or proofpoint_stack), but the task's credentials are"
                " for %s (%s): nothing was sent for it. For its own credentials, %s."
                % (label, base_url, self.task_url, URL_SOURCES, where_to_set(partner))
            )
        key = (base_url, str(params.get("user") or ""), str(params.get("password") or ""))
        if key not in self._clients:
            try:
                self._clients[key] = checked_client(dict(params, api_url=base_url, stack=None), self._pool_size)
            except InputError as exc:
                if not str(exc).startswith(MISSING_PREFIX):
                    raise
                raise InputError(
                    "%s: no credentials for %s (%s); %s" % (label, base_url, exc, where_to_set(partner))
                ) from None
        return self._clients[key]
