# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A domain's ownership, pure: the verification code read from any plausible answer, and the record to publish.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
No client shows the code's answer: a bare string, or an object holding it in one string field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped_repr

# The fields an answer may hold the code in, the likeliest first.
CODE_FIELDS = ("verification_code", "verificationCode", "code", "value", "token", "txt", "record")
# The META tag's name is not shown by any client: the page's tag is built with this one (docs/design-decisions.md).
META_TAG_NAME = "proofpoint-verification"


class DnsRecord(TypedDict):
    """What to publish: ``name`` (the DNS name, or the domain for a META tag), ``type`` and ``value``."""

    name: str
    type: str
    value: str


def _usable(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip()) and "\n" not in value and len(value) <= 1024


def parse_code(body: Any) -> str:
    """The code of an answer: a bare string, an object with one of CODE_FIELDS, an object whose only string
    field is it, or such an object wrapped in one key."""
    if _usable(body):
        return body.strip()
    if isinstance(body, Mapping) and len(body) == 1 and isinstance(next(iter(body.values())), Mapping):
        body = next(iter(body.values()))
    if isinstance(body, Mapping):
        for field in CODE_FIELDS:
            if _usable(body.get(field)):
                return body[field].strip()
        strings = [value for value in body.values() if _usable(value)]
        if len(strings) == 1:
            return strings[0].strip()
    raise AnswerShapeError(
        "the verification code answer is %s: no code found in it (a string, or an object with %s)"
        % (clipped_repr(body), ", ".join(CODE_FIELDS[:4]))
    )


def verification_record(domain: str, method: str, code: str) -> DnsRecord:
    """TXT: a TXT record on the domain holding the code; META: the tag to put in the head of the domain's page."""
    if method == "META":
        return {"name": domain, "type": "META", "value": '<meta name="%s" content="%s">' % (META_TAG_NAME, code)}
    return {"name": domain, "type": "TXT", "value": code}
