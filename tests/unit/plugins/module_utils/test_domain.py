# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import (
    changed_fields,
    check_request,
    index_domains,
    normalize_domain,
    parse_domain_list,
    plan_domain,
    to_payload,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError, InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import (
    clipped_repr,
    escape_hidden,
    listed_names,
    shown_name,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import (
    check_domain_name,
    check_failovers,
    check_host,
)

ORG = "customer.com"
CURRENT = {
    "name": "example.org",
    "is_active": True,
    "is_relay": False,
    "destination": "mx1.customer.net",
    "failovers": ["10.0.0.5", "mx2.customer.net"],
}


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Example.ORG", "example.org"),
        ("example.org.", "example.org"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("Bücher.Example.", "xn--bcher-kva.example"),
        ("a-b.c-d.example.com", "a-b.c-d.example.com"),
    ],
)
def test_domain_names_are_canonicalised(value, expected):
    assert check_domain_name(value, "name") == expected


@pytest.mark.parametrize(
    "value, problem",
    [
        ("", "non-empty"),
        ("localhost", "not a valid domain name"),
        ("-bad.example.org", "not a valid domain name"),
        ("bad-.example.org", "not a valid domain name"),
        ("exa mple.org", "not a valid domain name"),
        ("a" * 64 + ".org", "not a valid domain name"),
        ("example.123", "not a valid domain name"),
        ("☃.example", "cannot be converted to punycode (IDNA 2008"),
        ("a\u200db.example", "holds an invisible character (U+200D)"),
        ("sh\u200bop.example", "holds an invisible character (U+200B)"),
        ("evil\u202egro.example", "bidirectional control character"),
        (None, "non-empty"),
    ],
)
def test_invalid_domain_names_name_the_option(value, problem):
    with pytest.raises(InputError) as info:
        check_domain_name(value, "org")
    assert str(info.value).startswith("org")
    assert problem in str(info.value)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("10.0.0.5", "10.0.0.5"),
        ("2001:DB8:0:0::1", "2001:db8::1"),
        ("MX1.Customer.NET.", "mx1.customer.net"),
    ],
)
def test_hosts_are_canonicalised(value, expected):
    assert check_host(value, "destination") == expected


@pytest.mark.parametrize("value", ["300.1.1.1", "mx_1.example.org", "mx1", "1.2.3", "not a host", ""])
def test_invalid_hosts_are_refused(value):
    with pytest.raises(InputError) as info:
        check_host(value, "destination")
    assert str(info.value).startswith("destination")


def test_internationalised_hosts_become_punycode_in_every_field():
    assert check_host("MX.Bücher.example", "destination") == "mx.xn--bcher-kva.example"
    assert check_failovers(["mx2.bücher.example", "10.0.0.1"], "failovers") == ["mx2.xn--bcher-kva.example", "10.0.0.1"]
    with pytest.raises(InputError) as info:
        check_failovers(["10.0.0.1", "mx.☃.example"], "failovers")
    assert str(info.value).startswith("failovers[1]: 'mx.☃.example' is not a valid IPv4/IPv6 address or hostname")
    assert "punycode" in str(info.value)
    with pytest.raises(InputError, match="^destination: .*punycode"):
        check_host("☃.example", "destination")


def test_duplicate_failovers_are_refused_after_canonicalisation():
    with pytest.raises(InputError) as info:
        check_failovers(["mx2.customer.net", "MX2.customer.net."], "failovers")
    assert "failovers[1]" in str(info.value)
    assert "more than once" in str(info.value)


def test_failover_errors_name_the_index():
    with pytest.raises(InputError) as info:
        check_failovers(["10.0.0.1", "bad host"], "failovers")
    assert str(info.value).startswith("failovers[1]")


def test_request_keeps_only_given_fields():
    request = check_request(
        {
            "name": "Example.org",
            "destination": "MX.example.net",
            "is_active": None,
            "failovers": None,
            "is_relay": False,
            "state": "present",
        },
        ORG,
    )
    assert request == {
        "name": "example.org",
        "state": "present",
        "label": "",
        "fields": {"destination": "mx.example.net", "is_relay": False},
    }


def test_primary_domain_cannot_be_absent():
    with pytest.raises(InputError) as info:
        check_request({"name": "Customer.com.", "state": "absent"}, ORG)
    assert "primary domain" in str(info.value)


def test_label_locates_bulk_items():
    with pytest.raises(InputError) as info:
        check_request({"name": "example.org", "destination": "no such host!"}, ORG, "domains[4].")
    assert str(info.value).startswith("domains[4].destination")


def test_normalize_accepts_string_booleans_and_missing_failovers():
    raw = {"name": "Example.org.", "is_active": "True", "is_relay": "false", "destination": "10.0.0.1"}
    assert normalize_domain(raw) == {
        "name": "example.org",
        "is_active": True,
        "is_relay": False,
        "destination": "10.0.0.1",
        "failovers": [],
    }


@pytest.mark.parametrize(
    "raw",
    [
        {"name": "example.org", "is_active": "maybe"},
        {"name": "example.org", "is_active": 2},
        {"name": "example.org", "failovers": "10.0.0.1"},
        {"name": "example.org", "transports": "10.0.0.1"},
        {"is_active": True},
        ["example.org"],
    ],
)
def test_normalize_refuses_malformed_objects(raw):
    with pytest.raises(AnswerShapeError):
        normalize_domain(raw)


@pytest.mark.parametrize(
    "body",
    [
        {"domains": [CURRENT]},
        [CURRENT],
        CURRENT,
    ],
)
def test_list_answer_shapes(body):
    assert parse_domain_list(body) == [CURRENT]


