#!/usr/bin/python
# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: proofpoint_org
short_description: Create, update or remove a partner's customer organization in Proofpoint Essentials
version_added: 1.1.0
description:
  - Declares one customer organization of a partner (a channel account) and its domains. Reads the
    organization once; creates it under O(partner) when it does not exist, with its administrator and its
    domains in the one create call; when it exists, it is adopted and only the declared fields that differ are
    sent, in one PATCH. An organization that needs nothing costs one request.
  - The declared O(domains) are then converged as M(proofpoint.essentials.proofpoint_domains) converges
    them, never exclusively (domains not listed are left as they are), planned against the domains the
    organization's read carried.
  - O(state=absent) removes the organization only when O(confirm_delete) repeats its primary domain.
author:
  - Proofpoint Essentials collection maintainers (@proofpoint-essentials)
extends_documentation_fragment:
  - proofpoint.essentials.connection
  - proofpoint.essentials.connection.credentials
  - proofpoint.essentials.attributes
  - proofpoint.essentials.attributes.action_group
  - proofpoint.essentials.domain.items
attributes:
  check_mode:
    description: Reads the organization, computes the plan, the diff and the results, and sends no write.
    support: full
  diff_mode:
    description: Returns the organization's fields before and after, then one section per domain written.
    support: full
  idempotent:
    support: full
options:
  primary_domain:
    description:
      - The customer organization, addressed by its primary domain.
    type: str
    required: true
    aliases: [org]
  partner:
    description:
      - The partner (channel) organization that owns the customer, by its primary domain.
      - Required to create the organization; an existing one is adopted without it. Where the service
        answers 403 rather than 404 for an organization it does not know, the partner's list of child
        organizations tells whether it exists.
      - Falls back to the environment variable E(PROOFPOINT_ESSENTIALS_PARTNER).
    type: str
  name:
    description:
      - The organization's display name. Required to create it.
    type: str
  licensing_package:
    description:
      - The licensing package, for example V(Business), V(Advanced) or V(Professional); compared without case.
    type: str
  user_licenses:
    description:
      - The number of user licences, 0 or more.
    type: int
  is_active:
    description:
      - Whether the organization is active. Left to the service's default on create when not given.
    type: bool
  admin_user:
    description:
      - The organization's first administrator. Required to create the organization.
      - Sent at creation only; an existing organization's users are never changed by this module.
      - Returned only as declared (never as the service holds it), and only in the create's diff.
    type: dict
    suboptions:
      email:
        description: The administrator's email address, the login.
        type: str
        required: true
      firstname:
        description: The administrator's first name.
        type: str
      surname:
        description: The administrator's surname.
        type: str
      send_welcome_email:
        description: Whether the service sends the administrator its welcome email on creation.
        type: bool
        default: false
  domains:
    description:
      - The organization's domains, each item as in M(proofpoint.essentials.proofpoint_domains). On create they
        travel in the create call; a domain the create did not take is then created on its own.
      - Never exclusive; ignored with O(state=absent).
    type: list
    elements: dict
  state:
    description:
      - V(present) creates or updates the organization; V(absent) removes it with all of its domains.
    type: str
    choices: [present, absent]
    default: present
  confirm_delete:
    description:
      - With O(state=absent), the organization's primary domain again. Without it (or with another value) the
        task fails before any request, so that a wrong host or variable never removes a customer.
    type: str
requirements:
  - requests
seealso:
  - module: proofpoint.essentials.proofpoint_domains
  - module: proofpoint.essentials.proofpoint_fleet
"""

EXAMPLES = r"""
- name: Onboard a customer (check first with --check --diff)
  proofpoint.essentials.proofpoint_org:
    partner: partner.net
    primary_domain: newcustomer.example
    name: New Customer Ltd
    licensing_package: Business
    user_licenses: 50
    admin_user:
      email: it@newcustomer.example
      firstname: Ada
      surname: Admin
    domains:
      - name: newcustomer.example
        destination: mx1.newcustomer.example
        is_active: true
      - name: mail.newcustomer.example
        destination: mx1.newcustomer.example
        failovers: [mx2.newcustomer.example]
        is_active: true
  delegate_to: localhost

- name: Raise the customer's licences (one PATCH of user_licenses)
  proofpoint.essentials.proofpoint_org:
    primary_domain: newcustomer.example
    partner: partner.net
    user_licenses: 75
  delegate_to: localhost

- name: Remove the customer
  proofpoint.essentials.proofpoint_org:
    primary_domain: newcustomer.example
    state: absent
    confirm_delete: newcustomer.example
  delegate_to: localhost
"""

RETURN = r"""
action:
  description: What was done to the organization itself (in check mode, what would be done).
  returned: always
  type: str
  choices: [created, updated, deleted, unchanged]
  sample: created
