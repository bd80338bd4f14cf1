# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The proofpoint_orgs inventory plugin, loaded by Ansible's plugin loader, its one HTTP read scripted."""

from __future__ import annotations

import json
import os

import pytest
import requests
import yaml
from ansible.errors import AnsibleParserError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader

from ansible_collections.proofpoint.essentials.plugins.inventory.proofpoint_orgs import DOCUMENTATION
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._inventory.orgs import partner_group
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import PASSWORD, answer, domain

PARTNER = "partner.example"
USER = "channel@partner.example"


def org(primary, **fields):
    raw = {
        "name": primary.split(".")[0].title(),
        "primary_domain": primary,
        "is_active": True,
        "type": "customer",
        "licensing_package": "Business",
        "eid": 7,
        "domains": [domain(primary), domain("b." + primary)],
        "outgoing_servers": [],
        "safe_list_senders": ["x@y.example"],
    }
    raw.update(fields)
    return raw


ORGS = [
    org("Acme.example"),
    org("beta.example", is_active="false", licensing_package="Advanced"),
    org("test-1.example", domains=None),
]


class OrgsEndpoint:
    """Answers GET /api/v1/orgs/<partner>/orgs; records each call and the headers sent."""

    def __init__(self, response):
        self.response = response
        self.calls = []

    def __call__(self, session, method, url, **kwargs):
        self.calls.append((method, url, dict(session.headers)))
        return self.response


@pytest.fixture
def endpoint(monkeypatch):
    served = OrgsEndpoint(answer(200, {"orgs": ORGS}))
    monkeypatch.setattr(requests.Session, "request", lambda session, method, url, **kw: served(session, method, url))
    for name in ("API_URL", "STACK", "USER", "PASSWORD", "ORG"):
        monkeypatch.delenv("PROOFPOINT_ESSENTIALS_" + name, raising=False)
    return served


@pytest.fixture
def parse(tmp_path):
    def parser(config, cache=True):
        settings = dict(
            {
                "plugin": "proofpoint.essentials.proofpoint_orgs",
                "api_url": "https://pp.example.test",
                "partner": PARTNER,
                "user": USER,
                "password": PASSWORD,
            },
            **config,
        )
        path = tmp_path / "fleet.proofpoint_orgs.yml"
        path.write_text(json.dumps({key: value for key, value in settings.items() if value is not None}))
        plugin = inventory_loader.get("proofpoint.essentials.proofpoint_orgs")
        inventory = InventoryData()
        plugin.parse(inventory, DataLoader(), str(path), cache=cache)
        if plugin.get_option("cache"):
            plugin.update_cache_if_changed()  # as Ansible's InventoryManager does after each parse
        return inventory

    return parser


def hostnames(inventory, group="proofpoint_orgs"):
    return sorted(host.name for host in inventory.groups[group].get_hosts())


def test_one_request_one_host_per_org(endpoint, parse):
    inventory = parse({})
    assert hostnames(inventory) == ["acme.example", "beta.example", "test-1.example"]
    assert [(method, url) for method, url, _headers in endpoint.calls] == [
        ("GET", "https://pp.example.test/api/v1/orgs/partner.example/orgs")
    ]
    assert endpoint.calls[0][2]["X-user"] == USER and endpoint.calls[0][2]["X-password"] == PASSWORD


def test_host_variables_describe_the_org_and_never_a_credential(endpoint, parse):
    variables = parse({}).get_host("acme.example").vars
    assert variables["proofpoint_org"] == "acme.example" and variables["proofpoint_org_name"] == "Acme"
    assert variables["proofpoint_org_active"] is True and variables["proofpoint_org_package"] == "Business"
    assert variables["proofpoint_api_url"] == "https://pp.example.test"
    assert variables["proofpoint_partner"] == PARTNER
    assert [d["name"] for d in variables["proofpoint_current_domains"]] == ["acme.example", "b.acme.example"]
    assert variables["ansible_connection"] == "local"
    assert variables["ansible_python_interpreter"] == "{{ ansible_playbook_python }}"
    assert PASSWORD not in json.dumps(variables, default=str) and USER not in json.dumps(variables, default=str)


