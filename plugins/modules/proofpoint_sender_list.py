#!/usr/bin/python
# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: proofpoint_sender_list
short_description: Manage the allow and block lists of senders of a Proofpoint Essentials organization
version_added: 1.1.0
description:
  - Puts the given entries on an organization's allow list (O(allow)) or block list (O(block)), or takes
    them off (O(state=absent)); with O(recipient) or O(group), a user's or a group's own lists instead.
  - One read of the lists, then at most one write per kind of change. Additions are added (C(POST)) and
    removals removed (C(DELETE)), so an entry another administrator adds between the read and the write is
    never lost; only O(exclusive=true) replaces a list (one C(PATCH)).
  - Entries are addresses (V(user@example.com)), domains (V(example.com)) or V(*@example.com); they compare
    without case and are kept as the service holds them. A bad entry fails the task before any request,
    naming it.
author:
  - Proofpoint Essentials collection maintainers (@proofpoint-essentials)
extends_documentation_fragment:
  - proofpoint.essentials.connection
  - proofpoint.essentials.connection.credentials
  - proofpoint.essentials.connection.modules
  - proofpoint.essentials.attributes
  - proofpoint.essentials.attributes.action_group
attributes:
  check_mode:
    description: Reads the lists and says what would change; sends no write.
    support: full
  diff_mode:
    description: Both lists before and after.
    support: full
  idempotent:
    support: full
options:
  allow:
    description: Entries of the allow list (safe senders).
    type: list
    elements: str
  block:
    description: Entries of the block list.
    type: list
    elements: str
  state:
    description:
      - V(present) puts the given entries on their lists, V(absent) takes them off.
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With V(true), each list given (O(allow), O(block)) becomes exactly its entries, in one C(PATCH); a list
        not given is left alone. Only with O(state=present).
    type: bool
    default: false
  max_removals:
    description:
      - With O(exclusive=true), the most entries the task may remove; more fails the task before any write,
        naming them.
    type: int
    default: 50
  recipient:
    description: A user's own lists, by the user's address. Mutually exclusive with O(group).
    type: str
  group:
    description: A group's lists, by the group's name. Mutually exclusive with O(recipient).
    type: str
seealso:
  - module: proofpoint.essentials.proofpoint_org
"""

EXAMPLES = r"""
- name: Block a phishing sender and its domain for customer.com
  proofpoint.essentials.proofpoint_sender_list:
    org: customer.com
    block:
      - evil@bad.example
      - "*@phish.example"
  delegate_to: localhost

- name: Unblock it again
  proofpoint.essentials.proofpoint_sender_list:
    org: customer.com
    block: [evil@bad.example]
    state: absent
  delegate_to: localhost

- name: The allow list is exactly these partners (at most 5 entries removed)
  proofpoint.essentials.proofpoint_sender_list:
    org: customer.com
    allow: [partner.example, billing@supplier.example]
    exclusive: true
    max_removals: 5
  delegate_to: localhost
"""

RETURN = r"""
added:
  description: The entries added to each list (in check mode, to be added).
  returned: always
  type: dict
  sample: {block_list: [evil@bad.example]}
removed:
  description: The entries removed from each list (in check mode, to be removed).
  returned: always
  type: dict
  sample: {}
lists:
  description: Both lists as they now are (in check mode, as they would be).
  returned: success
  type: dict
  sample: {allow_list: [partner.example], block_list: ["*@phish.example", evil@bad.example]}
plan:
  description: A line per entry added (V(+)) or removed (V(-)), with its list.
  returned: success
  type: list
  elements: str
  sample: ["+ block_list evil@bad.example"]
error:
  description: On an API or connection failure, what failed.
  returned: on failure
  type: dict
  sample: {message: "GET /api/v1/orgs/customer.com/sender-lists failed with HTTP 403 ...", status: 403}
"""

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import module_spec
from ansible_collections.proofpoint.essentials.plugins.module_utils._connection import module_client
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import ProofpointEssentialsError
from ansible_collections.proofpoint.essentials.plugins.module_utils._module import ProofpointModule
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.arguments import (
    SENDER_LIST_ARGUMENT_SPEC,
    SENDER_LIST_RULES,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.calls import sender_lists_path
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.converge import (
    converge_sender_lists,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.model import (
    check_group,
    check_recipient,
    check_request,
)


def main():
    module = ProofpointModule(**module_spec(**SENDER_LIST_ARGUMENT_SPEC), **SENDER_LIST_RULES)
    params = module.params
    client, org = module_client(module)
    try:
        request = check_request(params)
        path = sender_lists_path(org, check_recipient(params["recipient"]), check_group(params["group"]))
        outcome = converge_sender_lists(OrgRun(client, org, module.check_mode), path, request)
    except ProofpointEssentialsError as exc:
        module.fail_from(exc)
    result = {key: outcome[key] for key in ("changed", "added", "removed", "lists", "plan")}
    if module._diff:
        result["diff"] = outcome["diff"]
    module.exit_json(**result)


if __name__ == "__main__":
    main()
