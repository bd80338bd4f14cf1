# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""batch_create against the emulator's list POST (207): few requests, and exact per-domain results."""

from __future__ import annotations

import json


def bulk(domains, **options):
    return "proofpoint.essentials.proofpoint_domains: %s" % json.dumps(
        dict({"org": "customer.com", "domains": domains, "batch_create": True}, **options)
    )


def test_a_thousand_creates_in_twelve_requests(ansible, emulator):
    domains = [
        {"name": "b%04d.example.org" % n, "destination": "10.7.%d.%d" % (n // 250, n % 250)} for n in range(1000)
    ]
    outcome = ansible.outcome(bulk(domains))
    assert not outcome.get("failed") and outcome["summary"]["created"] == 1000
    assert outcome["batch"]["landed"] == 1000 and outcome["batch"]["answers"][0] == "100 results: 201 x 100"
    logged = emulator.requests()
    assert [(r["method"], r["status"]) for r in logged] == [("GET", 200)] + [("POST", 207)] * 10 + [("GET", 200)]
    assert len(emulator.domains("customer.com")) == 3 + 1000


def test_what_a_batch_did_not_create_is_created_one_by_one(ansible, emulator):
    # taken.example.net belongs to another org: the batch answers 409 for it, and so does the single POST.
    domains = [{"name": "c%d.example.org" % n, "destination": "10.6.0.%d" % n} for n in range(5)]
    domains.append({"name": "taken.example.net", "destination": "10.6.0.9"})
    emulator.inject(method="POST", path="/domains$", status=503, count=1)  # the first chunk is refused whole
    # One chunk at a time, so "the first chunk" is the first three (the chunks' order is a unit test's concern).
    outcome = ansible.outcome(bulk(domains, batch_size=3, retries=0, concurrency=1))
    assert outcome["failed"] and outcome["summary"] == {
        "created": 5,
        "updated": 0,
        "deleted": 0,
        "unchanged": 0,
        "kept": 0,
        "failed": 1,
        "unknown": 0,
    }
    assert outcome["batch"]["landed"] == 2 and "HTTP 503" in outcome["batch"]["answers"][0]
    assert outcome["batch"]["answers"][1] == "3 results: 201 x 2, 409 x 1"
    failed = [r for r in outcome["results"] if r["action"] == "failed"]
    assert [r["name"] for r in failed] == ["taken.example.net"] and failed[0]["error"]["status"] == 409
    singles = sorted(r["path"].rsplit("/", 1)[1] for r in emulator.requests() if r["path"].endswith(".example.org"))
    assert singles == ["c0.example.org", "c1.example.org", "c2.example.org"]
