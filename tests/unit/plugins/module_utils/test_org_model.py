# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The customer org model: declared fields checked, the service's object read, plans and bodies."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError, InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.model import (
    check_confirmation,
    check_email,
    check_org_request,
    create_body,
    create_failures,
    missing_for_create,
    org_diff,
    org_domains,
    org_plan_line,
    org_view,
    patch_body,
    plan_org,
)

SERVICE_ORG = {
    "primary_domain": "Acme.Example",
    "name": " Acme ",
    "organization_hierarchy": ["partner.net", "acme.example"],
    "eid": 7,
    "is_active": "false",
    "licensing_package": "Business",
    "user_licenses": "25",
    "admin_user": "secret-admin@acme.example",
    "domains": [{"name": "acme.example", "destination": "10.0.0.1"}],
}


def request(**params):
    return check_org_request(dict({"primary_domain": "acme.example", "partner": "partner.net"}, **params))


@pytest.mark.parametrize(
    "params, words",
    [
        ({"primary_domain": "not a domain"}, "primary_domain: 'not a domain' is not a valid domain name"),
        ({"partner": "part ner"}, "partner: 'part ner' is not a valid domain name"),
        ({"name": "   "}, "name must be a non-empty string"),
        ({"name": "x" * 201}, "name is 201 characters long, more than 200"),
        ({"name": "Acme\u202e"}, "name holds an invisible or control character"),
        ({"user_licenses": -1}, "user_licenses must be between 0 and 1000000, got -1"),
        ({"user_licenses": "12"}, "user_licenses must be a whole number, got '12'"),
        ({"is_active": "yes"}, "is_active must be true or false"),
        ({"admin_user": {"email": "it"}}, "admin_user.email is not an email address (local@domain): 'it'"),
        ({"admin_user": {"email": "a..b@acme.example"}}, "its part before @ is not valid"),
        ({"admin_user": {"email": "it@acme"}}, "admin_user.email (after @): 'acme' is not a valid domain name"),
        ({"admin_user": "it@acme.example"}, "admin_user must be a mapping"),
        ({"admin_user": {"email": "it@acme.example", "send_welcome_email": "yes"}}, "send_welcome_email must be"),
    ],
)
def test_bad_declarations_name_the_option(params, words):
    with pytest.raises(InputError) as caught:
        request(**params)
    assert words in str(caught.value)


def test_a_fleet_host_prefixes_its_variable():
    with pytest.raises(InputError, match=r"proofpoint_org_spec\.user_licenses must be"):
        check_org_request({"primary_domain": "a.example", "user_licenses": -2}, "proofpoint_org_spec.")


def test_a_declaration_is_canonical_and_keeps_only_what_was_given():
    declared = request(primary_domain="ACME.example.", name=" Acme ", admin_user={"email": "It@ACME.Example"})
    assert declared["primary_domain"] == "acme.example" and declared["fields"] == {"name": "Acme"}
    assert declared["admin_user"] == {
        "email": "It@acme.example",
        "firstname": None,
        "surname": None,
        "send_welcome_email": False,
    }
    assert check_email("a.b+c@x.example", "e") == "a.b+c@x.example"


def test_removal_needs_the_primary_domain_repeated():
    check_confirmation(request(state="absent"), "ACME.example.")
    for wrong in (None, "", "acme.exampel", ["acme.example"]):
        with pytest.raises(InputError, match="confirm_delete must be acme.example"):
            check_confirmation(request(state="absent"), wrong)


def test_the_service_object_is_read_leniently_and_without_the_admin():
    view = org_view(SERVICE_ORG)
    assert view == {
        "primary_domain": "acme.example",
        "partner": "partner.net",
        "eid": 7,
        "name": "Acme",
        "licensing_package": "Business",
        "user_licenses": 25,
        "is_active": False,
    }
    nested = dict(SERVICE_ORG, organization_hierarchy=[{"primary_domain": "top.net"}, {"primary_domain": "mid.net"}])
    assert org_view(nested)["partner"] == "mid.net"
    assert org_view({"primary_domain": "a.example"})["partner"] is None
    assert list(org_domains(SERVICE_ORG)) == ["acme.example"] and org_domains({"primary_domain": "a.example"}) is None
    with pytest.raises(AnswerShapeError):
        org_view({"name": "no primary domain"})
    with pytest.raises(AnswerShapeError, match="user_licenses"):
        org_view(dict(SERVICE_ORG, user_licenses="many"))


