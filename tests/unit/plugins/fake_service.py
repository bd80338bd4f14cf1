# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-ins for the HTTP layer in unit tests: a script of exchanges, or the emulator's service in process.

Both replace ``requests.Session.request``, so the collection's own client, retries and error
mapping run unchanged above them.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from urllib.parse import unquote, urlsplit

import requests

# The emulator's route table and world, in process (ansible-test units copies the tree, emulator/ included).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "emulator"))
from emulated.routes import dispatch
from emulated.world import World

PASSWORD = "s3cret-Unit-Pa55"
# A connection reset after the request went out: the write may have landed, its answer is lost.
DROPPED = requests.exceptions.ConnectionError(ConnectionResetError(104, "Connection reset by peer"))
API = "/api/v1/orgs/"
FAKE_USER = "fake-admin@unit.test"
AUTH = {"X-user": FAKE_USER, "X-password": PASSWORD}


def answer(status, body=None, headers=None):
    response = requests.Response()
    response.status_code = status
    response._content = b"" if body is None else json.dumps(body).encode()
    response.headers.update(headers or {})
    response.reason = "reason"
    return response


def encoded(body):
    """A request's body as it goes over the wire."""
    return b"" if body is None else json.dumps(body).encode()


def domain(name, destination="10.0.0.1", **fields):
    return dict(
        {"name": name, "is_active": False, "is_relay": False, "destination": destination, "failovers": []}, **fields
    )


class ScriptedSession:
    """Plays back answers (responses or exceptions) in order and records each call."""

    def __init__(self, script):
        self.script = list(script)
        self.calls = []
        self.closed = False

    def close(self):
        self.closed = True

    def request(self, method, url, json=None, timeout=None, verify=None, allow_redirects=False):
        assert allow_redirects is False, "the client must never follow a redirect"
        self.calls.append((method, urlsplit(url).path, json))
        step = self.script.pop(0)
        if isinstance(step, BaseException):
            raise step
        return step

    @property
    def methods(self):
        return [call[0] for call in self.calls]


class FakeService:
    """One org's domains served in process by the emulator's own route table (emulator/emulated), so the
    unit tests and the emulator answer alike; ``fail`` scripts answers per (method, name) before that."""

    def __init__(self, org, domains, fail=None, list_shape="wrapped"):
        self.org = org
        seed = {
            "users": [{"email": FAKE_USER, "password": PASSWORD, "role": "organization_admin", "orgs": [org]}],
            "orgs": {org: {"domains": [dict(d) for d in domains]}},
        }
        self.world = World(seed)
        self.fail = {key: list(steps) for key, steps in (fail or {}).items()}
        self.list_shape = (lambda listed: listed) if list_shape == "bare" else (lambda listed: {"domains": listed})
        self.calls = []
        self.headers = []
        self.lock = threading.Lock()

    @property
    def domains(self):
        """The org's domains as the emulator holds them, by name."""
        return self.world.domains[self.org]

    def session_request(self, session, method, url, json=None, timeout=None, verify=None, **_kwargs):
        """Bound in place of requests.Session.request."""
        self.headers.append(dict(session.headers))
        return self.request(method, url, json)

    def request(self, method, url, json=None, timeout=None, verify=None, allow_redirects=False):
        assert allow_redirects is False, "the client must never follow a redirect"
        path = urlsplit(url).path
        name = unquote(path.rsplit("/", 1)[1]) if not path.endswith("/domains") else None
        with self.lock:
            self.calls.append((method, path, json))
            steps = self.fail.get((method, name))
            if steps:
                step = steps.pop(0)
                if isinstance(step, BaseException):
                    raise step
                return step
        # The service's answer, as the emulator gives it; the caller is the org's own admin.
        status, body = dispatch(self.world, method, path, AUTH, encoded(json), self.list_shape)
        return answer(status, body)

    @property
    def writes(self):
        return [(method, path.rsplit("/", 1)[1]) for method, path, _body in self.calls if method != "GET"]

    @property
    def methods(self):
        """Each call as METHOD plus "[n]" for a list body: ["GET", "POST[2]", ...]."""
        return [method + ("[%d]" % len(body) if isinstance(body, list) else "") for method, _path, body in self.calls]


def run_module(main, args, service, monkeypatch, capsys, check_mode=False, diff=False):
    """Run a module's main() as Ansible would, its HTTP going to ``service``; returns its JSON result.

    The result is what the module printed, so no_log masking and exit/fail paths are the real ones.
    """
    # Deferred: ansible.module_utils.testing exists from ansible-core 2.19, the version unit tests run on.
    from ansible.module_utils import _internal
    from ansible.module_utils.common.parameters import PASS_VARS
    from ansible.module_utils.testing import patch_module_args

    # A module runs in a process of its own, where no controller code is loaded; these tests share one
    # with the controller's (inventory, templating), which would send module warnings to the display.
    monkeypatch.setattr(_internal, "is_controller", False)

    def session_request(session, method, url, **kwargs):
        return service.session_request(session, method, url, **kwargs)

    monkeypatch.setattr(requests.Session, "request", session_request)
    full_args = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
    if "inject_invocation" in PASS_VARS:
        # ansible-core 2.20 and later return ``invocation`` only when the controller asks for it.
        full_args["_ansible_inject_invocation"] = True
    with patch_module_args(full_args):
        try:
            main()
        except SystemExit:
            pass
    result = json.loads(capsys.readouterr().out)
    result["_printed"] = json.dumps(result)
    return result
