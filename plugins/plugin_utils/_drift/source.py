# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The domain_drift event source's loop: its arguments to a checked client, one request per poll, the
events put on ansible-rulebook's queue.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
A poll that fails for a reason that may pass (a rate limit, a 5xx, a timeout, an answer that is not the
API's) is logged and the next poll tries again; a refusal that polling cannot cure (wrong credentials, no
such partner or org) ends the source with one message.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypedDict

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import SERVICE_ARGUMENT_SPEC
from ansible_collections.proofpoint.essentials.plugins.module_utils._connection import checked_client, given_text
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.calls import domains_path
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    InputError,
    ProofpointAPIError,
    ProofpointEssentialsError,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._http_client import ProofpointClient
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import check_domain_name
from ansible_collections.proofpoint.essentials.plugins.module_utils._orgs.calls import child_orgs_path
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._drift.host_vars_dir import HostVarsDir
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._drift.watch import (
    DriftWatch,
    ListsSnapshot,
    Snapshot,
    org_snapshot,
    partner_snapshot,
)

LOG = logging.getLogger("proofpoint.essentials.domain_drift")

# The source's arguments: the service's (credentials checked by checked_client, with its words), a retry
# being the next poll, and what to watch. Documented in extensions/eda/plugins/event_source/domain_drift.py.
SOURCE_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
    SERVICE_ARGUMENT_SPEC,
    user=dict(SERVICE_ARGUMENT_SPEC["user"], required=False),
    password=dict(SERVICE_ARGUMENT_SPEC["password"], required=False),
    retries=dict(type="int", default=0),
    retry_max_time=dict(type="float", default=0.0),
    partner=dict(type="str"),
    org=dict(type="str"),
    interval=dict(type="float", default=300.0),
    include=dict(type="list", elements="str", default=[]),
    exclude=dict(type="list", elements="str", default=[]),
    initial=dict(type="bool", default=False),
    declared_dir=dict(type="path"),
)
MIN_INTERVAL = 1.0
MAX_INTERVAL = 86400.0
RETRY_AFTER_CAP = 3600.0
# Refusals the next poll would get again: the source ends, saying why.
FINAL_STATUSES = (401, 403, 404)


# ansible-rulebook prints a ruleset's sources, arguments included, at -vv before any source runs: a password
# among them is in its output whatever the source does. The environment is the place for it.
PASSWORD_ARGUMENT_WARNING = (
    'password is given among the source\'s arguments: ansible-rulebook prints them at -vv ("ruleset define"),'
    " so it may be in its log already. Give it as PROOFPOINT_ESSENTIALS_PASSWORD in the environment instead"
    " (an EDA controller credential whose injector sets it); the source goes on with the one given"
)


class Settings(TypedDict):
    """What the source watches and how often."""

    partner: str | None
    org: str | None
    interval: float
    include: list[str]
    exclude: list[str]
    initial: bool
    declared_dir: str | None


class SourceStopped(ProofpointEssentialsError):
    """The source cannot go on: polling again would be refused the same way."""


def _watched(params: Mapping[str, Any]) -> tuple[str | None, str | None]:
    # One of partner (every child org) or org (one org); from the environment as the modules read them.
    partner, org = given_text(params.get("partner")), given_text(params.get("org"))
    if partner and org:
        raise InputError("partner and org are mutually exclusive: watch a partner's orgs or one org")
    if not partner and not org:
        partner = given_text(os.environ.get("PROOFPOINT_ESSENTIALS_PARTNER"))
        org = None if partner else given_text(os.environ.get("PROOFPOINT_ESSENTIALS_ORG"))
    if not partner and not org:
        raise InputError(
            "one of partner or org is required (or PROOFPOINT_ESSENTIALS_PARTNER / PROOFPOINT_ESSENTIALS_ORG)"
        )
    if partner:
        return check_domain_name(partner, "partner"), None
    return None, check_domain_name(org, "org")


