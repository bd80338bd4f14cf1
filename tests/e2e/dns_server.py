# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A real DNS server for the tests: Debian's named (bind9, `make bind9`) on a loopback port, serving one zone
that takes TSIG-signed dynamic updates (RFC 2136), as a customer's DNS would for community.general.nsupdate."""

from __future__ import annotations

import base64
import os
import secrets
import shutil
import socket
import subprocess
import time

import dns.message
import dns.query
import dns.rcode
import dns.tsigkeyring
import dns.update

KEY_NAME = "pp-test"
ALGORITHM = "hmac-sha256"
CONF = """options {
    directory "%(dir)s";
    pid-file "%(dir)s/named.pid";
    session-keyfile "%(dir)s/session.key";
    managed-keys-directory "%(dir)s";
    listen-on port %(port)d { 127.0.0.1; };
    listen-on-v6 { none; };
    recursion no;
    dnssec-validation no;
    notify no;
};
key "%(key)s" { algorithm %(algorithm)s; secret "%(secret)s"; };
zone "%(zone)s" { type primary; file "%(dir)s/zone.db"; allow-update { key "%(key)s"; }; };
"""
ZONE = """$TTL 5
@ IN SOA ns.%(zone)s. hostmaster.%(zone)s. (1 60 60 600 5)
@ IN NS ns.%(zone)s.
ns IN A 127.0.0.1
"""


def free_port():
    with socket.socket() as tcp:
        tcp.bind(("127.0.0.1", 0))
        return tcp.getsockname()[1]


class NamedServer:
    """named serving ``zone`` on 127.0.0.1 at ``port``; ``secret`` is the TSIG key's (base64)."""

    def __init__(self, zone, workdir):
        self.zone, self.dir = zone, str(workdir)
        self.port = free_port()
        self.secret = base64.b64encode(secrets.token_bytes(32)).decode()
        self.process = None

    def __enter__(self):
        named = shutil.which("named") or "/usr/sbin/named"
        if not os.path.exists(named):
            raise AssertionError("Debian's bind9 (named) is not installed: run `make bind9`")
        os.makedirs(self.dir, exist_ok=True)
        values = dict(
            dir=self.dir, port=self.port, key=KEY_NAME, algorithm=ALGORITHM, secret=self.secret, zone=self.zone
        )
        with open(os.path.join(self.dir, "named.conf"), "w", encoding="utf-8") as handle:
            handle.write(CONF % values)
        with open(os.path.join(self.dir, "zone.db"), "w", encoding="utf-8") as handle:
            handle.write(ZONE % values)
        self.log = open(os.path.join(self.dir, "named.log"), "w", encoding="utf-8")
        self.process = subprocess.Popen(
            [named, "-g", "-c", os.path.join(self.dir, "named.conf")], stdout=self.log, stderr=subprocess.STDOUT
        )
        self._wait_until_answering()
        return self

    def _wait_until_answering(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("named exited: %s" % open(os.path.join(self.dir, "named.log")).read()[-2000:])
            try:
                dns.query.udp(dns.message.make_query(self.zone + ".", "SOA"), "127.0.0.1", port=self.port, timeout=1)
                return
            except (OSError, dns.exception.Timeout):
                time.sleep(0.2)
        raise AssertionError("named did not answer on port %d within %d s" % (self.port, timeout))

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    @property
    def address(self):
        return "127.0.0.1:%d" % self.port

    def publish_txt(self, name, *strings):
        """A TXT record published by a signed update, as another tool (or a colleague) would."""
        update = dns.update.Update(
            self.zone + ".", keyring=dns.tsigkeyring.from_text({KEY_NAME: self.secret}), keyalgorithm=ALGORITHM
        )
        update.replace(name + ".", 5, "TXT", " ".join('"%s"' % text for text in strings))
        answer = dns.query.tcp(update, "127.0.0.1", port=self.port, timeout=5)
        assert answer.rcode() == dns.rcode.NOERROR, dns.rcode.to_text(answer.rcode())

    def txt(self, name):
        answer = dns.query.udp(dns.message.make_query(name + ".", "TXT"), "127.0.0.1", port=self.port, timeout=3)
        return [b"".join(record.strings).decode() for rrset in answer.answer for record in rrset]
