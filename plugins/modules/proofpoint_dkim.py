#!/usr/bin/python
# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: proofpoint_dkim
short_description: Sign a domain's mail with DKIM in Proofpoint Essentials
version_added: 1.1.0
description:
  - Makes sure the domain has the DKIM key of O(selector) (O(state=present)) or not (O(state=absent)), and
    returns the DNS record to publish, RV(dns_record), with its value cut into strings of at most 255
    characters, RV(value_chunks), as DNS modules take a long TXT value.
  - A missing selector is created with O(private_key) when given (for example from
    C(community.crypto.openssl_privatekey_pipe)), otherwise with a 2048-bit RSA key the module makes with the
    C(cryptography) library and never returns. An existing selector is left as it is; when O(private_key) is
    given and its public key is not the service's, the task says so (RV(key_differs)) and replaces the key only
    with O(force=true), by removing the selector and creating it again.
  - With O(verify=true), then asks the service to check the public key in DNS at
    C(<selector>._domainkey.<domain>), waiting O(wait_interval) seconds between asks while it answers HTTP 409,
    for up to O(wait_timeout) seconds; then it fails naming the record to publish.
  - The private key, given or made, never appears in a result, a diff, a message or a log.
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
    description: Reads the keys and says what would change; creates, removes and verifies nothing.
    support: full
  diff_mode:
    description: The selector, whether it is valid, and its DNS record, before and after; never key material.
    support: full
  idempotent:
    support: full
requirements:
  - cryptography (an ansible-core dependency)
options:
  name:
    description: The domain, one of the organization's.
    type: str
    required: true
  selector:
    description: The DKIM selector, such as V(pp2026); the record is published at C(<selector>._domainkey.<domain>).
    type: str
    required: true
  state:
    description: V(present) creates the selector when the domain lacks it; V(absent) removes it.
    type: str
    choices: [present, absent]
    default: present
  private_key:
    description:
      - The RSA private key of the selector, in PEM, unencrypted. Without it, a new selector gets a 2048-bit key
        made by the module.
    type: str
  force:
    description: Replace an existing selector whose public key is not O(private_key)'s (remove it, then create it).
    type: bool
    default: false
  verify:
    description: Ask the service to check the public key in DNS, waiting while it is not visible yet.
    type: bool
    default: false
  wait_timeout:
    description: How long to wait, in seconds, for the service to see the record; V(0) asks once.
    type: float
    default: 300
  wait_interval:
    description: Seconds between two asks while the service does not see the record yet.
    type: float
    default: 10
seealso:
  - module: proofpoint.essentials.proofpoint_domain_verification
"""

EXAMPLES = r"""
- name: Create the selector pp2026 of customer.com with a key made by the module
  proofpoint.essentials.proofpoint_dkim:
    org: customer.com
    name: customer.com
    selector: pp2026
  delegate_to: localhost
  register: dkim

- name: Publish its public key (any DNS module; here an RFC 2136 server)
  community.general.nsupdate:
    server: ns1.customer.com
    key_name: ansible
    key_secret: "{{ tsig_secret }}"
    zone: customer.com
    record: "{{ dkim.dns_record.name }}."
    type: TXT
    value: "{{ dkim.value_chunks }}"
  delegate_to: localhost

- name: Have the service check it, waiting up to 10 minutes
  proofpoint.essentials.proofpoint_dkim:
    org: customer.com
    name: customer.com
    selector: pp2026
    verify: true
    wait_timeout: 600
  delegate_to: localhost
"""

RETURN = r"""
dns_record:
  description: The TXT record to publish; null when the public key is not known yet (a key to make, in check mode).
  returned: success
  type: dict
  contains:
    name:
      description: C(<selector>._domainkey.<domain>).
      type: str
      sample: pp2026._domainkey.customer.com
    type:
      description: V(TXT).
      type: str
      sample: TXT
    value:
      description: The whole value.
      type: str
      sample: "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA..."
  sample: {name: pp2026._domainkey.customer.com, type: TXT, value: "v=DKIM1; k=rsa; p=MIIBIjANBg..."}
value_chunks:
  description: RV(dns_record.value) as strings of at most 255 characters, in order.
  returned: success
  type: list
  elements: str
  sample: ["v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA...", "...IDAQAB"]
selector:
  description: The selector, in lower case.
  returned: success
  type: str
  sample: pp2026
is_valid:
  description: Whether the service found the public key in DNS (after O(verify=true), true); null once removed.
  returned: success
  type: bool
  sample: true
key_differs:
  description: Whether the existing selector's public key is not O(private_key)'s (and O(force) was not given).
  returned: success
  type: bool
  sample: false
error:
  description: On failure, what failed; after the wait, the record to publish too.
  returned: on failure
  type: dict
  sample:
    message: "DKIM selector pp2026 of customer.com (organization customer.com): not verified after waiting ..."
    status: 409
"""

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import module_spec
from ansible_collections.proofpoint.essentials.plugins.module_utils._connection import module_client
from ansible_collections.proofpoint.essentials.plugins.module_utils._dkim.arguments import DKIM_ARGUMENT_SPEC
from ansible_collections.proofpoint.essentials.plugins.module_utils._dkim.converge import DkimRequest, converge_dkim
from ansible_collections.proofpoint.essentials.plugins.module_utils._dkim.model import (
    HAS_CRYPTOGRAPHY,
    check_selector,
    public_key_of,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import ProofpointEssentialsError
from ansible_collections.proofpoint.essentials.plugins.module_utils._module import ProofpointModule
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import check_domain_name
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._waiting import check_wait


def main():
    module = ProofpointModule(**module_spec(**DKIM_ARGUMENT_SPEC))
    if not HAS_CRYPTOGRAPHY:
        module.fail_json(msg="proofpoint_dkim needs the Python library cryptography (an ansible-core dependency)")
    params = module.params
    client, org = module_client(module)
    try:
        request: DkimRequest = {
            "domain": check_domain_name(params["name"], "name"),
            "selector": check_selector(params["selector"]),
            "state": params["state"],
            "private_key": params["private_key"],
            # A bad key fails here, before any request, and is never quoted.
            "public_key": public_key_of(params["private_key"]) if params["private_key"] is not None else None,
            "force": params["force"],
            "verify": params["verify"],
            "wait": check_wait(params["wait_timeout"], params["wait_interval"]),
        }
        outcome = converge_dkim(OrgRun(client, org, module.check_mode), request, module.no_log_values.add)
    except ProofpointEssentialsError as exc:
        module.fail_from(exc)
    result = dict(outcome)
    if not module._diff:
        del result["diff"]
    module.exit_json(**result)


if __name__ == "__main__":
    main()