@pytest.mark.parametrize("body", [None, "text", {"items": []}, 42])
def test_unexpected_list_answers_are_errors(body):
    with pytest.raises(AnswerShapeError) as info:
        parse_domain_list(body)
    assert "domain list answer" in str(info.value)


def test_plan_create_fills_defaults():
    plan = plan_domain(None, check_request({"name": "new.example.org", "destination": "10.0.0.1"}, ORG))
    assert plan["action"] == "created"
    assert plan["after"] == {
        "name": "new.example.org",
        "is_active": False,
        "is_relay": False,
        "destination": "10.0.0.1",
        "failovers": [],
    }
    assert plan["before"] is None


def test_plan_create_needs_destination():
    with pytest.raises(InputError) as info:
        plan_domain(None, check_request({"name": "new.example.org", "is_active": True}, ORG))
    assert "destination is required" in str(info.value)


def test_plan_update_keeps_fields_left_out():
    plan = plan_domain(CURRENT, check_request({"name": "example.org", "destination": "mx9.customer.net"}, ORG))
    assert plan["action"] == "updated"
    assert plan["changes"] == ["destination"]
    assert plan["after"] == dict(CURRENT, destination="mx9.customer.net")


def test_plan_unchanged_when_equal_after_normalisation():
    request = check_request(
        {
            "name": "EXAMPLE.org.",
            "destination": "MX1.customer.net.",
            "failovers": ["10.0.0.5", "mx2.customer.net."],
            "is_active": True,
        },
        ORG,
    )
    assert plan_domain(CURRENT, request)["action"] == "unchanged"


def test_failover_order_is_a_change():
    request = check_request({"name": "example.org", "failovers": ["mx2.customer.net", "10.0.0.5"]}, ORG)
    plan = plan_domain(CURRENT, request)
    assert plan["action"] == "updated"
    assert plan["changes"] == ["failovers"]


def test_empty_failovers_clear_them():
    plan = plan_domain(CURRENT, check_request({"name": "example.org", "failovers": []}, ORG))
    assert plan["after"]["failovers"] == []


@pytest.mark.parametrize("current, action", [(CURRENT, "deleted"), (None, "unchanged")])
def test_plan_absent(current, action):
    plan = plan_domain(current, check_request({"name": "example.org", "state": "absent"}, ORG))
    assert plan["action"] == action
    assert plan["after"] is None


def test_changed_fields_against_nothing_lists_every_field():
    assert changed_fields(None, CURRENT) == ["name", "is_active", "is_relay", "destination", "failovers"]


def test_payload_has_exactly_the_article_fields_and_copies_lists():
    domain = dict(CURRENT, extra="x")
    payload = to_payload(domain)
    assert list(payload) == ["name", "is_active", "is_relay", "destination", "failovers"]
    payload["failovers"].append("x")
    assert domain["failovers"] == ["10.0.0.5", "mx2.customer.net"]


def test_two_domains_of_one_org_that_are_one_name_fail_naming_both():
    raws = [{"name": "Shop.example.org"}, {"name": "x.example.org"}, {"name": "shop.example.org."}]
    with pytest.raises(AnswerShapeError) as info:
        index_domains(raws)
    assert "'Shop.example.org' and 'shop.example.org.'" in str(info.value)
    assert "both shop.example.org" in str(info.value)


def test_echoed_values_are_clipped():
    assert clipped_repr("a" * 10) == repr("a" * 10)
    assert clipped_repr("a" * 1000) == repr("a" * 1000)[:200] + "... (802 more characters)"
    with pytest.raises(InputError) as info:
        check_host("x" * 100000 + " y", "destination")
    assert len(str(info.value)) < 400


def test_a_service_name_with_an_invisible_character_never_pairs_with_its_look_alike():
    current = index_domains([{"name": "sh\u200bop.zw.example"}, {"name": "B\u00fccher.example"}])
    # Kept as it is (so a declared shop.zw.example is another domain), while an internationalised name takes
    # the declared form: both sides compare as punycode.
    assert sorted(current) == ["sh\u200bop.zw.example", "xn--bcher-kva.example"]
    assert check_domain_name("b\u00fccher.example", "name") in current
    assert check_domain_name("shop.zw.example", "name") not in current


def test_names_are_shown_visible_and_clipped():
    assert escape_hidden("sh\u200bop.zw.example") == "sh\\u200bop.zw.example"
    assert escape_hidden("\u202eevil.example") == "\\u202eevil.example"
    assert escape_hidden("b\u00fccher.example") == "b\u00fccher.example"  # printable: as it is
    assert (
        shown_name("x" * 1_000_000).endswith("... (999800 more characters)") and len(shown_name("x" * 1_000_000)) < 300
    )
    names = ["n%03d.example" % n for n in range(120)]
    assert listed_names(names).endswith("n049.example and 70 more")


@pytest.mark.parametrize(
    "raw",
    [
        # A public Go client's spellings: integer booleans, and the routes as `transports`.
        {"name": "Example.org", "isactive": 1, "is_relay": 0, "transports": ["MX1.example.net", "10.0.0.5"]},
        {
            "name": "example.org",
            "is_active": "1",
            "is_relay": "0",
            "transports": [{"host": "mx1.example.net"}, "10.0.0.5"],
        },
        {
            "name": "example.org",
            "is_active": True,
            "is_relay": False,
            "destination": "mx1.example.net",
            "failovers": ["10.0.0.5"],
        },
    ],
)
def test_every_spelling_of_a_domain_reads_the_same(raw):
    assert normalize_domain(raw) == {
        "name": "example.org",
        "is_active": True,
        "is_relay": False,
        "destination": "mx1.example.net",
        "failovers": ["10.0.0.5"],
    }
