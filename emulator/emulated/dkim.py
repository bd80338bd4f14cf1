# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulated DKIM keys of a domain: listed, read, created from the caller's PEM private key, removed, and
verified against the public key published at ``<selector>._domainkey.<domain>``.

The facts do not name the private key's field of the create body: the emulator takes ``private_key`` (as the
collection sends it, docs/design-decisions.md). The key is kept only as its public half; no answer or message
ever holds the private key.
"""

from __future__ import annotations

import base64
import re

from emulated.answers import ApiAnswer
from emulated.ownership import domain_of

PRIVATE_KEY_FIELD = "private_key"
SELECTOR = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?)*$", re.I)


def keys_of(world, org, domain):
    return world.dkim.setdefault((org, domain), {})


def _selector(call):
    selector = call.params["selector"]
    if not SELECTOR.match(selector):
        raise ApiAnswer(400, "bad request: %r is not a DKIM selector" % selector[:64])
    return selector.lower()


def _public_key(pem):
    # The public half of an RSA private key in PEM, as the DNS record's p= holds it: base64 of its DER.
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError):
        raise ApiAnswer(422, "invalid request data: '%s' is not a PEM private key" % PRIVATE_KEY_FIELD) from None
    if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < 1024:
        raise ApiAnswer(422, "invalid request data: the DKIM key must be RSA of 1024 bits or more")
    der = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode()


def list_keys(world, call):
    domain = domain_of(world, call)
    return 200, [dict(item) for item in keys_of(world, call.org, domain).values()]


def read_key(world, call):
    domain, selector = domain_of(world, call), _selector(call)
    item = keys_of(world, call.org, domain).get(selector)
    if item is None:
        raise ApiAnswer(404, "not found: %s has no DKIM key %s" % (domain, selector))
    return 200, dict(item)


def create_key(world, call):
    domain, selector = domain_of(world, call), _selector(call)
    body = call.body
    if not isinstance(body, dict) or not isinstance(body.get(PRIVATE_KEY_FIELD), str):
        raise ApiAnswer(422, "invalid request data: '%s' (a PEM private key) is required" % PRIVATE_KEY_FIELD)
    keys = keys_of(world, call.org, domain)
    if selector in keys:
        raise ApiAnswer(409, "conflict: %s already has the DKIM key %s" % (domain, selector))
    world.dkim_ids += 1
    keys[selector] = {
        "did": world.dkim_ids,
        "domain": domain,
        "selector": selector,
        "is_valid": False,
        "public_key": _public_key(body[PRIVATE_KEY_FIELD]),
    }
    world.persist()
    return 201, dict(keys[selector])


def delete_key(world, call):
    domain, selector = domain_of(world, call), _selector(call)
    if keys_of(world, call.org, domain).pop(selector, None) is None:
        raise ApiAnswer(404, "not found: %s has no DKIM key %s" % (domain, selector))
    world.persist()
    return 204, None


def delete_keys(world, call):
    keys_of(world, call.org, domain_of(world, call)).clear()
    world.persist()
    return 204, None


def _published(record):
    # The p= tag of a DKIM TXT record, without spaces.
    tags = dict(part.strip().split("=", 1) for part in record.split(";") if "=" in part)
    return re.sub(r"\s+", "", tags.get("p", ""))


def verify_key(world, call):
    domain, selector = domain_of(world, call), _selector(call)
    item = keys_of(world, call.org, domain).get(selector)
    if item is None:
        raise ApiAnswer(404, "not found: %s has no DKIM key %s" % (domain, selector))
    name = "%s._domainkey.%s" % (selector, domain)
    if item["public_key"] not in [_published(record) for record in world.txt_records(name)]:
        item["is_valid"] = False
        raise ApiAnswer(409, "not able to verify: the public key is not published at %s" % name)
    item["is_valid"] = True
    world.persist()
    return 204, None
