#!/usr/bin/python
# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: proofpoint_domain_verification
short_description: Prove that an organization owns a domain in Proofpoint Essentials
version_added: 1.1.0
description:
  - Reads the domain's verification code and returns the record to publish, RV(verification_record), a TXT
    record on the domain or, with O(method=META), the tag to put in the head of the domain's web page.
  - With O(verify=true) (the default), then asks the service to verify the domain. While the service answers
    HTTP 409 (the record is not visible yet), it waits O(wait_interval) seconds and asks again, for up to
    O(wait_timeout) seconds; then it fails with a message that holds the record to publish and how long it
    waited.
  - Publish the record with any DNS module between a first run with O(verify=false) and a second one; the
    guide (docs/domain-ownership.md) shows it with C(community.general.nsupdate), C(amazon.aws.route53),
    C(community.dns) and C(community.general.cloudflare_dns).
  - C(changed) is true only when this run saw the service refuse to verify and then verify. The service shows
    no verified flag, so a domain verified at the first ask may have been verified before, and a re-run of a
    verified domain is ok, not changed.
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
    description: Reads the code and returns the record; asks for no verification.
    support: full
  diff_mode:
    description: Nothing of the domain is written, so there is nothing to show.
    support: none
  idempotent:
    support: full
options:
  name:
    description: The domain, one of the organization's.
    type: str
    required: true
  method:
    description: How ownership is shown, V(TXT) (a TXT record on the domain) or V(META) (a tag in its web page).
    type: str
    choices: [TXT, META]
    default: TXT
  verify:
    description: Ask the service to verify the domain; V(false) reads the record to publish only.
    type: bool
    default: true
  wait_timeout:
    description: How long to wait, in seconds, for the service to see the record; V(0) asks once.
    type: float
    default: 300
  wait_interval:
    description: Seconds between two asks while the service does not see the record yet.
    type: float
    default: 10
seealso:
  - module: proofpoint.essentials.proofpoint_dkim
  - module: proofpoint.essentials.proofpoint_domain
"""

EXAMPLES = r"""
- name: Read what to publish for customer.com
  proofpoint.essentials.proofpoint_domain_verification:
    org: customer.com
    name: customer.com
    verify: false
  delegate_to: localhost
  register: ownership

- name: Publish it (any DNS module; here an RFC 2136 server)
  community.general.nsupdate:
    server: ns1.customer.com
    key_name: ansible
    key_secret: "{{ tsig_secret }}"
    zone: customer.com
    record: "{{ ownership.verification_record.name }}."
    type: TXT
    value: "{{ ownership.verification_record.value }}"
  delegate_to: localhost

- name: Verify it, waiting up to 10 minutes for the record to be seen
  proofpoint.essentials.proofpoint_domain_verification:
    org: customer.com
    name: customer.com
    wait_timeout: 600
  delegate_to: localhost
"""

RETURN = r"""
verification_record:
  description:
    - What to publish. For V(TXT), a TXT record named after the domain holding the code; for V(META), C(type)
      is V(META) and C(value) the tag to put in the head of the domain's page.
  returned: success
  type: dict
  contains:
    name:
      description: The DNS name (the domain).
      type: str
      sample: customer.com
    type:
      description: V(TXT) or V(META).
      type: str
      sample: TXT
    value:
      description: The record's value, or the tag.
      type: str
      sample: proofpoint-verification=0f3a9c2d
  sample: {name: customer.com, type: TXT, value: proofpoint-verification=0f3a9c2d}
verified:
  description: V(true) once the service verified the domain; null when no verification was asked for.
  returned: success
  type: bool
  sample: true
asks:
  description: How many times the service was asked to verify.
  returned: success
  type: int
  sample: 3
waited:
  description: Seconds spent waiting for the record to be seen.
  returned: success
  type: float
  sample: 20.0
error:
  description: On failure, what failed; after the wait, the record to publish too.
  returned: on failure
  type: dict
  sample:
    message: "customer.com (organization customer.com): not verified after waiting 300 s (31 asks): publish ..."
    status: 409
    record: {name: customer.com, type: TXT, value: proofpoint-verification=0f3a9c2d}
"""

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import module_spec
from ansible_collections.proofpoint.essentials.plugins.module_utils._connection import module_client
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import ProofpointEssentialsError
from ansible_collections.proofpoint.essentials.plugins.module_utils._module import ProofpointModule
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import check_domain_name
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._ownership.arguments import (
    VERIFICATION_ARGUMENT_SPEC,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._ownership.converge import converge_verification
from ansible_collections.proofpoint.essentials.plugins.module_utils._waiting import check_wait


def main():
    module = ProofpointModule(**module_spec(**VERIFICATION_ARGUMENT_SPEC))
    params = module.params
    client, org = module_client(module)
    try:
        domain = check_domain_name(params["name"], "name")
        wait = check_wait(params["wait_timeout"], params["wait_interval"])
        outcome = converge_verification(
            OrgRun(client, org, module.check_mode), domain, params["method"], params["verify"], wait
        )
    except ProofpointEssentialsError as exc:
        module.fail_from(exc)
    module.exit_json(**outcome)


if __name__ == "__main__":
    main()
