# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulated service in process: its route table and each resource's answers (tests/e2e/test_emulator.py
tests the server over HTTP: faults, the rate limit, the log, TLS)."""

from __future__ import annotations

import json
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emulated.routes import ROUTES, dispatch
from emulated.world import World

PASSWORD = "route-Table-1"
ADMIN = {"X-user": "admin@customer.com", "X-password": PASSWORD}
MSP = {"X-user": "msp@partner.net", "X-password": PASSWORD}
SEED = {
    "users": [
        {"email": "admin@customer.com", "password": PASSWORD, "role": "organization_admin", "orgs": ["customer.com"]},
        {"email": "msp@partner.net", "password": PASSWORD, "role": "channel_admin", "orgs": ["partner.net"]},
    ],
    "orgs": {"customer.com": {}, "partner.net": {}, "alpha.example": {"parent": "partner.net", "name": "Alpha"}},
}


def call(world, method, path, headers=None, body=None):
    raw = b"" if body is None else json.dumps(body).encode()
    return dispatch(world, method, "/api/v1" + path, ADMIN if headers is None else headers, raw)


def new(name, destination="10.0.0.1"):
    return {"name": name, "is_active": True, "is_relay": False, "destination": destination, "failovers": []}


@pytest.fixture
def world():
    return World(SEED)


def test_every_route_is_one_method_and_one_address():
    keys = [(method, pattern) for method, pattern, _handler, _missing in ROUTES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("method", "path", "headers", "status", "words"),
    [
        ("GET", "/orgs/customer.com/nothing", ADMIN, 400, "unknown address"),
        ("GET", "/orgs/customer.com/domains/a.customer.com", {}, 401, "X-user and X-password"),
        ("GET", "/orgs/customer.com/domains/a.customer.com", ADMIN, 400, "GET is not available"),
        ("GET", "/orgs/nowhere.example", ADMIN, 404, "does not exist"),
        ("GET", "/orgs/nowhere.example/domains", ADMIN, 403, "not associated"),
        ("GET", "/orgs/partner.net/orgs", ADMIN, 403, "not associated"),
    ],
)
def test_refusals_come_in_the_services_order(world, method, path, headers, status, words):
    answered, body = call(world, method, path, headers)
    assert answered == status and words in body["message"]


def test_a_domain_is_created_listed_refused_twice_and_deleted(world):
    assert call(world, "POST", "/orgs/customer.com/domains/new.customer.com", body=new("new.customer.com"))[0] == 201
    status, listed = call(world, "GET", "/orgs/customer.com/domains")
    assert status == 200 and sorted(d["name"] for d in listed["domains"]) == ["customer.com", "new.customer.com"]
    status, body = call(
        world, "POST", "/orgs/customer.com/domains", body=[new("new.customer.com"), new("b.customer.com")]
    )
    assert status == 207 and [result["status"] for result in body["results"]] == [409, 201]
    assert call(world, "DELETE", "/orgs/customer.com/domains/customer.com")[0] == 400  # the primary domain
    assert call(world, "DELETE", "/orgs/customer.com/domains/new.customer.com") == (204, None)


def test_a_partner_lists_and_creates_its_customers(world):
    status, listed = call(world, "GET", "/orgs/partner.net/orgs", MSP)
    assert status == 200 and [org["primary_domain"] for org in listed["orgs"]] == ["alpha.example"]
    created = {"primary_domain": "delta.example", "name": "Delta", "domains": [new("mail.delta.example")]}
    status, org = call(world, "POST", "/orgs/partner.net/orgs", MSP, created)
    assert status == 201 and org["organization_hierarchy"] == ["partner.net", "delta.example"]
    assert sorted(world.domains["delta.example"]) == ["delta.example", "mail.delta.example"]
    assert call(world, "PATCH", "/orgs/delta.example", MSP, {"user_licenses": 9})[1]["user_licenses"] == 9
    assert call(world, "DELETE", "/orgs/partner.net", MSP)[0] == 409  # it still has customers


def test_a_body_that_is_not_json_is_refused(world):
    status, body = dispatch(world, "PUT", "/api/v1/orgs/customer.com/domains/customer.com", ADMIN, b"{not json")
    assert status == 400 and "not valid JSON" in body["message"]


def test_sender_lists_add_replace_and_remove_without_case_and_keep_what_they_did_not_name(world):
    lists = "/orgs/customer.com/sender-lists"
    assert call(world, "POST", lists, body={"block_list": ["Evil@Bad.example", "*@spam.example"]})[0] == 200
    status, now = call(world, "POST", lists, body={"block_list": ["evil@bad.example", "other@bad.example"]})
    assert status == 200 and now["block_list"] == ["Evil@Bad.example", "*@spam.example", "other@bad.example"]
    status, now = call(world, "DELETE", lists, body={"block_list": ["EVIL@bad.example"]})
    assert now == {"allow_list": [], "block_list": ["*@spam.example", "other@bad.example"]}
    status, now = call(world, "PATCH", lists, body={"allow_list": ["partner.example"]})
    assert now == {"allow_list": ["partner.example"], "block_list": ["*@spam.example", "other@bad.example"]}
    assert call(world, "POST", lists, body={"block_list": ["not an entry"]})[0] == 422
    assert call(world, "POST", lists, body={})[0] == 400
    # A user's lists are apart; the org's own show in the org object, in the world's spelling.
    assert call(world, "GET", "/orgs/customer.com/users/a@customer.com/sender-lists")[1]["block_list"] == []
    assert call(world, "GET", "/orgs/customer.com")[1]["black_list_senders"] == ["*@spam.example", "other@bad.example"]
    world.sender_list_spelling = "current"
    assert call(world, "GET", "/orgs/customer.com")[1]["safe_list_senders"] == ["partner.example"]


def test_features_are_replaced_whole_within_the_package_and_may_be_answered_as_strings(world):
    path = "/orgs/alpha.example/features"
    status, features = call(world, "GET", path, MSP)
    assert status == 200 and features["url_defense"] is True and features["instant_replay"] == 0
    assert call(world, "PUT", path, MSP, {"dlp": True})[0] == 422  # the whole object, or nothing
    # Alpha has no package: the Business package's features only; the 403 names what it lacks.
    status, answer = call(world, "PUT", path, MSP, dict(features, dlp=True, email_archive="true"))
    assert status == 403 and "Business package does not include dlp, email_archive" in answer["message"]
    world.orgs["alpha.example"]["licensing_package"] = "Advanced"
    status, now = call(world, "PUT", path, MSP, dict(features, dlp="true", instant_replay="30"))
    assert status == 200 and now["dlp"] is True and now["instant_replay"] == 30
    assert call(world, "PUT", path, MSP, dict(features, instant_replay=31))[0] == 422
    world.feature_values = "strings"
    assert call(world, "GET", path, MSP)[1]["dlp"] == "true"
    assert call(world, "GET", path, MSP)[1]["instant_replay"] == "30"
    # A feature already on is kept when the package is changed down: only turning one on is refused.
    world.orgs["alpha.example"]["licensing_package"] = "Business"
    assert call(world, "PUT", path, MSP, dict(now, url_defense=False))[0] == 200


def test_a_domain_is_verified_once_its_code_is_published(world):
    code_path = "/orgs/customer.com/domains/customer.com/verification-code"
    status, answer = call(world, "GET", code_path)
    assert status == 200 and answer["verification_code"].startswith("proofpoint-verification=")
    assert call(world, "GET", code_path)[1] == answer  # the same code every time
    assert call(world, "GET", "/orgs/customer.com/domains/other.example/verification-code")[0] == 404
    verify = "/orgs/customer.com/domains/customer.com/verify/TXT"
    assert call(world, "PUT", verify)[0] == 409
    world.txt["customer.com"] = ["v=spf1 -all", answer["verification_code"]]
    assert call(world, "PUT", verify) == (204, None)
    assert world.snapshot()["orgs"]["customer.com"]["verified_domains"] == ["customer.com"]
    assert call(world, "PUT", "/orgs/customer.com/domains/customer.com/verify/CNAME")[0] == 400


def test_dkim_keys_hold_only_the_public_half_and_verify_against_dns(world):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    pem = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    keys = "/orgs/customer.com/domains/customer.com/dkim"
    status, created = call(world, "POST", keys + "/s1", body={"private_key": pem})
    assert status == 201 and created["selector"] == "s1" and created["is_valid"] is False
    kept = world.snapshot()["orgs"]["customer.com"]["dkim"]["customer.com"]
    assert kept == [created] and "PRIVATE" not in json.dumps(world.snapshot()) and pem not in json.dumps(created)
    assert call(world, "POST", keys + "/s1", body={"private_key": pem})[0] == 409
    status, refused = call(world, "POST", keys + "/s2", body={"private_key": "not a key"})
    assert status == 422 and "not a key" not in refused["message"]
    assert call(world, "PUT", keys + "/s1/verify")[0] == 409
    chunks = ["v=DKIM1; k=rsa; p=" + created["public_key"][:100], created["public_key"][100:]]
    world.txt["s1._domainkey.customer.com"] = ["".join(chunks)]
    assert call(world, "PUT", keys + "/s1/verify") == (204, None)
    assert call(world, "GET", keys)[1][0]["is_valid"] is True
    assert call(world, "DELETE", keys + "/s1") == (204, None) and call(world, "GET", keys) == (200, [])
