# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Local emulator of the Proofpoint Essentials domains API (v1).

It follows the vendor article (see docs/emulator.md): the list GET, POST (single and batch),
PUT and DELETE with the article's status codes, X-user/X-password authentication and
per-org roles. Test-only admin endpoints live under /_emulator/ and are never logged as
API requests. Standard library only, plus ``cryptography`` (an ansible-core dependency)
for ``--tls``.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import ipaddress
import json
import os
import re
import signal
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

API_ROOT = "/api/v1/orgs/"
ADMIN_ROOT = "/_emulator/"
DOMAIN_FIELDS = ("name", "is_active", "is_relay", "destination", "failovers")
ROLES_THAT_WRITE = ("organization_admin", "channel_admin")
KNOWN_ROLES = ROLES_THAT_WRITE + ("end_user",)
LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class ApiAnswer(Exception):
    """An API outcome other than success: status code and the API's message."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def is_hostname(value):
    name = value.lower().rstrip(".")
    if not name or len(name) > 253:
        return False
    return all(LABEL.match(label) for label in name.split("."))


def is_domain_name(value):
    return is_hostname(value) and "." in value.rstrip(".")


def is_host(value):
    try:
        ipaddress.ip_address(value)
        return True
    except ValueError:
        return is_hostname(value)


def parse_bool(field, value):
    # The article documents JSON booleans; one public client sends "true"/"false" strings.
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise ApiAnswer(422, "invalid request data: '%s' must be true or false" % field)


def validate_domain_body(body, path_name):
    if not isinstance(body, dict):
        raise ApiAnswer(400, "bad request: the body must be a JSON object describing one domain")
    missing = [field for field in DOMAIN_FIELDS if field not in body]
    if missing:
        raise ApiAnswer(422, "invalid request data: missing mandatory field(s): %s" % ", ".join(missing))
    unknown = sorted(set(body) - set(DOMAIN_FIELDS))
    if unknown:
        raise ApiAnswer(422, "invalid request data: unknown field(s): %s" % ", ".join(unknown))
    name = body["name"]
    if not isinstance(name, str) or not is_domain_name(name):
        raise ApiAnswer(422, "invalid request data: 'name' is not a valid domain name")
    if path_name is not None and name.lower().rstrip(".") != path_name.lower().rstrip("."):
        raise ApiAnswer(
            422, "invalid request data: 'name' (%s) does not match the domain in the address (%s)" % (name, path_name)
        )
    destination = body["destination"]
    if not isinstance(destination, str) or not is_host(destination):
        raise ApiAnswer(422, "invalid request data: 'destination' must be an IP address or a hostname")
    failovers = body["failovers"]
    if not isinstance(failovers, list) or not all(isinstance(item, str) and is_host(item) for item in failovers):
        raise ApiAnswer(422, "invalid request data: 'failovers' must be a list of IP addresses or hostnames")
    return {
        "name": name,
        "is_active": parse_bool("is_active", body["is_active"]),
        "is_relay": parse_bool("is_relay", body["is_relay"]),
        "destination": destination,
        "failovers": list(failovers),
    }


# The vendor's sample org object: what a create may send. The service keeps eid, organization_hierarchy
# and active_users for itself.
ORG_CREATE_FIELDS = (
    "primary_domain",
    "name",
    "is_active",
    "type",
    "licensing_package",
    "is_on_trial",
    "user_licenses",
    "www",
    "address",
    "postcode",
    "stateprov",
    "country",
    "phone",
    "admin_user",
    "domains",
    "outgoing_servers",
    "safe_list_senders",
    "block_list_senders",
    "is_smtp_discovery_enabled",
    "send_welcome_email",
    "billing_method",
)
# What a PATCH changes (the facts name no list; clients send is_active): the org's own settings.
ORG_PATCH_FIELDS = (
    "name",
    "is_active",
    "licensing_package",
    "is_on_trial",
    "user_licenses",
    "www",
    "address",
    "postcode",
    "stateprov",
    "country",
    "phone",
    "billing_method",
)


def validate_org_fields(body, allowed):
    """The org's own settings of a create or a PATCH body, checked as the service would; 422 otherwise."""
    if not isinstance(body, dict):
        raise ApiAnswer(400, "bad request: the body must be a JSON object describing one organization")
    refused = sorted(set(body) - set(allowed))
    if refused:
        raise ApiAnswer(422, "invalid request data: field(s) that cannot be set: %s" % ", ".join(refused))
    fields = {}
    for key, value in body.items():
        if key in ("name", "licensing_package") and (not isinstance(value, str) or not value.strip()):
            raise ApiAnswer(422, "invalid request data: '%s' must be a non-empty string" % key)
        if key == "user_licenses" and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise ApiAnswer(422, "invalid request data: 'user_licenses' must be a whole number, 0 or more")
        if key in ("is_active", "is_on_trial", "send_welcome_email"):
            value = parse_bool(key, value)
        fields[key] = value
    return fields