def test_each_org_is_in_its_partners_group(endpoint, parse):
    inventory = parse({"partner": "Partner.Example"})
    assert hostnames(inventory, "proofpoint_partner_partner_example") == hostnames(inventory) != []
    assert inventory.get_host("acme.example").vars["proofpoint_partner"] == "partner.example"


@pytest.mark.parametrize(
    "config, expected",
    [
        ({"include": ["*.example"], "exclude": ["test-*"]}, ["acme.example", "beta.example"]),
        ({"include": ["ACME.*"]}, ["acme.example"]),
        ({"active_only": True}, ["acme.example", "test-1.example"]),
    ],
)
def test_filters(endpoint, parse, config, expected):
    assert hostnames(parse(config)) == expected


def test_constructed_groups_and_compose(endpoint, parse):
    inventory = parse(
        {
            "keyed_groups": [{"key": "proofpoint_org_package", "prefix": "package"}],
            "groups": {"two_domains": "proofpoint_current_domains | length == 2"},
            "compose": {"ansible_connection": "'ssh'"},
        }
    )
    assert hostnames(inventory, "package_Advanced") == ["beta.example"]
    assert hostnames(inventory, "two_domains") == ["acme.example", "beta.example"]
    assert inventory.get_host("acme.example").vars["ansible_connection"] == "ssh"


def test_inventory_cache_serves_a_second_refresh_without_a_request(endpoint, parse, tmp_path):
    cache = {"cache": True, "cache_plugin": "ansible.builtin.jsonfile", "cache_connection": str(tmp_path / "cache")}
    parse(cache)
    assert hostnames(parse(cache)) == ["acme.example", "beta.example", "test-1.example"]
    assert len(endpoint.calls) == 1
    parse(cache, cache=False)  # a refresh (--flush-cache, meta: refresh_inventory) reads again
    assert len(endpoint.calls) == 2
    cached = "".join(open(os.path.join(tmp_path / "cache", name)).read() for name in os.listdir(tmp_path / "cache"))
    assert "Acme.example" in cached and PASSWORD not in cached


def test_password_may_be_a_template(endpoint, parse, monkeypatch):
    monkeypatch.setenv("PP_UNIT_SECRET", "from-the-env-Pa55")
    parse({"password": "{{ lookup('ansible.builtin.env', 'PP_UNIT_SECRET') }}"})
    assert endpoint.calls[0][2]["X-password"] == "from-the-env-Pa55"


def test_connection_options_come_from_the_environment(endpoint, parse, monkeypatch):
    monkeypatch.setenv("PROOFPOINT_ESSENTIALS_STACK", "eu1")
    monkeypatch.setenv("PROOFPOINT_ESSENTIALS_ORG", "other-partner.example")
    parse({"api_url": None, "partner": None})
    assert endpoint.calls[0][1] == "https://eu1.proofpointessentials.com/api/v1/orgs/other-partner.example/orgs"


@pytest.mark.parametrize(
    "config, message",
    [
        ({"bogus": 1}, "unknown option(s) bogus"),
        ({"stack": "us1"}, "api_url and stack are mutually exclusive"),
        ({"partner": None}, "partner is required"),
        ({"partner": "not a domain"}, "partner: 'not a domain' is not a valid domain name"),
        ({"user": None}, "missing required arguments: user (or PROOFPOINT_ESSENTIALS_USER)"),
        ({"timeout": 0}, "timeout must be a positive number"),
    ],
)
def test_bad_config_fails_before_any_request(endpoint, parse, config, message):
    with pytest.raises(AnsibleParserError) as info:
        parse(config)
    assert message in str(info.value) and endpoint.calls == []


