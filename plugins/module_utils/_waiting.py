# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Asking the service to verify something published in DNS, again while it answers 409, until a deadline.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Domain ownership and DKIM keys both verify this way: a PUT answered 204 (verified) or 409 (not visible yet).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, Protocol, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    InputError,
    NotVerified,
    ProofpointAPIError,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._started_run import (
    NOT_SENT_AFTER_CANCEL,
    StartedRun,
)

NOT_YET = 409  # the service's "not able to verify": the record is not visible yet


class Clock(Protocol):
    """What the wait needs of time (``time`` itself; a fake one in the unit tests)."""

    def monotonic(self) -> float:
        """Seconds since any fixed point."""

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds``."""


class Wait(NamedTuple):
    """How long to wait for a record to be seen, and how long between two asks (seconds)."""

    timeout: float
    interval: float


class Verified(TypedDict):
    """A verification that succeeded: after how many asks and seconds, and whether a 409 came first (this run
    saw the thing go from not verifiable to verified)."""

    asks: int
    waited: float
    was_refused: bool


def check_wait(timeout: Any, interval: Any) -> Wait:
    """``wait_timeout`` (0 or more) and ``wait_interval`` (more than 0), named when wrong."""
    if timeout is None or timeout < 0:
        raise InputError("wait_timeout must be 0 or more seconds, got %r" % (timeout,))
    if interval is None or interval <= 0:
        raise InputError("wait_interval must be more than 0 seconds, got %r" % (interval,))
    return Wait(float(timeout), float(interval))


def verify_until(
    ask: Callable[[], Any],
    wait: Wait,
    started: StartedRun,
    what: str,
    record: Mapping[str, Any],
    clock: Clock = time,
) -> Verified:
    """``ask`` (one PUT) until it does not answer 409, every ``wait.interval`` seconds for up to
    ``wait.timeout``; then NotVerified naming ``record``. No ask is sent once the run that asked has ended."""
    begun, asks = clock.monotonic(), 0
    while True:
        if started.gone():
            raise InputError("%s: %s" % (what, NOT_SENT_AFTER_CANCEL))
        asks += 1
        try:
            ask()
        except ProofpointAPIError as exc:
            if exc.status != NOT_YET:
                raise
            waited = clock.monotonic() - begun
            if waited + wait.interval > wait.timeout:
                raise NotVerified(what, record, waited, asks, exc) from None
            clock.sleep(wait.interval)
            continue
        return {"asks": asks, "waited": clock.monotonic() - begun, "was_refused": asks > 1}
