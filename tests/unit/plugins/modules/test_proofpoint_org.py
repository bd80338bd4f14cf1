# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_org's main(): its branches, its HTTP exchanges scripted."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.modules import proofpoint_org
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import (
    DROPPED,
    PASSWORD,
    ScriptedSession,
    answer,
    domain,
)

ORG = "customer.com"


class Scripted(ScriptedSession):
    def session_request(self, _session, method, url, **kwargs):
        return self.request(method, url, **kwargs)


@pytest.fixture
def module_main():
    return proofpoint_org.main


@pytest.fixture
def service():
    return Scripted([])


def service_org(**fields):
    return dict({"primary_domain": ORG, "name": "Customer", "user_licenses": 5, "domains": [domain(ORG)]}, **fields)


def test_an_update_reports_its_patch_diff_and_message(run, service):
    service.script = [answer(200, service_org()), answer(200, service_org(user_licenses=9))]
    result = run(user_licenses=9, diff=True)
    assert result["changed"] is True and result["action"] == "updated" and result["changes"] == ["user_licenses"]
    assert result["msg"].startswith("organization customer.com updated (user_licenses); customer.com: 0 created")
    assert result["diff"][0]["after"]["user_licenses"] == 9 and result["org"]["user_licenses"] == 9
    assert PASSWORD not in result["_printed"]


def test_check_mode_says_what_would_be_done_and_sends_no_write(run, service):
    service.script = [answer(404)]
    result = run(check_mode=True, partner="partner.net", name="C", admin_user={"email": "a@customer.com"})
    assert result["action"] == "created" and result["msg"].startswith("organization customer.com would be created")
    assert service.methods == ["GET"]


def test_removal_without_confirmation_fails_before_any_request(run, service):
    result = run(state="absent")
    assert result["failed"] is True and "confirm_delete must be customer.com to do it (got None)" in result["msg"]
    assert service.calls == []


def test_a_failed_domain_fails_the_task_and_says_what_was_done(run, service):
    service.script = [answer(200, service_org()), answer(422, {"message": "invalid request data"})]
    result = run(domains=[{"name": "new.customer.com", "destination": "10.0.0.1"}])
    assert result["failed"] is True and result["domains"]["summary"]["failed"] == 1
    assert result["msg"].startswith("organization customer.com unchanged; customer.com: 0 created")


def test_an_api_error_is_the_task_error(run, service):
    service.script = [answer(401, {"message": "invalid credentials"})]
    result = run()
    assert result["failed"] is True and result["error"]["status"] == 401
    assert "GET /api/v1/orgs/customer.com failed with HTTP 401" in result["msg"]


def test_a_removal_names_the_domains_going_with_the_org_and_an_absent_org_is_already_absent(run, service):
    service.script = [answer(200, service_org(domains=[domain(ORG), domain("mail.customer.com")]))]
    result = run(state="absent", confirm_delete=ORG, check_mode=True, diff=True)
    assert result["msg"] == "organization customer.com would be removed with its 2 domains"
    assert result["diff"][0]["before"]["domains"] == ["customer.com", "mail.customer.com"]
    assert service.methods == ["GET"]
    service.script = [answer(404)]
    again = run(state="absent", confirm_delete=ORG)
    assert again["changed"] is False and again["msg"] == "organization customer.com already absent"


def test_a_lost_create_no_read_can_decide_fails_as_changed(run, service):
    service.script = [answer(404), DROPPED, answer(401, {"message": "invalid credentials"})]
    result = run(partner="partner.net", name="C", admin_user={"email": "a@customer.com"})
    assert result["failed"] is True and result["changed"] is True and "The outcome is unknown" in result["msg"]
    assert service.methods == ["GET", "POST", "GET"]
