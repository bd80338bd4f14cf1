# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One customer org converged, each HTTP exchange scripted: the forms the service may answer in, lost answers."""

from __future__ import annotations

import pytest
import requests

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.bulk import OrgOptions
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    InputError,
    ProofpointAPIError,
    RefusedWrite,
    ReportedFailure,
    WriteOutcomeUnknown,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.converge import converge_org
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.model import check_org_request
from ansible_collections.proofpoint.essentials.plugins.module_utils._started_run import StartedRun
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import (
    PASSWORD,
    ScriptedSession,
    answer,
    domain,
)

ORG, PARTNER = "acme.example", "partner.net"
OPTIONS: OrgOptions = {
    "exclusive": False,
    "max_deletions": 10,
    "concurrency": 2,
    "batch_create": False,
    "batch_size": 100,
    "report_unchanged": False,
}
DECLARED = {
    "primary_domain": ORG,
    "partner": PARTNER,
    "name": "Acme",
    "user_licenses": 10,
    "admin_user": {"email": "it@acme.example"},
}
ITEMS = [{"name": "mail.acme.example", "destination": "10.0.0.2"}]
DROPPED = requests.exceptions.ConnectionError(ConnectionResetError(104, "Connection reset by peer"))
ORG_PATH, CREATE_PATH = "/api/v1/orgs/acme.example", "/api/v1/orgs/partner.net/orgs"


def service_org(**fields):
    return dict(
        {
            "primary_domain": ORG,
            "name": "Acme",
            "organization_hierarchy": [PARTNER, ORG],
            "user_licenses": 10,
            "domains": [domain(ORG), domain("mail.acme.example", "10.0.0.2")],
        },
        **fields,
    )


def run(script, declared=None, items=None, check_mode=False, **kwargs):
    client = ProofpointClient("https://pp.example.test", "msp@partner.net", PASSWORD, retries=1, sleep=lambda _s: None)
    client.session = ScriptedSession(script)
    request = check_org_request(declared or DECLARED)
    run = OrgRun(client, request["primary_domain"], check_mode, StartedRun())
    outcome = converge_org(run, request, ITEMS if items is None else items, OPTIONS, **kwargs)
    return client.session, outcome


def test_a_missing_org_in_check_mode_costs_one_read_and_plans_everything():
    session, outcome = run([answer(404, {"message": "not found"})], check_mode=True)
    assert session.methods == ["GET"]
    assert outcome["action"] == "created" and outcome["plan"] == ["+ org acme.example", "+ mail.acme.example"]


def test_a_create_carries_the_domains_and_is_read_back_whatever_the_201_says():
    session, outcome = run([answer(404), answer(201), answer(200, service_org())])
    assert [call[:2] for call in session.calls] == [("GET", ORG_PATH), ("POST", CREATE_PATH), ("GET", ORG_PATH)]
    assert session.calls[1][2]["domains"] == [domain("mail.acme.example", "10.0.0.2", is_active=False)]
    assert outcome["domains"]["summary"]["created"] == 1 and outcome["org"]["partner"] == PARTNER


def test_a_create_that_did_not_take_the_domains_creates_them_one_by_one():
    read_back = service_org(domains=None)
    del read_back["domains"]
    script = [answer(404), answer(201, {"id": 1}), answer(200, read_back), answer(200, {"domains": [domain(ORG)]})]
    session, outcome = run(script + [answer(201)])
    assert session.methods == ["GET", "POST", "GET", "GET", "POST"]
    assert session.calls[-1][1] == "/api/v1/orgs/acme.example/domains/mail.acme.example"
    assert outcome["domains"]["summary"]["created"] == 1


def test_a_403_for_an_unknown_org_is_read_as_missing_when_the_partner_does_not_list_it():
    script = [answer(403), answer(200, {"orgs": [{"primary_domain": "other.example"}]})]
    session, outcome = run(script, check_mode=True)
    assert outcome["action"] == "created" and session.calls[1][1] == "/api/v1/orgs/partner.net/orgs"
    with pytest.raises(ProofpointAPIError) as caught:
        run([answer(403), answer(200, [{"primary_domain": "ACME.example"}])], check_mode=True)
    assert caught.value.status == 403


