# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A domain's DKIM selector converged, the only place that does it: one read of the domain's keys, then the
create (with the given private key, or one made here), the removal, or, with ``force``, the replacement of a
key whose public half differs from the given one; then, when asked, the verification.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
A private key goes into the create call's body and nowhere else: never into the outcome, a message or a diff.
A key made here is told to ``keep_secret`` first (the module hides it from every output).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypedDict, cast

from ansible_collections.proofpoint.essentials.plugins.module_utils._dkim.calls import (
    ask_to_verify,
    create_key,
    delete_key,
    dkim_path,
    list_keys,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._dkim.model import (
    DkimKey,
    dns_record,
    generate_private_key,
    normalize_public_key,
    parse_keys,
    public_key_of,
    value_chunks,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError, InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._ownership.model import DnsRecord
from ansible_collections.proofpoint.essentials.plugins.module_utils._started_run import NOT_SENT_AFTER_CANCEL
from ansible_collections.proofpoint.essentials.plugins.module_utils._waiting import Clock, Wait, verify_until


class DkimRequest(TypedDict):
    """What the task asks of one selector."""

    domain: str
    selector: str
    state: str
    private_key: str | None  # checked PEM, or None: a key is made when one is needed
    public_key: str | None  # the given private key's public half (base64), worked out once when it was checked
    force: bool
    verify: bool
    wait: Wait


class DkimOutcome(TypedDict):
    changed: bool
    selector: str
    is_valid: bool | None
    dns_record: DnsRecord | None
    value_chunks: list[str]
    key_differs: bool
    msg: str
    diff: dict[str, Any]


def _view(selector: str, key: DkimKey | None, record: DnsRecord | None) -> dict[str, Any]:
    # What a diff shows of a selector: never key material beyond the public record.
    if key is None and record is None:
        return {}
    return {"selector": selector, "is_valid": key["is_valid"] if key else False, "dns_record": record}


class SelectorRun:
    """One selector's converge: the run, the request, and the key as the service holds it."""

    def __init__(self, run: OrgRun, request: DkimRequest, keep_secret: Callable[[str], None]) -> None:
        self.run, self.request, self.keep_secret = run, request, keep_secret
        self.client = cast(ProofpointClient, run.client)
        self.path = dkim_path(run.org, request["domain"], request["selector"])

    def _write(self, call: Callable[..., Any], *args: Any) -> Any:
        if self.run.started.gone():
            raise InputError("%s: %s" % (self.path, NOT_SENT_AFTER_CANCEL))
        return call(self.client, self.run.org, self.request["domain"], self.request["selector"], *args)

    def _ask_to_verify(self) -> None:
        ask_to_verify(self.client, self.run.org, self.request["domain"], self.request["selector"])

    def _create(self) -> str | None:
        """Create the selector (in check mode, only plan it); the public key when known."""
        pem, public = self.request["private_key"], self.request["public_key"]
        if self.run.check_mode:
            return public
        if pem is None:
            pem = generate_private_key()
            self.keep_secret(pem)
            public = public_key_of(pem)
        answer = self._write(create_key, pem)
        try:
            shown = parse_keys(answer).get(self.request["selector"]) if answer else None
        except AnswerShapeError:  # an answer in no known shape: the key itself says its public half
            shown = None
        return (shown["public_key"] if shown else None) or public

    def converge(self, clock: Clock) -> DkimOutcome:
        request = self.request
        current = parse_keys(list_keys(self.client, self.run.org, request["domain"])).get(request["selector"])
        before = self._record(current["public_key"] if current else None)
        if request["state"] == "absent":
            return self._absent(current, before)
        wanted = request["public_key"]
        differs = bool(current and wanted and normalize_public_key(current["public_key"]) != wanted)
        changed, public, kept = False, current["public_key"] if current else None, current
        if current is None or (differs and request["force"]):
            if current is not None and not self.run.check_mode:
                self._write(delete_key)
            public, changed, kept = self._create(), True, None
        is_valid = kept["is_valid"] if kept else False
        if request["verify"] and not self.run.check_mode:
            record = self._record(public)
            what = "DKIM selector %s of %s (organization %s)" % (request["selector"], request["domain"], self.run.org)
            # verify_until checks that the run is still there before each ask.
            verify_until(self._ask_to_verify, request["wait"], self.run.started, what, record or {}, clock)
            is_valid = True
        return self._outcome(changed, public, is_valid, differs and not request["force"], current, before)

    def _absent(self, current: DkimKey | None, before: DnsRecord | None) -> DkimOutcome:
        if current is not None and not self.run.check_mode:
            self._write(delete_key)
        outcome = self._outcome(current is not None, None, None, False, current, before)
        outcome["diff"]["after"] = {}
        return outcome

    def _record(self, public: str | None) -> DnsRecord | None:
        return dns_record(self.request["domain"], self.request["selector"], public) if public else None

    def _outcome(
        self,
        changed: bool,
        public: str | None,
        is_valid: bool | None,
        differs: bool,
        current: DkimKey | None,
        before: DnsRecord | None,
    ) -> DkimOutcome:
        selector, record = self.request["selector"], self._record(public)
        after_key: DkimKey | None = {"selector": selector, "is_valid": bool(is_valid), "public_key": public}
        return {
            "changed": changed,
            "selector": selector,
            "is_valid": is_valid,
            "dns_record": record,
            "value_chunks": value_chunks(record["value"]) if record else [],
            "key_differs": differs,
            "msg": self._said(changed, differs),
            "diff": {
                "before": _view(selector, current, before),
                "after": _view(selector, after_key, record),
                "before_header": self.path,
                "after_header": self.path,
            },
        }

    def _said(self, changed: bool, differs: bool) -> str:
        request, mode = self.request, " (check mode)" if self.run.check_mode else ""
        if differs:
            return (
                "%s: the service's key of selector %s is not the given private_key's; left as it is (force: true"
                " replaces it)" % (request["domain"], request["selector"])
            )
        verb = {"present": "created", "absent": "removed"}[request["state"]] if changed else "unchanged"
        return "%s: DKIM selector %s %s%s" % (request["domain"], request["selector"], verb, mode)


def converge_dkim(
    run: OrgRun,
    request: DkimRequest,
    keep_secret: Callable[[str], None],
    clock: Clock = time,
) -> DkimOutcome:
    """One read of the domain's keys, then what the request needs (nothing written in check mode)."""
    return SelectorRun(run, request, keep_secret).converge(clock)
