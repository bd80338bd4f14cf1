#!/usr/bin/python
# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: proofpoint_domain_info
short_description: Read the mail domains of a Proofpoint Essentials organization
version_added: 1.0.0
description:
  - Lists the domains of an organization with one request, normalised as the other modules compare them
    (names and hostnames lower case without a trailing dot, booleans as booleans).
author:
  - Proofpoint Essentials collection maintainers (@proofpoint-essentials)
extends_documentation_fragment:
  - proofpoint.essentials.connection
  - proofpoint.essentials.connection.credentials
  - proofpoint.essentials.connection.modules
  - proofpoint.essentials.attributes
  - proofpoint.essentials.attributes.action_group
  - proofpoint.essentials.attributes.info_module
options:
  name:
    description:
      - Return only this domain (an empty list when the organization has no such domain).
    type: str
seealso:
  - module: proofpoint.essentials.proofpoint_domain
  - module: proofpoint.essentials.proofpoint_domains
"""

EXAMPLES = r"""
- name: Read every domain of customer.com
  proofpoint.essentials.proofpoint_domain_info:
    stack: us2
    user: admin@customer.com
    password: "{{ vault_proofpoint_password }}"
    org: customer.com
  register: customer_domains

- name: Show the inactive ones
  ansible.builtin.debug:
    msg: "{{ customer_domains.domains | rejectattr('is_active') | map(attribute='name') | list }}"
"""

RETURN = r"""
domains:
  description: The organization's domains sorted by name; one or none when O(name) is given.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The domain name.
      type: str
      sample: example.org
    is_active:
      description: Whether the domain is active.
      type: bool
      sample: true
    is_relay:
      description: Whether the domain is a relay domain.
      type: bool
      sample: false
    destination:
      description: Where mail is delivered.
      type: str
      sample: mx1.customer.net
    failovers:
      description: Failover destinations in delivery priority order.
      type: list
      elements: str
      sample: [10.0.0.5, mx2.customer.net]
  sample:
    - {name: customer.com, is_active: true, is_relay: false, destination: mx1.customer.net, failovers: []}
error:
  description: On an API or connection failure, what failed.
  returned: on failure
  type: dict
  sample: {message: "GET /api/v1/orgs/customer.com/domains failed with HTTP 403 ...", status: 403}
"""

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import module_spec
from ansible_collections.proofpoint.essentials.plugins.module_utils._connection import module_client
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.calls import read_domains
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import sorted_domains
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import ProofpointEssentialsError
from ansible_collections.proofpoint.essentials.plugins.module_utils._module import ProofpointModule
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import check_domain_name


def main():
    module = ProofpointModule(**module_spec(name=dict(type="str")))
    client, org = module_client(module)
    try:
        name = check_domain_name(module.params["name"], "name") if module.params["name"] is not None else None
        current = read_domains(client, org)
    except ProofpointEssentialsError as exc:
        module.fail_from(exc)

    if name is not None:
        current = {name: current[name]} if name in current else {}
    module.exit_json(changed=False, domains=sorted_domains(current))


if __name__ == "__main__":
    main()