@pytest.mark.parametrize(
    "response, message",
    [
        (answer(401, {"message": "invalid credentials"}), "HTTP 401: invalid credentials. Check user"),
        # With a source per partner, the refused login is named: its partner, its user and the API.
        (
            answer(401, {"message": "invalid credentials"}),
            "[partner partner.example, user channel@partner.example, answered by https://pp.example.test]",
        ),
        (
            answer(403, {"message": "not a channel admin"}),
            "is channel@partner.example a Channel Admin of partner partner.example",
        ),
        (answer(200, {"organizations": []}), 'neither {"orgs": [...]} nor a list'),
    ],
)
def test_service_errors_fail_the_inventory_clearly(endpoint, parse, response, message):
    endpoint.response = response
    with pytest.raises(AnsibleParserError) as info:
        parse({})
    assert message in str(info.value) and PASSWORD not in str(info.value)


def test_an_org_that_cannot_be_used_is_left_out_unless_strict(endpoint, parse):
    endpoint.response = answer(200, [{"name": "no primary domain"}] + ORGS[:1])
    inventory = parse({})
    assert hostnames(inventory) == ["acme.example"]
    skipped = inventory.groups["proofpoint_partner_partner_example"].get_vars()["proofpoint_skipped_orgs"]
    assert [(entry["org"], entry["partner"]) for entry in skipped] == [("{'name': 'no primary domain'}", PARTNER)]
    with pytest.raises(AnsibleParserError, match="expected an organization object with a primary_domain"):
        parse({"strict": True})


def test_bare_list_answer_is_accepted(endpoint, parse):
    endpoint.response = answer(200, ORGS[:1])
    assert hostnames(parse({})) == ["acme.example"]


def test_only_its_own_config_files(tmp_path):
    plugin = inventory_loader.get("proofpoint.essentials.proofpoint_orgs")
    for name, accepted in (("a.proofpoint_orgs.yml", True), ("a.proofpoint_orgs.yaml", True), ("hosts.yml", False)):
        (tmp_path / name).write_text("plugin: proofpoint.essentials.proofpoint_orgs\n")
        assert plugin.verify_file(str(tmp_path / name)) is accepted


def test_missing_requests_library_is_named(endpoint, parse, monkeypatch):
    from ansible_collections.proofpoint.essentials.plugins.module_utils import _http_client

    monkeypatch.setattr(_http_client, "HAS_REQUESTS", False)
    with pytest.raises(AnsibleParserError, match="needs the Python library requests"):
        parse({})


EXAMPLE = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "docs", "examples", "several-partners"
)


def test_the_several_partners_example_is_consistent():
    """docs/examples/several-partners: each source uses only the plugin's options, and each partner's
    group_vars file is named after the group the inventory puts its orgs in and gives its login."""
    options = set(yaml.safe_load(DOCUMENTATION)["options"]) | {"stack", "api_url", "user", "password"}
    sources = sorted(name for name in os.listdir(os.path.join(EXAMPLE, "inventory")) if name != "group_vars")
    assert len(sources) == 2
    declared = yaml.safe_load(open(os.path.join(EXAMPLE, "inventory", "group_vars", "all.yml"), encoding="utf-8"))
    for name in sources:
        assert name.endswith(".proofpoint_orgs.yml")
        with open(os.path.join(EXAMPLE, "inventory", name), encoding="utf-8") as handle:
            source = yaml.safe_load(handle)
        assert set(source) <= options
        with open(
            os.path.join(EXAMPLE, "inventory", "group_vars", partner_group(source["partner"]) + ".yml"),
            encoding="utf-8",
        ) as handle:
            login = yaml.safe_load(handle)
        assert set(login) == {"proofpoint_user", "proofpoint_password"} and login["proofpoint_user"] == source["user"]
        # proofpoint_partners names each partner with its source.
        assert {"partner": source["partner"], "source": "inventory/" + name} in declared["proofpoint_partners"]
