# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: proofpoint_orgs
short_description: A partner's Proofpoint Essentials customer organizations as inventory hosts
version_added: 1.0.0
description:
  - Reads every child organization of a partner (channel) account, with its domains, in one request
    (C(GET /api/v1/orgs/<partner>/orgs)), and makes each organization one host, named by its primary domain,
    in the group C(proofpoint_orgs) and in the group of its partner, C(proofpoint_partner_<partner>), where
    C(<partner>) is the partner's domain in lower case with each character outside C(a-z0-9) as C(_)
    (V(msp.example) gives C(proofpoint_partner_msp_example)), so per-partner C(group_vars) need no configuration.
  - Host variables describe the organization, its partner (C(proofpoint_partner)), the API it was read from
    (C(proofpoint_api_url)), its current domains (C(proofpoint_current_domains)) and, when the listing carries
    them, its own sender lists (C(proofpoint_current_sender_lists), C(allow_list) and C(block_list)); they
    never hold a credential. Give each partner's
    credentials to the playbooks as C(proofpoint_user) and C(proofpoint_password) in the partner group's
    vaulted C(group_vars).
    C(ansible_connection) is V(local) and C(ansible_python_interpreter) is V({{ ansible_playbook_python }}),
    since the collection's modules run on the controller; override them with O(compose) or host_vars.
  - The configuration file's name must end in C(.proofpoint_orgs.yml) or C(.proofpoint_orgs.yaml).
  - An organization whose data cannot be used (two domains that are one name, a primary domain that is not
    a domain name) is left out with a warning naming it and the reason, and listed in the variable
    C(proofpoint_skipped_orgs) of the partner's group, which the fleet reports; with O(strict),
    it fails the inventory instead.
  - Redirects are never followed, so the credentials go to the host of O(api_url) only.
author:
  - Proofpoint Essentials collection maintainers (@proofpoint-essentials)
extends_documentation_fragment:
  - proofpoint.essentials.connection
  - proofpoint.essentials.connection.inventory
  - constructed
  - inventory_cache
options:
  plugin:
    description: Marks the file as this plugin's configuration.
    type: str
    required: true
    choices: [proofpoint.essentials.proofpoint_orgs]
  partner:
    description:
      - The partner organization whose child organizations become hosts, by its primary domain (any of
        its domains works). O(user) must be a Channel Admin of it.
    type: str
    env:
      - name: PROOFPOINT_ESSENTIALS_ORG
  include:
    description:
      - Keep only the organizations whose primary domain matches one of these shell-style patterns
        (V(*.example), V(acme-??.example)), compared case-insensitively. Empty keeps all.
    type: list
    elements: str
    default: []
  exclude:
    description: Leave out the organizations whose primary domain matches one of these shell-style patterns.
    type: list
    elements: str
    default: []
  active_only:
    description: Leave out the organizations the service reports as not active.
    type: bool
    default: false
"""

EXAMPLES = r"""
# inventory/customers.proofpoint_orgs.yml; user and password from PROOFPOINT_ESSENTIALS_USER/_PASSWORD
plugin: proofpoint.essentials.proofpoint_orgs
stack: us2
partner: msp.example.net
active_only: true
exclude: ["*.test.example"]
keyed_groups:
  - key: proofpoint_org_package
    prefix: package
groups:
  big_customers: proofpoint_current_domains | length > 20
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/proofpoint_orgs
cache_timeout: 3600

