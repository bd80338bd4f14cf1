# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The event source's benchmark: what one poll costs at 1,000 orgs, and how long a heal takes at 300.

    python bench/eda.py [--latency-ms 20] [--poll-orgs 1000] [--heal-orgs 300] [--interval 2]

1. One poll at --poll-orgs generated orgs of 20 domains, each declared in a host_vars directory, in a
   process of its own as ansible-rulebook would run the source: requests per poll, controller CPU seconds
   (the first poll, a poll with nothing changed, a poll after 10% of the orgs changed) and the peak memory.
2. A heal at --heal-orgs orgs: the collection's heal_drift rulebook under a real ansible-rulebook, every
   --interval seconds; a domain changed outside Ansible, timed until the service holds the declared value
   again (three orgs, the median), beside one converge of one org (converge.yml --limit, the median of three).
The table replaces the event source's section of --output (the rest is kept).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "emulator"))

from figures import machine, record, write_section  # noqa: E402  pylint: disable=wrong-import-position
from fleet import FLEET, PARTNER_ENV, SEED  # noqa: E402  pylint: disable=wrong-import-position
from launcher import Emulator  # noqa: E402  pylint: disable=wrong-import-position

BEGIN, END = "<!-- eda: bench/eda.py -->", "<!-- /eda -->"
BIN = os.path.dirname(sys.executable)
AUTH = {
    "X-user": PARTNER_ENV["PROOFPOINT_ESSENTIALS_USER"],
    "X-password": PARTNER_ENV["PROOFPOINT_ESSENTIALS_PASSWORD"],
}
NO_PROXY = {"http": "", "https": ""}


def declare_all(emulator, project):
    """playbooks/fleet copied with host_vars declaring every generated org exactly as it is."""
    shutil.copytree(FLEET, project, ignore=shutil.ignore_patterns("host_vars"))
    os.mkdir(os.path.join(project, "host_vars"))
    for org, body in emulator.state().items():
        if org.endswith(".fleet.example"):
            keys = ("name", "destination", "failovers", "is_active", "is_relay")
            domains = [{key: domain[key] for key in keys} for domain in body["domains"]]
            with open(os.path.join(project, "host_vars", org + ".yml"), "w", encoding="utf-8") as handle:
                json.dump({"domains_list": domains}, handle)


def primary_domain(url, org):
    """The org's primary domain as the service holds it."""
    listed = requests.get(url + "/api/v1/orgs/%s/domains" % org, headers=AUTH, proxies=NO_PROXY).json()["domains"]
    return [domain for domain in listed if domain["name"] == org][0]


def put_destination(url, org, destination):
    """Change the org's primary domain's destination, as someone in the console would; returns the old one."""
    current = primary_domain(url, org)
    path = "%s/api/v1/orgs/%s/domains/%s" % (url, org, org)
    requests.put(path, json=dict(current, destination=destination), headers=AUTH, proxies=NO_PROXY).raise_for_status()
    return current["destination"]