def test_an_existing_org_is_updated_in_the_fields_that_differ_only():
    current = org_view(SERVICE_ORG)
    plan = plan_org(current, request(name="Acme", licensing_package="business", user_licenses=30, is_active=False))
    assert plan["action"] == "updated" and plan["changes"] == ["user_licenses"]
    assert patch_body(plan) == {"user_licenses": 30}
    assert org_plan_line(plan) == "~ org acme.example: user_licenses"
    assert org_diff(plan, None)["after_header"] == "acme.example (update)"
    same = plan_org(current, request(name="Acme"))
    assert same["action"] == "unchanged" and org_plan_line(same) is None


def test_a_missing_org_is_created_with_its_admin_and_domains():
    declared = request(name="Acme", user_licenses=5, admin_user={"email": "it@acme.example", "firstname": "Ada"})
    plan = plan_org(None, declared)
    assert plan["action"] == "created" and plan["after"]["user_licenses"] == 5
    assert org_plan_line(plan) == "+ org acme.example"
    body = create_body(declared, [{"name": "acme.example"}])
    assert body == {
        "primary_domain": "acme.example",
        "name": "Acme",
        "user_licenses": 5,
        "admin_user": {
            "primary_email": "it@acme.example",
            "type": "organization_admin",
            "send_welcome_email": False,
            "firstname": "Ada",
        },
        "send_welcome_email": False,
        "domains": [{"name": "acme.example"}],
    }
    diff = org_diff(plan, declared["admin_user"])
    # Only what was declared: no surname, no eid or is_active the service has not given yet.
    assert diff["before"] == {} and diff["after"] == {
        "primary_domain": "acme.example",
        "partner": "partner.net",
        "name": "Acme",
        "user_licenses": 5,
        "admin_user": {"email": "it@acme.example", "firstname": "Ada"},
    }
    assert missing_for_create(declared) == []
    assert missing_for_create(check_org_request({"primary_domain": "a.example"})) == ["partner", "name", "admin_user"]


def test_absent_deletes_an_existing_org_and_leaves_a_missing_one():
    gone = plan_org(org_view(SERVICE_ORG), request(state="absent"))
    assert gone["action"] == "deleted" and org_plan_line(gone) == "- org acme.example"
    assert plan_org(None, request(state="absent"))["action"] == "unchanged"


def test_a_removal_diff_names_the_domains_that_go_with_the_org():
    gone = plan_org(org_view(SERVICE_ORG), request(state="absent"))
    diff = org_diff(gone, None, ["acme.example", "mail.acme.example"])
    assert diff["before"]["domains"] == ["acme.example", "mail.acme.example"] and diff["after"] == {}


@pytest.mark.parametrize(
    "spelled",
    [
        {"user_licenses": 12, "licensing_package": "Business", "is_active": False},
        {"user_licences": 12, "licencing_package": "Business", "isactive": 0},
        {"user_licences": "12", "licencing_package": "Business", "isactive": "0"},
    ],
)
def test_the_service_spellings_of_an_org_read_the_same(spelled):
    view = org_view(dict({"primary_domain": "acme.example", "name": "Acme"}, **spelled))
    assert (view["user_licenses"], view["licensing_package"], view["is_active"]) == (12, "Business", False)


def test_an_admin_without_email_is_called_missing():
    with pytest.raises(InputError) as caught:
        check_org_request({"primary_domain": "a.example", "admin_user": {"firstname": "Ada"}}, "proofpoint_org_spec.")
    assert "proofpoint_org_spec.admin_user.email is missing" in str(caught.value)
    assert "None" not in str(caught.value)


def test_a_create_answer_reporting_failures_is_read_as_the_go_client_reads_it():
    answer = {"total_created": 0, "fail_results": [{"result": {"result_code": 3, "message": "domain taken"}}]}
    assert create_failures(answer) == [{"result_code": 3, "message": "domain taken"}]
    assert create_failures({"total_created": 1, "fail_results": []}) == create_failures(None) == []
