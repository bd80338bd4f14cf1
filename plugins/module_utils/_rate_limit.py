# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How fast one client may send: the shared pause after a rate limit and the pace learned from it.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
The service publishes no rate limit, so the pace is learned from its refusals (429, or 503 with
Retry-After): none until the first one, then the rate the service accepted, raised while it keeps
accepting and lowered at each refusal. Every refusal costs a pause of Retry-After for every sender,
so the pace aims just under the limit instead of probing it often.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

# Seconds of recent answers the accepted rate is measured over.
MEASURE_WINDOW = 2.0
# A shorter stretch between pauses says more about the burst than about the rate.
MIN_MEASURE_SPAN = 0.5
# After the first refusal the pace starts from what was accepted and grows fast (each accepted answer
# adds this many requests/s, so the pace doubles in about a third of a second) until the second one...
PROBING_GAIN = 2.0
# ...then it settles below the measured rate and creeps up slowly (about 0.5% per second at any rate).
STEADY_GAIN = 0.005
BACKOFF = 0.9
MIN_RATE = 0.5


def is_rate_limit(status: int | None, retry_after: float | None) -> bool:
    """A refusal to be waited out: 429, or 503 with Retry-After (the service's "come back later")."""
    return status == 429 or (status == 503 and retry_after is not None)


class RateGate:
    """Every request of one client passes here before it is sent (``wait``) and reports its answer
    (``passed`` or ``hold``). Thread-safe: the bulk module's workers share one gate."""

    def __init__(self, clock: Callable[[], float], sleep: Callable[[float], None]) -> None:
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._resume_at = 0.0
        self._next_slot = 0.0
        self._probing = True
        self._answered: deque[float] = deque()  # when recent answers that were not refused came
        self.rate: float | None = None  # requests/s; None until the service first refuses one

    def wait(self) -> None:
        """Return when this request may go: after any pause, in its turn at the learned rate."""
        while True:
            with self._lock:
                now = self._clock()
                start = max(now, self._resume_at, self._next_slot if self.rate else now)
                if start <= now:
                    if self.rate:
                        self._next_slot = max(now, self._next_slot) + 1.0 / self.rate
                    return
            self._sleep(start - now)

    def passed(self) -> None:
        """The service answered without refusing: the pace may rise."""
        with self._lock:
            now = self._clock()
            self._answered.append(now)
            while self._answered[0] < now - MEASURE_WINDOW:
                self._answered.popleft()
            if self.rate:
                self.rate += PROBING_GAIN if self._probing else STEADY_GAIN

    def hold(self, seconds: float) -> None:
        """Pause every sender for ``seconds``. A refusal that starts a pause (rather than extends one)
        also lowers the pace: one refusal per pause says the pace was too high."""
        with self._lock:
            now = self._clock()
            if now >= self._resume_at:
                self._slow_down(now)
            self._resume_at = max(self._resume_at, now + seconds)
            self._next_slot = self._resume_at  # the pause refills the service's allowance: no slot waits past it

    def _slow_down(self, now: float) -> None:
        since = max(now - MEASURE_WINDOW, self._resume_at)  # not across the last pause: nothing is sent then
        span = now - since
        accepted = sum(1 for stamp in self._answered if stamp >= since)
        if self.rate is None:
            # The first refusal ends the burst the service allows at once; what it accepted in a second
            # or less is where the probe starts, not a measure of the rate.
            self.rate = max(MIN_RATE, accepted / max(span, 1.0))
            return
        measured = accepted / span if span >= MIN_MEASURE_SPAN else self.rate
        self._probing = False
        # A short stretch since the last pause under-measures (the pace was still rising): never cut
        # the pace by more than half at once, as multiplicative decrease does.
        self.rate = max(MIN_RATE, BACKOFF * max(min(self.rate, measured), self.rate / 2))
