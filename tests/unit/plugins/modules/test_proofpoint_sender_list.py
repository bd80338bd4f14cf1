# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_sender_list's main(): the emulator's sender lists in process, each exchange counted."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.modules import proofpoint_sender_list
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import FakeService, domain

ORG = "customer.com"
LISTS = "/api/v1/orgs/customer.com/sender-lists"


@pytest.fixture
def service():
    return FakeService(ORG, [domain(ORG)])


@pytest.fixture
def module_main():
    return proofpoint_sender_list.main


def test_a_block_is_added_once_then_left_alone(run, service):
    planned = run(block=["evil@bad.example", "*@phish.example"], check_mode=True, diff=True)
    assert planned["changed"] is True and planned["plan"] == [
        "+ block_list evil@bad.example",
        "+ block_list *@phish.example",
    ]
    assert planned["diff"]["after"]["block_list"] == ["evil@bad.example", "*@phish.example"]
    assert [call[0] for call in service.calls] == ["GET"]
    done = run(block=["evil@bad.example", "*@phish.example"])
    assert done["changed"] is True and done["added"] == {"block_list": ["evil@bad.example", "*@phish.example"]}
    assert [(call[0], call[2]) for call in service.calls[1:]] == [
        ("GET", None),
        ("POST", {"block_list": ["evil@bad.example", "*@phish.example"]}),
    ]
    again = run(block=["EVIL@bad.example"])
    assert again["changed"] is False and [call[0] for call in service.calls[3:]] == ["GET"]


def test_a_removal_deletes_only_what_it_names(run, service):
    run(block=["evil@bad.example", "keep@bad.example"])
    gone = run(block=["Evil@Bad.example"], state="absent")
    assert gone["changed"] is True and gone["removed"] == {"block_list": ["evil@bad.example"]}
    assert service.calls[-1][:3] == ("DELETE", LISTS, {"block_list": ["evil@bad.example"]})
    assert gone["lists"]["block_list"] == ["keep@bad.example"]


def test_exclusive_replaces_a_list_in_one_patch_and_leaves_the_other(run, service):
    run(allow=["partner.example"], block=["evil@bad.example"])
    only = run(block=["other@bad.example"], exclusive=True)
    assert service.calls[-1][:3] == ("PATCH", LISTS, {"block_list": ["other@bad.example"]})
    assert only["lists"] == {"allow_list": ["partner.example"], "block_list": ["other@bad.example"]}


def test_a_bad_entry_or_recipient_fails_before_any_request(run, service):
    bad = run(block=["evil@bad.example", "not an entry"])
    assert bad["failed"] is True and bad["msg"].startswith("block[1]: 'not an entry' is not an address")
    other = run(block=["evil@bad.example"], recipient="customer.com")
    assert other["failed"] is True and "not a user's address" in other["msg"] and service.calls == []


def test_a_users_own_lists(run, service):
    run(block=["evil@bad.example"], recipient="IT@customer.com")
    assert service.calls[-1][1] == "/api/v1/orgs/customer.com/users/IT%40customer.com/sender-lists"


def test_exclusive_empties_a_list_with_one_patch_of_it_empty(run, service):
    run(block=["evil@bad.example"])
    emptied = run(block=[], exclusive=True)
    assert emptied["removed"] == {"block_list": ["evil@bad.example"]} and emptied["added"] == {}
    assert service.calls[-1][:3] == ("PATCH", LISTS, {"block_list": []})
    assert emptied["lists"]["block_list"] == []
