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
from ansible_collections.proofpoint.essentials.plugins.module_utils._rate_limit import RateGate, is_rate_limit

API_PREFIX = "/api/v1"
RETRY_STATUSES = frozenset((429, 500, 502, 503, 504))
BACKOFF_BASE = 0.5
BACKOFF_CAP = 30.0
RETRY_AFTER_CAP = 60.0

STATUS_MEANINGS = {
    301: "moved permanently",
    302: "found elsewhere",
    303: "see other",
    307: "temporary redirect",
    308: "permanent redirect",
    400: "bad request",
    401: "invalid credentials",
    403: "not authorized",
    404: "not found",
    409: "resource already exists",
    422: "invalid request data",
    429: "too many requests",
    500: "internal server error",
    502: "bad gateway",
    503: "service unavailable",
    504: "gateway timeout",
}

# The X-user/X-password headers would travel with a followed redirect, to whatever host it names.
REDIRECT_HINT = (
    "No redirect is followed: the credentials are sent only to api_url's host. Is api_url the root of the API "
    "(https://<stack>.proofpointessentials.com)?"
)
STATUS_HINTS = {
    400: "The service rejected the address or the data; check org and the domain name.",
    401: "Check user and password (options user/password, or PROOFPOINT_ESSENTIALS_USER and "
    "PROOFPOINT_ESSENTIALS_PASSWORD).",
    403: "The user must be an Organization Admin of this org, on this stack (a Channel Admin for a partner's "
    "child orgs); check org, stack or api_url, and the user's role.",
    409: "The domain already exists on the Essentials platform, possibly in another organization.",
    422: "The service refused the domain's data; check destination, failovers and the booleans.",
    429: "The service is rate limiting; retries were exhausted. Raise retries/retry_max_time or lower concurrency.",
    500: "The service failed; retries were exhausted. Try again later.",
    502: "A gateway failed; retries were exhausted. Try again later.",
    503: "The service is unavailable; retries were exhausted. Try again later.",
    504: "A gateway timed out; retries were exhausted. Try again later.",
}

CONNECTION_HINTS = {
    "DNS": "The host name does not resolve; check stack or api_url.",
    "refused": "Nothing accepts connections there; check stack or api_url (scheme and port).",
    "TLS": "The certificate was not accepted; set ca_path to your CA bundle (internal CA or TLS-inspecting proxy), "
    "or validate_certs: false for a test system only.",
    "timeout": "No answer within timeout seconds; raise timeout, or check proxies (HTTPS_PROXY/NO_PROXY).",
    "proxy": "The proxy from HTTPS_PROXY/HTTP_PROXY failed; check it, or exclude the host with NO_PROXY.",
    "dropped": "The connection was closed after the request was sent, before an answer arrived: the service may "
    "have carried it out.",
    "connection": "Check stack or api_url, proxies (HTTPS_PROXY/NO_PROXY) and the network.",
}


# After an attempt whose answer was lost, the last attempt's cause is not the whole story.
LOST_ANSWER_HINT = (
    "An earlier attempt was sent and its answer lost, so the service may have carried it out before it stopped "
    "answering; run again to converge."
)


class ProofpointError(Exception):
    """Base of the collection's transport errors; ``as_dict`` gives a structured ``error`` result."""

    transient = False  # whether the same request may succeed if tried again
    retry_after: float | None = None
    # Whether an attempt reached the service without its answer coming back: a write may have happened.
    lost_answer = False

    def as_dict(self) -> dict[str, Any]:
        return {"message": str(self)}

    def with_attempts(self, attempts: int, earlier_lost: bool = False) -> ProofpointError:
        raise NotImplementedError


