# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_sender_list against the emulator over HTTP: another admin's entry, added between the module's
read and its write, is never lost; a removal removes only what it names."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

from conftest import PASSWORD

LISTS = "/api/v1/orgs/customer.com/sender-lists"
# The same lists by another spelling of the address ("." escaped): the fault below holds the module's
# write alone, not the other admin's.
THEIR_LISTS = "/api/v1/orgs/customer%2Ecom/sender-lists"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def another_admin(emulator, method, body=None):
    """The console, say: another client reading or writing the same lists."""
    request = urllib.request.Request(
        emulator.url + THEIR_LISTS,
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Content-Type": "application/json", "X-user": "admin@customer.com", "X-password": PASSWORD},
    )
    with NO_PROXY.open(request, timeout=10) as answer:
        return json.loads(answer.read())


def task(**args):
    return "proofpoint.essentials.proofpoint_sender_list:\n" + "\n".join(
        "  %s: %s" % (key, json.dumps(value)) for key, value in dict(org="customer.com", **args).items()
    )


def test_an_entry_added_by_another_admin_during_the_run_survives(ansible, emulator):
    # The module reads, then its POST is held (as a slow proxy would) while the other admin adds an entry: 6 s,
    # so that even a busy machine sends the other admin's entry within the hold.
    emulator.inject(method="POST", path="/orgs/customer\\.com/sender-lists$", hold_ms=6000, count=1)

    def meanwhile():
        deadline = time.monotonic() + 20
        while not any(r["method"] == "GET" and r["path"] == LISTS for r in emulator.requests()):
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)
        another_admin(emulator, "POST", {"block_list": ["theirs@bad.example"]})

    other = threading.Thread(target=meanwhile)
    other.start()
    outcome = ansible.outcome(task(block=["ours@bad.example"]))
    other.join()
    assert outcome["changed"] is True and outcome["added"] == {"block_list": ["ours@bad.example"]}
    listed = another_admin(emulator, "GET")
    assert sorted(listed["block_list"]) == ["ours@bad.example", "theirs@bad.example"], listed
    logged = {(r["method"], r["path"]): r["time"] for r in emulator.requests()}
    # Theirs landed between the module's read and its write.
    assert logged[("GET", LISTS)] < logged[("POST", THEIR_LISTS)] < logged[("POST", LISTS)], logged


def test_a_removal_removes_only_what_it_names_and_a_rerun_changes_nothing(ansible, emulator):
    another_admin(emulator, "POST", {"block_list": ["ours@bad.example", "theirs@bad.example"]})
    outcome = ansible.outcome(task(block=["OURS@bad.example"], state="absent"))
    assert outcome["removed"] == {"block_list": ["ours@bad.example"]}
    assert outcome["lists"]["block_list"] == ["theirs@bad.example"]
    again = ansible.outcome(task(block=["ours@bad.example"], state="absent"))
    assert again["changed"] is False and PASSWORD not in json.dumps(again)
