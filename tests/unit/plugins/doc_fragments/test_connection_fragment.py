# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection doc fragment and the argument spec say the same thing (sanity checks each module's
documentation against its spec; the inventory plugin has no such check, so this is it)."""

from __future__ import annotations

import yaml

from ansible_collections.proofpoint.essentials.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.proofpoint.essentials.plugins.doc_fragments.domain import (
    ModuleDocFragment as DomainFragment,
)
from ansible_collections.proofpoint.essentials.plugins.inventory.proofpoint_orgs import DOCUMENTATION
from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import (
    CONNECTION_ARGUMENT_SPEC,
    SERVICE_ARGUMENT_SPEC,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.arguments import DOMAIN_ARGUMENT_SPEC

SHARED = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]
CREDENTIALS = yaml.safe_load(ModuleDocFragment.CREDENTIALS)["options"]
MODULES = yaml.safe_load(ModuleDocFragment.MODULES)["options"]
INVENTORY = yaml.safe_load(ModuleDocFragment.INVENTORY)["options"]


def test_the_shared_section_documents_every_service_option_with_its_type_and_default():
    assert sorted(SHARED) == sorted(SERVICE_ARGUMENT_SPEC)
    for name, option in SERVICE_ARGUMENT_SPEC.items():
        assert SHARED[name]["type"] == option["type"], name
        assert SHARED[name].get("default") == option.get("default"), name


def test_the_modules_section_adds_what_only_modules_have():
    required = sorted(name for name, option in CONNECTION_ARGUMENT_SPEC.items() if option.get("required"))
    documented = dict(CREDENTIALS, **MODULES)
    assert sorted(name for name, option in documented.items() if option.get("required")) == required
    assert sorted(set(CONNECTION_ARGUMENT_SPEC) - set(SERVICE_ARGUMENT_SPEC)) == sorted(set(MODULES) - set(SHARED))


def test_the_inventory_reads_the_environment_variables_the_modules_fall_back_to():
    for name, option in SERVICE_ARGUMENT_SPEC.items():
        if "fallback" in option:
            assert [env["name"] for env in INVENTORY[name]["env"]] == option["fallback"][1], name
    assert set(INVENTORY) <= set(SERVICE_ARGUMENT_SPEC)


def test_the_inventory_plugin_declares_no_connection_option_of_its_own():
    own = yaml.safe_load(DOCUMENTATION)
    assert set(own["options"]).isdisjoint(SERVICE_ARGUMENT_SPEC)
    assert own["extends_documentation_fragment"][:2] == [
        "proofpoint.essentials.connection",
        "proofpoint.essentials.connection.inventory",
    ]


def test_the_fleet_action_documents_its_argument_spec():
    """proofpoint_fleet is an action plugin, which sanity does not compare with its documentation."""
    from ansible_collections.proofpoint.essentials.plugins.action.proofpoint_fleet import FLEET_ARGUMENT_SPEC
    from ansible_collections.proofpoint.essentials.plugins.modules.proofpoint_fleet import (
        DOCUMENTATION as FLEET_DOCUMENTATION,
    )

    own = yaml.safe_load(FLEET_DOCUMENTATION)
    assert own["extends_documentation_fragment"][0] == "proofpoint.essentials.connection"
    documented = {name: dict(SHARED.get(name, {}), **option) for name, option in own["options"].items()}
    documented.update({name: option for name, option in SHARED.items() if name not in documented})
    assert sorted(documented) == sorted(FLEET_ARGUMENT_SPEC)
    for name, option in FLEET_ARGUMENT_SPEC.items():
        assert documented[name]["type"] == option["type"], name
        assert documented[name].get("default") == option.get("default"), name
        assert bool(documented[name].get("required")) == bool(option.get("required")), name
        assert documented[name].get("elements") == option.get("elements"), name


def test_the_domain_options_are_the_same_text_for_one_domain_and_for_each_item():
    single = yaml.safe_load(DomainFragment.DOCUMENTATION)["options"]
    items = yaml.safe_load(DomainFragment.ITEMS)["options"]["domains"]["suboptions"]
    assert single == items
    assert sorted(single) == sorted(DOMAIN_ARGUMENT_SPEC)
    for name, option in DOMAIN_ARGUMENT_SPEC.items():
        assert single[name]["type"] == option["type"]
        assert single[name].get("default") == option.get("default")
        assert single[name].get("choices") == option.get("choices")
