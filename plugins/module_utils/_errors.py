# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Everything that can go wrong, under one root, each error knowing how it is shown.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
``ProofpointEssentialsError`` is the root: what the collection itself refuses (``ValidationError``: the
user's input, or an answer's shape), what the service or the network reports (``ProofpointError``), and
a write whose outcome cannot be known. ``as_dict`` is each one's structured ``error`` result; ``str`` its
message. No message built here ever holds a header value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

RETRY_STATUSES = frozenset((429, 500, 502, 503, 504))


class ProofpointEssentialsError(Exception):
    """The root of every error of the collection: catch this one."""

    def as_dict(self) -> dict[str, Any]:
        """The structured ``error`` result of this failure."""
        return {"message": str(self)}


class ValidationError(ProofpointEssentialsError, ValueError):
    """Something the collection checked and refused: the user's input, or the shape of an answer."""


class InputError(ValidationError):
    """User input that cannot be sent (an option, a value, a file): found before any request, and the
    message names the option and the problem."""


class AnswerShapeError(ValidationError):
    """An answer from the service that does not look like what the article describes."""


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


class ProofpointError(ProofpointEssentialsError):
    """Base of the collection's transport errors; ``as_dict`` gives a structured ``error`` result."""

    transient = False  # whether the same request may succeed if tried again
    retry_after: float | None = None
    # Whether an attempt reached the service without its answer coming back: a write may have happened.
    lost_answer = False

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


class WriteOutcomeUnknown(ProofpointError):
    """A write whose answer was lost, after which the org could not be read again: it may have happened."""

    def __init__(self, write_error: ProofpointError, read_error: ProofpointError) -> None:
        self.write_error, self.read_error = write_error, read_error
        super().__init__(
            "The outcome is unknown: the answer to the write was lost (%s), and reading the org again to learn "
            "what happened failed (%s). The write may have been carried out; run again to converge."
            % (str(write_error).rstrip("."), str(read_error).rstrip("."))
        )

    def as_dict(self) -> dict[str, Any]:
        return dict(self.write_error.as_dict(), message=str(self), outcome="unknown")


class BatchOutcomeUnknown(ProofpointError):
    """List POSTs were sent (answered or not) and the read that tells what they did failed: ``names`` may exist."""

    def __init__(self, names: list[str], read_error: ProofpointError) -> None:
        self.names, self.read_error = names, read_error
        super().__init__(
            "The outcome is unknown: %d domains were sent in list POSTs, and reading the org to learn which of them "
            "were created failed (%s). Some may have been created; run again to converge."
            % (len(names), str(read_error).rstrip("."))
        )

    def as_dict(self) -> dict[str, Any]:
        return dict(self.read_error.as_dict(), message=str(self), outcome="unknown")


class RefusedWrite(ProofpointError):
    """The service refused a write of an org: what was being written, then the service's own answer (with the
    status's general hint, or, ``hinted`` False, where ``what`` already says why, without it)."""

    def __init__(self, what: str, api_error: ProofpointAPIError, hinted: bool = True) -> None:
        self.api_error, self.status = api_error, api_error.status
        said = (
            api_error
            if hinted
            else "%s %s failed with HTTP %d: %s"
            % (
                api_error.method,
                api_error.path,
                api_error.status,
                api_error.api_message or "no message",
            )
        )
        super().__init__("%s: %s" % (what, said))

    def as_dict(self) -> dict[str, Any]:
        return dict(self.api_error.as_dict(), message=str(self))


class ReportedFailure(ProofpointError):
    """A write the service answered with success, whose body reports that it failed (``fail_results``)."""

    def __init__(self, method: str, path: str, what: str, failures: list[dict[str, Any]]) -> None:
        self.method, self.path, self.failures = method, path, failures
        said = "; ".join(
            "%s (result_code %s)" % (failure.get("message") or "no message", failure.get("result_code"))
            for failure in failures
        )
        super().__init__("%s: %s %s answered success but reported: %s" % (what, method, path, said))

    def as_dict(self) -> dict[str, Any]:
        return {"message": str(self), "method": self.method, "path": self.path, "fail_results": self.failures}


class NotVerified(ProofpointError):
    """The service kept answering 409 (not able to verify) until the wait ran out: what to publish, how long it
    waited, and the service's last words."""

    def __init__(
        self, what: str, record: Mapping[str, Any], waited: float, asks: int, api_error: ProofpointAPIError
    ) -> None:
        self.record, self.api_error, self.status = dict(record), api_error, api_error.status
        super().__init__(
            "%s: not verified after waiting %d s (%d ask%s): publish the %s record %s with the value %s, then run"
            " again (the service's last answer: %s %s, HTTP %d: %s)"
            % (
                what,
                round(waited),
                asks,
                "" if asks == 1 else "s",
                record["type"],
                record["name"],
                record["value"],
                api_error.method,
                api_error.path,
                api_error.status,
                api_error.api_message or "no message",
            )
        )

    def as_dict(self) -> dict[str, Any]:
        return dict(self.api_error.as_dict(), message=str(self), record=self.record)


class PartlyApplied(ProofpointEssentialsError):
    """Some of a run's writes failed (or their outcome is unknown) while others were carried out: the message
    says which; ``applied`` whether any write was carried out or may have been."""

    def __init__(self, message: str, applied: bool) -> None:
        self.applied = applied
        super().__init__(message)


def may_have_written(exc: ProofpointEssentialsError) -> bool:
    """Whether the work that failed with ``exc`` may have changed something: a write whose answer was lost and
    that no read could decide, or a run whose other writes were carried out. Every module's and the fleet's
    ``changed`` on failure says so."""
    if isinstance(exc, PartlyApplied):
        return exc.applied
    return isinstance(exc, (WriteOutcomeUnknown, BatchOutcomeUnknown))
