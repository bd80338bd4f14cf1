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
  - proofpoint.essentials.connection.credentials
  - proofpoint.essentials.connection.modules
  - proofpoint.essentials.attributes
  - proofpoint.essentials.attributes.action_group
  - proofpoint.essentials.domain.items
attributes:
  check_mode:
    description: Computes the full plan, the diff and the results, and sends no write.
    support: full
  diff_mode:
    description: Returns one section per domain written (or, in check mode, to write), before and after.
    support: full
  idempotent:
    support: full
options:
  domains:
    description:
      - The domains to declare. Each item takes the options of M(proofpoint.essentials.proofpoint_domain).
      - Names must be unique (compared case-insensitively, without a trailing dot).
      - Exactly one of O(domains) and O(domains_file) is required.
    type: list
    elements: dict
  domains_file:
    description:
      - A JSON or YAML file on the controller holding the domains, each item as in O(domains). It holds the
        list itself, or a mapping with the list under C(domains), so a vars file with a C(domains) variable works.
      - A relative path is searched like the C(src) of M(ansible.builtin.copy) (the role's or the
        playbook's C(files) directory, then the playbook's directory).
      - For very large organizations. The file is copied to where the module runs instead of being
        loaded into Ansible variables and templated into the task, which at 10,000 domains costs Ansible
        more than the whole convergence (figures in the collection's C(bench/results.md)).
      - Its items are checked exactly as O(domains) items are.
    type: path
  exclusive:
    description:
      - Remove every domain of the organization that O(domains) does not list, except the primary domain,
        which is reported as V(kept) in RV(results).
      - Refused with an empty O(domains) list, and when it would remove more than O(max_deletions) domains.
    type: bool
    default: false
  max_deletions:
    description:
      - The most domains O(exclusive=true) may remove in one run. When more would go, the task fails before
        any write and names them; list the ones to keep, or raise this limit to allow it.
      - Domains listed with O(domains[].state=absent) do not count.
    type: int
    default: 10
  report_unchanged:
    description:
      - Whether RV(results) also lists the domains that needed no change. RV(summary) counts them either way.
      - Off by default because in a large organization they are most of the output, and carrying a
        10,000-domain result back into Ansible costs more than converging the organization.
    type: bool
    default: false
  concurrency:
    description:
      - How many writes are sent in parallel at most, from 1 to 32.
      - When the service rate limits (HTTP 429), every request pauses for the time it gives, and from then on
        requests leave at a pace learned from what the service accepts, just under its limit.
    type: int
    default: 8
  batch_create:
    description:
      - Create the new domains with list POSTs of O(batch_size) domains each, then read the organization once
        to see which are there as declared; the others are created one by one as without this option.
      - The list POST is described by the vendor but its answer's format is not; its answer is reported in
        RV(batch) but never relied on, which is why this stays off by default until proven on a real stack.
      - Updates and deletes are never batched. In check mode, nothing is sent.
    type: bool
    default: false
  batch_size:
    description: How many domains each list POST of O(batch_create=true) carries, from 1 to 500.
    type: int
    default: 100
notes:
  - When O(domains) lists more than 100 domains, the result's C(invocation) (shown with C(-vvv)) gives
    their count instead of echoing the list back.
  - An action plugin of the same name runs on the controller first; it copies O(domains_file) when given.
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

- name: A very large organization, declared in a file next to the playbook (files/big.example.yml)
  proofpoint.essentials.proofpoint_domains:
    org: big.example
    domains_file: big.example.yml

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
msg:
  description:
    - One line for the organization, as the M(proofpoint.essentials.proofpoint_fleet) and the role say it; on
      failure, what failed and what was applied anyway.
  returned: always
  type: str
  sample: "customer.com: 1 created, 2 updated, 0 deleted, 17 unchanged"
results:
  description:
    - One entry per domain listed or removed by O(exclusive), in that order; in exclusive mode, then the
      primary domain as V(kept) when O(domains) does not list it.
    - Domains that needed no change only with O(report_unchanged=true).
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
        - One of V(created), V(updated), V(deleted), V(unchanged), V(kept), V(failed), V(unknown).
        - V(kept) is the primary domain, which exclusive mode never removes.
        - V(unknown) is a write whose answer was lost and whose effect could not be read back, so it may
          have been carried out. The task fails and counts as changed; run it again to converge.
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
  sample: {created: 2, updated: 1, deleted: 0, unchanged: 40, kept: 1, failed: 0, unknown: 0}
plan:
  description:
    - A line per domain written (or to be written in check mode), by name; V(+) creates, V(-) deletes,
      V(~) updates the fields named after the colon.
  returned: always
  type: list
  elements: str
  sample: ["+ new.example.org", "- old.example.org", "~ shop.example.org: destination, failovers"]
batch:
  description:
    - With O(batch_create=true), what was sent and what the service answered (when the answer can be
      understood, the count of each per-item status), and how many domains the list read found as declared.
  returned: when O(batch_create=true) and something was to be created, outside check mode
  type: dict
  sample: {chunks: 2, sent: 150, landed: 150, answers: ["100 results: 201 x 100", "50 results: 201 x 50"]}
diff:
  description:
    - In diff mode, one section per domain written, by name, headed C(<org>/<domain> (current)) and
      C(<org>/<domain> (create)), C((update)) or C((delete)).
  returned: when diff mode is on
  type: list
  elements: dict
  sample:
    - before: {name: example.org, is_active: false, is_relay: false, destination: 10.0.0.9, failovers: []}
      after: {name: example.org, is_active: true, is_relay: false, destination: 10.0.0.9, failovers: []}
      before_header: customer.com/example.org (current)
      after_header: customer.com/example.org (update)
error:
  description: When the domain list cannot be read, what failed.
  returned: on failure to read the organization
  type: dict
  sample: {message: "GET /api/v1/orgs/customer.com/domains failed with HTTP 401 ...", status: 401}
"""

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import module_spec
from ansible_collections.proofpoint.essentials.plugins.module_utils._connection import module_client
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.arguments import DOMAINS_LIST_SPEC
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.bulk import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MAX_DELETIONS,
    OrgOptions,
    converge_domains,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.files import read_domains_file
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import fields_ignored, item_label
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.results import summary_line
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    PartlyApplied,
    ProofpointEssentialsError,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._module import ProofpointModule
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun

ORG_OPTIONS = dict(
    exclusive=dict(type="bool", default=False),
    report_unchanged=dict(type="bool", default=False),
    max_deletions=dict(type="int", default=DEFAULT_MAX_DELETIONS),
    concurrency=dict(type="int", default=8),
    batch_create=dict(type="bool", default=False),
    batch_size=dict(type="int", default=DEFAULT_BATCH_SIZE),
)


def warn_ignored(module, items):
    for index, item in enumerate(items):
        ignored = fields_ignored(item)
        if ignored:
            module.warn("%sstate: absent ignores %s" % (item_label(index, item), ", ".join(ignored)))


def main():
    module = ProofpointModule(
        mutually_exclusive=[("domains", "domains_file")],
        required_one_of=[("domains", "domains_file")],
        **module_spec(domains=DOMAINS_LIST_SPEC, domains_file=dict(type="path"), **ORG_OPTIONS),
    )
    params = module.params
    client, org = module_client(module, pool_size=params["concurrency"])
    options: OrgOptions = {name: params[name] for name in ORG_OPTIONS}  # type: ignore[assignment]
    try:
        items = read_domains_file(params["domains_file"]) if params["domains_file"] else params["domains"]
        warn_ignored(module, items)
        outcome = converge_domains(OrgRun(client, org, module.check_mode), items, options)
    except ProofpointEssentialsError as exc:
        module.fail_from(exc)

    result: dict = {key: outcome[key] for key in ("changed", "results", "summary", "plan")}
    if outcome["batch"]:
        result["batch"] = outcome["batch"]
    if module._diff:
        result["diff"] = outcome["diff"]
    if outcome["failure"]:
        module.fail_from(PartlyApplied(outcome["failure"], outcome["changed"]), **result)
    module.exit_json(msg=summary_line(org, outcome["summary"], module.check_mode), **result)


if __name__ == "__main__":
    main()
