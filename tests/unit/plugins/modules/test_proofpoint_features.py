# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_features' main(): the emulator's features in process, each exchange counted."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.modules import proofpoint_features
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import FakeService, domain

ORG = "customer.com"
FEATURES = "/api/v1/orgs/customer.com/features"


@pytest.fixture
def service():
    return FakeService(ORG, [domain(ORG)])


@pytest.fixture
def module_main():
    return proofpoint_features.main


def test_one_put_of_the_whole_object_only_when_a_feature_differs(run, service):
    planned = run(features={"disclaimers": "yes", "url_defense": True}, check_mode=True, diff=True)
    assert planned["changed"] is True and planned["plan"] == ["~ disclaimers: false -> true"]
    assert planned["diff"]["before"]["disclaimers"] is False and planned["diff"]["after"]["disclaimers"] is True
    assert [call[0] for call in service.calls] == ["GET"]
    done = run(features={"disclaimers": True})
    put = service.calls[-1]
    assert put[:2] == ("PUT", FEATURES) and put[2]["disclaimers"] is True and len(put[2]) == 15
    assert done["features"]["disclaimers"] is True and done["changes"] == ["disclaimers"]
    again = run(features={"disclaimers": True})
    assert again["changed"] is False and service.calls[-1][0] == "GET"


def test_string_answers_are_read_as_booleans_and_sent_back_as_json(run, service):
    service.world.feature_values = "strings"
    unchanged = run(features={"url_defense": True, "instant_replay": 0})
    assert unchanged["changed"] is False and unchanged["features"]["dlp"] is False
    run(features={"email_warning_tags": True})
    put = service.calls[-1][2]
    assert put["url_defense"] is True and put["instant_replay"] == 0 and put["email_warning_tags"] is True


def test_a_feature_the_package_lacks_names_it_the_package_and_the_services_words(run, service):
    service.world.orgs[ORG]["licensing_package"] = "Business"
    refused = run(features={"dlp": True, "url_defense": False})
    assert refused["failed"] is True and refused["changed"] is False
    assert refused["msg"].startswith("turning on dlp was refused (the org's package: Business): PUT %s" % FEATURES)
    assert "the Business package does not include dlp" in refused["msg"] and refused["error"]["status"] == 403
    assert "Organization Admin" not in refused["msg"]  # the package refused it, not the login


def test_an_unknown_feature_or_a_bad_value_fails_before_any_request(run, service):
    unknown = run(features={"dlp": True, "url_defence": True})
    assert unknown["failed"] is True and "unknown feature(s) url_defence" in unknown["msg"]
    assert "url_defense, attachment_defense" in unknown["msg"]
    for features, words in (
        ({"dlp": "maybe"}, "features.dlp: 'maybe' is not a boolean"),
        ({"instant_replay": -1}, "features.instant_replay: -1 is not a number of days"),
        ({"instant_replay": True}, "features.instant_replay: True is not a number of days"),
    ):
        bad = run(features=features)
        assert bad["failed"] is True and bad["msg"].startswith(words), bad["msg"]
    assert service.calls == []