def validate_new_org(body):
    """A create's body: its org settings, its admin's address and its domains; 422 for what is wrong."""
    fields = validate_org_fields(body, ORG_CREATE_FIELDS)
    primary = fields.get("primary_domain")
    if not isinstance(primary, str) or not is_domain_name(primary):
        raise ApiAnswer(422, "invalid request data: 'primary_domain' must be a valid domain name")
    if "name" not in fields:
        raise ApiAnswer(422, "invalid request data: missing mandatory field(s): name")
    admin = fields.get("admin_user")
    email = admin.get("primary_email") if isinstance(admin, dict) else None
    if admin is not None and (not isinstance(email, str) or not is_domain_name(email.rpartition("@")[2])):
        raise ApiAnswer(422, "invalid request data: 'admin_user.primary_email' must be an email address")
    domains = fields.get("domains", [])
    if not isinstance(domains, list):
        raise ApiAnswer(422, "invalid request data: 'domains' must be a list of domain objects")
    fields["domains"] = [validate_domain_body(domain, None) for domain in domains]
    return fields


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


def default_primary(org):
    return {"name": org, "is_active": True, "is_relay": False, "destination": "mail." + org, "failovers": []}


class World:
    """Users, orgs and domains, guarded by one lock and optionally persisted to a JSON file."""

    def __init__(self, seed, state_path=None, children=None):
        self.seed = seed if children is None else with_children(seed, **children)
        self.state_path = state_path
        self.lock = threading.Lock()
        self.users = {}
        self.orgs = {}
        self.requests = []
        self.faults = []
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
        self.orgs = {}
        self.org_info = {}
        for org, body in data.get("orgs", {}).items():
            domains = {d["name"].lower(): dict(d) for d in body.get("domains", [])}
            domains.setdefault(org.lower(), default_primary(org.lower()))
            self.orgs[org.lower()] = domains
            self.org_info[org.lower()] = {key: value for key, value in body.items() if key != "domains"}

    def snapshot(self):
        return {
            "users": list(self.users.values()),
            "orgs": {
                org: dict(self.org_info.get(org, {}), domains=list(domains.values()))
                for org, domains in self.orgs.items()
            },
        }

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
            self.requests = []
            self.faults = []
            self._persist()

    def log(self, method, path, status, client_port, user=None):
        """One request; ``user`` is the X-user header sent (never the password), so that a test sees whose it was."""
        with self.lock:
            self.requests.append(
                {
                    "method": method,
                    "path": path,
                    "status": status,
                    "time": time.time(),
                    "client_port": client_port,
                    "user": user,
                }
            )

    def take_fault(self, method, path):
        with self.lock:
            for fault in self.faults:
                if fault["method"] in ("*", method) and re.search(fault["path"], path):
                    if fault.get("after", 0) > 0:  # let this many matching requests through first
                        fault["after"] -= 1
                        continue
                    fault["count"] -= 1
                    if fault["count"] <= 0:
                        self.faults.remove(fault)
                    return fault
        return None

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
            org = self.org_info.get(org, {}).get("parent") if user["role"] == "channel_admin" else None
        return False

    # The API calls. Each runs under the lock and returns (status, body or None).
    def list_child_orgs(self, partner, user):
        if user["role"] != "channel_admin":
            raise ApiAnswer(403, "not authorized: %s is not a Channel Admin of %s" % (user["email"], partner))
        children = [org for org in sorted(self.orgs) if self.org_info.get(org, {}).get("parent") == partner]
        return 200, {"orgs": [self.org_object(org, partner) for org in children]}

    def org_object(self, org, partner):
        """An org as the partner listing shows it: the fields public clients read, and more."""
        info = self.org_info.get(org, {})
        return {
            "name": info.get("name", org.split(".")[0].title()),
            "primary_domain": org,
            "organization_hierarchy": [partner, org],
            "eid": info.get("eid", 0),
            "type": info.get("type", "customer"),
            "is_active": info.get("is_active", True),
            "is_on_trial": info.get("is_on_trial", False),
            "licensing_package": info.get("licensing_package", "Business"),
            "user_licenses": info.get("user_licenses", 25),
            "active_users": 20,
            "when_renewal": "2027-01-01",
            "admin_user": info.get("admin_user", "admin@" + org),
            "domains": [copy.deepcopy(d) for d in self.orgs[org].values()],
            "outgoing_servers": [],
            "white_list_senders": [],
            "black_list_senders": [],
        }

    def read_org(self, org):
        return 200, self.org_object(org, self.org_info.get(org, {}).get("parent") or org)

    def create_org(self, partner, user, body):
        if user["role"] != "channel_admin":
            raise ApiAnswer(403, "not authorized: %s is not a Channel Admin of %s" % (user["email"], partner))
        fields = validate_new_org(body)
        org = fields.pop("primary_domain").lower().rstrip(".")
        domains = {d["name"].lower().rstrip("."): d for d in fields.pop("domains")}
        for name in [org] + list(domains):
            for holder, held in self.orgs.items():
                if name in held or name == holder:
                    raise ApiAnswer(
                        409, "resource already exists: domain %s belongs to organization %s" % (name, holder)
                    )
        domains.setdefault(org, default_primary(org))
        admin = fields.pop("admin_user", None)
        self.orgs[org] = domains
        self.org_info[org] = dict(fields, parent=partner, eid=700000 + len(self.orgs))
        if admin:
            self.org_info[org]["admin_user"] = admin["primary_email"]
        self._persist()
        return 201, self.org_object(org, partner)

    def update_org(self, org, body):
        self.org_info.setdefault(org, {}).update(validate_org_fields(body, ORG_PATCH_FIELDS))
        self._persist()
        return 200, self.read_org(org)[1]

    def delete_org(self, org):
        children = [child for child, info in self.org_info.items() if info.get("parent") == org]
        if children:
            raise ApiAnswer(409, "conflict: organization %s still has %d child organizations" % (org, len(children)))
        del self.orgs[org]
        self.org_info.pop(org, None)
        self._persist()
        return 204, None

    def list_domains(self, org):
        return 200, [copy.deepcopy(d) for d in self.orgs[org].values()]

    def create(self, org, body, path_name):
        domain = validate_domain_body(body, path_name)
        key = domain["name"].lower().rstrip(".")
        for domains in self.orgs.values():
            if key in domains:
                raise ApiAnswer(
                    409, "resource already exists: domain %s is already on the Essentials platform" % domain["name"]
                )
        self.orgs[org][key] = domain
        self._persist()
        return 201, copy.deepcopy(domain)

    def create_batch(self, org, items):
        results = []
        for item in items:
            try:
                status, created = self.create(org, item, None)
                results.append({"status": status, "domain": created})
            except ApiAnswer as answer:
                results.append({"status": answer.status, "message": answer.message})
        return 207, {"results": results}

    def update(self, org, body, path_name):
        key = path_name.lower().rstrip(".")
        if key not in self.orgs[org]:
            raise ApiAnswer(400, "bad request: domain %s is not part of organization %s" % (path_name, org))
        self.orgs[org][key] = validate_domain_body(body, path_name)
        self._persist()
        return 204, None

    def delete(self, org, path_name):
        key = path_name.lower().rstrip(".")
        if key not in self.orgs[org]:
            raise ApiAnswer(400, "bad request: domain %s is not part of organization %s" % (path_name, org))
        if key == org:
            raise ApiAnswer(
                400, "bad request: %s is the primary domain of the organization and cannot be deleted" % path_name
            )
        del self.orgs[org][key]
        self._persist()
        return 204, None


