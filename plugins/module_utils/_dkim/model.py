# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A domain's DKIM keys, pure: the selector and the private key checked, a key made, the service's keys read
in each plausible form, the DNS record of a public key and its strings of at most 255 characters.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
A private key is never part of a message, a result or an exception raised here.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from typing import Any, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError, InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped_repr
from ansible_collections.proofpoint.essentials.plugins.module_utils._ownership.model import DnsRecord
from ansible_collections.proofpoint.essentials.plugins.module_utils._spellings import service_bool

try:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    HAS_CRYPTOGRAPHY = True
except ImportError:  # the module says what is missing
    HAS_CRYPTOGRAPHY = False

# The create body's field of the PEM private key: no client shows its name (docs/design-decisions.md, "DKIM").
PRIVATE_KEY_FIELD = "private_key"
KEY_BITS = 2048
# A TXT record's strings hold at most 255 characters each; DNS modules take a long value as a list of them.
TXT_STRING_MAX = 255
_LABEL = r"[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?"
SELECTOR = re.compile(r"^%s(?:\.%s)*$" % (_LABEL, _LABEL), re.IGNORECASE)


class DkimKey(TypedDict):
    """One of the domain's keys, as the service lists it."""

    selector: str
    is_valid: bool
    public_key: str | None  # base64 of the DER public key, as the DNS record's p= holds it


def check_selector(value: str) -> str:
    if not isinstance(value, str) or len(value) > 253 or not SELECTOR.match(value):
        raise InputError(
            "selector: %s is not a DKIM selector (DNS labels: letters, digits, - and _)" % clipped_repr(value)
        )
    return value.lower()


def public_key_of(private_pem: str) -> str:
    """The public half of an RSA private key in PEM, base64 of its DER; InputError (never quoting the key) when
    it is not one."""
    try:
        key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    except (ValueError, TypeError, UnicodeError):
        raise InputError("private_key: not an unencrypted PEM private key (its value is not shown)") from None
    if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < 1024:
        raise InputError("private_key: a DKIM key must be RSA of 1024 bits or more (its value is not shown)")
    der = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode()


def generate_private_key() -> str:
    """A new 2048-bit RSA private key in PEM (PKCS#8), for a selector created without one."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def normalize_public_key(value: Any) -> str | None:
    """A public key as the service may show it (base64, PEM, or a whole ``v=DKIM1; p=...`` record) as base64."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if "p=" in text and ";" in text:
        tags = dict(part.strip().split("=", 1) for part in text.split(";") if "=" in part)
        text = tags.get("p", "")
    text = re.sub(r"-----(BEGIN|END) [A-Z ]+-----", "", text)
    return re.sub(r"\s+", "", text) or None


def _items(body: Any) -> list[Any]:
    if isinstance(body, list):
        return body
    if isinstance(body, Mapping):
        lists = [value for value in body.values() if isinstance(value, list)]
        if len(lists) == 1:
            return lists[0]
        if "selector" in body:
            return [body]
    raise AnswerShapeError("the DKIM keys answer is %s, not a list of keys" % clipped_repr(body))


def parse_keys(body: Any) -> dict[str, DkimKey]:
    """The domain's keys by selector: a list, or a list wrapped in an object."""
    keys: dict[str, DkimKey] = {}
    for item in _items(body):
        if not isinstance(item, Mapping) or not isinstance(item.get("selector"), str):
            raise AnswerShapeError("a DKIM key is %s, not an object with a selector" % clipped_repr(item))
        selector = item["selector"].lower()
        keys[selector] = {
            "selector": selector,
            "is_valid": bool(service_bool(item.get("is_valid"))),
            "public_key": normalize_public_key(item.get("public_key")),
        }
    return keys


def dns_record(domain: str, selector: str, public_key: str) -> DnsRecord:
    """The TXT record a DKIM verifier looks up: ``<selector>._domainkey.<domain>``."""
    return {"name": "%s._domainkey.%s" % (selector, domain), "type": "TXT", "value": "v=DKIM1; k=rsa; p=" + public_key}


def value_chunks(value: str) -> list[str]:
    """``value`` as strings of at most 255 characters, in order (a TXT record's strings)."""
    chunks = []
    for start in range(0, len(value), TXT_STRING_MAX):
        end = start + TXT_STRING_MAX  # a slice of names only: flake8's E203 and the formatter agree on it
        chunks.append(value[start:end])
    return chunks or [""]
