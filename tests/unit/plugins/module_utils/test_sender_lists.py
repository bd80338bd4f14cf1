# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sender lists, pure: entries, the answers' shapes, the plan."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError, InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.model import (
    check_entry,
    check_recipient,
    check_request,
    parse_lists,
    plan_lines,
    plan_lists,
)

HELD = {"allow_list": ["Partner.example"], "block_list": ["Evil@Bad.example", "*@spam.example"]}


def request(state="present", exclusive=False, max_removals=50, **lists):
    return check_request(dict(lists, state=state, exclusive=exclusive, max_removals=max_removals))


@pytest.mark.parametrize("entry", ["evil@bad.example", "*@bad.example", "bad.example", " Bad.Example "])
def test_addresses_domains_and_wildcards_are_entries(entry):
    assert check_entry(entry, "block[0]") == entry.strip()


@pytest.mark.parametrize("entry", ["", "not an entry", "evil@", "@bad.example", "a b@bad.example", "{{ x }}", 7])
def test_anything_else_fails_naming_the_option_and_the_value(entry):
    with pytest.raises(InputError) as caught:
        check_entry(entry, "block[2]")
    assert str(caught.value).startswith("block[2]: ") and "not an address, a domain or *@domain" in str(caught.value)


def test_a_recipient_is_an_address():
    assert check_recipient("it@customer.com") == "it@customer.com"
    with pytest.raises(InputError, match="recipient: 'customer.com' is not a user's address"):
        check_recipient("customer.com")


@pytest.mark.parametrize(
    "body",
    [
        {"allow_list": ["Partner.example"], "block_list": ["Evil@Bad.example", "*@spam.example"]},
        {"safe_list_senders": ["Partner.example"], "block_list_senders": ["Evil@Bad.example", "*@spam.example"]},
        {"white_list_senders": ["Partner.example"], "black_list_senders": ["Evil@Bad.example", "*@spam.example"]},
        {
            "sender_lists": {
                "allow_list": [{"sender": "Partner.example"}],
                "block_list": ["Evil@Bad.example", "*@spam.example"],
            }
        },
    ],
)
def test_every_shape_of_the_answer_reads_the_same(body):
    assert parse_lists(body) == HELD


def test_an_answer_in_no_known_shape_says_what_it_was():
    with pytest.raises(AnswerShapeError, match="not a list"):
        parse_lists({"allow_list": "partner.example"})


def test_additions_compare_without_case_and_removals_take_the_services_spelling():
    plan = plan_lists(HELD, request(block=["evil@bad.example", "new@bad.example"]))
    assert plan["add"] == {"block_list": ["new@bad.example"]} and plan["remove"] == {} and plan["replace"] == {}
    gone = plan_lists(HELD, request(state="absent", block=["EVIL@bad.example", "absent@bad.example"]))
    assert gone["remove"] == {"block_list": ["Evil@Bad.example"]} and gone["add"] == {}
    assert plan_lines(gone) == ["- block_list Evil@Bad.example"]
    assert plan_lists(HELD, request(block=["Evil@bad.example"]))["add"] == {}  # already there: nothing


def test_exclusive_replaces_only_the_lists_given_and_is_bounded():
    plan = plan_lists(HELD, request(exclusive=True, block=["*@SPAM.example", "new@bad.example"]))
    assert plan["replace"] == {"block_list": ["*@spam.example", "new@bad.example"]}
    assert plan["remove"] == {"block_list": ["Evil@Bad.example"]} and plan["after"]["allow_list"] == ["Partner.example"]
    with pytest.raises(InputError, match="would remove 2 entries, more than max_removals \\(1\\)"):
        plan_lists(HELD, request(exclusive=True, max_removals=1, block=[]))
    with pytest.raises(InputError, match="goes with state: present only"):
        request(state="absent", exclusive=True, block=["x.example"])
