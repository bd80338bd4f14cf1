# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Properties of normalisation and comparison, over generated domains and requests."""

from __future__ import annotations

import ipaddress
import json

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.arguments import DOMAINS_LIST_SPEC
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.items import check_items
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import (
    DOMAIN_FIELDS,
    check_request,
    normalize_domain,
    plan_domain,
    to_payload,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError

ORG = "customer.com"
label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
tld = st.from_regex(r"[a-z]{2,6}", fullmatch=True)


@st.composite
def hostnames(draw):
    name = ".".join(draw(st.lists(label, min_size=1, max_size=3)) + [draw(tld)])
    # Same host, other spellings: case and a trailing dot.
    if draw(st.booleans()):
        name = name.upper()
    return name + ("." if draw(st.booleans()) else "")


ips = st.one_of(
    st.ip_addresses(v=4).map(str),
    st.ip_addresses(v=6).map(lambda ip: ipaddress.ip_address(ip).exploded),
)
hosts = st.one_of(hostnames(), ips)
booleans_as_api_may_send = st.one_of(st.booleans(), st.sampled_from(["true", "false", "True", "FALSE"]))


@st.composite
def api_domains(draw, name=None):
    return {
        "name": name or draw(hostnames()),
        "is_active": draw(booleans_as_api_may_send),
        "is_relay": draw(booleans_as_api_may_send),
        "destination": draw(hosts),
        "failovers": draw(st.lists(hosts, max_size=4)),
    }


def unique_failovers(values):
    seen, result = set(), []
    for value in values:
        key = normalize_domain({"name": "x.org", "failovers": [value]})["failovers"][0]
        if key not in seen:
            seen.add(key)
            result.append(value)
    return result


@st.composite
def requests_for(draw, name):
    params = {"name": name}
    for field, strategy in (
        ("is_active", st.booleans()),
        ("is_relay", st.booleans()),
        ("destination", hosts),
        ("failovers", st.lists(hosts, max_size=4).map(unique_failovers)),
    ):
        if draw(st.booleans()):
            params[field] = draw(strategy)
    if draw(st.booleans()) or "destination" not in params:
        params["destination"] = draw(hosts)
    return check_request(params, ORG)


@given(api_domains())
def test_normalisation_is_idempotent(raw):
    once = normalize_domain(raw)
    assert normalize_domain(once) == once
    assert normalize_domain(to_payload(once)) == once


@given(st.data())
@settings(max_examples=200)
def test_applying_the_plan_then_comparing_again_changes_nothing(data):
    name = data.draw(hostnames())
    exists = data.draw(st.booleans())
    current = normalize_domain(data.draw(api_domains(name=name))) if exists else None
    request = data.draw(requests_for(name))
    plan = plan_domain(current, request)
    # What the API holds after the write: the payload we would send, read back.
    stored = normalize_domain(to_payload(plan["after"]))
    assert plan_domain(stored, request)["action"] == "unchanged"


@given(api_domains(), st.randoms(use_true_random=False))
def test_key_order_of_answers_never_reaches_payloads_or_diffs(raw, random):
    # Dict equality ignores order, so compare what is serialised: the body sent and the diff shown.
    keys = list(raw)
    random.shuffle(keys)
    shuffled = {key: raw[key] for key in keys}
    assert list(normalize_domain(shuffled)) == list(DOMAIN_FIELDS)
    assert json.dumps(to_payload(normalize_domain(shuffled))) == json.dumps(to_payload(normalize_domain(raw)))
    request = check_request({"name": raw["name"], "destination": "mx.example.net"}, ORG)
    plan = plan_domain(normalize_domain(shuffled), request)
    assert json.dumps(plan) == json.dumps(plan_domain(normalize_domain(raw), request))


@given(hostnames(), st.lists(st.ip_addresses(v=4).map(str), min_size=2, max_size=4, unique=True), st.data())
def test_order_of_failovers_always_matters(name, failovers, data):
    current = normalize_domain(
        {"name": name, "is_active": True, "is_relay": False, "destination": "mx.example.net", "failovers": failovers}
    )
    reordered = data.draw(st.permutations(failovers).filter(lambda order: order != failovers))
    plan = plan_domain(current, check_request({"name": name, "failovers": reordered}, ORG))
    assert plan["action"] == "updated"
    assert plan["changes"] == ["failovers"]


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 2),
    st.sampled_from(["present", "absent", "yes", "no", "mx1.example.net", "10.0.0.1", ""]),
    st.lists(st.sampled_from(["mx1.example.net", "10.0.0.2"]), max_size=2),
    st.lists(st.integers(0, 3), min_size=1, max_size=2),
)
ITEMS = st.dictionaries(
    st.sampled_from(["name", "state", "destination", "failovers", "is_active", "is_relay", "destinaton"]),
    VALUES,
)


@given(st.lists(ITEMS, max_size=4))
def test_items_are_checked_as_ansible_checks_them(items):
    """check_items' fast path for items with nothing to convert gives what ArgumentSpecValidator gives."""
    validated = ArgumentSpecValidator({"domains": DOMAINS_LIST_SPEC}).validate({"domains": items})
    try:
        ours = check_items(items, "domains_list")
    except InputError:
        assert validated.error_messages
    else:
        assert not validated.error_messages and ours == validated.validated_parameters["domains"]
