# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._fleet.accounts import Accounts
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._inventory.orgs import partner_group

URL_A, URL_B = "https://a.example.test", "https://b.example.test"
SECRET_A, SECRET_B = "A-secret-1", "B-secret-2"


def task(**options):
    """The fleet task's options once validated: no credential and no API unless given."""
    params = dict(
        api_url=None,
        stack=None,
        user=None,
        password=None,
        validate_certs=True,
        ca_path=None,
        timeout=30.0,
        retries=3,
        retry_max_time=120.0,
    )
    params.update(options)
    return params


def partner_b(**more):
    return dict({"proofpoint_api_url": URL_B, "proofpoint_partner": "distri.example"}, **more)


@pytest.fixture(autouse=True)
def no_environment(monkeypatch):
    for name in ("API_URL", "STACK", "USER", "PASSWORD"):
        monkeypatch.delenv("PROOFPOINT_ESSENTIALS_" + name, raising=False)


def test_each_account_has_one_client_of_its_own():
    accounts = Accounts(task(), 8)
    b_vars = partner_b(proofpoint_user="ops@distri.example", proofpoint_password=SECRET_B)
    a_vars = {"proofpoint_api_url": URL_A, "proofpoint_user": "msp@partner.net", "proofpoint_password": SECRET_A}
    first, second = accounts.client("d.example", "distri.example", b_vars), accounts.client("e.example", "", b_vars)
    other = accounts.client("alpha.example", "partner.net", a_vars)
    assert first is second and other is not first and other.gate is not first.gate
    assert (first.base_url, first.user, other.base_url, other.user) == (
        URL_B,
        "ops@distri.example",
        URL_A,
        "msp@partner.net",
    )
    assert first.session.headers["X-password"] == SECRET_B and other.session.headers["X-password"] == SECRET_A


def test_the_tasks_credentials_go_to_the_tasks_api_only():
    accounts = Accounts(task(api_url=URL_A + "/api/v1/", user="msp@partner.net", password=SECRET_A), 8)
    assert accounts.client("alpha.example", "partner.net", {"proofpoint_api_url": URL_A}).base_url == URL_A
    assert accounts.client("static.example", "", {}).base_url == URL_A  # a host the inventory did not place
    with pytest.raises(InputError) as refused:
        accounts.client("delta.example", "distri.example", partner_b())
    message = str(refused.value)
    assert message.startswith("delta.example (partner distri.example) lives on %s" % URL_B)
    assert "credentials are for %s" % URL_A in message and "nothing was sent" in message
    assert "group_vars/proofpoint_partner_distri_example.yml" in message and SECRET_A not in message


def test_the_environment_gives_credentials_where_the_inventory_gives_the_api(monkeypatch):
    monkeypatch.setenv("PROOFPOINT_ESSENTIALS_USER", "msp@partner.net")
    monkeypatch.setenv("PROOFPOINT_ESSENTIALS_PASSWORD", SECRET_A)
    client = Accounts(task(user="msp@partner.net", password=SECRET_A), 8).client("d.example", "p.example", partner_b())
    assert client.base_url == URL_B and client.user == "msp@partner.net"


@pytest.mark.parametrize(
    "host_vars, words",
    [
        (partner_b(), "no credentials for %s (missing required arguments: user" % URL_B),
        (partner_b(proofpoint_user="ops@distri.example"), "proofpoint_password is missing beside proofpoint_user"),
        (partner_b(proofpoint_password=SECRET_B), "proofpoint_user is missing beside proofpoint_password"),
        ({"proofpoint_partner": "distri.example"}, "no API to send it to: set proofpoint_api_url or proofpoint_stack"),
        (partner_b(proofpoint_stack="us2"), "proofpoint_api_url or proofpoint_stack: api_url and stack are mutually"),
    ],
)
def test_what_an_org_lacks_is_named_before_any_request(host_vars, words):
    with pytest.raises(InputError) as refused:
        Accounts(task(), 8).client("delta.example", "distri.example", host_vars)
    assert str(refused.value).startswith("delta.example (partner distri.example): ") and words in str(refused.value)
    assert SECRET_B not in str(refused.value)


@pytest.mark.parametrize(
    "options, words",
    [({"timeout": 0}, "timeout must be a positive"), ({"api_url": URL_A, "stack": "us1"}, "mutually exclusive")],
)
def test_the_tasks_own_mistakes_fail_the_task(options, words):
    with pytest.raises(InputError, match=words):
        Accounts(task(**options), 8)


def test_a_stack_names_the_same_api_as_its_url():
    accounts = Accounts(task(stack="us1", user="u@x.example", password=SECRET_A), 8)
    host_vars = {"proofpoint_api_url": "https://US1.proofpointessentials.com"}
    assert accounts.client("o.example", "", host_vars).user == "u@x.example"


@pytest.mark.parametrize(
    "partner, group",
    [("msp.example", "proofpoint_partner_msp_example"), ("MSP-Net.Example", "proofpoint_partner_msp_net_example")],
)
def test_the_partner_group_is_the_partners_domain_in_plain_characters(partner, group):
    assert partner_group(partner) == group


@pytest.mark.parametrize(
    "options, host_vars, lacking",
    [
        ({}, {}, ["its API", "its partner's login"]),
        ({}, partner_b(), ["its partner's login"]),
        ({"api_url": URL_A, "user": "msp@partner.net", "password": SECRET_A}, {}, []),
        # The task's login is for its own API, not for the one the org names.
        ({"api_url": URL_A, "user": "msp@partner.net", "password": SECRET_A}, partner_b(), ["its partner's login"]),
        ({}, partner_b(proofpoint_user="ops@distri.example", proofpoint_password=SECRET_B), []),
    ],
)
def test_what_a_new_customers_connection_lacks_is_listed_at_once(options, host_vars, lacking):
    found = Accounts(task(**options), 8).lacks(host_vars)
    assert [entry.split(":")[0] for entry in found] == lacking
