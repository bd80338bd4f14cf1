# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start the emulator as a child process on a free loopback port, and talk to its admin endpoints.

Used by `make demo`, the tests and the benchmark. As a command it runs another command with
PROOFPOINT_ESSENTIALS_API_URL pointing at a fresh emulator, then stops the emulator:

    python emulator/launcher.py --seed emulator/seed.json [--state FILE] -- ansible-playbook ...

With --two-partners it starts two emulators as the two partner accounts of the several-partners example
(docs/examples/several-partners) and gives their APIs and logins to the command. Without a command, it
prints what to export in another terminal and keeps the emulator(s) up until Ctrl-C (make emulator,
make two-partners).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
# The emulator is on loopback: proxies from the environment must never see the admin calls.
NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
SERVER = os.path.join(HERE, "proofpoint_emulator.py")


class Emulator:
    """A running emulator; use as a context manager."""

    def __init__(self, seed, state=None, latency_ms=0, list_format="wrapped", tls_dir=None, extra_args=()):
        """``extra_args`` go to the emulator as given, e.g. ("--children", "300", "--domains-per-org", "20")."""
        self.seed, self.state_path, self.latency_ms = seed, state, latency_ms
        self.list_format, self.tls_dir, self.extra_args = list_format, tls_dir, list(extra_args)
        self.process = None
        self.url = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, timeout=15):
        workdir = tempfile.mkdtemp(prefix="pp-emulator-")
        url_file = os.path.join(workdir, "url")
        command = [
            sys.executable,
            SERVER,
            "--seed",
            self.seed,
            "--url-file",
            url_file,
            "--latency-ms",
            str(self.latency_ms),
            "--list-format",
            self.list_format,
        ]
        if self.state_path:
            command += ["--state", self.state_path]
        if self.tls_dir:
            command += ["--tls", self.tls_dir]
        command += self.extra_args
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while not os.path.exists(url_file):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the emulator did not start: %s" % " ".join(command))
            time.sleep(0.02)
        with open(url_file, encoding="utf-8") as handle:
            self.url = handle.read().strip()
        return self.url

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    # Admin endpoints (plain HTTP only; TLS tests read the state from the seed's outcome instead).
    def _admin(self, method, action, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + "/_emulator/" + action, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with NO_PROXY_OPENER.open(request, timeout=10) as response:
            raw = response.read()
        return json.loads(raw) if raw else None

    def requests(self):
        return self._admin("GET", "requests")["requests"]

    def wait_for_requests(self, count, timeout=10):
        """The request log once it holds ``count`` entries (a delayed answer is logged when sent)."""
        deadline = time.monotonic() + timeout
        while True:
            logged = self.requests()
            if len(logged) >= count or time.monotonic() > deadline:
                return logged
            time.sleep(0.05)

    def clear_requests(self):
        self._admin("DELETE", "requests")

    def writes(self):
        return [r for r in self.requests() if r["method"] != "GET"]

    def state(self):
        return self._admin("GET", "state")

    def domains(self, org):
        return {d["name"]: d for d in self.state()[org]["domains"]}

    def reset(self):
        self._admin("POST", "reset")

    def inject(self, **fault):
        self._admin("POST", "faults", fault)


# The "Several partners" guide's two partner accounts (docs/examples/several-partners): each its own
# emulator and seed, found by its sources and group_vars through these variables.
TWO_PARTNERS = (
    ("MSP_EXAMPLE", os.path.join(HERE, "seed-msp.json")),
    ("DISTRI_EXAMPLE", os.path.join(HERE, "seed-distri.json")),
)
DEMO_PASSWORD = "demo-Passw0rd"  # the seeds' throwaway logins, as in the README


def two_partners_env(emulators):
    """The variables the several-partners example reads: each partner's API and password."""
    env = {}
    for (prefix, _seed), emulator in zip(TWO_PARTNERS, emulators, strict=True):
        env.update({prefix + "_API_URL": emulator.url, prefix + "_PASSWORD": DEMO_PASSWORD})
    return env


def run_two_partners(args, command):
    """Both partners' emulators; then the command with their variables, or (none given) the variables
    printed for another terminal, until interrupted."""
    with Emulator(TWO_PARTNERS[0][1], latency_ms=args.latency_ms) as first:
        with Emulator(TWO_PARTNERS[1][1], latency_ms=args.latency_ms) as second:
            env = two_partners_env((first, second))
            if command:
                return subprocess.call(command, env=dict(os.environ, **env))
            return serve("Two partners, msp.example and distri.example", env)


def serve(what, env):
    """Say what to export in another terminal, then keep the emulator(s) up until interrupted."""
    print("%s; in another terminal, from the repository root:" % what, flush=True)
    print("export " + " ".join("%s=%s" % item for item in env.items()), flush=True)
    print("Stop with Ctrl-C.", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed")
    parser.add_argument("--state")
    parser.add_argument("--latency-ms", type=float, default=0)
    parser.add_argument(
        "--children", type=int, default=0, help="generated child orgs of the partner (see the emulator)"
    )
    parser.add_argument(
        "--two-partners",
        action="store_true",
        help="two emulators as the partners msp.example and distri.example (docs/fleet.md, Several partners)",
    )
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if args.two_partners:
        return run_two_partners(args, command)
    if not args.seed:
        parser.error("give --seed FILE (or --two-partners)")
    extra = ["--children", str(args.children)] if args.children else []
    with Emulator(args.seed, args.state, args.latency_ms, extra_args=extra) as emulator:
        if not command:
            return serve("The emulator is at %s" % emulator.url, {"PROOFPOINT_ESSENTIALS_API_URL": emulator.url})
        print("emulator: %s" % emulator.url, flush=True)
        env = dict(os.environ, PROOFPOINT_ESSENTIALS_API_URL=emulator.url)
        return subprocess.call(command, env=env)


if __name__ == "__main__":
    sys.exit(main())
