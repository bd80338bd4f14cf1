# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet benchmark: playbooks/fleet over N generated customer orgs of 20 domains, 10% drifted.

    python bench/fleet.py [--latency-ms 20] [--orgs 30 100 300] [--forks 10 50] [--output bench/results.md]

For each N and forks: one run that converges the drifted orgs, then a no-op run; wall time and the
requests the emulator counted. The table replaces the fleet section of --output (the rest is kept).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "emulator"))

from figures import machine, write_section  # noqa: E402  pylint: disable=wrong-import-position
from launcher import Emulator  # noqa: E402  pylint: disable=wrong-import-position

SEED = os.path.join(ROOT, "emulator", "seed.json")
FLEET = os.path.join(ROOT, "playbooks", "fleet")
BEGIN, END = "<!-- fleet: bench/fleet.py -->", "<!-- /fleet -->"


def project_for(emulator, workdir):
    """A copy of playbooks/fleet declaring every generated org: as it is, but every tenth drifted."""
    project = os.path.join(workdir, "fleet")
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(FLEET, project, ignore=shutil.ignore_patterns("host_vars"))
    os.mkdir(os.path.join(project, "host_vars"))
    for org, body in emulator.state().items():
        if not org.endswith(".fleet.example"):
            continue
        domains = [
            {k: d[k] for k in ("name", "destination", "failovers", "is_active", "is_relay")}
            for d in sorted(body["domains"], key=lambda d: d["name"])
        ]
        if int(org[4:7]) % 10 == 0:
            domains[1]["destination"] = "192.0.2.99"
            domains.append({"name": "new." + org, "destination": "192.0.2.98"})
        with open(os.path.join(project, "host_vars", org + ".yml"), "w", encoding="utf-8") as handle:
            json.dump({"domains_exclusive": True, "domains_list": domains}, handle)
    return project


def run_fleet(emulator, project, forks):
    env = dict(
        os.environ,
        PROOFPOINT_ESSENTIALS_API_URL=emulator.url,
        PROOFPOINT_ESSENTIALS_USER="msp@partner.net",
        PROOFPOINT_ESSENTIALS_PASSWORD="demo-Passw0rd",
        PROOFPOINT_ESSENTIALS_ORG="partner.net",
        ANSIBLE_INVENTORY_UNPARSED_FAILED="1",
        ANSIBLE_NOCOLOR="1",
        NO_PROXY="127.0.0.1",
    )
    command = [
        os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
        "-i",
        os.path.join(project, "inventory"),
        os.path.join(project, "converge.yml"),
        "--forks",
        str(forks),
    ]
    emulator.clear_requests()
    started = time.monotonic()
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    if completed.returncode != 0:
        raise SystemExit("fleet run failed: %s\n%s" % (" ".join(command), completed.stdout[-3000:]))
    changed = sum(int(m) for m in re.findall(r" changed=(\d+)", completed.stdout))
    return seconds, len(emulator.requests()), changed


def measure(args):
    rows = []
    workdir = tempfile.mkdtemp(prefix="pp-fleet-bench-")
    for orgs in args.orgs:
        extra = ["--children", str(orgs), "--domains-per-org", "20"]
        for forks in args.forks:
            with Emulator(SEED, latency_ms=args.latency_ms, extra_args=extra) as emulator:
                project = project_for(emulator, workdir)
                for scenario in ("10% drifted", "no-op re-run"):
                    seconds, requests, changed = run_fleet(emulator, project, forks)
                    rows.append((orgs, forks, scenario, seconds, requests, changed))
                    print(
                        "  fleet orgs=%d forks=%d %-13s %7.1f s %5d requests %4d changed"
                        % (orgs, forks, scenario, seconds, requests, changed),
                        flush=True,
                    )
    return rows


def section(args, rows):
    lines = [
        BEGIN,
        "## The fleet",
        "",
        "`playbooks/fleet/converge.yml` over N generated customer orgs of 20 domains each (plus the seed's "
        "3 unmanaged orgs), every tenth org drifted (2 writes), %g ms latency per request. Machine: %s. "
        "Command: `%s`." % (args.latency_ms, machine(), " ".join(["python bench/fleet.py"] + sys.argv[1:])),
        "",
        "| orgs | forks | run | wall time (s) | HTTP requests | changed hosts | s per org |",
        "|---|---|---|---|---|---|---|",
    ]
    for orgs, forks, scenario, seconds, requests, changed in rows:
        lines.append(
            "| %d | %d | %s | %.1f | %d | %d | %.2f |"
            % (orgs, forks, scenario, seconds, requests, changed, seconds / orgs)
        )
    lines += [
        "",
        "Requests: 1 inventory read + 1 GET per managed org + the writes (2 per drifted org), nothing else.",
        growth(rows),
        END,
    ]
    return "\n".join(lines) + "\n"


def growth(rows):
    """How time grows with the number of orgs, from the smallest to the largest fleet per forks."""
    notes = []
    for forks in sorted({row[1] for row in rows}):
        drifted = sorted((row[0], row[3]) for row in rows if row[1] == forks and row[2] == "10% drifted")
        if len(drifted) >= 2:
            (small_n, small_s), (big_n, big_s) = drifted[0], drifted[-1]
            notes.append(
                "forks %d: %.2f s per extra org (%d to %d orgs: x%.1f orgs, x%.1f time)"
                % (forks, (big_s - small_s) / (big_n - small_n), small_n, big_n, big_n / small_n, big_s / small_s)
            )
    return (
        "Growth, linear in the orgs (each org costs one module run on the controller): " + "; ".join(notes) + "."
        if notes
        else ""
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--orgs", type=int, nargs="+", default=[30, 100, 300])
    parser.add_argument("--forks", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--output", default=os.path.join(HERE, "results.md"))
    args = parser.parse_args(argv)
    text = section(args, measure(args))
    write_section(args.output, text, BEGIN, END)
    print(text)


if __name__ == "__main__":
    main()