class ProofpointAPIError(ProofpointError):
    """The service answered with an error status."""

    def __init__(
        self,
        method: str,
        path: str,
        status: int,
        api_message: str | None,
        attempts: int = 1,
        retry_after: float | None = None,
        earlier_lost: bool = False,
    ) -> None:
        self.method, self.path, self.status = method, path, status
        self.lost_answer = earlier_lost
        self.api_message, self.attempts, self.retry_after = api_message, attempts, retry_after
        meaning = STATUS_MEANINGS.get(status, "redirect" if 300 <= status < 400 else "unexpected status")
        said = api_message or "no message"
        # The service's own words often start with the meaning ("invalid credentials: ..."): say it once.
        status_text = str(status) if said.lower().startswith(meaning) else "%s (%s)" % (status, meaning)
        text = "%s %s failed with HTTP %s: %s" % (method, path, status_text, said)
        if attempts > 1:
            text += " [after %d attempts]" % attempts
        hint = _api_hint(status, self.lost_answer)
        super().__init__(text.rstrip(".") + (". " + hint if hint else ""))

    def with_attempts(self, attempts: int, earlier_lost: bool = False) -> ProofpointAPIError:
        return ProofpointAPIError(
            self.method, self.path, self.status, self.api_message, attempts, self.retry_after, earlier_lost
        )

    @property
    def transient(self) -> bool:  # type: ignore[override]
        return self.status in RETRY_STATUSES

    def as_dict(self) -> dict[str, Any]:
        return {
            "message": str(self),
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "api_message": self.api_message,
            "attempts": self.attempts,
        }


def _api_hint(status: int, earlier_lost: bool) -> str | None:
    if 300 <= status < 400:
        return REDIRECT_HINT
    if earlier_lost and status < 500 and status not in (401, 403, 429):
        # A refusal of the retry may be the first attempt's doing: blaming a name would send the user astray.
        return LOST_ANSWER_HINT
    return STATUS_HINTS.get(status)


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


class ProofpointConnectionError(ProofpointError):
    """No HTTP answer: DNS, refused, TLS, timeout, proxy or a dropped connection."""

    def __init__(
        self, method: str, path: str, host: str, cause: str, detail: str, attempts: int = 1, earlier_lost: bool = False
    ) -> None:
        self.method, self.path, self.host = method, path, host
        self.cause, self.detail, self.attempts = cause, detail, attempts
        # A timeout or a dropped connection happen after the request went out; a refusal or DNS before.
        self.lost_answer = earlier_lost or cause in ("timeout", "dropped")
        text = "%s %s could not be completed: %s error talking to %s: %s" % (method, path, cause, host, detail)
        if attempts > 1:
            text += " [after %d attempts]" % attempts
        # Blaming stack or api_url after the service took an earlier attempt would send the user the wrong way.
        hint = LOST_ANSWER_HINT if earlier_lost and cause not in ("timeout", "dropped") else CONNECTION_HINTS[cause]
        super().__init__(text.rstrip(".") + ". " + hint)

    def with_attempts(self, attempts: int, earlier_lost: bool = False) -> ProofpointConnectionError:
        return ProofpointConnectionError(
            self.method, self.path, self.host, self.cause, self.detail, attempts, earlier_lost or self.lost_answer
        )

    @property
    def transient(self) -> bool:  # type: ignore[override]
        # A name that does not resolve, a refused certificate or a broken proxy do not heal in seconds.
        return self.cause not in ("DNS", "TLS", "proxy")

    def as_dict(self) -> dict[str, Any]:
        return {
            "message": str(self),
            "method": self.method,
            "path": self.path,
            "status": None,
            "cause": self.cause,
            "host": self.host,
            "attempts": self.attempts,
        }


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

    @staticmethod
    def domains_path(org: str, name: str | None = None) -> str:
        path = "%s/orgs/%s/domains" % (API_PREFIX, quote(org, safe=""))
        return path if name is None else "%s/%s" % (path, quote(name, safe=""))

    @staticmethod
    def child_orgs_path(partner: str) -> str:
        return "%s/orgs/%s/orgs" % (API_PREFIX, quote(partner, safe=""))

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
