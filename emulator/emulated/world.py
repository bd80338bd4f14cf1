# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulated service's state: its users, and each resource's own (the orgs, the domains of each org),
guarded by one lock and optionally persisted to a JSON file; who may make which call."""

from __future__ import annotations

import copy
import json
import os
import threading

from emulated.answers import ApiAnswer

LISTS = ("allow_list", "block_list")

ROLES_THAT_WRITE = ("organization_admin", "channel_admin")
KNOWN_ROLES = ROLES_THAT_WRITE + ("end_user",)


def default_primary(org):
    return {"name": org, "is_active": True, "is_relay": False, "destination": "mail." + org, "failovers": []}


def with_children(seed, partner, count, domains_per_org, prefix="cust"):
    """The seed plus ``count`` generated child orgs of ``partner``, each with ``domains_per_org``
    domains (its primary domain included): a partner's fleet at scale, the same on every run."""
    seed = copy.deepcopy(seed)
    packages = ("Business", "Advanced", "Professional")
    for index in range(1, count + 1):
        org = "%s%03d.fleet.example" % (prefix, index)
        domains = [default_primary(org)] + [
            {
                "name": "d%02d.%s" % (number, org),
                "is_active": True,
                "is_relay": number % 5 == 0,
                "destination": "10.%d.%d.%d" % (index // 250, index % 250, number),
                "failovers": ["mx2." + org],
            }
            for number in range(1, domains_per_org)
        ]
        seed.setdefault("orgs", {})[org] = {
            "parent": partner,
            "name": "Customer %03d" % index,
            "eid": 500000 + index,
            "licensing_package": packages[index % 3],
            "is_active": index % 10 != 0,
            "domains": domains,
        }
    return seed


class World:
    """Users, orgs (each org's own fields, by its primary domain) and domains (each org's, by name)."""

    def __init__(self, seed, state_path=None, children=None):
        self.seed = seed if children is None else with_children(seed, **children)
        self.state_path = state_path
        self.lock = threading.Lock()
        self.users = {}
        self.orgs = {}
        self.domains = {}
        # Each org's sender lists by owner (None for the org's own, "users/<email>", "groups/<name>"), and the
        # names the org object shows the org's own under ("older": white_list_senders; "current": safe_...).
        self.sender_lists = {}
        self.sender_list_spelling = "older"
        # Each org's features (by org), and how answers show their values ("json", or "strings": "true").
        self.features = {}
        self.feature_values = "json"
        # Domain ownership and DKIM: the verified (org, domain) pairs, each domain's keys by selector, and where
        # TXT records are looked up (the world's own table, or a DNS server: ``dns_server`` "host:port").
        self.secret = str(seed.get("verification_secret", "emulated"))
        self.verified = set()
        self.dkim = {}
        self.dkim_ids = 0
        self.txt = {}
        self.dns_server = None
        if state_path and os.path.exists(state_path):
            with open(state_path, encoding="utf-8") as handle:
                self._load(json.load(handle))
        else:
            self._load(self.seed)
            self._persist()

    def _load(self, data):
        self.users = {user["email"].lower(): user for user in data.get("users", [])}
        for user in self.users.values():
            if user.get("role") not in KNOWN_ROLES:
                raise SystemExit(
                    "seed: user %s has unknown role %r (known: %s)"
                    % (user["email"], user.get("role"), ", ".join(KNOWN_ROLES))
                )
        self.orgs, self.domains, self.sender_lists, self.features = {}, {}, {}, {}
        self.verified, self.dkim = set(), {}
        for org, body in data.get("orgs", {}).items():
            domains = {d["name"].lower(): dict(d) for d in body.get("domains", [])}
            domains.setdefault(org.lower(), default_primary(org.lower()))
            self.domains[org.lower()] = domains
            for owner, lists in body.get("sender_lists", {}).items():
                self.sender_lists[(org.lower(), owner or None)] = {name: list(lists.get(name, [])) for name in LISTS}
            if "features" in body:
                self.features[org.lower()] = dict(body["features"])
            self.verified.update((org.lower(), name.lower()) for name in body.get("verified_domains", []))
            for domain, keys in body.get("dkim", {}).items():
                self.dkim[(org.lower(), domain.lower())] = {key["selector"]: dict(key) for key in keys}
                self.dkim_ids = max([self.dkim_ids] + [key["did"] for key in keys])
            self.orgs[org.lower()] = {
                key: value
                for key, value in body.items()
                if key not in ("domains", "sender_lists", "features", "verified_domains", "dkim")
            }

    def snapshot(self):
        return {
            "users": list(self.users.values()),
            "orgs": {
                org: dict(
                    self.orgs[org],
                    domains=list(domains.values()),
                    **self._lists_of(org),
                    **self._features_of(org),
                    **self._ownership_of(org),
                )
                for org, domains in self.domains.items()
            },
        }

    def _lists_of(self, org):
        # An org's sender lists as the seed and the state file hold them, when it has any.
        lists = {owner or "": lists for (holder, owner), lists in self.sender_lists.items() if holder == org}
        return {"sender_lists": lists} if lists else {}

    def _features_of(self, org):
        # An org's features once read or written (the defaults until then).
        return {"features": dict(self.features[org])} if org in self.features else {}

    def _ownership_of(self, org):
        # An org's verified domains and DKIM keys (public halves only), once it has any.
        kept = {}
        verified = sorted(domain for holder, domain in self.verified if holder == org)
        if verified:
            kept["verified_domains"] = verified
        keys = {
            domain: list(by_selector.values()) for (holder, domain), by_selector in self.dkim.items() if holder == org
        }
        if any(keys.values()):
            kept["dkim"] = {domain: listed for domain, listed in keys.items() if listed}
        return kept

    def txt_records(self, name):
        """The TXT records of ``name``, each as one string (a record's strings joined, as DNS reads them)."""
        name = name.lower().rstrip(".")
        if self.dns_server is None:
            return list(self.txt.get(name, []))
        import dns.message  # only with --dns-server: the demo and the tests without DNS need no dnspython
        import dns.query
        import dns.rdatatype

        host, port = self.dns_server.rsplit(":", 1)
        answer = dns.query.udp(dns.message.make_query(name + ".", "TXT"), host, port=int(port), timeout=3)
        return [
            b"".join(record.strings).decode("utf-8", "replace")
            for rrset in answer.answer
            if rrset.rdtype == dns.rdatatype.TXT
            for record in rrset
        ]

    def persist(self):
        """The world as it now is, written after a write (under the lock)."""
        self._persist()

    def _persist(self):
        if not self.state_path:
            return
        tmp = self.state_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(self.snapshot(), handle, indent=1)
        os.replace(tmp, self.state_path)

    def reset(self):
        with self.lock:
            self._load(copy.deepcopy(self.seed))
            self._persist()

    def authorize(self, headers, org, method, missing_status=403):
        """The user the headers name, if it may make this call on ``org``. An unknown org answers 403 ("wrong
        stack") on the domain addresses, ``missing_status`` (404) on the org's own address."""
        email, password = headers.get("X-user"), headers.get("X-password")
        if not email or not password:
            raise ApiAnswer(401, "invalid credentials: the X-user and X-password headers are required")
        user = self.users.get(email.lower())
        if user is None or user.get("password") != password:
            raise ApiAnswer(401, "invalid credentials: unknown user or wrong password")
        if org not in self.orgs and missing_status == 404:
            raise ApiAnswer(404, "not found: organization %s does not exist" % org)
        if org not in self.orgs or not self.user_reaches(user, org):
            raise ApiAnswer(
                403, "not authorized: %s is not associated with organization %s on this stack" % (email, org)
            )
        if method != "GET" and user["role"] not in ROLES_THAT_WRITE:
            raise ApiAnswer(
                403, "not authorized: this call requires an Organization Admin; %s is %s" % (email, user["role"])
            )
        return user

    def user_reaches(self, user, org):
        """A user's own orgs, and for a channel admin every org below them in the hierarchy."""
        own = {o.lower() for o in user.get("orgs", [])}
        while org:
            if org in own:
                return True
            org = self.orgs.get(org, {}).get("parent") if user["role"] == "channel_admin" else None
        return False