class TokenBucket:
    """A service's rate limit: ``rate`` requests per second on average, ``burst`` at once."""

    def __init__(self, rate, burst):
        self.rate, self.capacity = rate, burst
        self.tokens, self.stamp = float(burst), time.monotonic()
        self.lock = threading.Lock()

    def take(self):
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            return False


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ProofpointEssentialsEmulator/1.0"

    def setup(self):
        super().setup()
        # An answer goes out as headers, then body: without TCP_NODELAY the body waits for the client's
        # delayed ACK of the headers, about 40 ms added to every request that the real service does not add.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.server.verbose:
            sys.stderr.write("emulator: " + (format % args) + "\n")

    def do_GET(self):
        self.server.last_request = time.monotonic()
        self.dispatch("GET")

    def do_POST(self):
        self.server.last_request = time.monotonic()
        self.dispatch("POST")

    def do_PUT(self):
        self.server.last_request = time.monotonic()
        self.dispatch("PUT")

    def do_DELETE(self):
        self.server.last_request = time.monotonic()
        self.dispatch("DELETE")

    def do_PATCH(self):
        self.server.last_request = time.monotonic()
        self.dispatch("PATCH")

    def read_raw_body(self):
        # Always drained, even when a fault answers first, so the kept-alive connection stays in step.
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    @staticmethod
    def decode_body(raw):
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise ApiAnswer(400, "bad request: the body is not valid JSON") from None

    def send_json(self, status, body, headers=None):
        payload = b"" if body is None else json.dumps(body).encode()
        try:
            self.send_response(status)
            if payload:
                self.send_header("Content-Type", "application/json")
            for header, value in (headers or {}).items():
                self.send_header(header, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def dispatch(self, method):
        path = self.path.split("?", 1)[0]
        if path.startswith(ADMIN_ROOT):
            return self.admin(method, path[len(ADMIN_ROOT) :])
        world = self.server.world
        raw_body = self.read_raw_body()
        if self.server.bucket and not self.server.bucket.take():
            return self.rate_limited(method, path)
        fault = world.take_fault(method, path)
        if self.server.latency:
            time.sleep(self.server.latency)
        if fault and fault.get("hold_ms"):  # as a proxy holding the request: the call happens late
            time.sleep(fault["hold_ms"] / 1000.0)
        # A fault with only a delay (or with apply: true) lets the real call happen first.
        run_call = fault is None or fault.get("apply") or (not fault.get("status") and not fault.get("drop"))
        status, body = (None, None)
        if run_call:
            status, body = self.api(method, path, raw_body)
        if fault and fault.get("delay_ms"):
            time.sleep(fault["delay_ms"] / 1000.0)
        if fault and fault.get("drop"):
            world.log(method, path, 0, self.client_address[1], self.headers.get("X-user"))
            return self.drop()
        headers = {}
        if fault and fault.get("status"):
            status, body = fault["status"], {"message": fault.get("message") or "injected fault"}
            if fault.get("retry_after") is not None:
                headers["Retry-After"] = str(fault["retry_after"])
        world.log(method, path, status, self.client_address[1], self.headers.get("X-user"))
        self.send_json(status, body, headers)

    def rate_limited(self, method, path):
        if self.server.latency:
            time.sleep(self.server.latency)
        self.server.world.log(method, path, 429, self.client_address[1], self.headers.get("X-user"))
        headers = {} if self.server.retry_after is None else {"Retry-After": self.server.retry_after}
        self.send_json(429, {"message": "too many requests: the rate limit is exceeded"}, headers)

    def api(self, method, path, raw_body):
        world = self.server.world
        try:
            if not path.startswith(API_ROOT):
                raise ApiAnswer(400, "bad request: unknown address %s" % path)
            parts = [unquote(p) for p in path[len(API_ROOT) :].split("/")]
            if not 1 <= len(parts) <= 3 or not parts[-1] or (len(parts) > 1 and parts[1] not in ("domains", "orgs")):
                raise ApiAnswer(400, "bad request: unknown address %s" % path)
            org = parts[0].lower()
            name = parts[2] if len(parts) == 3 else None
            body = self.decode_body(raw_body) if method in ("POST", "PUT", "PATCH") else None
            with world.lock:
                if len(parts) == 1:
                    return self.org_call(method, org, body)
                user = world.authorize(self.headers, org, method)
                if parts[1] == "orgs":
                    if name is not None or method not in ("GET", "POST"):
                        raise ApiAnswer(400, "bad request: %s is not available on %s" % (method, path))
                    if method == "POST":
                        return world.create_org(org, user, body)
                    return world.list_child_orgs(org, user)
                if method == "GET" and name is None:
                    status, domains = world.list_domains(org)
                    return status, self.server.list_shape(domains)
                if method == "POST" and name is None and isinstance(body, list):
                    return world.create_batch(org, body)
                if method == "POST" and name is not None:
                    return world.create(org, body, name)
                if method == "PUT" and name is not None:
                    return world.update(org, body, name)
                if method == "DELETE" and name is not None:
                    return world.delete(org, name)
            raise ApiAnswer(400, "bad request: %s is not available on %s" % (method, path))
        except ApiAnswer as answer:
            return answer.status, {"message": answer.message}

    def org_call(self, method, org, body):
        """GET, PATCH or DELETE /orgs/<org>: the org itself (404 when it does not exist)."""
        world = self.server.world
        world.authorize(self.headers, org, method, missing_status=404)
        if method == "GET":
            return world.read_org(org)
        if method == "PATCH":
            return world.update_org(org, body)
        if method == "DELETE":
            return world.delete_org(org)
        raise ApiAnswer(400, "bad request: %s is not available on /orgs/%s" % (method, org))

    def admin(self, method, action):
        world = self.server.world
        if method == "GET" and action == "health":
            return self.send_json(200, {"ok": True})
        if method == "GET" and action == "requests":
            with world.lock:
                return self.send_json(200, {"requests": list(world.requests)})
        if method == "DELETE" and action == "requests":
            with world.lock:
                world.requests = []
            return self.send_json(204, None)
        if method == "GET" and action == "state":
            with world.lock:
                return self.send_json(200, world.snapshot()["orgs"])
        if method == "POST" and action == "reset":
            world.reset()
            return self.send_json(204, None)
        if method == "POST" and action == "faults":
            try:
                faults = self.decode_body(self.read_raw_body())
            except ApiAnswer as answer:
                return self.send_json(400, {"message": answer.message})
            faults = faults if isinstance(faults, list) else [faults]
            for fault in faults:
                if not isinstance(fault, dict) or "path" not in fault:
                    return self.send_json(400, {"message": "a fault needs at least 'path'"})
                fault.setdefault("method", "*")
                fault["count"] = int(fault.get("count", 1))
            with world.lock:
                world.faults.extend(faults)
            return self.send_json(204, None)
        if method == "DELETE" and action == "faults":
            with world.lock:
                world.faults = []
            return self.send_json(204, None)
        return self.send_json(404, {"message": "unknown emulator endpoint"})


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, world, latency_ms=0, list_format="wrapped", verbose=False):
        super().__init__(address, Handler)
        self.world = world
        self.latency = latency_ms / 1000.0
        self.list_format = list_format
        self.verbose = verbose
        self.bucket = None
        self.retry_after = None
        self.last_request = time.monotonic()

    def exit_when_idle(self, seconds):
        """Shut down once no request came for ``seconds``: an emulator started for a run that cannot
        stop it (an ansible-test integration target) does not outlive it."""

        def watch():
            while time.monotonic() - self.last_request < seconds:
                time.sleep(1)
            self.shutdown()

        threading.Thread(target=watch, daemon=True).start()

    def limit_rate(self, rate, burst, retry_after):
        """Answer 429 (with ``Retry-After: retry_after`` unless None) beyond ``rate`` requests/s."""
        self.bucket = TokenBucket(rate, burst or rate)
        self.retry_after = retry_after

    def list_shape(self, domains):
        if self.list_format == "bare":
            return domains
        return {"domains": domains}


