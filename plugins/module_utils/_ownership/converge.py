# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A domain's ownership verified, the only place that does it: the code read, then (unless only the record
is wanted) the service asked to verify, again while it answers 409, until the wait runs out.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
``changed`` is true only when this run saw the service refuse (409) and then verify: the service shows no
verified flag, so a domain verified at the first ask may have been verified before (docs/design-decisions.md).
"""

from __future__ import annotations

import time
from typing import TypedDict, cast

from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._ownership.calls import ask_to_verify, read_code
from ansible_collections.proofpoint.essentials.plugins.module_utils._ownership.model import (
    DnsRecord,
    parse_code,
    verification_record,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._waiting import Clock, Wait, verify_until


class VerificationOutcome(TypedDict):
    """The record to publish, and what the verification did: ``verified`` is None when none was asked for
    (``verify: false``, check mode)."""

    changed: bool
    verified: bool | None
    verification_record: DnsRecord
    asks: int
    waited: float
    msg: str


def converge_verification(
    run: OrgRun,
    domain: str,
    method: str,
    verify: bool,
    wait: Wait,
    clock: Clock = time,
) -> VerificationOutcome:
    client = cast(ProofpointClient, run.client)
    record = verification_record(domain, method, parse_code(read_code(client, run.org, domain)))
    outcome: VerificationOutcome = {
        "changed": False,
        "verified": None,
        "verification_record": record,
        "asks": 0,
        "waited": 0.0,
        "msg": "%s: publish the %s record %s" % (domain, record["type"], record["name"]),
    }
    if not verify:
        return outcome
    if run.check_mode:
        outcome["msg"] = "%s: would ask the service to verify it by %s (check mode)" % (domain, method)
        return outcome
    what = "%s (organization %s)" % (domain, run.org)
    done = verify_until(lambda: ask_to_verify(client, run.org, domain, method), wait, run.started, what, record, clock)
    outcome["changed"], outcome["verified"] = done["was_refused"], True
    outcome["asks"], outcome["waited"] = done["asks"], round(done["waited"], 1)
    outcome["msg"] = "%s: verified by %s%s" % (
        domain,
        method,
        " after %d s" % round(done["waited"]) if done["was_refused"] else "",
    )
    return outcome
