# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint.essentials.domain_drift: an event for each org whose domains changed outside Ansible.

The polling, the comparison and the events live in plugins/plugin_utils/_drift (source, watch,
host_vars_dir), on the collection's one HTTP client; this file only documents the source and starts it.
"""

from __future__ import annotations

import os
import sys
from typing import Any

DOCUMENTATION = r"""
---
short_description: An event for each Proofpoint Essentials org whose domains changed or drifted
description:
  - An ansible-rulebook event source that polls the domains of a partner's customer organizations (one
    request per poll for all of them, C(GET /api/v1/orgs/<partner>/orgs)) or of one organization
    (C(GET /api/v1/orgs/<org>/domains)), and puts an event on the queue for each organization whose domains
    changed since the previous poll, never twice for the same state.
  - "An event is C({proofpoint: {org, partner, added, removed, changed, domains_now}, meta: {hosts: <org>}}):
    C(added) and C(removed) list domain names, C(changed) lists C({name, fields}) with the names of the
    fields that changed (C(destination), C(failovers), C(is_active), C(is_relay)); no field's value is ever
    sent, so nothing read from the service reaches a rulebook or a playbook as a template. C(meta.hosts)
    limits a C(run_playbook) or C(run_job_template) action to the org's host."
  - With O(declared_dir), the event also says whether the org's live domains differ from what its host_vars
    declare (C(declared), C(drifted) and C(drift) with C(create), C(update) and C(delete)), and an org that
    drifted is sent once, even when nothing changed since the previous poll, and again only when its drift
    changes.
  - With O(declared_dir) and a partner, an org whose host_vars declare C(proofpoint_sender_lists) has its own
    sender lists compared too, as the partner's listing shows them (no request more). C(sender_lists) holds
    C(lists) (the names of the lists a converge would write), C(add) and C(remove) (how many entries), or is
    null; C(drifted) is true when its domains or its sender lists drifted. No entry is ever sent.
  - A poll refused for a reason that may pass (HTTP 429, honouring Retry-After; 5xx; a timeout; an HTML page
    instead of the API) is logged and the next poll tries again. Wrong credentials (401), a refused partner
    (403) or an unknown organization (404) end the source with one message. The password is never logged.
  - Needs the Python library C(requests) and ansible-core beside ansible-rulebook (a decision environment
    built with the collection's requirements has both).
options:
  api_url:
    description:
      - Base URL of the API, such as V(https://us2.proofpointessentials.com); mutually exclusive with
        O(stack). Falls back to E(PROOFPOINT_ESSENTIALS_API_URL).
    type: str
  stack:
    description:
      - The stack of the account (V(us1) ... V(us5), V(eu1)); the URL is then
        V(https://<stack>.proofpointessentials.com). Falls back to E(PROOFPOINT_ESSENTIALS_STACK).
    type: str
  user:
    description: The account's user name (a Channel Admin with O(partner)). Falls back to E(PROOFPOINT_ESSENTIALS_USER).
    type: str
  password:
    description:
      - The account's password. Falls back to E(PROOFPOINT_ESSENTIALS_PASSWORD).
      - >-
        Give it through the environment, not here (in EDA controller, a credential whose injector sets
        E(PROOFPOINT_ESSENTIALS_PASSWORD)), since ansible-rulebook prints a ruleset's sources with their
        arguments at C(-vv) before any source runs: a password written here is in its log whatever the
        source does. When it is given here anyway, the source works and logs one warning naming the variable.
    type: str
  partner:
    description:
      - Watch every child organization of this partner, by its primary domain. Mutually exclusive with
        O(org); one of them is required. Falls back to E(PROOFPOINT_ESSENTIALS_PARTNER).
    type: str
  org:
    description:
      - Watch this one organization. Falls back to E(PROOFPOINT_ESSENTIALS_ORG) when neither O(partner) nor
        E(PROOFPOINT_ESSENTIALS_PARTNER) is set.
    type: str
  interval:
    description:
      - Seconds from the start of one poll to the start of the next (1 to 86400). Each poll is one request
        for the whole partner; pick it against the account's rate limit (docs/eda.md).
    type: float
    default: 300
  include:
    description: Watch only the organizations whose primary domain matches one of these shell-style patterns.
    type: list
    elements: str
    default: []
  exclude:
    description: Leave out the organizations whose primary domain matches one of these shell-style patterns.
    type: list
    elements: str
    default: []
  initial:
    description: Also send an event for every organization at the first poll (its domains as C(added)).
    type: bool
    default: false
  declared_dir:
    description:
      - A host_vars directory as the fleet playbooks use (C(<org>.yml) or C(<org>/) with C(domains_list)
        or C(domains_list_file), and C(domains_exclusive)). C(domains_list_file) is relative to the
        directory holding O(declared_dir). Each file is read again when it changes. Declarations that use a
        template or a vaulted value are left out, with a warning.
    type: path
  validate_certs:
    description: Whether to verify the API's TLS certificate.
    type: bool
    default: true
  ca_path:
    description: A CA bundle to verify the API's certificate with.
    type: path
  timeout:
    description: Seconds each request may take, connecting and answering together.
    type: float
    default: 30
  retries:
    description: Retries of a failed request within one poll; by default the next poll is the retry.
    type: int
    default: 0
  retry_max_time:
    description: Seconds the retries of one poll may take in all.
    type: float
    default: 0
"""

EXAMPLES = r"""
- name: Heal the domains of every customer org
  hosts: all
  sources:
    - proofpoint.essentials.domain_drift:
        stack: us2
        partner: msp.example.net
        interval: 300
        declared_dir: playbooks/fleet/host_vars
  rules:
    - name: Converge an org whose domains drifted from its host_vars
      condition: event.proofpoint.drifted == true
      action:
        run_playbook:
          name: playbooks/fleet/converge.yml
"""


def _collection_on_path() -> None:
    # ansible-rulebook runs this file by its path, without Ansible's collection loader: the directory that
    # holds ansible_collections/proofpoint/essentials goes first on sys.path, so the source imports the
    # collection it ships with.
    here = os.path.dirname(os.path.abspath(__file__))
    namespaces = os.path.normpath(os.path.join(here, *[os.pardir] * 6))
    if os.path.basename(namespaces) == "ansible_collections":
        root = os.path.dirname(namespaces)
        if root not in sys.path:
            sys.path.insert(0, root)


_collection_on_path()

from ansible_collections.proofpoint.essentials.plugins.plugin_utils._drift.source import run_source  # noqa: E402


async def main(queue: Any, args: dict[str, Any]) -> None:
    """Polls until cancelled, putting an event on ``queue`` for each org that changed or drifted."""
    await run_source(queue, args)