def write_self_signed(directory):
    """A throwaway certificate for localhost/127.0.0.1, written as cert.pem and key.pem."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    os.makedirs(directory, exist_ok=True)
    cert_path, key_path = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    with open(cert_path, "wb") as handle:
        handle.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as handle:
        handle.write(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    return cert_path, key_path


def main(argv=None):
    parser = argparse.ArgumentParser(description="Emulator of the Proofpoint Essentials domains API")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port; 0 picks a free one (default)")
    parser.add_argument("--seed", required=True, help="JSON file with users and orgs")
    parser.add_argument("--state", help="JSON file the world is persisted to and reloaded from")
    parser.add_argument("--url-file", help="write the base URL here once listening")
    parser.add_argument("--latency-ms", type=float, default=0, help="added to every API request")
    parser.add_argument(
        "--list-format",
        choices=("wrapped", "bare"),
        default="wrapped",
        help='list GET answers {"domains": [...]} (wrapped) or a bare list',
    )
    parser.add_argument(
        "--tls", metavar="DIR", help="serve HTTPS with a throwaway self-signed certificate written to DIR"
    )
    parser.add_argument(
        "--children",
        type=int,
        default=0,
        metavar="N",
        help="generate N child orgs (cust001.fleet.example ...) of --partner",
    )
    parser.add_argument("--domains-per-org", type=int, default=20, help="domains of each generated child org")
    parser.add_argument("--partner", default="partner.net", help="the partner org of the generated child orgs")
    parser.add_argument("--child-prefix", default="cust", help="the generated orgs' names begin so (default cust)")
    parser.add_argument(
        "--rate-limit",
        type=float,
        default=0,
        metavar="R",
        help="answer 429 beyond R API requests per second (token bucket); 0: no limit",
    )
    parser.add_argument("--rate-burst", type=int, default=0, help="requests allowed at once (default: R)")
    parser.add_argument(
        "--rate-retry-after", default="1", help="the 429's Retry-After header in seconds; 'none' sends none (default 1)"
    )
    parser.add_argument("--idle-exit", type=float, default=0, metavar="S", help="exit after S idle seconds")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)

    with open(args.seed, encoding="utf-8") as handle:
        seed = json.load(handle)
    children = None
    if args.children:
        children = {
            "partner": args.partner.lower(),
            "count": args.children,
            "domains_per_org": args.domains_per_org,
            "prefix": args.child_prefix,
        }
    world = World(seed, args.state, children)
    server = EmulatorServer((args.host, args.port), world, args.latency_ms, args.list_format, args.verbose)
    if args.rate_limit:
        retry_after = None if args.rate_retry_after == "none" else args.rate_retry_after
        server.limit_rate(args.rate_limit, args.rate_burst, retry_after)
    scheme = "http"
    if args.tls:
        cert_path, key_path = write_self_signed(args.tls)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_path, key_path)
        # The handshake runs in the handler thread, so a client that rejects the certificate
        # cannot stall the accept loop.
        server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        scheme = "https"
    url = "%s://%s:%d" % (scheme, args.host, server.server_address[1])
    if args.url_file:
        with open(args.url_file + ".tmp", "w", encoding="utf-8") as handle:
            handle.write(url + "\n")
        os.replace(args.url_file + ".tmp", args.url_file)
    print("emulator listening on %s" % url, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    if args.idle_exit:
        server.exit_when_idle(args.idle_exit)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    server.server_close()


if __name__ == "__main__":
    main()