def test_a_lost_create_answer_is_decided_by_a_read():
    session, outcome = run([answer(404), DROPPED, answer(200, service_org())])
    assert session.methods == ["GET", "POST", "GET"] and outcome["action"] == "created"
    with pytest.raises(WriteOutcomeUnknown):
        run([answer(404), DROPPED, answer(500), answer(500)])


def test_a_409_names_the_domains_and_keeps_the_service_words():
    with pytest.raises(RefusedWrite) as caught:
        run(
            [
                answer(404),
                answer(409, {"message": "domain mail.acme.example belongs to organization x.com"}),
                answer(404),
            ]
        )
    message = str(caught.value)
    assert "creating organization acme.example was refused; with 409 one of its domains" in message
    assert "(acme.example, mail.acme.example)" in message and "belongs to organization x.com" in message
    assert caught.value.as_dict()["status"] == 409


def test_an_org_created_meanwhile_by_someone_else_is_adopted():
    session, outcome = run([answer(404), answer(409), answer(200, service_org())])
    assert session.methods == ["GET", "POST", "GET"] and outcome["org"]["name"] == "Acme"


def test_a_create_lacking_what_it_needs_fails_after_the_read_before_any_write():
    with pytest.raises(InputError, match="does not exist; to create it, set name, admin_user"):
        run([answer(404)], declared={"primary_domain": ORG, "partner": PARTNER})
    with pytest.raises(InputError, match="destination is required to create domain new.acme.example"):
        run([answer(404)], items=[{"name": "new.acme.example"}])


def test_one_patch_of_what_differs_and_its_refusal_names_the_fields():
    session, outcome = run([answer(200, service_org(user_licenses=5)), answer(204)])
    assert session.calls[1] == ("PATCH", ORG_PATH, {"user_licenses": 10})
    assert outcome["action"] == "updated" and outcome["org"]["user_licenses"] == 10
    with pytest.raises(RefusedWrite, match="the service refused to change user_licenses of organization acme.example"):
        run([answer(200, service_org(user_licenses=5)), answer(422, {"message": "invalid request data"})])
    _session, kept = run([answer(200, service_org(user_licenses=5))], update_fields=False)
    assert kept["action"] == "unchanged" and kept["changed"] is False


def test_an_org_wrapped_in_one_key_is_read():
    session, outcome = run([answer(200, {"organization": service_org()})])
    assert session.methods == ["GET"] and outcome["changed"] is False


def test_a_delete_whose_answer_was_lost_is_done_when_the_org_is_gone():
    absent = dict(DECLARED, state="absent")
    # The DELETE is sent again after the lost answer; its 404 and the read then say the org is gone.
    session, outcome = run([answer(200, service_org()), DROPPED, answer(404), answer(404)], declared=absent)
    assert session.methods == ["GET", "DELETE", "DELETE", "GET"] and outcome["action"] == "deleted"
    assert outcome["domains"] is None and outcome["diff"][0]["after"] == {}
    with pytest.raises(ProofpointAPIError):
        run([answer(200, service_org()), answer(404), answer(200, service_org())], declared=absent)


def test_a_create_answered_with_fail_results_fails_in_the_service_words_once_the_read_finds_no_org():
    refused = {"total_created": 0, "fail_results": [{"result": {"result_code": 7, "message": "package unknown"}}]}
    with pytest.raises(ReportedFailure) as caught:
        run([answer(404), answer(201, refused), answer(404)])
    assert "package unknown (result_code 7)" in str(caught.value) and "POST " + CREATE_PATH in str(caught.value)
    # The org exists after all: the create is taken as done.
    session, outcome = run([answer(404), answer(201, refused), answer(200, service_org())])
    assert session.methods == ["GET", "POST", "GET"] and outcome["action"] == "created"


def test_a_removal_plans_and_shows_the_domains_that_go_with_the_org():
    absent = dict(DECLARED, state="absent")
    session, outcome = run([answer(200, service_org())], declared=absent, check_mode=True)
    assert session.methods == ["GET"]
    assert outcome["plan"] == [
        "- org acme.example",
        "- domain acme.example (with the org)",
        "- domain mail.acme.example (with the org)",
    ]
    assert outcome["diff"][0]["before"]["domains"] == ["acme.example", "mail.acme.example"]
