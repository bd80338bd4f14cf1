# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client of the collection: session, auth headers, retries and error mapping.

Credentials travel only in the X-user/X-password headers of the session; no exception, message
or log line built here ever includes a header value.
"""

from __future__ import annotations

import email.utils
import random
import time
import traceback
from urllib.parse import quote

from ansible_collections.proofpoint.essentials.plugins.module_utils.domain import (
    canonical_name,
    index_domains,
    normalize_domain,
    parse_domain_list,
    to_payload,
)

try:
    import requests
    from requests.adapters import HTTPAdapter
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

API_PREFIX = "/api/v1"
RETRY_STATUSES = frozenset((429, 500, 502, 503, 504))
BACKOFF_BASE = 0.5
BACKOFF_CAP = 30.0
RETRY_AFTER_CAP = 60.0

STATUS_MEANINGS = {
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

STATUS_HINTS = {
    400: "The service rejected the address or the data; check org and the domain name.",
    401: "Check user and password (options user/password or PROOFPOINT_ESSENTIALS_USER/PROOFPOINT_ESSENTIALS_PASSWORD).",
    403: "The user must be an Organization Admin of this org, on this stack; check org, stack or api_url, and the user's role.",
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
    "dropped": "The connection was closed before an answer arrived.",
    "connection": "Check stack or api_url, proxies (HTTPS_PROXY/NO_PROXY) and the network.",
}


class ProofpointError(Exception):
    """Base of the collection's errors; ``as_dict`` gives a structured ``error`` result."""

    transient = False  # whether the same request may succeed if tried again

    def as_dict(self):
        return {"message": str(self)}


class ProofpointAPIError(ProofpointError):
    """The service answered with an error status."""

    def __init__(self, method, path, status, api_message, attempts=1, retry_after=None):
        self.method = method
        self.path = path
        self.status = status
        self.api_message = api_message
        self.attempts = attempts
        self.retry_after = retry_after
        meaning = STATUS_MEANINGS.get(status, "unexpected status")
        text = "%s %s failed with HTTP %s (%s): %s" % (method, path, status, meaning, api_message or "no message")
        if attempts > 1:
            text += " [after %d attempts]" % attempts
        hint = STATUS_HINTS.get(status)
        super().__init__(text + (". " + hint if hint else ""))

    def with_attempts(self, attempts):
        return ProofpointAPIError(self.method, self.path, self.status, self.api_message, attempts, self.retry_after)

    @property
    def transient(self):
        return self.status in RETRY_STATUSES

    def as_dict(self):
        return {"message": str(self), "method": self.method, "path": self.path, "status": self.status,
                "api_message": self.api_message, "attempts": self.attempts}


class ProofpointConnectionError(ProofpointError):
    """No HTTP answer: DNS, refused, TLS, timeout or a dropped connection."""

    def __init__(self, method, path, host, cause, detail, attempts=1):
        self.method = method
        self.path = path
        self.host = host
        self.cause = cause
        self.detail = detail
        self.attempts = attempts
        text = "%s %s could not be completed: %s error talking to %s (%s)" % (method, path, cause, host, detail)
        if attempts > 1:
            text += " [after %d attempts]" % attempts
        super().__init__(text + ". " + CONNECTION_HINTS[cause])

    def with_attempts(self, attempts):
        return ProofpointConnectionError(self.method, self.path, self.host, self.cause, self.detail, attempts)

    @property
    def transient(self):
        # A name that does not resolve, a refused certificate or a broken proxy do not heal in seconds.
        return self.cause not in ("DNS", "TLS", "proxy")

    def as_dict(self):
        return {"message": str(self), "method": self.method, "path": self.path, "status": None,
                "cause": self.cause, "host": self.host, "attempts": self.attempts}


def base_url_for(api_url=None, stack=None):
    if api_url:
        return api_url.rstrip("/")
    return "https://%s.proofpointessentials.com" % stack


def parse_retry_after(value, now=None):
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