def poll_worker(url, declared_dir, orgs):
    """Run in a process of its own: the source's polls, each one's CPU seconds and requests; prints JSON."""
    from ansible_collections.proofpoint.essentials.plugins.plugin_utils._drift.source import Poller, source_settings

    args = dict(api_url=url, partner="partner.net", declared_dir=declared_dir, interval=60)
    args.update(user=AUTH["X-user"], password=AUTH["X-password"])
    poller = Poller(*source_settings(args))
    figures = {"polls": []}

    def one(label):
        requests.delete(url + "/_emulator/requests", proxies=NO_PROXY)
        cpu = time.process_time()
        events = poller.poll()
        cpu = time.process_time() - cpu
        sent = len(requests.get(url + "/_emulator/requests", proxies=NO_PROXY).json()["requests"])
        figures["polls"].append({"poll": label, "cpu_s": round(cpu, 3), "requests": sent, "events": len(events)})

    one("first")
    for _poll in range(3):
        one("nothing changed")
    for index in range(1, orgs + 1, 10):
        put_destination(url, "cust%03d.fleet.example" % index, "192.0.2.77")
    one("10% changed")
    figures["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)
    print(json.dumps(figures))


def measure_polls(args, workdir):
    extra = ["--children", str(args.poll_orgs)]
    with Emulator(SEED, latency_ms=args.latency_ms, extra_args=extra) as emulator:
        project = os.path.join(workdir, "poll")
        declare_all(emulator, project)
        command = [sys.executable, __file__, "--poll-worker", emulator.url, os.path.join(project, "host_vars")]
        command += ["--poll-orgs", str(args.poll_orgs)]
        env = dict(os.environ, NO_PROXY="127.0.0.1")
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        return json.loads(done.stdout.strip().splitlines()[-1])


def wait_until(check, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise SystemExit("timed out")


def polls_seen(emulator):
    return sum(1 for entry in emulator.requests() if entry["path"] == "/api/v1/orgs/partner.net/orgs")


def measure_heal(args, workdir):
    extra = ["--children", str(args.heal_orgs)]
    with Emulator(SEED, latency_ms=args.latency_ms, extra_args=extra) as emulator:
        # The rulebook names playbooks/fleet/...: the project is a checkout with that layout.
        checkout = os.path.join(workdir, "heal")
        project = os.path.join(checkout, "playbooks", "fleet")
        os.makedirs(os.path.dirname(project))
        declare_all(emulator, project)
        heals = []
        rulebook = start_rulebook_in(checkout, emulator.url, args.interval)
        try:
            wait_until(lambda: polls_seen(emulator) >= 2)
            for index in (5, 150, 295):
                org = "cust%03d.fleet.example" % min(index, args.heal_orgs)
                declared = put_destination(emulator.url, org, "192.0.2.66")
                started = time.monotonic()
                wait_until(lambda org=org, was=declared: primary_domain(emulator.url, org)["destination"] == was)
                heals.append(time.monotonic() - started)
                seen = polls_seen(emulator)
                wait_until(lambda seen=seen: polls_seen(emulator) >= seen + 2)  # the heal's own change passes
        finally:
            os.killpg(rulebook.pid, signal.SIGTERM)
            rulebook.wait()
        converges = []
        env = dict(os.environ, PROOFPOINT_ESSENTIALS_API_URL=emulator.url, NO_PROXY="127.0.0.1", **PARTNER_ENV)
        for index in (7, 151, 296):
            org = "cust%03d.fleet.example" % min(index, args.heal_orgs)
            put_destination(emulator.url, org, "192.0.2.65")
            command = [os.path.join(BIN, "ansible-playbook"), "-i", "inventory", "converge.yml", "--limit", org]
            started = time.monotonic()
            subprocess.run(command, cwd=project, env=env, capture_output=True, check=True)
            converges.append(time.monotonic() - started)
        return {"heal_s": [round(s, 2) for s in heals], "converge_s": [round(s, 2) for s in converges]}


def start_rulebook_in(checkout, url, interval):
    env = dict(
        os.environ, PROOFPOINT_ESSENTIALS_API_URL=url, PROOFPOINT_ESSENTIALS_PARTNER="partner.net", **PARTNER_ENV
    )
    env.update(DRIFT_INTERVAL=str(interval), NO_PROXY="127.0.0.1", PATH=BIN + os.pathsep + os.environ["PATH"])
    command = [os.path.join(BIN, "ansible-rulebook"), "-r", "proofpoint.essentials.heal_drift"]
    command += ["-i", "playbooks/fleet/inventory", "--env-vars", "DRIFT_INTERVAL", "--shutdown-delay", "1"]
    log = open(os.path.join(checkout, "rulebook.log"), "w", encoding="utf-8")
    return subprocess.Popen(
        command, cwd=checkout, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def table(args, polls, heal):
    slowest = max(poll["cpu_s"] for poll in polls["polls"])
    one_request = all(poll["requests"] == 1 for poll in polls["polls"])
    lines = [
        BEGIN,
        "## Event source (`bench/eda.py`)",
        "",
        "%s; API latency %g ms; orgs of 20 domains, each declared in host_vars." % (machine(), args.latency_ms),
        "",
        "One poll of `proofpoint.essentials.domain_drift` at %d orgs, in a process of its own:" % args.poll_orgs,
        "",
        "| poll | requests | controller CPU (s) | events |",
        "|---|---|---|---|",
    ]
    lines += ["| %s | %d | %.3f | %d |" % (p["poll"], p["requests"], p["cpu_s"], p["events"]) for p in polls["polls"]]
    heal_median, converge_median = statistics.median(heal["heal_s"]), statistics.median(heal["converge_s"])
    bound = args.interval + 1.5 * converge_median
    lines += [
        "",
        "Peak memory of the polling process: %.0f MB. Target: one request per poll, every poll under 1 s of CPU: "
        "%s (the slowest: %.3f s)." % (polls["peak_mb"], "met" if one_request and slowest < 1 else "NOT met", slowest),
        "",
        "A heal at %d orgs, interval %g s (`heal_drift` under ansible-rulebook): from the change outside Ansible "
        "to the service holding the declared value again, %s s (median %.2f s); one converge of one org "
        "(`converge.yml --limit`): %s s (median %.2f s). Target: within the interval plus 1.5x a converge, "
        "%.2f s: %s (ratio %.2f)."
        % (
            args.heal_orgs,
            args.interval,
            ", ".join("%.2f" % s for s in heal["heal_s"]),
            heal_median,
            ", ".join("%.2f" % s for s in heal["converge_s"]),
            converge_median,
            bound,
            "met" if heal_median <= bound else "NOT met",
            heal_median / bound,
        ),
        "",
        "`python bench/eda.py` (part of `make bench`).",
        END,
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--poll-orgs", type=int, default=1000)
    parser.add_argument("--heal-orgs", type=int, default=300)
    parser.add_argument("--interval", type=float, default=2)
    parser.add_argument("--poll-worker", nargs=2, metavar=("URL", "DECLARED_DIR"))
    parser.add_argument("--output", default=os.path.join(HERE, "results.md"))
    args = parser.parse_args()
    if args.poll_worker:
        poll_worker(args.poll_worker[0], args.poll_worker[1], args.poll_orgs)
        return
    with tempfile.TemporaryDirectory(prefix="pp-eda-bench-") as workdir:
        polls = measure_polls(args, workdir)
        print(json.dumps(polls))
        heal = measure_heal(args, workdir)
        print(json.dumps(heal))
    if args.output == os.path.join(HERE, "results.md"):  # a trial run elsewhere leaves the figures alone
        record("eda", {"polls": polls, "heal": heal, "interval": args.interval})
    text = table(args, polls, heal)
    write_section(args.output, text, BEGIN, END)
    print(text)


if __name__ == "__main__":
    main()
