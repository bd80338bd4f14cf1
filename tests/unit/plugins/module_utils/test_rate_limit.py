# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils._rate_limit import (
    BACKOFF,
    PROBING_GAIN,
    STEADY_GAIN,
    RateGate,
    is_rate_limit,
)


class FakeTime:
    def __init__(self):
        self.now, self.sleeps = 0.0, []

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def gate_and_time():
    fake = FakeTime()
    return RateGate(lambda: fake.now, fake.sleep), fake


class TokenBucket:
    """The service side, as the emulator implements it: ``rate`` per second, ``burst`` at once."""

    def __init__(self, rate, burst):
        self.rate, self.burst, self.tokens, self.stamp = rate, burst, float(burst), 0.0

    def take(self, now):
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


@pytest.mark.parametrize(
    "status, retry_after, expected",
    [(429, None, True), (429, 1.0, True), (503, 2.0, True), (503, None, False), (500, 1.0, False), (200, None, False)],
)
def test_what_counts_as_a_rate_limit(status, retry_after, expected):
    assert is_rate_limit(status, retry_after) is expected


def test_no_pace_until_the_service_refuses():
    gate, fake = gate_and_time()
    for _request in range(100):
        gate.wait()
        gate.passed()
    assert fake.sleeps == [] and gate.rate is None


def test_the_first_refusal_sets_the_pace_to_what_was_accepted():
    gate, fake = gate_and_time()
    for _request in range(6):
        gate.wait()
        gate.passed()
        fake.now += 0.1
    gate.hold(1.0)
    assert gate.rate == 6.0  # six answers within the last second
    gate.wait()  # the pause
    gate.wait()  # then one slot at the pace
    assert fake.sleeps == [pytest.approx(1.0), pytest.approx(1 / 6.0)]


def test_the_pace_probes_up_then_settles_below_the_measured_rate():
    gate, fake = gate_and_time()
    gate.passed()
    gate.hold(1.0)
    start = gate.rate
    gate.wait()  # the pause ends at 1.0
    for _request in range(10):
        gate.wait()
        fake.now += 0.5  # a slow service: 2 answers per second, whatever the pace
        gate.passed()
    assert gate.rate == pytest.approx(start + 10 * PROBING_GAIN)
    probed = gate.rate
    fake.now += 0.25
    gate.hold(1.0)
    # Answers at 4.5, 5.0, 5.5 and 6.0 fall in the last 2 s: 2 per second were accepted.
    assert gate.rate == pytest.approx(BACKOFF * max(2.0, probed / 2))
    settled = gate.rate
    gate.wait()
    gate.passed()
    assert gate.rate == pytest.approx(settled + STEADY_GAIN)


def test_one_refusal_at_most_halves_the_pace():
    gate, fake = gate_and_time()
    gate.passed()
    gate.hold(1.0)
    gate.wait()
    for _request in range(20):
        gate.wait()
        gate.passed()
    probed = gate.rate
    fake.now += 1.9  # one second of silence: the measured rate is far below the pace
    gate.hold(1.0)
    assert gate.rate == pytest.approx(BACKOFF * probed / 2)


def test_refusals_within_one_pause_lower_the_pace_once():
    gate, _fake = gate_and_time()
    gate.passed()
    gate.hold(1.0)
    first = gate.rate
    gate.hold(2.0)
    gate.hold(1.0)
    assert gate.rate == first


def test_one_pause_holds_every_sender_until_the_longest_retry_after():
    gate, fake = gate_and_time()
    gate.hold(5.0)
    fake.now += 1.0
    gate.hold(6.0)
    gate.wait()
    assert fake.now == pytest.approx(7.0)


@pytest.mark.parametrize("rate", [5, 20, 40])
def test_a_run_settles_just_under_a_token_bucket(rate):
    """1,000 requests, one at a time with 20 ms round trips (at most 50/s), against a service allowing
    ``rate``/s with a burst of a quarter of that."""
    gate, fake = gate_and_time()
    bucket = TokenBucket(rate, max(1, rate // 4))
    accepted = refused = 0
    while accepted < 1000:
        gate.wait()
        allowed = bucket.take(fake.now)
        fake.now += 0.02
        if allowed:
            accepted += 1
            gate.passed()
        else:
            refused += 1
            gate.hold(1.0)
    assert fake.now < 1.2 * 1000 / rate
    assert refused < 20  # a client probing the limit on each request would be refused hundreds of times
