# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Local emulator of the Proofpoint Essentials API (v1): the server.

The service itself is emulated by resource in emulated/ (its route table in emulated/routes.py, the state in
emulated/world.py, a module per resource), following the vendor article and the facts of docs/emulator.md.
What this server adds is not the service's: HTTP, faults, the rate limit, latency, the request log and the
test-only admin endpoints under /_emulator/ (never logged as API requests). Standard library only, plus
``cryptography`` (an ansible-core dependency) for ``--tls``.
"""

from __future__ import annotations

import argparse
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

from emulated.answers import ApiAnswer
from emulated.routes import decode_body, dispatch
from emulated.world import World

ADMIN_ROOT = "/_emulator/"


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
        server = self.server
        raw_body = self.read_raw_body()
        if server.bucket and not server.bucket.take():
            return self.rate_limited(method, path)
        fault = server.take_fault(method, path)
        if server.latency:
            time.sleep(server.latency)
        if fault and fault.get("hold_ms"):  # as a proxy holding the request: the call happens late
            time.sleep(fault["hold_ms"] / 1000.0)
        # A fault with only a delay (or with apply: true) lets the real call happen first.
        run_call = fault is None or fault.get("apply") or (not fault.get("status") and not fault.get("drop"))
        status, body = (None, None)
        if run_call:
            status, body = dispatch(server.world, method, path, self.headers, raw_body, server.list_shape)
        if fault and fault.get("delay_ms"):
            time.sleep(fault["delay_ms"] / 1000.0)
        if fault and fault.get("drop"):
            server.log(method, path, 0, self.client_address[1], self.headers.get("X-user"))
            return self.drop()
        headers = {}
        if fault and fault.get("status"):
            status, body = fault["status"], {"message": fault.get("message") or "injected fault"}
            if fault.get("retry_after") is not None:
                headers["Retry-After"] = str(fault["retry_after"])
        server.log(method, path, status, self.client_address[1], self.headers.get("X-user"))
        self.send_json(status, body, headers)

    def rate_limited(self, method, path):
        if self.server.latency:
            time.sleep(self.server.latency)
        self.server.log(method, path, 429, self.client_address[1], self.headers.get("X-user"))
        headers = {} if self.server.retry_after is None else {"Retry-After": self.server.retry_after}
        self.send_json(429, {"message": "too many requests: the rate limit is exceeded"}, headers)

    def admin(self, method, action):
        server, world = self.server, self.server.world
        if method == "GET" and action == "health":
            return self.send_json(200, {"ok": True})
        if method == "GET" and action == "requests":
            with server.lock:
                return self.send_json(200, {"requests": list(server.requests)})
        if method == "DELETE" and action == "requests":
            with server.lock:
                server.requests = []
            return self.send_json(204, None)
        if method == "GET" and action == "state":
            with world.lock:
                return self.send_json(200, world.snapshot()["orgs"])
        if method == "POST" and action == "reset":
            world.reset()
            with server.lock:
                server.requests, server.faults = [], []
            return self.send_json(204, None)
        if method == "POST" and action == "faults":
            return self.add_faults()
        if method == "POST" and action == "dns":
            return self.set_txt()
        if method == "DELETE" and action == "faults":
            with server.lock:
                server.faults = []
            return self.send_json(204, None)
        return self.send_json(404, {"message": "unknown emulator endpoint"})

    def set_txt(self):
        # The emulator's own DNS table: {"name": ..., "values": [...]} (an empty list removes the name).
        try:
            record = decode_body(self.read_raw_body())
        except ApiAnswer as answer:
            return self.send_json(400, {"message": answer.message})
        if not isinstance(record, dict) or not isinstance(record.get("name"), str):
            return self.send_json(400, {"message": "a record needs 'name' and 'values'"})
        with self.server.world.lock:
            self.server.world.txt[record["name"].lower().rstrip(".")] = [str(v) for v in record.get("values", [])]
        return self.send_json(204, None)

    def add_faults(self):
        try:
            faults = decode_body(self.read_raw_body())
        except ApiAnswer as answer:
            return self.send_json(400, {"message": answer.message})
        faults = faults if isinstance(faults, list) else [faults]
        for fault in faults:
            if not isinstance(fault, dict) or "path" not in fault:
                return self.send_json(400, {"message": "a fault needs at least 'path'"})
            fault.setdefault("method", "*")
            fault["count"] = int(fault.get("count", 1))
        with self.server.lock:
            self.server.faults.extend(faults)
        return self.send_json(204, None)


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
        # Not the service's: the request log and the injected faults, under a lock of their own.
        self.lock = threading.Lock()
        self.requests = []
        self.faults = []

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


def argument_parser():
    """The emulator's command line (docs/emulator.md lists each option)."""
    parser = argparse.ArgumentParser(description="Emulator of the Proofpoint Essentials API")
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
        "--sender-list-spelling",
        choices=("older", "current"),
        default="older",
        help="the org object's names of its sender lists: white_list_senders/black_list_senders (older, default)"
        " or safe_list_senders/block_list_senders (current)",
    )
    parser.add_argument(
        "--feature-values",
        choices=("json", "strings"),
        default="json",
        help='the features\' values as JSON booleans and numbers (default) or as strings ("true", "30")',
    )
    parser.add_argument(
        "--dns-server",
        metavar="HOST:PORT",
        help="look TXT records up in this DNS server (domain verification, DKIM; needs dnspython);"
        " without it, in the emulator's own table (POST /_emulator/dns)",
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
    return parser


def world_of(args):
    """The world of the seed (and the generated child orgs), or of the state file when it exists."""
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
    world.sender_list_spelling = args.sender_list_spelling
    world.feature_values = args.feature_values
    world.dns_server = args.dns_server
    return world


def server_of(args, world):
    """The server with its rate limit and TLS, and the URL it answers at."""
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
    return server, "%s://%s:%d" % (scheme, args.host, server.server_address[1])


def main(argv=None):
    args = argument_parser().parse_args(argv)
    server, url = server_of(args, world_of(args))
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
