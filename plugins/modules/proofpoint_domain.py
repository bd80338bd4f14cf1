#!/usr/bin/python
# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: proofpoint_domain
short_description: Manage one mail domain of a Proofpoint Essentials organization
version_added: 1.0.0
description:
  - Creates, updates or removes one domain of an organization, with its delivery destination and failovers.
  - Reads the organization's domain list once, compares it with the options given, and sends at most one
    POST, PUT or DELETE, only when something differs.
  - Options left out keep their current value on update.
author:
  - Proofpoint Essentials collection maintainers (@proofpoint-essentials)
extends_documentation_fragment:
  - proofpoint.essentials.connection
  - proofpoint.essentials.connection.credentials
  - proofpoint.essentials.connection.modules
  - proofpoint.essentials.attributes
  - proofpoint.essentials.attributes.action_group
  - proofpoint.essentials.domain
attributes:
  check_mode:
    description: Computes the change, the diff and the resulting domain, and sends no write.
    support: full
  diff_mode:
    description: Returns the domain before and after, field by field.
    support: full
  idempotent:
    support: full
seealso:
  - module: proofpoint.essentials.proofpoint_domains
  - module: proofpoint.essentials.proofpoint_domain_info
"""

EXAMPLES = r"""
- name: Mail for example.org is delivered to our gateway
  proofpoint.essentials.proofpoint_domain:
    stack: us2
    user: admin@customer.com
    password: "{{ vault_proofpoint_password }}"
    org: customer.com
    name: example.org
    destination: mx1.customer.net
    failovers: [10.0.0.5, mx2.customer.net]
    is_active: true
    is_relay: false

- name: Only switch the destination, keep everything else
  proofpoint.essentials.proofpoint_domain:
    org: customer.com
    name: example.org
    destination: mx3.customer.net

- name: Remove a domain
  proofpoint.essentials.proofpoint_domain:
    org: customer.com
    name: old.example.org
    state: absent
"""

RETURN = r"""
domain:
  description:
    - The domain as it is after the task (in check mode, as it would be); an empty mapping when it does not exist.
  returned: always
  type: dict
  sample:
    name: example.org
    is_active: true
    is_relay: false
    destination: mx1.customer.net
    failovers: [10.0.0.5, mx2.customer.net]
action:
  description: What the task did, or would do in check mode.
  returned: always
  type: str
  sample: updated
changes:
  description: The fields that differed and were (or would be) written.
  returned: always
  type: list
  elements: str
  sample: [destination, failovers]
diff:
  description: The domain before and after, in diff mode.
  returned: when diff mode is on
  type: dict
  sample:
    before: {name: example.org, is_active: false, is_relay: false, destination: 10.0.0.9, failovers: []}
    after: {name: example.org, is_active: true, is_relay: false, destination: mx1.customer.net, failovers: []}
error:
  description: On an API or connection failure, what failed.
  returned: on failure
  type: dict
  sample:
    message: "PUT /api/v1/orgs/customer.com/domains/example.org failed with HTTP 403 (not authorized): ..."
    method: PUT
    path: /api/v1/orgs/customer.com/domains/example.org
    status: 403
    api_message: "not authorized"
    attempts: 1
"""

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import module_spec
from ansible_collections.proofpoint.essentials.plugins.module_utils._connection import module_client
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.arguments import DOMAIN_ARGUMENT_SPEC
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.calls import read_domains
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.converge import Outcome, converge
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import (
    check_request,
    fields_ignored,
    plan_domain,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.results import diff_of
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    ProofpointEssentialsError,
    ValidationError,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._module import ProofpointModule


def main():
    module = ProofpointModule(**module_spec(**DOMAIN_ARGUMENT_SPEC))
    client, org = module_client(module)
    try:
        request = check_request(module.params, org)
    except ValidationError as exc:
        module.fail_from(exc)
    ignored = fields_ignored(module.params)
    if ignored:
        module.warn("state: absent ignores %s" % ", ".join(ignored))

    try:
        plan = plan_domain(read_domains(client, org).get(request["name"]), request)
        outcome: Outcome = {"action": plan["action"], "domain": plan["after"]}
        if plan["action"] != "unchanged" and not module.check_mode:
            outcome = converge(client, org, request, plan)
    except ProofpointEssentialsError as exc:
        module.fail_from(exc)

    result: dict = dict(
        changed=outcome["action"] != "unchanged",
        action=outcome["action"],
        changes=plan["changes"],
        domain=outcome["domain"] or {},
    )
    if module._diff:
        result["diff"] = diff_of(org, plan["name"], outcome["action"], plan["before"], plan["after"])
    module.exit_json(**result)


if __name__ == "__main__":
    main()
