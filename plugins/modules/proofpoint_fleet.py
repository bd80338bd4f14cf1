#!/usr/bin/python
# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: proofpoint_fleet
short_description: Converge the domains of many Proofpoint Essentials organizations in one task
version_added: 1.1.0
description:
  - >-
    Converges every organization of the play's hosts (the customer orgs of a partner, from the
    P(proofpoint.essentials.proofpoint_orgs#inventory) inventory) in one task on the controller, many
    organizations at once over one pooled, rate-paced connection. Run it once (C(run_once: true)) and
    register its result, then run M(proofpoint.essentials.proofpoint_fleet_org) on every host: each org
    gets its own line, ok, changed or failed, with its diff.
  - Each host declares its organization with the variables of the
    R(domains role,ansible_collections.proofpoint.essentials.domains_role), C(domains_list) (or
    C(domains_list_file)), C(domains_exclusive), C(domains_max_deletions) and C(domains_concurrency).
    The organization is C(proofpoint_org) (set by the inventory), else the host's name.
    Each organization is checked, read once, planned and written exactly as
    M(proofpoint.essentials.proofpoint_domains) does.
  - A host that declares neither C(domains_list) nor C(domains_list_file) is V(unmanaged) and left as it is,
    never emptied.
  - >-
    A host's C(proofpoint_sender_lists) (C(allow), C(block), C(state), C(exclusive), C(max_removals), as the
    options of M(proofpoint.essentials.proofpoint_sender_list)) declares its organization's own sender lists:
    planned from the inventory's C(proofpoint_current_sender_lists) (the partner's listing) when it has it, so
    an organization that already holds its entries gets no request at all and one that lacks one gets one
    write; C(exclusive) reads the lists again first. C(proofpoint_features) (as the option of
    M(proofpoint.essentials.proofpoint_features)) declares its features: one read per organization, one
    C(PUT) when one differs.
  - A host that declares C(proofpoint_org_spec) (the options of M(proofpoint.essentials.proofpoint_org)
    C(name), C(licensing_package), C(user_licenses), C(is_active), C(admin_user) and C(partner), which defaults
    to the host's C(proofpoint_partner)) and that the partner's listing lacks (a host of a static inventory
    beside the partner's) is read, and created under its partner when it does not exist, with its
    C(domains_list) in the create call; its domains then converge in the same run. In check mode it is
    V(changed) with C(created), to create. The fleet never updates an existing organization's fields and never
    removes an organization. One organization's failure (a bad declaration, an API error) does not stop the others.
  - This task itself always reports C(changed=false); each organization's change is reported by its own
    M(proofpoint.essentials.proofpoint_fleet_org) task.
  - With AWX job slicing, each slice converges the hosts of its own slice.
  - >-
    The variable C(proofpoint_partners) (say in C(group_vars/all)), a list of the partners the fleet is made
    of (each a partner's primary domain, or a mapping with C(partner) and C(source), the inventory source
    to name in the message), is compared with the whole inventory: a partner of which it holds no organization
    (its inventory source could not be read, or holds none) is returned in RV(missing_partners), and the
    fleet's playbooks fail the run once the other organizations are done. Without the variable there is no
    such check.
  - It runs in the controller's Python, which needs C(requests).
author:
  - Proofpoint Essentials collection maintainers (@proofpoint-essentials)
extends_documentation_fragment:
  - proofpoint.essentials.connection
  - proofpoint.essentials.attributes
  - proofpoint.essentials.attributes.action_group
attributes:
  check_mode:
    description: Plans every organization and sends no write.
    support: full
  diff_mode:
    description: Each organization's report holds its diff, shown by M(proofpoint.essentials.proofpoint_fleet_org).
    support: full
  idempotent:
    support: full
options:
  api_url:
    description:
      - The API of the organizations whose host variables name none (C(proofpoint_api_url) or
        C(proofpoint_stack)). The task's O(user) and O(password) are sent to this API only; an organization
        that its inventory places on another API and that has no credentials of its own fails before any
        request.
  user:
    description:
      - The user for the organizations without credentials of their own (C(proofpoint_user) and
        C(proofpoint_password) in their host or group variables).
  password:
    description:
      - The password of O(user).
  hosts:
    description:
      - The hosts whose organizations to converge. Defaults to the hosts of the play's current batch
        (C(ansible_play_batch)), which is the slice's hosts in a sliced AWX job.
    type: list
    elements: str
  concurrency:
    description:
      - How many organizations are converged at once, 1 to 64. Each one also writes up to its
        C(domains_concurrency) (default 4) domains at once; all share one pace when the service rate-limits.
    type: int
    default: 16
  plan_from_inventory:
    description:
      - Plan from each host's C(proofpoint_current_domains) (what the inventory read) instead of reading each
        organization again, so no request at all beyond the inventory's. Only in check mode (a drift report),
        the inventory's copy may be as old as its cache, and writes are always planned against a fresh read.
    type: bool
    default: false
  resources:
    description:
      - Converge only these of each organization's resources (V(org), V(domains), V(sender_lists),
        V(features)); the others are left as they are, whatever the hosts declare. Default, all of them.
      - A runbook that blocks one sender everywhere gives V([sender_lists]), so that no domain is touched.
    type: list
    elements: str
    choices: [org, domains, sender_lists, features]
  sender_lists:
    description:
      - The sender lists every organization of the run declares, in place of its host's
        C(proofpoint_sender_lists), with the same keys C(allow), C(block), C(state), C(exclusive) and
        C(max_removals).
    type: dict
notes:
  - >-
    Each organization's connection comes from its host variables first: C(proofpoint_api_url) (set by the
    inventory) or C(proofpoint_stack), and C(proofpoint_user) with C(proofpoint_password) (for example the
    vaulted group_vars of the inventory's group C(proofpoint_partner_<partner>)); what they leave out comes
    from the options, C(module_defaults) and the environment. Organizations of several partner accounts
    converge at once, each account on its own connection pool and rate pace, O(concurrency) organizations
    at a time for each account. The other connection options (O(timeout), O(retries)...) apply to every one.
seealso:
  - module: proofpoint.essentials.proofpoint_fleet_org
  - module: proofpoint.essentials.proofpoint_domains
  - plugin: proofpoint.essentials.proofpoint_orgs
    plugin_type: inventory
"""

EXAMPLES = r"""
- name: Converge every customer org of this play at once, each on its own partner's API
  proofpoint.essentials.proofpoint_fleet: {}
  run_once: true
  register: fleet

- name: Report each org's outcome on its own host
  proofpoint.essentials.proofpoint_fleet_org:
    registered: fleet

- name: Plan a drift report from the inventory's copy of every org, with no further request
  proofpoint.essentials.proofpoint_fleet:
    hosts: "{{ groups['proofpoint_orgs'] }}"
    plan_from_inventory: true
  check_mode: true
  run_once: true
  register: drift
"""

RETURN = r"""
orgs:
  description:
    - Each organization's report, keyed by host.
  returned: always
  type: dict
  contains:
    org:
      description: The organization, by its primary domain.
      type: str
      sample: customer.com
    partner:
      description: Its partner (the inventory's C(proofpoint_partner)); empty when the host has none.
      type: str
      sample: msp.example
    api_url:
      description: The API it was sent to; empty when nothing could be sent.
      type: str
      sample: "https://us2.proofpointessentials.com"
    status:
      description: V(changed), V(in_sync), V(failed) or V(unmanaged); in check mode V(changed) means drifting.
      type: str
      sample: changed
    changed:
      description: Whether a write was made (or, in check mode, would be).
      type: bool
      sample: true
    failed:
      description: Whether the organization failed.
      type: bool
      sample: false
    msg:
      description: One line for the organization.
      type: str
      sample: "customer.com: 1 created, 0 updated, 0 deleted, 19 unchanged"
    summary:
      description: How many domains each action concerned, as M(proofpoint.essentials.proofpoint_domains) returns it.
      type: dict
      sample: {created: 1, updated: 0, deleted: 0, unchanged: 19, kept: 0, failed: 0, unknown: 0}
    results:
      description: The domains written (or to write), as M(proofpoint.essentials.proofpoint_domains) returns them.
      type: list
      elements: dict
      sample:
        - {name: new.customer.com, action: created, changes: [], before: null, after: {name: new.customer.com}}
    plan:
      description: A line per domain written, V(+) create, V(~) update, V(-) delete.
      type: list
      elements: str
      sample: ["+ new.customer.com"]
    diff:
      description: In diff mode, the organization's diff; otherwise empty.
      type: list
      elements: dict
      sample: []
    error:
      description: When the organization failed as a whole, what failed.
      type: dict
      sample: {message: "GET /api/v1/orgs/customer.com/domains failed with HTTP 403 ...", status: 403}
    created:
      description: Whether the organization itself was created (in check mode, is to be created).
      type: bool
      sample: false
    senders_added:
      description: How many entries were added to the organization's sender lists (in check mode, would be).
      type: int
      sample: 1
    senders_removed:
      description: How many entries were removed from its sender lists (in check mode, would be).
      type: int
      sample: 0
    sender_lists_plan:
      description: A line per entry added (V(+)) or removed (V(-)), with its list.
      type: list
      elements: str
      sample: ["+ block_list evil@bad.example"]
    sender_lists_now:
      description:
        - The organization's own sender lists as they now are (in check mode, would be), as the listing showed
          them for an organization that declares none; null when unknown.
      type: dict
      sample: {allow_list: [], block_list: [evil@bad.example]}
    features_changed:
      description: The declared features that differed (in check mode, that would change).
      type: list
      elements: str
      sample: [instant_replay]
    features_plan:
      description: A line per feature changed, with its value before and after.
      type: list
      elements: str
      sample: ["~ instant_replay: 0 -> 14"]
    domains_now:
      description:
        - How many domains the organization had before any change, as read (or as the inventory found it,
          for an unmanaged organization and with O(plan_from_inventory)); null when it failed before that.
      type: int
      sample: 20
  sample:
    customer.com:
      org: customer.com
      status: in_sync
      changed: false
      failed: false
      msg: "customer.com: 0 created, 0 updated, 0 deleted, 20 unchanged"
lines:
  description:
    - The line (C(msg)) of each organization that changed (in check mode, would change) or failed, sorted by host;
      what C(fleet_per_host=false) in the fleet's C(converge.yml) shows instead of a line per organization.
  returned: always
  type: list
  elements: str
  sample: ["cust010.fleet.example: 1 created, 1 updated, 0 deleted, 19 unchanged"]
left_out:
  description:
    - The organizations the proofpoint_orgs inventory left out because the service's data of each cannot be
      used (two domains that are one name, a primary domain that is not a domain name), with the reason; from
      the variable C(proofpoint_skipped_orgs) of each partner's group. Fix them in Proofpoint Essentials.
  returned: always
  type: list
  elements: dict
  sample:
    - {org: dup.example, partner: msp.example, reason: "organization dup.example: the service lists two domains, ..."}
totals:
  description:
    - How many organizations have each status, and how many domains each action concerned over all of them;
      C(left_out) counts the organizations the inventory left out, C(orgs_created) those created (in check
      mode, to create) from C(proofpoint_org_spec), C(partners_missing) the entries of RV(missing_partners).
  returned: always
  type: dict
  sample:
    {changed: 3, in_sync: 290, failed: 1, unmanaged: 6, left_out: 0, partners_missing: 0, orgs_created: 1,
     domains_created: 3, domains_updated: 3, domains_deleted: 0, domains_unchanged: 5800, domains_kept: 0,
     domains_failed: 0, domains_unknown: 0}
partners:
  description:
    - How many organizations of each partner have each status, sorted by partner, with the API (or APIs, comma
      separated) they were sent to. The partner is the inventory's C(proofpoint_partner), empty for a host
      without it.
  returned: always
  type: list
  elements: dict
  sample:
    - {partner: msp.example, api_url: "https://us2.proofpointessentials.com", changed: 1, in_sync: 40, failed: 0,
       unmanaged: 2}
missing_partners:
  description:
    - The partners of C(proofpoint_partners) of which the inventory holds no organization, each with the
      source given for it and a message saying why; empty when every partner is there or the variable is not set.
  returned: always
  type: list
  elements: dict
  sample:
    - partner: distri.example
      source: inventory/distri.proofpoint_orgs.yml
      msg: >-
        partner distri.example: no org of it in the inventory; its inventory source
        inventory/distri.proofpoint_orgs.yml was not read (the inventory's warning above says why: a wrong
        URL, port, stack or login). None of its orgs were converged or reported
msg:
  description: One line for the whole run.
  returned: always
  type: str
  sample: "300 orgs: 3 changed, 290 in sync, 1 failed, 6 unmanaged"
"""
