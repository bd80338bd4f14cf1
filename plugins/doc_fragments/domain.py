# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # The options of one domain (DOMAIN_ARGUMENT_SPEC in plugins/module_utils/_arguments.py): proofpoint_domain's
    # own options (DOCUMENTATION) and each item of proofpoint_domains' domains (ITEMS). ansible-test reads a
    # fragment's sections as plain strings, so the text is here twice, and a unit test keeps the two identical.
    DOCUMENTATION = r"""
options:
  name:
    description:
      - The domain. Compared case-insensitively, without a trailing dot; an internationalised name is compared
        and sent in its punycode (C(xn--)) form.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the domain, V(absent) removes it.
      - The organization's primary domain cannot be removed.
    type: str
    choices: [present, absent]
    default: present
  destination:
    description:
      - Where mail for the domain is delivered, an IPv4/IPv6 address or a hostname.
      - Required to create a domain.
    type: str
  failovers:
    description:
      - Failover destinations, in delivery priority order (the order is compared).
      - Each an IPv4/IPv6 address or a hostname, no duplicates. V([]) removes all failovers.
      - Defaults to V([]) on create.
    type: list
    elements: str
  is_active:
    description:
      - Whether the domain is active. Defaults to V(false) on create.
    type: bool
  is_relay:
    description:
      - Whether the domain is a relay domain. Defaults to V(false) on create.
    type: bool
"""

    ITEMS = r"""
options:
  domains:
    suboptions:
      name:
        description:
          - The domain. Compared case-insensitively, without a trailing dot; an internationalised name is compared
            and sent in its punycode (C(xn--)) form.
        type: str
        required: true
      state:
        description:
          - V(present) creates or updates the domain, V(absent) removes it.
          - The organization's primary domain cannot be removed.
        type: str
        choices: [present, absent]
        default: present
      destination:
        description:
          - Where mail for the domain is delivered, an IPv4/IPv6 address or a hostname.
          - Required to create a domain.
        type: str
      failovers:
        description:
          - Failover destinations, in delivery priority order (the order is compared).
          - Each an IPv4/IPv6 address or a hostname, no duplicates. V([]) removes all failovers.
          - Defaults to V([]) on create.
        type: list
        elements: str
      is_active:
        description:
          - Whether the domain is active. Defaults to V(false) on create.
        type: bool
      is_relay:
        description:
          - Whether the domain is a relay domain. Defaults to V(false) on create.
        type: bool
"""
