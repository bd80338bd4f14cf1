# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulated domain ownership: a domain's verification code, and its verification by a TXT record.

The facts show the calls, not the answers: the code is answered as ``{"verification_code": "..."}`` and a
verification is 204 (verified) or 409 (not able to verify). The code is looked for among the TXT records of
the domain (World.txt_records: the emulator's own DNS table, or a real DNS server with --dns-server). The
emulator cannot see a web site: a META verification looks for the same TXT record (docs/emulator.md).
"""

from __future__ import annotations

import hashlib

from emulated.answers import ApiAnswer

METHODS = ("TXT", "META")


def domain_of(world, call):
    """The domain of the address, which the org must have (404 otherwise)."""
    name = call.name.lower().rstrip(".")
    if name not in world.domains.get(call.org, {}):
        raise ApiAnswer(404, "not found: organization %s has no domain %s" % (call.org, name))
    return name


def verification_code(world, org, domain):
    """The same code for the same org and domain, on every run."""
    digest = hashlib.sha256(("%s:%s:%s" % (world.secret, org, domain)).encode()).hexdigest()
    return "proofpoint-verification=" + digest[:32]


def read_code(world, call):
    domain = domain_of(world, call)
    return 200, {"verification_code": verification_code(world, call.org, domain)}


def verify(world, call):
    domain = domain_of(world, call)
    method = call.params["method"].upper()
    if method not in METHODS:
        raise ApiAnswer(400, "bad request: the verification method is TXT or META, not %s" % call.params["method"])
    code = verification_code(world, call.org, domain)
    if code not in world.txt_records(domain):
        raise ApiAnswer(409, "not able to verify %s: the verification code is not published yet" % domain)
    world.verified.add((call.org, domain))
    world.persist()
    return 204, None