changes:
  description: The organization's fields that differ (sent in the PATCH, or given to the create).
  returned: always
  type: list
  elements: str
  sample: [user_licenses]
org:
  description:
    - The organization as the service now holds it (in check mode, as it would be); null once removed.
    - Only these fields; the administrator's data never appears here.
  returned: always
  type: dict
  sample:
    primary_domain: newcustomer.example
    partner: partner.net
    eid: 900001
    name: New Customer Ltd
    licensing_package: Business
    user_licenses: 50
    is_active: true
domains:
  description:
    - The domains' outcome as M(proofpoint.essentials.proofpoint_domains) returns it (its C(results) and
      C(summary)); null with O(state=absent).
  returned: always
  type: dict
  sample:
    results:
      - name: mail.newcustomer.example
        action: created
        changes: [name, is_active, is_relay, destination, failovers]
        before: null
        after: {name: mail.newcustomer.example, is_active: true, is_relay: false,
                destination: mx1.newcustomer.example, failovers: [mx2.newcustomer.example]}
        error: null
    summary: {created: 2, updated: 0, deleted: 0, unchanged: 0, kept: 0, failed: 0, unknown: 0}
plan:
  description:
    - A line per write (or write to come in check mode), the organization's first. V(+) creates, V(~) updates
      the fields named after the colon, V(-) deletes.
  returned: always
  type: list
  elements: str
  sample: ["+ org newcustomer.example", "+ mail.newcustomer.example", "+ newcustomer.example"]
diff:
  description:
    - In diff mode, the organization's fields before and after (headed C(<org> (current)) and C(<org> (create)),
      C((update)) or C((delete))), then one section per domain written.
  returned: when diff mode is on
  type: list
  elements: dict
  sample:
    - before: {primary_domain: newcustomer.example, user_licenses: 50}
      after: {primary_domain: newcustomer.example, user_licenses: 75}
      before_header: newcustomer.example (current)
      after_header: newcustomer.example (update)
error:
  description: When a call failed, what failed.
  returned: on failure
  type: dict
  sample: {message: "creating organization newcustomer.example ... failed with HTTP 409 ...", status: 409}
"""

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import service_module_spec
from ansible_collections.proofpoint.essentials.plugins.module_utils._connection import module_client
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.bulk import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MAX_DELETIONS,
    OrgOptions,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.results import summary_line
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    PartlyApplied,
    ProofpointEssentialsError,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._module import ProofpointModule
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.arguments import ORG_ARGUMENT_SPEC
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.converge import converge_org
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.model import (
    check_confirmation,
    check_org_request,
)

DOMAIN_OPTIONS: OrgOptions = {
    "exclusive": False,
    "max_deletions": DEFAULT_MAX_DELETIONS,
    "concurrency": 8,
    "batch_create": False,
    "batch_size": DEFAULT_BATCH_SIZE,
    "report_unchanged": False,
}


def message(org, outcome, check_mode, state="present"):
    verb = {"created": "created", "updated": "updated", "deleted": "removed", "unchanged": "unchanged"}
    if state == "absent" and outcome["action"] == "unchanged":
        return "organization %s already absent" % org
    text = "organization %s %s%s" % (
        org,
        "would be " if check_mode and outcome["action"] != "unchanged" else "",
        verb[outcome["action"]],
    )
    going = [line for line in outcome["plan"] if line.endswith(" (with the org)")]
    if going:
        text += " with its %d domain%s" % (len(going), "" if len(going) == 1 else "s")
    if outcome["changes"] and outcome["action"] == "updated":
        text += " (%s)" % ", ".join(outcome["changes"])
    if outcome["domains"]:
        text += "; " + summary_line(org, outcome["domains"]["summary"], check_mode)
    return text


def main():
    module = ProofpointModule(**service_module_spec(**ORG_ARGUMENT_SPEC))
    params = module.params
    client, org = module_client(module, org_option="primary_domain")
    try:
        request = check_org_request(params)
        if request["state"] == "absent":
            check_confirmation(request, params["confirm_delete"])
        outcome = converge_org(OrgRun(client, org, module.check_mode), request, params["domains"], DOMAIN_OPTIONS)
    except ProofpointEssentialsError as exc:
        module.fail_from(exc)

    domains = outcome["domains"]
    result: dict = dict(
        changed=outcome["changed"],
        action=outcome["action"],
        changes=outcome["changes"],
        org=outcome["org"],
        domains={"results": domains["results"], "summary": domains["summary"]} if domains else None,
        plan=outcome["plan"],
    )
    if module._diff:
        result["diff"] = outcome["diff"]
    if domains and domains["failure"]:
        failure = "%s: %s" % (message(org, outcome, module.check_mode), domains["failure"])
        module.fail_from(PartlyApplied(failure, outcome["changed"]), **result)
    module.exit_json(msg=message(org, outcome, module.check_mode, params["state"]), **result)


if __name__ == "__main__":
    main()
