# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Convergence after races and lost answers, each HTTP exchange scripted."""

from __future__ import annotations

import pytest
import requests

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.calls import read_domains
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.converge import converge
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import check_request, plan_domain
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    ProofpointAPIError,
    WriteOutcomeUnknown,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import (
    PASSWORD,
    ScriptedSession,
    answer,
    domain,
)

ORG = "customer.com"
WANTED = domain("x.example.org")
CREATE = {"name": "x.example.org", "destination": "10.0.0.1"}


def listing(*domains):
    return answer(200, {"domains": list(domains)})


def run(current, params, script, retries=3):
    sleeps = []
    client = ProofpointClient(
        "https://us1.example.test",
        "admin@customer.com",
        PASSWORD,
        retries=retries,
        sleep=sleeps.append,
        clock=lambda: sum(sleeps),
    )
    client.session = ScriptedSession(script)
    request = check_request(params, ORG)
    outcome = converge(client, ORG, request, plan_domain(current, request))
    return client.session, outcome, sleeps


def test_409_and_created_as_asked_meanwhile_is_success_but_not_our_create():
    # Another client created it: the declared state holds, and this run changed nothing.
    session, outcome, _sleeps = run(None, CREATE, [answer(409, {"message": "exists"}), listing(WANTED)])
    assert outcome == {"action": "unchanged", "domain": WANTED}
    assert session.methods == ["POST", "GET"]


def test_409_and_created_otherwise_meanwhile_is_converged_with_a_put():
    seen = dict(WANTED, destination="10.9.9.9", is_active=True)
    session, outcome, _sleeps = run(None, CREATE, [answer(409), listing(seen), answer(204)])
    assert session.methods == ["POST", "GET", "PUT"]
    assert outcome == {"action": "updated", "domain": dict(seen, destination="10.0.0.1")}
    assert session.calls[2][2] == dict(seen, destination="10.0.0.1")


def test_409_for_a_domain_of_another_org_stands():
    with pytest.raises(ProofpointAPIError) as info:
        run(None, CREATE, [answer(409, {"message": "on the platform"}), listing()])
    assert info.value.status == 409 and "on the platform" in str(info.value)


def test_delete_of_a_domain_deleted_meanwhile_is_success_but_not_our_delete():
    session, outcome, _sleeps = run(WANTED, {"name": "x.example.org", "state": "absent"}, [answer(400), listing()])
    assert outcome == {"action": "unchanged", "domain": None} and session.methods == ["DELETE", "GET"]


def test_update_of_a_domain_deleted_meanwhile_recreates_it():
    session, outcome, _sleeps = run(
        WANTED,
        {"name": "x.example.org", "destination": "10.0.0.2"},
        [answer(404), listing(), answer(201, dict(WANTED, destination="10.0.0.2"))],
    )
    assert session.methods == ["PUT", "GET", "POST"]
    assert outcome["action"] == "created" and outcome["domain"]["destination"] == "10.0.0.2"


def test_only_one_change_of_course():
    # POST -> 409 (exists otherwise) -> PUT -> 404 (gone again): the PUT's error is reported, no loop.
    seen = dict(WANTED, destination="10.9.9.9")
    with pytest.raises(ProofpointAPIError) as info:
        run(None, CREATE, [answer(409), listing(seen), answer(404, {"message": "gone"}), listing()])
    assert info.value.method == "PUT" and info.value.status == 404


def test_other_errors_are_not_second_guessed():
    with pytest.raises(ProofpointAPIError):
        run(WANTED, {"name": "x.example.org", "destination": "10.0.0.2"}, [answer(422)])


def test_post_is_not_resent_when_the_lost_answer_was_a_success():
    session, outcome, sleeps = run(None, CREATE, [requests.exceptions.ReadTimeout("timed out"), listing(WANTED)])
    assert outcome == {"action": "created", "domain": WANTED}
    assert session.methods == ["POST", "GET"] and sleeps == []


def test_post_is_sent_again_after_backoff_when_the_reread_does_not_show_it():
    session, outcome, sleeps = run(None, CREATE, [answer(503), listing(), answer(201, WANTED)])
    assert outcome == {"action": "created", "domain": WANTED}
    assert session.methods == ["POST", "GET", "POST"] and len(sleeps) == 1


