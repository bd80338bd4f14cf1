# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One owner's sender lists converged, the only place that does it: one read, then at most one write per
kind of change.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Additions are POSTed and removals DELETEd (so an entry another admin adds between the read and the write
is never lost); only ``exclusive`` replaces a list, with one PATCH.
"""

from __future__ import annotations

from typing import Any, TypedDict, cast

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    AnswerShapeError,
    InputError,
    ProofpointAPIError,
    RefusedWrite,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.module_utils._org_run import OrgRun
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.calls import (
    read_lists,
    write_lists,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._sender_lists.model import (
    Lists,
    SenderListPlan,
    SenderListRequest,
    parse_lists,
    plan_lines,
    plan_lists,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._started_run import NOT_SENT_AFTER_CANCEL


class SenderListOutcome(TypedDict):
    """What converging one owner's lists did (in check mode, would do)."""

    changed: bool
    added: Lists
    removed: Lists
    lists: Lists  # both lists as they now are (in check mode, would be)
    plan: list[str]
    diff: dict[str, Any]


def _write_of(plan: SenderListPlan) -> tuple[str, Lists] | None:
    # The plan's one write: a PATCH of the lists an exclusive task replaces, a POST of the additions, or a
    # DELETE of the removals (a plan never holds two kinds).
    for method, lists in (("PATCH", plan["replace"]), ("POST", plan["add"]), ("DELETE", plan["remove"])):
        if lists:
            return method, lists
    return None


def _written(client: ProofpointClient, method: str, path: str, lists: Lists) -> Lists | None:
    """The write, and the lists its answer shows (None when it shows none)."""
    try:
        answer = write_lists(client, method, path, lists)
    except ProofpointAPIError as exc:
        if method == "DELETE" and exc.status in (400, 404, 405, 415, 422):
            raise RefusedWrite(
                "removing sender list entries was refused (the body of this DELETE is not documented: the"
                " collection sends the POST's shape, the lists by name); remove them in the console, or with"
                " exclusive: true (one PATCH of the whole list)",
                exc,
            ) from None
        raise
    try:
        return parse_lists(answer) if answer else None
    except AnswerShapeError:  # an answer in no shape known: the plan says what the lists became
        return None


def converge_sender_lists(
    run: OrgRun, path: str, request: SenderListRequest, current: Lists | None = None
) -> SenderListOutcome:
    """Read the owner's lists at ``path`` once (unless ``current`` holds them: the partner's listing), plan,
    write what differs (nothing in check mode)."""
    client = cast(ProofpointClient, run.client)
    plan = plan_lists(read_lists(client, path) if current is None else current, request)
    after: Lists = plan["after"]
    write = _write_of(plan)
    if write and not run.check_mode:
        if run.started.gone():
            raise InputError("%s: %s" % (path, NOT_SENT_AFTER_CANCEL))
        after = _written(client, write[0], path, write[1]) or after
    return {
        "changed": write is not None,
        "added": plan["add"],
        "removed": plan["remove"],
        "lists": after,
        "plan": plan_lines(plan),
        "diff": {"before": plan["before"], "after": plan["after"], "before_header": path, "after_header": path},
    }
