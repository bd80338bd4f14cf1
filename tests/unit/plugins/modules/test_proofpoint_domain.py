# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_domain's main(): each branch, its HTTP exchanges served by an in-memory org."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.modules import proofpoint_domain
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import (
    DROPPED,
    PASSWORD,
    FakeService,
    answer,
    domain,
    run_module,
)

ORG = "customer.com"
EXISTING = domain("example.org", "10.0.0.1", failovers=["10.0.0.2"])


@pytest.fixture
def service():
    return FakeService(ORG, [domain(ORG, "mx1.customer.net"), EXISTING])


@pytest.fixture
def module_main():
    return proofpoint_domain.main


def test_create_sends_one_post_with_the_defaults(run, service):
    result = run(name="New.Example.org.", destination="MX9.example.net", diff=True)
    assert result["changed"] is True and result["action"] == "created"
    assert result["domain"] == domain("new.example.org", "mx9.example.net")
    assert service.writes == [("POST", "new.example.org")]
    assert result["diff"]["before"] == {} and result["diff"]["after_header"] == "customer.com/new.example.org (create)"


def test_update_keeps_fields_left_out(run, service):
    result = run(name="example.org", is_active=True)
    assert result["action"] == "updated" and result["changes"] == ["is_active"]
    assert service.domains["example.org"] == dict(EXISTING, is_active=True)


def test_unchanged_sends_only_the_list_read(run, service):
    result = run(name="example.org", destination="10.0.0.1", failovers=["10.0.0.2"])
    assert result["changed"] is False and result["action"] == "unchanged" and result["changes"] == []
    assert [call[0] for call in service.calls] == ["GET"]


def test_check_mode_reports_without_writing(run, service):
    result = run(name="example.org", state="absent", check_mode=True, diff=True)
    assert result["changed"] is True and result["action"] == "deleted" and result["domain"] == {}
    assert service.writes == [] and result["diff"]["after"] == {}


def test_delete(run, service):
    assert run(name="example.org", state="absent")["action"] == "deleted"
    assert "example.org" not in service.domains


def test_create_without_destination_fails_after_the_read(run, service):
    result = run(name="new.example.org")
    assert result["failed"] and "destination is required to create domain new.example.org" in result["msg"]
    assert [call[0] for call in service.calls] == ["GET"]


@pytest.mark.parametrize(
    "args, message",
    [
        ({"name": "bad name"}, "name: 'bad name' is not a valid domain name"),
        ({"name": "example.org", "failovers": ["10.0.0.2", "10.0.0.2"]}, "failovers[1]"),
        ({"name": "customer.com", "state": "absent"}, "primary domain"),
        ({"name": "example.org", "is_active": "maybe"}, "is_active"),
        ({"name": "example.org", "state": "gone"}, "state"),
        ({"name": "example.org", "api_url": None}, "one of api_url or stack is required"),
        ({"name": "example.org", "org": "not an org"}, "org: 'not an org'"),
        ({"name": "example.org", "timeout": 0}, "timeout must be a positive number"),
    ],
)
def test_bad_input_fails_before_any_request(run, service, args, message, monkeypatch):
    monkeypatch.delenv("PROOFPOINT_ESSENTIALS_API_URL", raising=False)
    monkeypatch.delenv("PROOFPOINT_ESSENTIALS_STACK", raising=False)
    result = run(**args)
    assert result["failed"] and message in result["msg"]
    assert service.calls == []


def test_api_errors_are_reported_with_method_path_and_status(run, service):
    service.fail[("PUT", "example.org")] = [answer(422, {"message": "destination refused"})]
    result = run(name="example.org", destination="10.0.0.7")
    assert result["failed"] and result["changed"] is False
    assert result["error"]["status"] == 422 and result["error"]["method"] == "PUT"
    assert result["msg"].startswith("PUT /api/v1/orgs/customer.com/domains/example.org failed with HTTP 422")
    assert "destination refused" in result["msg"]


def test_missing_requests_library_is_reported(run, monkeypatch):
    from ansible_collections.proofpoint.essentials.plugins.module_utils import _connection

    monkeypatch.setattr(_connection, "HAS_REQUESTS", False)
    result = run(name="example.org")
    assert result["failed"] and "requests" in result["msg"]


def test_the_password_is_sent_as_a_header_and_never_printed(run, service):
    service.fail[("GET", None)] = [answer(401, {"message": "invalid credentials: %s" % PASSWORD[:3]})]
    result = run(name="example.org")
    assert result["failed"] and PASSWORD not in result["_printed"]
    assert service.headers[0]["X-password"] == PASSWORD


def test_missing_credentials_name_their_environment_variables(service, monkeypatch, capsys):
    for variable in ("PROOFPOINT_ESSENTIALS_USER", "PROOFPOINT_ESSENTIALS_PASSWORD"):
        monkeypatch.delenv(variable, raising=False)
    args = {"api_url": "https://pp.example.test", "org": ORG, "name": "example.org"}
    result = run_module(proofpoint_domain.main, args, service, monkeypatch, capsys)
    assert result["failed"] is True and service.calls == []
    assert result["msg"] == (
        "missing required arguments: password (or PROOFPOINT_ESSENTIALS_PASSWORD), user (or PROOFPOINT_ESSENTIALS_USER)"
    )


def test_a_lost_create_no_read_can_decide_fails_as_changed(run, service):
    # The POST's answer is lost and the read that would tell is refused: the domain may exist now.
    listed = answer(200, {"domains": list(service.domains.values())})
    service.fail = {("POST", "new.example.org"): [DROPPED], ("GET", None): [listed, answer(401, {"message": "no"})]}
    result = run(name="new.example.org", destination="10.0.0.9")
    assert result["failed"] is True and result["changed"] is True and "The outcome is unknown" in result["msg"]
