# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Domain ownership and DKIM, pure, and the wait both verifications share, on a fake clock."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils._dkim.model import (
    dns_record,
    normalize_public_key,
    parse_keys,
    value_chunks,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    AnswerShapeError,
    InputError,
    NotVerified,
    ProofpointAPIError,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._ownership.model import (
    parse_code,
    verification_record,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._started_run import StartedRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._waiting import Wait, check_wait, verify_until

RECORD = verification_record("customer.com", "TXT", "code-1")


@pytest.mark.parametrize(
    "answer",
    [
        "code-1",
        {"verification_code": "code-1"},
        {"code": "code-1", "ttl": 300},
        {"data": {"token": "code-1"}},
        {"anything": "code-1", "count": 2},
    ],
)
def test_the_code_is_read_from_each_plausible_answer(answer):
    assert parse_code(answer) == "code-1"


def test_an_answer_without_a_code_says_what_it_was():
    with pytest.raises(AnswerShapeError, match=r"answer is \{'a': 'x', 'b': 'y'\}: no code found"):
        parse_code({"a": "x", "b": "y"})


def test_a_meta_record_is_the_tag_for_the_page():
    assert verification_record("c.example", "META", "code-1") == {
        "name": "c.example",
        "type": "META",
        "value": '<meta name="proofpoint-verification" content="code-1">',
    }


class Clock:
    def __init__(self):
        self.now, self.slept = 100.0, []

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def asks(answers):
    """An ask that answers 409 or succeeds, in turn."""
    log = []

    def ask():
        log.append(1)
        if answers[len(log) - 1] == 409:
            raise ProofpointAPIError("PUT", "/api/v1/x/verify/TXT", 409, "not able to verify")

    return ask, log


def test_a_record_seen_on_the_third_ask_is_verified_one_interval_after_it_appears():
    clock, (ask, _log) = Clock(), asks([409, 409, 204])
    done = verify_until(ask, Wait(300, 10), StartedRun(), "customer.com", RECORD, clock)
    assert done == {"asks": 3, "waited": 20.0, "was_refused": True} and clock.slept == [10, 10]


def test_a_record_never_seen_fails_at_the_timeout_naming_it_and_the_wait():
    clock, (ask, log) = Clock(), asks([409] * 100)
    with pytest.raises(NotVerified) as raised:
        verify_until(ask, Wait(30, 10), StartedRun(), "customer.com (organization customer.com)", RECORD, clock)
    assert len(log) == 4 and clock.now - 100 == 30  # asks at 0, 10, 20, 30 s: no sleep past the timeout
    assert str(raised.value).startswith(
        "customer.com (organization customer.com): not verified after waiting 30 s (4 asks): publish the TXT record"
        " customer.com with the value code-1, then run again (the service's last answer: PUT /api/v1/x/verify/TXT,"
        " HTTP 409: not able to verify)"
    )
    assert "already exists" not in str(raised.value)  # 409 here is "not yet", not the domains' 409
    assert raised.value.as_dict()["record"] == RECORD and raised.value.as_dict()["status"] == 409


def test_other_errors_end_the_wait_and_no_ask_goes_once_the_run_ended():
    def refused():
        raise ProofpointAPIError("PUT", "/x", 403, "not authorized")

    with pytest.raises(ProofpointAPIError, match="403"):
        verify_until(refused, Wait(30, 10), StartedRun(), "x", RECORD, Clock())

    class Gone(StartedRun):
        def gone(self):
            return True

    with pytest.raises(InputError, match="not sent"):
        verify_until(asks([204])[0], Wait(30, 10), Gone(), "x", RECORD, Clock())
    with pytest.raises(InputError, match="wait_interval must be more than 0"):
        check_wait(10, 0)


def test_dkim_keys_are_read_listed_or_wrapped_and_the_record_is_cut_in_255_character_strings():
    listed = [
        {
            "did": 1,
            "selector": "S1",
            "is_valid": "true",
            "public_key": "-----BEGIN PUBLIC KEY-----\nAB\nCD\n-----END PUBLIC KEY-----",
        }
    ]
    assert (
        parse_keys(listed)
        == parse_keys({"keys": listed})
        == {"s1": {"selector": "s1", "is_valid": True, "public_key": "ABCD"}}
    )
    assert normalize_public_key("v=DKIM1; k=rsa; p=AB CD") == "ABCD"
    record = dns_record("customer.com", "s1", "A" * 600)
    chunks = value_chunks(record["value"])
    assert record["name"] == "s1._domainkey.customer.com" and "".join(chunks) == record["value"]
    assert [len(chunk) for chunk in chunks] == [255, 255, len(record["value"]) - 510]
    with pytest.raises(AnswerShapeError, match="not a list of keys"):
        parse_keys("none")