def test_post_found_with_other_settings_is_converged_with_a_put():
    other = dict(WANTED, destination="10.9.9.9")
    session, outcome, _sleeps = run(None, CREATE, [answer(500), listing(other), answer(204)])
    assert session.methods == ["POST", "GET", "PUT"] and outcome["action"] == "updated"


def test_post_retries_run_out():
    with pytest.raises(ProofpointAPIError) as info:
        run(None, CREATE, [answer(503), listing()] * 2, retries=1)
    assert info.value.attempts == 2 and info.value.status == 503


@pytest.mark.parametrize("body", [{"domains": [WANTED]}, [WANTED], WANTED])
def test_every_list_shape_reads_the_same(body):
    client = ProofpointClient("https://us1.example.test", "u@customer.com", PASSWORD)
    client.session = ScriptedSession([answer(200, body)])
    assert read_domains(client, ORG) == {"x.example.org": WANTED}
    assert client.session.calls[0][1] == "/api/v1/orgs/customer.com/domains"


UPDATE = {"name": "x.example.org", "destination": "10.0.0.2"}
DROPPED = requests.exceptions.ConnectionError(ConnectionResetError(104, "Connection reset by peer"))
REFUSED = requests.exceptions.ConnectionError(ConnectionRefusedError(111, "Connection refused"))


def test_an_update_whose_answer_was_lost_is_read_back_and_reported_as_done():
    session, outcome, _sleeps = run(WANTED, UPDATE, [DROPPED, listing(dict(WANTED, destination="10.0.0.2"))], retries=0)
    assert outcome == {"action": "updated", "domain": dict(WANTED, destination="10.0.0.2")}
    assert session.methods == ["PUT", "GET"]


def test_a_lost_answer_that_cannot_be_read_back_is_an_unknown_outcome():
    with pytest.raises(WriteOutcomeUnknown) as info:
        run(WANTED, UPDATE, [DROPPED, REFUSED], retries=0)
    message = str(info.value)
    assert message.startswith("The outcome is unknown: the answer to the write was lost (PUT ")
    assert "may have been carried out; run again to converge" in message
    assert info.value.as_dict()["outcome"] == "unknown"


def test_a_refusal_after_a_lost_answer_does_not_blame_the_url():
    with pytest.raises(WriteOutcomeUnknown) as info:
        run(WANTED, UPDATE, [DROPPED, REFUSED, REFUSED, REFUSED], retries=1)
    message = str(info.value.write_error)
    assert "refused error" in message and "check stack or api_url" not in message
    assert "An earlier attempt was sent and its answer lost" in message


def test_a_create_whose_answer_was_lost_and_whose_retry_met_409_is_ours():
    # The POST timed out and landed late; the re-read did not show it yet, so the POST went again: 409.
    session, outcome, _sleeps = run(
        None,
        CREATE,
        [requests.exceptions.ReadTimeout("timed out"), listing(), answer(409, {"message": "exists"}), listing(WANTED)],
    )
    assert session.methods == ["POST", "GET", "POST", "GET"]
    assert outcome == {"action": "created", "domain": WANTED}


def test_a_delete_whose_answer_was_lost_and_whose_retry_met_400_is_ours():
    session, outcome, _sleeps = run(
        WANTED, {"name": "x.example.org", "state": "absent"}, [DROPPED, answer(400), listing()]
    )
    assert session.methods == ["DELETE", "DELETE", "GET"]
    assert outcome == {"action": "deleted", "domain": None}


def test_a_refusal_after_a_lost_answer_never_gives_the_hint_for_a_bad_name():
    # The domain is still there after a lost DELETE and a 400: the 400 stands, without blaming the name.
    with pytest.raises(ProofpointAPIError) as info:
        run(
            WANTED,
            {"name": "x.example.org", "state": "absent"},
            [DROPPED, answer(400, {"message": "no"}), listing(WANTED)],
        )
    message = str(info.value)
    assert "HTTP 400" in message and "check org and the domain name" not in message
    assert "An earlier attempt was sent and its answer lost" in message
