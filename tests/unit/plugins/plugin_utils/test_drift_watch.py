# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The event source's decisions: views, live changes, declared drift and the events, without I/O."""

from __future__ import annotations

import json

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.bulk import check_requests
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._drift.watch import (
    DriftWatch,
    declared_drift,
    live_changes,
    org_snapshot,
    partner_snapshot,
)


def domain(name, destination="mx.a.example", **fields):
    return dict(
        {"name": name, "destination": destination, "failovers": [], "is_active": True, "is_relay": False}, **fields
    )


def view(*domains):
    return {item["name"]: item for item in domains}


def declared(org, items, exclusive=False, sender_lists=None):
    requests = check_requests(items, org, exclusive, concurrency=1)
    return {"requests": requests, "exclusive": exclusive, "sender_lists": sender_lists}


def listing(**orgs):
    return [{"primary_domain": org, "domains": domains} for org, domains in orgs.items()]


def test_partner_snapshot_normalises_and_filters():
    body = {
        "orgs": listing(**{"A.example": [domain("A.example"), domain("www.a.example")], "b.test": [domain("b.test")]})
    }
    snapshot, skipped, _lists = partner_snapshot(body, [], ["*.test"], {})
    assert list(snapshot) == ["a.example"] and sorted(snapshot["a.example"]) == ["a.example", "www.a.example"]
    assert skipped == []


def test_an_org_whose_data_cannot_be_used_keeps_its_previous_view():
    previous = {"a.example": view(domain("a.example"))}
    body = listing(**{"a.example": [domain("a.example"), domain("A.example.")]})  # two domains that are one
    snapshot, skipped, _lists = partner_snapshot(body, [], [], previous)
    assert snapshot == previous and skipped[0]["org"] == "a.example"


def test_org_snapshot_reads_a_domain_list():
    assert org_snapshot("a.example", [domain("A.example")]) == {"a.example": view(domain("a.example"))}
    with pytest.raises(AnswerShapeError):
        org_snapshot("a.example", "<html>login</html>")


def test_live_changes_name_domains_and_fields():
    before = view(domain("a.example"), domain("old.a.example"), domain("www.a.example"))
    now = view(
        domain("a.example", "mx2.a.example", failovers=["10.0.0.1"]), domain("new.a.example"), domain("www.a.example")
    )
    assert live_changes(before, now) == {
        "added": ["new.a.example"],
        "removed": ["old.a.example"],
        "changed": [{"name": "a.example", "fields": ["destination", "failovers"]}],
    }
    assert live_changes(now, dict(now)) is None


def test_declared_drift_is_what_a_converge_would_do():
    live = view(domain("a.example"), domain("extra.a.example"), domain("www.a.example", is_active=False))
    items = [
        {"name": "www.a.example", "is_active": True},
        {"name": "new.a.example", "destination": "mx.a.example"},
        {"name": "gone.a.example", "state": "absent"},
    ]
    assert declared_drift("a.example", declared("a.example", items), live) == {
        "create": ["new.a.example"],
        "update": [{"name": "www.a.example", "fields": ["is_active"]}],
        "delete": [],
    }
    exclusive = declared("a.example", items, exclusive=True)
    assert declared_drift("a.example", exclusive, live)["delete"] == ["extra.a.example"]
    in_sync = declared("a.example", [{"name": "www.a.example", "is_active": False}])
    assert declared_drift("a.example", in_sync, live) is None


def test_first_poll_sends_nothing_unless_initial():
    snapshot = {"a.example": view(domain("a.example"))}
    assert DriftWatch("p.example", initial=False).events(snapshot, None, []) == []
    events = DriftWatch("p.example", initial=True).events(snapshot, None, [])
    assert events == [
        {
            "proofpoint": {
                "org": "a.example",
                "partner": "p.example",
                "added": ["a.example"],
                "removed": [],
                "changed": [],
                "domains_now": 1,
            },
            "meta": {"hosts": "a.example"},
        }
    ]


def test_a_change_gives_one_event_and_an_unchanged_poll_none():
    watch = DriftWatch("p.example", initial=False)
    watch.events({"a.example": view(domain("a.example")), "b.example": view(domain("b.example"))}, None, [])
    changed = {"a.example": view(domain("a.example", "mx9.a.example")), "b.example": view(domain("b.example"))}
    events = watch.events(changed, None, [])
    assert [event["meta"]["hosts"] for event in events] == ["a.example"]
    assert events[0]["proofpoint"]["changed"] == [{"name": "a.example", "fields": ["destination"]}]
    assert watch.events(json.loads(json.dumps(changed)), None, []) == []


def test_orgs_that_appear_or_disappear_are_events():
    watch = DriftWatch("p.example", initial=False)
    watch.events({"a.example": view(domain("a.example"))}, None, [])
    events = watch.events({"b.example": view(domain("b.example"))}, None, [])
    by_org = {event["proofpoint"]["org"]: event["proofpoint"] for event in events}
    assert by_org["a.example"]["removed"] == ["a.example"] and by_org["a.example"]["domains_now"] == 0
    assert by_org["b.example"]["added"] == ["b.example"]


