#!/usr/bin/python
# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: proofpoint_features
short_description: Turn the features of a Proofpoint Essentials organization on or off
version_added: 1.1.0
description:
  - Reads the organization's features once, merges the declared ones (O(features)) into what it read, and
    replaces the whole object with one C(PUT) only when a declared feature differs. Features not declared are
    sent back as they were read.
  - The service may answer a feature as the string V("true") or V("false"); it is read as the boolean, and
    the C(PUT) sends JSON booleans (and a whole number of days for C(instant_replay)).
  - An unknown feature name, or a value of the wrong kind, fails the task before any request, naming it and
    the known features.
  - A feature the organization's package lacks is refused by the service with HTTP 403; the task then fails
    naming the features it was turning on, the organization's package when the organization's object shows
    it, and the service's own message.
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
    description: Reads the features and says which would change; sends no C(PUT).
    support: full
  diff_mode:
    description: The known features before and after.
    support: full
  idempotent:
    support: full
options:
  features:
    description:
      - The features to set, by name. Booleans C(url_defense), C(attachment_defense),
        C(attachment_defense_sandboxing), C(anti_spoofing), C(dlp), C(email_encryption), C(email_warning_tags),
        C(email_archive), C(disclaimers), C(social_media_account_protection), C(outbound_relaying),
        C(smtp_discovery), C(one_click_remediation), C(automatic_remediation); and C(instant_replay), a number
        of days (V(0) turns it off).
    type: dict
    required: true
seealso:
  - module: proofpoint.essentials.proofpoint_sender_list
"""

EXAMPLES = r"""
- name: URL and attachment defense on, and 30 days of Instant Replay, for customer.com
  proofpoint.essentials.proofpoint_features:
    org: customer.com
    features:
      url_defense: true
      attachment_defense: true
      instant_replay: 30
  delegate_to: localhost

- name: No more outbound relaying
  proofpoint.essentials.proofpoint_features:
    org: customer.com
    features:
      outbound_relaying: false
  delegate_to: localhost
"""

RETURN = r"""
features:
  description: The organization's known features as they now are (in check mode, as they would be).
  returned: success
  type: dict
  sample: {url_defense: true, attachment_defense: true, dlp: false, instant_replay: 30}
changes:
  description: The names of the declared features that differed (in check mode, that would change).
  returned: success
  type: list
  elements: str
  sample: [instant_replay]
plan:
  description: A line per feature changed, with its value before and after.
  returned: success
  type: list
  elements: str
  sample: ["~ instant_replay: 0 -> 30"]
error:
  description: On an API or connection failure, what failed.
  returned: on failure
  type: dict
  sample:
    message: >-
      turning on dlp was refused (the org's package: Business): PUT /api/v1/orgs/customer.com/features failed
      with HTTP 403 ...
    status: 403
"""

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import module_spec
from ansible_collections.proofpoint.essentials.plugins.module_utils._connection import module_client
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import ProofpointEssentialsError
from ansible_collections.proofpoint.essentials.plugins.module_utils._features.arguments import FEATURES_ARGUMENT_SPEC
from ansible_collections.proofpoint.essentials.plugins.module_utils._features.converge import converge_features
from ansible_collections.proofpoint.essentials.plugins.module_utils._features.model import check_features
from ansible_collections.proofpoint.essentials.plugins.module_utils._module import ProofpointModule
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun


def main():
    module = ProofpointModule(**module_spec(**FEATURES_ARGUMENT_SPEC))
    client, org = module_client(module)
    try:
        declared = check_features(module.params["features"])
        outcome = converge_features(OrgRun(client, org, module.check_mode), declared)
    except ProofpointEssentialsError as exc:
        module.fail_from(exc)
    result = {key: outcome[key] for key in ("changed", "features", "changes", "plan")}
    if module._diff:
        result["diff"] = outcome["diff"]
    module.exit_json(**result)


if __name__ == "__main__":
    main()
