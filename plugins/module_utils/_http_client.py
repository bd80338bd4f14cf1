# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client of the collection: session, auth headers, retries and error mapping.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
It knows the API's paths, its status codes and JSON; what a domain is and how to compare one is
_domain's, how to converge one _converge's. Credentials travel only in the
X-user/X-password headers of the session; no exception, message or log line built here ever
includes a header value.
"""

from __future__ import annotations

import email.utils
import os
import random
import ssl
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

try:
    import requests
    import urllib3
    from urllib3 import exceptions as urllib3_errors
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR: str | None = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

from ansible_collections.proofpoint.essentials.plugins.module_utils._deadline import DeadlineAdapter, deadline
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    ProofpointAPIError,
    ProofpointConnectionError,
    ProofpointError,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._rate_limit import RateGate, is_rate_limit

API_PREFIX = "/api/v1"
BACKOFF_BASE = 0.5
BACKOFF_CAP = 30.0
RETRY_AFTER_CAP = 60.0


def _redirect_message(location: str | None) -> str:
    """What a 3xx said, with any user:password of its Location left out."""
    if not location:
        return "redirected, with no Location"
    try:
        parts = urlsplit(location)
        netloc = parts.netloc.rpartition("@")[2]
        shown = urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    except ValueError:
        shown = "an address that cannot be parsed"
    return "redirected to %.200s" % shown


def api_path(*segments: str) -> str:
    """The path of an API call: each segment quoted (a name holding "/" or "?" stays one segment). Which
    segments make which resource is each resource's calls module's to say."""
    return API_PREFIX + "".join("/" + quote(segment, safe="") for segment in segments)


def base_url_for(api_url: str | None = None, stack: str | None = None) -> str:
    if api_url:
        return api_url.rstrip("/")
    return "https://%s.proofpointessentials.com" % stack


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def backoff_delay(attempt: int, rand: Callable[[], float] = random.random) -> float:
    """Exponential backoff with equal jitter: half fixed, half random."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2**attempt))
    return ceiling / 2 + rand() * ceiling / 2


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and everything nested in it: requests wraps urllib3, which wraps socket errors."""
    seen: set[int] = set()
    stack = [exc]
    while stack:
        current = stack.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        nested = [getattr(current, "reason", None), current.__cause__, current.__context__]
        nested += [arg for arg in getattr(current, "args", ()) if isinstance(arg, BaseException)]
        stack.extend(item for item in nested if isinstance(item, BaseException))


# In order: the first class found anywhere in the chain decides the cause.
_CAUSES_BY_CLASS: list[tuple[str, tuple[type, ...]]] = []
if HAS_REQUESTS:
    _CAUSES_BY_CLASS = [
        ("proxy", (requests.exceptions.ProxyError, urllib3_errors.ProxyError)),
        ("TLS", (requests.exceptions.SSLError, ssl.SSLError)),
        ("DNS", (urllib3_errors.NameResolutionError,)),
        ("refused", (ConnectionRefusedError,)),
        # Not urllib3's ConnectTimeoutError: its NewConnectionError (any failed connect) derives from it.
        ("timeout", (requests.exceptions.Timeout, urllib3_errors.ReadTimeoutError, TimeoutError)),
        ("dropped", (ConnectionResetError, ConnectionAbortedError, urllib3_errors.ProtocolError)),
    ]


def classify(exc: BaseException) -> tuple[str, str]:
    """The cause (a key of CONNECTION_HINTS) and a readable detail of a failed connection."""
    chain = list(_causes(exc))
    for cause, classes in _CAUSES_BY_CLASS:
        for inner in chain:
            if isinstance(inner, classes):
                return cause, _detail(inner, chain)
    return "connection", _detail(chain[-1], chain)


def _detail(decisive: BaseException, chain: list[BaseException]) -> str:
    # The innermost exception with a message reads best; urllib3's outer ones repeat pool internals.
    for inner in reversed(chain):
        text = str(inner).strip()
        if text and "Pool(" not in text and "Max retries exceeded" not in text:
            return "%s: %s" % (type(inner).__name__, text[:300])
    return type(decisive).__name__


def _api_message(response: Any) -> str:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        for key in ("message", "error", "detail"):
            if body.get(key):
                return str(body[key])
    text = (response.text or "").strip()
    return text[:500] if text else response.reason


class ProofpointClient:
    """Talks to ``<base_url>/api/v1`` over one pooled session."""

    def __init__(
        self,
        base_url: str,
        user: str,
        password: str,
        validate_certs: bool = True,
        ca_path: str | None = None,
        timeout: float = 30.0,
        retries: int = 3,
        retry_max_time: float = 120.0,
        pool_size: int = 8,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.user = user  # named in messages: which account the service refused
        self.timeout = timeout
        self.retries = max(0, retries)
        self.retry_max_time = retry_max_time
        self._sleep = sleep
        self._clock = clock
        self.gate = RateGate(clock, sleep)
        self.session = requests.Session()
        self.session.headers.update({"X-user": user, "X-password": password, "Accept": "application/json"})
        adapter = DeadlineAdapter(pool_connections=1, pool_maxsize=max(1, pool_size), max_retries=0)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        # What requests would read from the environment for every request (proxies with NO_PROXY, a CA
        # bundle, ~/.netrc), read once: at 1,000 writes it was a quarter of the client's CPU per request.
        # The credentials are headers, so ~/.netrc is never wanted.
        self.session.trust_env = False
        self.session.proxies.update(requests.utils.get_environ_proxies(self.base_url))
        self.verify: Any = ca_path or bool(validate_certs)
        if self.verify is True:
            self.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        if self.verify is False:
            urllib3.disable_warnings()  # the user asked for it explicitly

    def now(self) -> float:
        """The client's monotonic clock, which bounds retries (replaceable in tests)."""
        return self._clock()

    def retry_pause(self, attempt: int, started: float, retry_after: float | None = None) -> bool:
        """Sleep before attempt ``attempt + 1`` and return True, or False when no attempt is left.

        ``retries`` bounds the attempts; ``retry_max_time`` bounds the time since ``started``
        (attempts and waits together): a wait that would end past it is not started.
        """
        if attempt >= self.retries:
            return False
        delay = backoff_delay(attempt)
        if retry_after is not None:
            delay = min(max(delay, retry_after), RETRY_AFTER_CAP)
        if self._clock() - started + delay > self.retry_max_time:
            return False
        self._sleep(delay)
        return True

    def _send(self, method: str, path: str, body: Any, attempt: int) -> Any:
        """One attempt, ended within ``timeout``: the decoded JSON body (or None), or a ProofpointError raised."""
        with deadline(self.timeout) as watched:
            try:
                response = self.session.request(
                    method,
                    self.base_url + path,
                    json=body,
                    timeout=self.timeout,
                    verify=self.verify,
                    allow_redirects=False,
                )
            except requests.exceptions.RequestException as exc:
                cause, detail = classify(exc)
                if watched.expired:
                    cause, detail = "timeout", "no complete answer within %s seconds" % self.timeout
                raise ProofpointConnectionError(method, path, self.base_url, cause, detail, attempt) from None
        if 300 <= response.status_code < 400:
            message = _redirect_message(response.headers.get("Location"))
            raise ProofpointAPIError(method, path, response.status_code, message, attempt)
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if not is_rate_limit(response.status_code, retry_after):
            self.gate.passed()
        if response.status_code >= 400:
            raise ProofpointAPIError(method, path, response.status_code, _api_message(response), attempt, retry_after)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            message = "the answer is not JSON: %.200s" % response.text
            if response.text.lstrip()[:1] == "<":
                # A login page or a proxy's page answers 200 where the API would answer JSON.
                message += " (an HTML page, not the API: is api_url the root of the API, %s?)" % self.base_url
            raise ProofpointAPIError(method, path, response.status_code, message, attempt) from None

    def _paced(self, error: ProofpointError, limited: int, started: float) -> bool:
        """Whether a rate limit paused every sender and the request may go again. It spends no retry:
        the request was refused, not lost, so even a POST may be sent again. Bounded by retry_max_time."""
        if not is_rate_limit(getattr(error, "status", None), error.retry_after):
            return False
        wait = min(error.retry_after if error.retry_after is not None else backoff_delay(limited), RETRY_AFTER_CAP)
        if self._clock() - started + wait > self.retry_max_time:
            return False
        self.gate.hold(wait)
        return True

    def request(self, method: str, path: str, body: Any = None, retry: bool = True) -> Any:
        """One API call, retried on 429/5xx and transient connection errors unless ``retry`` is False.

        Rate limits (429, 503 with Retry-After) pause the whole client and are waited out even with
        ``retry`` False. Returns the decoded JSON body (or None); raises ProofpointAPIError or
        ProofpointConnectionError.
        """
        started = self._clock()
        attempt = limited = 0
        lost = False  # whether an attempt so far went out and its answer never came
        while True:
            self.gate.wait()
            attempt += 1
            try:
                return self._send(method, path, body, attempt)
            except ProofpointError as error:
                if self._paced(error, limited, started):
                    limited += 1
                    continue
                retries_spent = attempt - 1 - limited
                if not (retry and error.transient and self.retry_pause(retries_spent, started, error.retry_after)):
                    if lost and not error.lost_answer:
                        raise error.with_attempts(attempt, earlier_lost=True) from None
                    raise
                lost = lost or error.lost_answer