def test_declared_drift_is_sent_once_until_it_changes():
    watch = DriftWatch("p.example", initial=False)
    wanted = {"a.example": declared("a.example", [{"name": "a.example", "destination": "mx.a.example"}])}
    drifted = {"a.example": view(domain("a.example", "mx2.a.example", is_active=False))}
    first = watch.events(drifted, wanted, [])  # drift is sent at the first poll: it is a state, not a change
    assert first[0]["proofpoint"]["drifted"] is True and first[0]["proofpoint"]["declared"] is True
    assert first[0]["proofpoint"]["drift"]["update"] == [{"name": "a.example", "fields": ["destination"]}]
    assert watch.events(drifted, wanted, []) == []
    # The declaration changed (its file was edited), the live domains did not: the new drift is sent.
    stricter = {
        "a.example": declared("a.example", [{"name": "a.example", "destination": "mx.a.example", "is_active": True}])
    }
    again = watch.events(drifted, stricter, [])
    assert again[0]["proofpoint"]["drift"]["update"][0]["fields"] == ["is_active", "destination"]
    assert again[0]["proofpoint"]["added"] == again[0]["proofpoint"]["changed"] == []
    healed = watch.events({"a.example": view(domain("a.example"))}, wanted, [])
    assert healed[0]["proofpoint"]["drifted"] is False and healed[0]["proofpoint"]["drift"] is None
    # The same drift again, after the heal: sent again.
    assert watch.events(drifted, wanted, [])[0]["proofpoint"]["drifted"] is True


def test_an_undeclared_org_has_no_drift_and_a_bad_declaration_is_a_problem():
    watch = DriftWatch("p.example", initial=False)
    wanted = {"b.example": declared("b.example", [{"name": "new.b.example"}])}  # no destination to create it
    first = []
    watch.events({"a.example": view(domain("a.example")), "b.example": view(domain("b.example"))}, wanted, first)
    assert len(first) == 1 and "b.example" in first[0] and "destination is required" in first[0]
    problems = []
    events = watch.events(
        {"a.example": view(domain("a.example", "mx2.a.example")), "b.example": view(domain("b.example"))},
        wanted,
        problems,
    )
    assert events[0]["proofpoint"]["declared"] is False and events[0]["proofpoint"]["drifted"] is False
    assert problems == []  # the first poll told it already
    again = []
    watch.events({"b.example": view(domain("b.example"))}, wanted, again)
    assert again == []


def test_an_event_never_carries_a_value_read_from_the_service():
    watch = DriftWatch("p.example", initial=False)
    watch.events({"a.example": view(domain("a.example"))}, None, [])
    template = "{{ lookup('ansible.builtin.pipe', 'id') }}"
    events = watch.events({"a.example": view(domain("a.example", template, failovers=[template]))}, None, [])
    assert events and template not in json.dumps(events)


def test_memory_follows_the_orgs_of_the_last_poll():
    watch = DriftWatch("p.example", initial=False)
    wanted = {
        "org%d.example" % i: declared("org%d.example" % i, [{"name": "org%d.example" % i, "is_relay": True}])
        for i in range(50)
    }
    snapshot = {org: view(domain(org)) for org in wanted}
    assert len(watch.events(snapshot, wanted, [])) == 50
    watch.events({"org0.example": snapshot["org0.example"]}, wanted, [])
    assert list(watch.last) == ["org0.example"] and list(watch._sent_drift) == ["org0.example"]


def test_sender_list_drift_is_sent_in_names_and_counts_and_healed_drift_is_quiet():
    watch = DriftWatch("p.example", initial=False)
    request = {"lists": {"block_list": ["evil@bad.example"]}, "state": "present", "exclusive": True, "max_removals": 0}
    wanted = {"a.example": declared("a.example", [], sender_lists=request)}
    live = {"a.example": view(domain("a.example"))}
    held = {"a.example": {"allow_list": [], "block_list": ["{{ lookup('pipe', 'id') }}@x.example"]}}
    event = watch.events(live, wanted, [], held)[0]["proofpoint"]
    # Exclusive: the entry to add and the service's own to remove, counted (no value of the service's).
    assert event["drifted"] is True and event["drift"] is None
    assert event["sender_lists"] == {"lists": ["block_list"], "add": 1, "remove": 1}
    assert "lookup" not in json.dumps(event)
    assert watch.events(live, wanted, [], held) == []  # sent once
    healed = {"a.example": {"allow_list": [], "block_list": ["EVIL@bad.example"]}}
    assert watch.events(live, wanted, [], healed) == []
    # Without the listing's copy of its lists, no sender list drift is claimed.
    assert DriftWatch("p.example", initial=False).events(live, wanted, [], {}) == []