def source_settings(args: Mapping[str, Any]) -> tuple[ProofpointClient, Settings]:
    """The client and settings of the source's arguments (or the modules' environment variables), every one
    checked before any request. Raises InputError."""
    given = {name: value for name, value in args.items() if not name.startswith("eda_")}  # the engine's own
    if given.get("password"):
        LOG.warning(PASSWORD_ARGUMENT_WARNING)
    result = ArgumentSpecValidator(SOURCE_ARGUMENT_SPEC).validate(given)
    if result.error_messages:
        raise InputError("; ".join(result.error_messages))
    params = result.validated_parameters
    partner, org = _watched(params)
    if not MIN_INTERVAL <= params["interval"] <= MAX_INTERVAL:
        raise InputError(
            "interval must be between %d and %d seconds, got %r" % (MIN_INTERVAL, MAX_INTERVAL, params["interval"])
        )
    if params["declared_dir"] and not os.path.isdir(params["declared_dir"]):
        raise InputError("declared_dir: %s is not a directory" % params["declared_dir"])
    settings: Settings = {
        "partner": partner,
        "org": org,
        "interval": params["interval"],
        "include": params["include"],
        "exclude": params["exclude"],
        "initial": params["initial"],
        "declared_dir": params["declared_dir"],
    }
    return checked_client(params), settings


class Poller:
    """One poll at a time: the request, the view, the declarations, the events."""

    def __init__(self, client: ProofpointClient, settings: Settings) -> None:
        self.client = client
        self.settings = settings
        self.watch = DriftWatch(settings["partner"], settings["initial"])
        self.declared = HostVarsDir(settings["declared_dir"], LOG.warning) if settings["declared_dir"] else None

    def snapshot(self) -> tuple[Snapshot, ListsSnapshot]:
        """The watched orgs now, and their own sender lists when the partner's listing carries them: one
        request. Raises ProofpointError or AnswerShapeError."""
        settings, client = self.settings, self.client
        if settings["org"]:
            return org_snapshot(settings["org"], client.request("GET", domains_path(settings["org"]))), {}
        body = client.request("GET", child_orgs_path(settings["partner"] or ""))
        previous = self.watch.last or {}
        snapshot, skipped, lists = partner_snapshot(body, settings["include"], settings["exclude"], previous)
        for left_out in skipped:
            LOG.warning("%s is left out of this poll: %s", left_out["org"], left_out["reason"])
        return snapshot, lists

    def poll(self) -> list[dict[str, Any]]:
        """The events of one poll. Raises what ``snapshot`` raises, and InputError for declared_dir."""
        snapshot, lists = self.snapshot()
        problems: list[str] = []
        declared = self.declared.declared(snapshot) if self.declared else None
        events = self.watch.events(snapshot, declared, problems, lists)
        for problem in problems:
            LOG.warning("declared drift of %s", problem)
        return events


def _next_wait(exc: ProofpointEssentialsError, interval: float) -> float:
    """How long until the next poll after a failed one; raises SourceStopped when polling cannot help."""
    status = getattr(exc, "status", None)
    if isinstance(exc, ProofpointAPIError) and status in FINAL_STATUSES:
        raise SourceStopped("the source stops: %s" % exc) from None
    retry_after = getattr(exc, "retry_after", None)
    wait = max(interval, min(retry_after, RETRY_AFTER_CAP)) if retry_after is not None else interval
    LOG.warning("poll failed; the next poll is in %.0f seconds: %s", wait, exc)
    return wait


async def watch(
    queue: asyncio.Queue,
    poller: Poller,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Poll every ``interval`` seconds (from the start of one poll to the next), until cancelled."""
    interval = poller.settings["interval"]
    while True:
        started = clock()
        try:
            events = await asyncio.to_thread(poller.poll)
        except ProofpointEssentialsError as exc:
            wait = _next_wait(exc, interval)
        else:
            for event in events:
                await queue.put(event)
            wait = interval
        await sleep(max(0.0, started + wait - clock()))


async def run_source(queue: asyncio.Queue, args: Mapping[str, Any]) -> None:
    """The event source: its arguments checked, then polls until cancelled; its connections closed on
    the way out, whatever ends it."""
    client, settings = source_settings(args)
    watched = "partner %s" % settings["partner"] if settings["partner"] else "org %s" % settings["org"]
    LOG.info("watching the domains of %s at %s every %.0f seconds", watched, client.base_url, settings["interval"])
    try:
        await watch(queue, Poller(client, settings))
    finally:
        client.session.close()
