#!/usr/bin/python
# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: proofpoint_fleet_org
short_description: Report one organization's outcome of a proofpoint_fleet run as its host's result
version_added: 1.1.0
description:
  - Turns one organization's entry of a registered M(proofpoint.essentials.proofpoint_fleet) result into
    this host's task result, ok, changed or failed, with the organization's diff in diff mode. Sends no request.
  - The result (the organization, its status and its one-line message) is shown for every host, as
    M(ansible.builtin.debug) shows its message; the whole report is in the registered
    M(proofpoint.essentials.proofpoint_fleet) result.
  - Run it on every host after M(proofpoint.essentials.proofpoint_fleet), so that the play recap and AWX
    keep one line per organization.
author:
  - Proofpoint Essentials collection maintainers (@proofpoint-essentials)
extends_documentation_fragment:
  - proofpoint.essentials.attributes
attributes:
  check_mode:
    description: Reports the plan that M(proofpoint.essentials.proofpoint_fleet) made in check mode.
    support: full
  diff_mode:
    description: Shows the organization's diff.
    support: full
  idempotent:
    support: full
    details:
      - Reports; what changes is decided by M(proofpoint.essentials.proofpoint_fleet).
options:
  registered:
    description:
      - The name of the variable the M(proofpoint.essentials.proofpoint_fleet) task was registered as; this
        host's entry is read from it as it is.
      - Prefer it to O(result) for a large fleet. Templating C(fleet.orgs[inventory_hostname]) goes through the
        whole fleet's result for every host, which at 1,000 organizations costs more than the task itself.
      - Exactly one of O(registered) and O(result) is required.
    type: str
  result:
    description: This host's entry of the registered result, for example C(fleet.orgs[inventory_hostname]).
    type: dict
seealso:
  - module: proofpoint.essentials.proofpoint_fleet
"""

EXAMPLES = r"""
- name: Report each org's outcome on its own host
  proofpoint.essentials.proofpoint_fleet_org:
    registered: fleet

- name: The same from an entry given as a value (templated for each host)
  proofpoint.essentials.proofpoint_fleet_org:
    result: "{{ fleet.orgs[inventory_hostname] }}"
"""

RETURN = r"""
org:
  description: The organization, by its primary domain.
  returned: always
  type: str
  sample: customer.com
status:
  description: V(changed), V(in_sync), V(failed) or V(unmanaged).
  returned: always
  type: str
  sample: in_sync
msg:
  description: One line for the organization.
  returned: always
  type: str
  sample: "customer.com: 0 created, 0 updated, 0 deleted, 20 unchanged"
"""