# With the password from a variable of your own choosing instead of PROOFPOINT_ESSENTIALS_PASSWORD
# (a !vault-encrypted value works here too)
# plugin: proofpoint.essentials.proofpoint_orgs
# api_url: https://us2.proofpointessentials.com
# partner: msp.example.net
# user: channel-admin@msp.example.net
# password: "{{ lookup('ansible.builtin.env', 'PP_CHANNEL_PASSWORD') }}"
"""

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import SERVICE_ARGUMENT_SPEC
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    InputError,
    ProofpointAPIError,
    ProofpointEssentialsError,
    ValidationError,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import check_domain_name
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.model import parse_child_orgs
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._inventory.orgs import (
    normalize_orgs,
    org_hostvars,
    partner_group,
    select_orgs,
)
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._inventory.values import (
    SKIPPED_VAR,
    inventory_value,
    trust_as_template,
)

GROUP = "proofpoint_orgs"
CHANNEL_HINT = " Reading the child organizations needs a Channel Admin: is %s a Channel Admin of partner %s?"
# Set for every host unless the user's compose or host_vars say otherwise: the modules run on the controller.
# Only this template is trusted; values read from the service never are (see plugin_utils/_inventory/values.py).
CONTROLLER_VARS = {
    "ansible_connection": trust_as_template("local"),
    "ansible_python_interpreter": trust_as_template("{{ ansible_playbook_python }}"),
}


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = "proofpoint.essentials.proofpoint_orgs"

    def verify_file(self, path):
        return super().verify_file(path) and path.endswith((".proofpoint_orgs.yml", ".proofpoint_orgs.yaml"))

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        config = self._read_config_data(path)
        unknown = sorted(set(config) - set(self._options) - {"plugin"})
        if unknown:
            raise AnsibleParserError(
                "%s: unknown option(s) %s; known: %s" % (path, ", ".join(unknown), ", ".join(sorted(self._options)))
            )
        self._populate(self._cached_or_fetched(path, cache))

    def _cached_or_fetched(self, path, cache):
        # Ansible's inventory cache: read it unless refreshing (cache=False), fill it after a fetch.
        cache_key = self.get_cache_key(path)
        if self.get_option("cache") and cache:
            try:
                return self._cache[cache_key]
            except KeyError:
                pass
        fetched = self._fetch()
        if self.get_option("cache"):
            self._cache[cache_key] = fetched
        return fetched

    def _templated(self, name):
        value = self.get_option(name)
        if isinstance(value, str) and self.templar.is_template(value):
            value = self.templar.template(value)
        return value if value is None or isinstance(value, (bool, int, float)) else str(value)

    def _fetch(self):
        """The one request of a refresh: every child org, as the service answers (cached as such)."""
        # The HTTP stack is imported here, not with the plugin: every ansible command that enables the plugin
        # loads it to ask verify_file, and importing requests would add about 0.1 s to each.
        from ansible_collections.proofpoint.essentials.plugins.module_utils import _connection, _http_client
        from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.calls import child_orgs_path

        if not _http_client.HAS_REQUESTS:
            raise AnsibleParserError("proofpoint_orgs needs the Python library requests on the controller")
        params = {name: self._templated(name) for name in SERVICE_ARGUMENT_SPEC}
        try:
            client = _connection.checked_client(params)
            partner = self._templated("partner")
            if not partner:
                raise InputError("partner is required: the partner organization (or PROOFPOINT_ESSENTIALS_ORG)")
            partner = check_domain_name(partner, "partner")
            body = client.request("GET", child_orgs_path(partner))
        except ProofpointAPIError as exc:
            hint = CHANNEL_HINT % (params["user"], partner) if exc.status == 403 else ""
            # With a source per partner, whose login was refused, and by which API (never the password).
            who = " [partner %s, user %s, answered by %s]" % (partner, params["user"], client.base_url)
            raise AnsibleParserError(
                "proofpoint_orgs: %s%s%s" % (exc, who if exc.status in (401, 403) else "", hint)
            ) from None
        except ProofpointEssentialsError as exc:
            raise AnsibleParserError("proofpoint_orgs: %s" % exc) from None
        return {"base_url": client.base_url, "partner": partner, "orgs": body}

    def _populate(self, fetched):
        strict = self.get_option("strict")
        try:
            orgs, skipped = normalize_orgs(parse_child_orgs(fetched["orgs"]), strict)
        except ValidationError as exc:
            raise AnsibleParserError("proofpoint_orgs: %s" % exc) from None
        kept = select_orgs(orgs, self.get_option("include"), self.get_option("exclude"), self.get_option("active_only"))
        # A cache written before the partner was kept in it: the partner is the configured one.
        partner = fetched.get("partner") or check_domain_name(self._templated("partner"), "partner")
        group = self.inventory.add_group(partner_group(partner))
        self.inventory.add_group(GROUP)
        for left_out in skipped:
            self.display.warning("proofpoint_orgs: %s left out: %s" % (left_out["org"], left_out["reason"]))
        if skipped:  # absent otherwise: with --list, a group's variable is repeated on every host
            # On the partner's group: several partners' sources each keep their own.
            self.inventory.set_variable(
                group, SKIPPED_VAR, inventory_value([dict(entry, partner=partner) for entry in skipped])
            )
        for org in kept:
            host = self.inventory.add_host(org["primary_domain"], group=GROUP)
            self.inventory.add_child(group, host)
            hostvars = dict(CONTROLLER_VARS, **inventory_value(org_hostvars(org, fetched["base_url"], partner)))
            for key, value in hostvars.items():
                self.inventory.set_variable(host, key, value)
            self._set_composite_vars(self.get_option("compose"), hostvars, host, strict=strict)
            self._add_host_to_composed_groups(self.get_option("groups"), hostvars, host, strict=strict)
            self._add_host_to_keyed_groups(self.get_option("keyed_groups"), hostvars, host, strict=strict)
