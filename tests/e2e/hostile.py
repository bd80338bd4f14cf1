# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Servers that misbehave on loopback, beside the emulator: one that redirects every request, one that
answers a byte at a time. Each records what it received and stops with its ``with`` block."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Server:
    handler: type[BaseHTTPRequestHandler]

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.stopping = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self.handler)
        self.httpd.daemon_threads = True
        self.httpd.owner = self  # type: ignore[attr-defined]
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


class _Recording(BaseHTTPRequestHandler):
    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass

    def record(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.owner.received.append(
            {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body.decode()}
        )

    def do_GET(self):
        self.answer()

    def do_POST(self):
        self.answer()

    def do_PUT(self):
        self.answer()

    def do_DELETE(self):
        self.answer()


class RedirectServer(_Server):
    """Answers every request with ``status`` and a Location on ``target`` (the same path)."""

    def __init__(self, status: int, target: str) -> None:
        self.status, self.target = status, target.rstrip("/")

        class Handler(_Recording):
            def answer(self):
                self.record()
                owner = self.server.owner
                self.send_response(owner.status)
                self.send_header("Location", owner.target + self.path)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.handler = Handler
        super().__init__()


class TrickleServer(_Server):
    """Answers 200 with a valid JSON list of domains, one byte every ``every`` seconds, headers included:
    whole, the answer would take far longer than any test waits."""

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        body = json.dumps({"domains": [{"name": "d%03d.example.org" % n} for n in range(400)]}).encode()
        self.answer_bytes = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        )

        class Handler(_Recording):
            def answer(self):
                self.record()
                owner = self.server.owner
                for index in range(len(owner.answer_bytes)):
                    if owner.stopping.is_set():
                        return
                    try:
                        self.wfile.write(owner.answer_bytes[index : index + 1])
                        self.wfile.flush()
                    except OSError:
                        return  # the client gave up: what is being tested
                    time.sleep(owner.every)

        self.handler = Handler
        super().__init__()