def backoff_delay(attempt, rand=random.random):
    """Exponential backoff with equal jitter: half fixed, half random."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))
    return ceiling / 2 + rand() * ceiling / 2


def _classify(exc):
    if isinstance(exc, requests.exceptions.ProxyError):
        return "proxy"
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS"
    if isinstance(exc, requests.exceptions.Timeout):
        return "timeout"
    text = str(exc)
    if "NameResolution" in text or "Name or service not known" in text or "getaddrinfo" in text or "nodename nor servname" in text:
        return "DNS"
    if "Connection refused" in text or "ConnectionRefused" in text:
        return "refused"
    if "RemoteDisconnected" in text or "Connection aborted" in text or "reset by peer" in text:
        return "dropped"
    return "connection"


def _short_reason(exc):
    # The innermost reason is the readable part of urllib3's nested messages.
    text = str(exc)
    for marker in ("Caused by ", "Failed to establish a new connection: "):
        if marker in text:
            text = text.split(marker, 1)[1]
    return text.strip("()'\"")[:300]


def _api_message(response):
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
    """Talks to ``<base_url>/api/v1``; one pooled session, safe to share between threads."""

    def __init__(self, base_url, user, password, validate_certs=True, ca_path=None, timeout=30.0,
                 retries=3, retry_max_time=120.0, pool_size=8, sleep=time.sleep, clock=time.monotonic):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = max(0, retries)
        self.retry_max_time = retry_max_time
        self._sleep = sleep
        self._clock = clock
        self.session = requests.Session()
        self.session.headers.update({"X-user": user, "X-password": password, "Accept": "application/json"})
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=max(1, pool_size), max_retries=0)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        # Passed with every request: a session-level setting would lose to REQUESTS_CA_BUNDLE /
        # CURL_CA_BUNDLE from the environment, which requests merges in per request.
        self.verify = ca_path or bool(validate_certs)
        if self.verify is False:
            requests.packages.urllib3.disable_warnings()  # the user asked for it explicitly

    @staticmethod
    def domains_path(org, name=None):
        path = "%s/orgs/%s/domains" % (API_PREFIX, quote(org, safe=""))
        return path if name is None else "%s/%s" % (path, quote(name, safe=""))

    def _wait_before_retry(self, attempt, started, retry_after=None):
        """Sleep before the next attempt and return True, or False when no attempt is left."""
        if attempt >= self.retries:
            return False
        delay = backoff_delay(attempt)
        if retry_after is not None:
            delay = min(max(delay, retry_after), RETRY_AFTER_CAP)
        if self._clock() - started + delay > self.retry_max_time:
            return False
        self._sleep(delay)
        return True

    def request(self, method, path, body=None, retry=True):
        """One API call with retries on 429/5xx and transient connection errors.

        Returns the decoded JSON body (or None); raises ProofpointAPIError or
        ProofpointConnectionError. ``retry=False`` makes exactly one attempt.
        """
        started = self._clock()
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self.session.request(method, self.base_url + path, json=body, timeout=self.timeout,
                                                verify=self.verify)
            except requests.exceptions.RequestException as exc:
                error = ProofpointConnectionError(method, path, self.base_url, _classify(exc), _short_reason(exc), attempt)
                if retry and error.transient and self._wait_before_retry(attempt - 1, started):
                    continue
                raise error from None
            if response.status_code < 400:
                if not response.content:
                    return None
                try:
                    return response.json()
                except ValueError:
                    raise ProofpointAPIError(method, path, response.status_code,
                                             "the answer is not JSON: %.200s" % response.text, attempt) from None
            error = ProofpointAPIError(method, path, response.status_code, _api_message(response), attempt,
                                       parse_retry_after(response.headers.get("Retry-After")))
            if retry and error.transient and self._wait_before_retry(attempt - 1, started, error.retry_after):
                continue
            raise error

    # The article's four calls.
    def list_domains(self, org):
        """All domains of the org, normalised and indexed by canonical name."""
        return index_domains(parse_domain_list(self.request("GET", self.domains_path(org))))

    def create_domain(self, org, domain):
        """POST one domain. Not blindly retried: after a transient failure the list is re-read,
        and a domain that now exists as asked counts as created."""
        path = self.domains_path(org, domain["name"])
        started = self._clock()
        attempt = 0
        while True:
            attempt += 1
            try:
                created = self.request("POST", path, to_payload(domain), retry=False)
                return normalize_domain(created) if isinstance(created, dict) and "name" in created else dict(domain)
            except ProofpointError as exc:
                if not exc.transient:
                    raise
                current = self.list_domains(org).get(canonical_name(domain["name"]))
                if current == domain:
                    return current
                if current is not None:
                    # Created meanwhile, but not as asked: report it as the conflict it is.
                    raise ProofpointAPIError("POST", path, 409, "domain exists now, with other settings", attempt) from None
                if not self._wait_before_retry(attempt - 1, started, getattr(exc, "retry_after", None)):
                    raise exc.with_attempts(attempt) from None

    def update_domain(self, org, domain):
        self.request("PUT", self.domains_path(org, domain["name"]), to_payload(domain))

    def delete_domain(self, org, name):
        self.request("DELETE", self.domains_path(org, name))
