#!/usr/bin/python
# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: proofpoint_domains
short_description: Declare many mail domains of a Proofpoint Essentials organization at once
version_added: 1.0.0
description:
  - Converges a list of domains of one organization in one task. Reads the domain list once, compares each
    listed domain exactly as M(proofpoint.essentials.proofpoint_domain) does, and sends only the writes needed,
    in parallel over one pooled connection. A converged organization costs one request.
  - With O(exclusive=true), every domain of the organization that is not listed is removed, except the
    organization's primary domain, which is never removed.
  - One domain's failure does not stop the others; the task then fails, names the failed domains and why,
    and lists what was applied.
author:
  - Proofpoint Essentials collection maintainers (@proofpoint-essentials)
extends_documentation_fragment:
  - proofpoint.essentials.connection
  - proofpoint.essentials.attributes
  - proofpoint.essentials.attributes.action_group
attributes:
  check_mode:
    description: Computes the full plan, the diff and the results, and sends no write.
    support: full
  diff_mode:
    description: Returns the whole organization before and after, keyed by domain name.
    support: full
  idempotent:
    support: full
options:
  domains:
    description:
      - The domains to declare. Each item takes the options of M(proofpoint.essentials.proofpoint_domain).
      - Names must be unique (compared case-insensitively, without a trailing dot).
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description: The domain.
        type: str
        required: true
      state:
        description: V(present) creates or updates the domain, V(absent) removes it.
        type: str
        choices: [present, absent]
        default: present
      destination:
        description: Where mail is delivered, an IPv4/IPv6 address or a hostname. Required to create a domain.
        type: str
      failovers:
        description: Failover destinations in delivery priority order, no duplicates. Defaults to V([]) on create.
        type: list
        elements: str
      is_active:
        description: Whether the domain is active. Defaults to V(false) on create.
        type: bool
      is_relay:
        description: Whether the domain is a relay domain. Defaults to V(false) on create.
        type: bool
  exclusive:
    description:
      - Remove every domain of the organization that O(domains) does not list, except the primary domain.
      - Refused with an empty O(domains) list.
    type: bool
    default: false
  concurrency:
    description: How many writes are sent in parallel, from 1 to 32.
    type: int
    default: 8
seealso:
  - module: proofpoint.essentials.proofpoint_domain
  - module: proofpoint.essentials.proofpoint_domain_info
"""

EXAMPLES = r"""
- name: The domains of customer.com are exactly these
  proofpoint.essentials.proofpoint_domains:
    stack: us2
    user: admin@customer.com
    password: "{{ vault_proofpoint_password }}"
    org: customer.com
    exclusive: true
    domains:
      - name: customer.com
        destination: mx1.customer.net
        is_active: true
      - name: example.org
        destination: mx1.customer.net
        failovers: [10.0.0.5, mx2.customer.net]
        is_active: true
      - name: relay.example.org
        destination: 192.0.2.25
        is_relay: true

- name: Remove two domains, leave the rest alone
  proofpoint.essentials.proofpoint_domains:
    org: customer.com
    domains:
      - name: old1.example.org
        state: absent
      - name: old2.example.org
        state: absent
"""

RETURN = r"""
results:
  description: One entry per domain listed or removed by O(exclusive), in that order.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The domain.
      type: str
      sample: example.org
    action:
      description:
        - One of V(created), V(updated), V(deleted), V(unchanged), V(failed).
        - In check mode, what would be done.
      type: str
      sample: updated
    changes:
      description: The fields that differ.
      type: list
      elements: str
      sample: [destination]
    before:
      description: The domain before the task, or null if it did not exist.
      type: dict
      sample: {name: example.org, is_active: false, is_relay: false, destination: 10.0.0.9, failovers: []}
    after:
      description: The domain after the task, or null if it does not exist; on failure, the domain as before.
      type: dict
      sample: {name: example.org, is_active: true, is_relay: false, destination: mx1.customer.net, failovers: []}
    error:
      description: Why the write failed, or null.
      type: dict
      sample: {message: "PUT /api/v1/orgs/customer.com/domains/example.org failed with HTTP 422 ...", status: 422}
  sample:
    - name: example.org
      action: updated
      changes: [destination]
      before: {name: example.org, is_active: true, is_relay: false, destination: 10.0.0.9, failovers: []}
      after: {name: example.org, is_active: true, is_relay: false, destination: mx1.customer.net, failovers: []}
      error: null
summary:
  description: How many domains each action concerned.
  returned: always
  type: dict
  sample: {created: 2, updated: 1, deleted: 0, unchanged: 40, failed: 0}
diff:
  description: The whole organization before and after, as C(domains) keyed by name, in diff mode.
  returned: when diff mode is on
  type: dict
  sample:
    before:
      domains:
        example.org: {name: example.org, is_active: false, is_relay: false, destination: 10.0.0.9, failovers: []}
    after:
      domains:
        example.org: {name: example.org, is_active: true, is_relay: false, destination: 10.0.0.9, failovers: []}
error:
  description: When the domain list cannot be read, what failed.
  returned: on failure to read the organization
  type: dict
  sample: {message: "GET /api/v1/orgs/customer.com/domains failed with HTTP 401 ...", status: 401}
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import DOMAIN_ARGUMENT_SPEC, module_spec
from ansible_collections.proofpoint.essentials.plugins.module_utils._bulk import check_requests, execute, plan_org
from ansible_collections.proofpoint.essentials.plugins.module_utils._connection import module_client
from ansible_collections.proofpoint.essentials.plugins.module_utils._converge import read_domains
from ansible_collections.proofpoint.essentials.plugins.module_utils._domain import DomainError
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointError
from ansible_collections.proofpoint.essentials.plugins.module_utils._results import (
    WRITE_ACTIONS,
    error_dict,
    failure_message,
    org_diff,
    summarize,
)


def main():
    module = AnsibleModule(
        **module_spec(
            domains=dict(type="list", elements="dict", required=True, options=DOMAIN_ARGUMENT_SPEC),
            exclusive=dict(type="bool", default=False),
            concurrency=dict(type="int", default=8),
        )
    )
    params = module.params
    client, org = module_client(module, pool_size=params["concurrency"])
    try:
        wanted = check_requests(params["domains"], org, params["exclusive"], params["concurrency"])
    except DomainError as exc:
        module.fail_json(msg=str(exc))

    try:
        current = read_domains(client, org)
        plans = plan_org(current, wanted, org, params["exclusive"])
    except (ProofpointError, DomainError) as exc:
        module.fail_json(msg=str(exc), error=error_dict(exc), changed=False)

    results = execute(client, org, plans, params["concurrency"], module.check_mode)
    summary = summarize(results)
    outcome = dict(changed=any(summary[action] for action in WRITE_ACTIONS), results=results, summary=summary)
    if module._diff:
        outcome["diff"] = org_diff(org, current, results)
    if summary["failed"]:
        module.fail_json(msg=failure_message(results), **outcome)
    module.exit_json(**outcome)


if __name__ == "__main__":
    main()
