# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A partner's child orgs: parsing, normalisation and filters, without Ansible."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.model import parse_child_orgs
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._inventory.orgs import (
    normalize_org,
    normalize_orgs,
    org_hostvars,
    select_orgs,
)


def test_domains_are_normalised_like_the_info_module():
    org = normalize_org(
        {
            "primary_domain": "Acme.Example.",
            "is_active": "False",
            "future_field": 1,
            "domains": [
                {"name": "Z.acme.example", "destination": "MX.acme.example.", "is_active": "true"},
                {"name": "acme.example", "destination": "10.0.0.1"},
            ],
        }
    )
    assert org["primary_domain"] == "acme.example" and org["is_active"] is False
    assert [d["name"] for d in org["domains"]] == ["acme.example", "z.acme.example"]
    assert org["domains"][1] == {
        "name": "z.acme.example",
        "is_active": True,
        "is_relay": False,
        "destination": "mx.acme.example",
        "failovers": [],
    }


def test_a_listing_in_the_go_clients_spellings_reads_as_the_vendor_sample():
    listed = {
        "primary_domain": "acme.example",
        "isactive": 0,
        "licencing_package": "Business",
        "domains": [{"name": "acme.example", "isactive": 1, "transports": ["mx1.acme.example", "10.0.0.2"]}],
    }
    org = normalize_org(listed)
    assert org["is_active"] is False and org["licensing_package"] == "Business"
    assert org["domains"][0]["destination"] == "mx1.acme.example" and org["domains"][0]["failovers"] == ["10.0.0.2"]
    assert org["domains"][0]["is_active"] is True
    assert normalize_org({"primary_domain": "b.example", "is_active": "1"})["is_active"] is True


@pytest.mark.parametrize(
    "raw", [None, {"name": "x"}, {"primary_domain": " "}, {"primary_domain": "a.example", "domains": "x"}]
)
def test_shapes_that_are_not_orgs_are_refused(raw):
    with pytest.raises(AnswerShapeError):
        normalize_org(raw)


def test_a_primary_domain_that_is_not_a_domain_name_never_becomes_a_host():
    with pytest.raises(AnswerShapeError, match="primary_domain.*is not a valid domain name"):
        normalize_org({"primary_domain": "{{ lookup('pipe', 'id') }}"})


def test_two_orgs_that_would_be_one_host_fail_naming_both():
    assert [o["primary_domain"] for o in normalize_orgs([{"primary_domain": "a.example"}])[0]] == ["a.example"]
    with pytest.raises(AnswerShapeError) as info:
        normalize_orgs([{"primary_domain": name} for name in ("Acme.example", "b.example", "acme.example.")])
    assert "'Acme.example' and 'acme.example.'" in str(info.value) and "both acme.example" in str(info.value)


def test_both_answer_shapes():
    assert parse_child_orgs({"orgs": [1]}) == [1] and parse_child_orgs([2]) == [2]
    with pytest.raises(AnswerShapeError):
        parse_child_orgs({"items": []})


def test_filters_are_sorted_and_combined():
    orgs = [
        normalize_org({"primary_domain": name, "is_active": active})
        for name, active in (("b.example", True), ("a.example", False), ("c.test", True))
    ]
    assert [o["primary_domain"] for o in select_orgs(orgs, [], [], False)] == ["a.example", "b.example", "c.test"]
    assert [o["primary_domain"] for o in select_orgs(orgs, ["*.example"], ["b.*"], False)] == ["a.example"]
    assert [o["primary_domain"] for o in select_orgs(orgs, None, None, True)] == ["b.example", "c.test"]


def test_hostvars_hold_no_connection_secret():
    org = normalize_org({"primary_domain": "a.example"})
    variables = org_hostvars(org, "https://us1.proofpointessentials.com", "msp.example")
    assert variables["proofpoint_partner"] == "msp.example"
    assert sorted(variables) == [
        "proofpoint_api_url",
        "proofpoint_current_domains",
        "proofpoint_org",
        "proofpoint_org_active",
        "proofpoint_org_eid",
        "proofpoint_org_name",
        "proofpoint_org_package",
        "proofpoint_org_type",
        "proofpoint_partner",
    ]


BROKEN = [
    {"primary_domain": "dup.example", "domains": [{"name": "Dup.example"}, {"name": "dup.example."}]},
    {"primary_domain": "not a domain"},
    {"primary_domain": "fine.example"},
]


def test_an_org_whose_data_cannot_be_used_is_left_out_naming_it_and_why():
    orgs, skipped = normalize_orgs(BROKEN)
    assert [org["primary_domain"] for org in orgs] == ["fine.example"]
    assert [entry["org"] for entry in skipped] == ["dup.example", "not a domain"]
    assert skipped[0]["reason"].startswith("organization dup.example: the service lists two domains")
    assert "is not a valid domain name" in skipped[1]["reason"]


def test_strict_keeps_the_failure():
    with pytest.raises(AnswerShapeError, match="organization dup.example: the service lists two domains"):
        normalize_orgs(BROKEN, strict=True)


@pytest.mark.parametrize(
    "lists",
    [
        {"safe_list_senders": ["partner.example"], "block_list_senders": ["*@phish.example"]},
        {"white_list_senders": ["partner.example"], "black_list_senders": ["*@phish.example"]},
    ],
)
def test_the_orgs_sender_lists_are_host_variables_under_either_spelling(lists):
    org = normalize_org(dict(lists, primary_domain="acme.example"))
    variables = org_hostvars(org, "https://us1.example.test", "partner.net")
    assert variables["proofpoint_current_sender_lists"] == {
        "allow_list": ["partner.example"],
        "block_list": ["*@phish.example"],
    }


@pytest.mark.parametrize("extra", [{}, {"black_list_senders": "evil@bad.example"}])
def test_a_listing_without_usable_sender_lists_sets_no_variable_rather_than_empty_lists(extra):
    org = normalize_org(dict(extra, primary_domain="acme.example"))  # still in the inventory
    assert "proofpoint_current_sender_lists" not in org_hostvars(org, "https://x.test", "partner.net")
