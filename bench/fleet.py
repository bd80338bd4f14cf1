# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet benchmark, side by side in one run: N generated customer orgs of 20 domains, 10% drifted.

    python bench/fleet.py [--latency-ms 20] [--orgs 100 300 1000] [--forks 10] [--rate-limit 20]
    python bench/fleet.py --block-sender 300 3000

For each N, on one emulator: the platform floors (one ansible.builtin.debug per org, one
ansible.builtin.ping per org), a plain sequential Python script, the per-host converge
(converge-per-host.yml) and the one-process converge (converge.yml), each drifted then no-op, and the
drift report (a fresh read of each org, then planned from the inventory); wall time, requests and changed
orgs for each. Then a converge of 300 orgs under a partner-wide rate limit, against what the
limit allows. The tables replace the fleet section of --output (the rest is kept).

With --block-sender N...: one sender blocked in every org of a partner of N orgs (a tenth of them already
block it) by playbooks/block-sender.yml, against a sequential script that reads each org's lists and POSTs
where the sender is missing; then the runbook again. Its own section of --output.
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

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "emulator"))

from figures import machine, record_merged, write_section  # noqa: E402  pylint: disable=wrong-import-position
from launcher import Emulator  # noqa: E402  pylint: disable=wrong-import-position

SEED = os.path.join(ROOT, "emulator", "seed.json")
FLEET = os.path.join(ROOT, "playbooks", "fleet")
BEGIN, END = "<!-- fleet: bench/fleet.py -->", "<!-- /fleet -->"


def project_for(emulator, workdir, *more_emulators):
    """A copy of playbooks/fleet declaring every generated org: as it is, but every tenth drifted."""
    project = os.path.join(workdir, "fleet")
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(FLEET, project, ignore=shutil.ignore_patterns("host_vars"))
    os.mkdir(os.path.join(project, "host_vars"))
    states = [emulator.state()] + [other.state() for other in more_emulators]
    for org, body in [item for state in states for item in state.items()]:
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


FLOORS = {
    "floor-debug.yml": 'ansible.builtin.debug:\n        msg: "{{ inventory_hostname }}"',
    "floor-ping.yml": "ansible.builtin.ping:",
}
PARTNER_ENV = {
    "PROOFPOINT_ESSENTIALS_USER": "msp@partner.net",
    "PROOFPOINT_ESSENTIALS_PASSWORD": "demo-Passw0rd",
    "PROOFPOINT_ESSENTIALS_ORG": "partner.net",
}


def write_floors(project):
    for name, task in FLOORS.items():
        with open(os.path.join(project, name), "w", encoding="utf-8") as handle:
            handle.write(
                "---\n- name: One task per org\n  hosts: proofpoint_orgs\n  gather_facts: false\n  tasks:\n"
                "    - name: The least a task can do\n      %s\n" % task
            )


def run_playbook(emulator, project, playbook, forks, extra=(), partners=()):
    """Wall time, requests and changed hosts of one ansible-playbook run over the fleet's inventory; with
    ``partners`` (more emulators), the inventory and group_vars name every partner's API and login."""
    env = dict(os.environ, ANSIBLE_INVENTORY_UNPARSED_FAILED="1", ANSIBLE_NOCOLOR="1", NO_PROXY="127.0.0.1")
    if not partners:
        env.update(PROOFPOINT_ESSENTIALS_API_URL=emulator.url, **PARTNER_ENV)
    command = [
        os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
        "-i",
        os.path.join(project, "inventory"),
        os.path.join(project, playbook),
        "--forks",
        str(forks),
        *extra,
    ]
    for each in (emulator, *partners):
        each.clear_requests()
    started = time.monotonic()
    returncode, output, peak = run_measured(command, env)
    seconds = time.monotonic() - started
    if returncode != 0:
        raise SystemExit("fleet run failed: %s\n%s" % (" ".join(command), output[-3000:]))
    # Orgs only: localhost's own tasks (the report's files) are not an org changed; the summary path shows
    # each changed org as a line of its one task instead.
    changed = sum(int(m) for m in re.findall(r"^(?!localhost )\S+\s+: ok=\d+\s+changed=(\d+)", output, re.M))
    if "fleet_per_host=false" in extra or playbook == "block-sender.yml":  # one task for every org
        changed = int(re.search(r"(\d+) orgs: (\d+) changed", output).group(2))
    return seconds, sum(len(each.requests()) for each in (emulator, *partners)), changed, peak


def run_measured(command, env):
    """Return code, output (stdout and stderr) and the peak resident memory (MB) of the command's largest
    process, the controller (its forked workers are smaller)."""
    with tempfile.TemporaryFile("w+") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, text=True)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        return process.returncode, output.read(), usage.ru_maxrss / 1024.0


def run_inventory(emulator, project):
    """ansible-inventory --list over the fleet's inventory, as AWX imports it."""
    env = dict(os.environ, ANSIBLE_INVENTORY_UNPARSED_FAILED="1", NO_PROXY="127.0.0.1")
    env.update(PROOFPOINT_ESSENTIALS_API_URL=emulator.url, **PARTNER_ENV)
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-inventory"), "-i"]
    command += [os.path.join(project, "inventory"), "--list"]
    emulator.clear_requests()
    started = time.monotonic()
    returncode, output, peak = run_measured(command, env)
    if returncode != 0:
        raise SystemExit("inventory failed: %s" % output[-3000:])
    return time.monotonic() - started, len(emulator.requests()), 0, peak


def run_script(emulator, project):
    """The simplest alternative: list the partner's orgs, GET each declared org, PUT/POST/DELETE the differences."""
    session = requests.Session()
    session.headers.update({"X-user": PARTNER_ENV["PROOFPOINT_ESSENTIALS_USER"], "X-password": "demo-Passw0rd"})
    api = emulator.url + "/api/v1/orgs/"
    emulator.clear_requests()
    started, changed = time.monotonic(), 0
    session.get(api + "partner.net/orgs", timeout=30).raise_for_status()
    for name in sorted(os.listdir(os.path.join(project, "host_vars"))):
        org = name[: -len(".yml")]
        with open(os.path.join(project, "host_vars", name), encoding="utf-8") as handle:
            declared = {d["name"]: dict(CREATE_DEFAULTS, **d) for d in json.load(handle)["domains_list"]}
        current = session.get(api + org + "/domains", timeout=30).json()["domains"]
        current = {d["name"]: {k: d[k] for k in FIELDS} for d in current}
        writes = [(("PUT" if n in current else "POST"), n, d) for n, d in declared.items() if current.get(n) != d]
        writes += [("DELETE", n, None) for n in current if n not in declared and n != org]
        for method, domain, body in writes:
            url = api + org + "/domains/" + domain
            answer = session.request(method, url, json=body, timeout=30)
            if answer.status_code >= 400:
                raise SystemExit("script: %s %s: %d %s" % (method, url, answer.status_code, answer.text[:300]))
        changed += bool(writes)
    return time.monotonic() - started, len(emulator.requests()), changed, None


FIELDS = ("name", "destination", "failovers", "is_active", "is_relay")
CREATE_DEFAULTS = {"failovers": [], "is_active": True, "is_relay": False}
RUNS = [
    ("one debug per org (floor)", "floor-debug.yml", ()),
    ("one ping per org (floor)", "floor-ping.yml", ()),
    ("sequential Python script, drifted", None, ()),
    ("per-host converge, drifted", "converge-per-host.yml", ()),
    ("per-host converge, no-op", "converge-per-host.yml", ()),
    ("one-process converge, drifted", "converge.yml", ()),
    ("one-process converge, no-op", "converge.yml", ()),
    ("summary converge, drifted", "converge.yml", ("-e", "fleet_per_host=false")),
    ("summary converge, no-op", "converge.yml", ("-e", "fleet_per_host=false")),
    ("drift report, each org read", "drift-report.yml", ()),
    ("drift report, from the inventory", "drift-report.yml", ("-e", "drift_plan_from_inventory=true")),
    ("ansible-inventory --list", "inventory", ()),
]


def measure(args):
    rows = []
    workdir = tempfile.mkdtemp(prefix="pp-fleet-bench-")
    for orgs in args.orgs:
        extra = ["--children", str(orgs), "--domains-per-org", "20"]
        with Emulator(SEED, latency_ms=args.latency_ms, extra_args=extra) as emulator:
            project = project_for(emulator, workdir)
            write_floors(project)
            for label, playbook, options in [run for run in RUNS if any(part in run[0] for part in args.only)]:
                if label.endswith("drifted") or label == "drift report, each org read":
                    emulator.reset()  # the seed and the generated orgs, as they were
                if playbook is None:
                    figures = run_script(emulator, project)
                elif playbook == "inventory":
                    figures = run_inventory(emulator, project)
                else:
                    report = os.path.join(workdir, "report")
                    more = options + ("-e", "drift_report_dir=" + report, "-e", "fleet_report_dir=" + report)
                    figures = run_playbook(emulator, project, playbook, args.forks, more)
                rows.append((orgs, label) + figures)
                print("  fleet orgs=%-5d %-36s %7.1f s %6d requests %5d changed, peak %s MB" % rows[-1], flush=True)
    return rows, rate_limited(args, workdir), two_partners(args, workdir), new_customers(args, workdir)


PARTNER_B = {"partner": "distri.example", "user": "ops@distri.example", "password": "demo-Passw0rd-B"}


def two_partners(args, workdir):
    """One-process converges (drifted) of two partner accounts of N orgs each, on two emulators, in one run;
    and of one partner of 2N orgs: both sides send the same requests."""
    orgs = args.partner_orgs
    extra = ["--domains-per-org", "20"]
    seed_b = os.path.join(workdir, "seed-b.json")
    with open(seed_b, "w", encoding="utf-8") as handle:
        user = {"email": PARTNER_B["user"], "password": PARTNER_B["password"], "role": "channel_admin"}
        json.dump({"users": [dict(user, orgs=[PARTNER_B["partner"]])], "orgs": {PARTNER_B["partner"]: {}}}, handle)
    with Emulator(SEED, latency_ms=args.latency_ms, extra_args=["--children", str(2 * orgs)] + extra) as one:
        single = run_playbook(one, project_for(one, workdir), "converge.yml", args.forks)
    generated = ["--children", str(orgs)] + extra
    b_args = generated + ["--partner", PARTNER_B["partner"], "--child-prefix", "dist"]
    with (
        Emulator(SEED, latency_ms=args.latency_ms, extra_args=generated) as a,
        Emulator(seed_b, latency_ms=args.latency_ms, extra_args=b_args) as b,
    ):
        project = project_for(a, workdir, b)
        write_partner_sources(project, a, b)
        double = run_playbook(a, project, "converge.yml", args.forks, partners=(b,))
    return {"orgs": orgs, "single": single, "double": double}


def write_partner_sources(project, a, b):
    """The inventory a source per partner, each partner's login in its group's group_vars."""
    inventory = os.path.join(project, "inventory")
    shutil.rmtree(inventory)
    os.mkdir(inventory)
    os.mkdir(os.path.join(project, "group_vars"))
    logins = [
        (a, "partner.net", PARTNER_ENV["PROOFPOINT_ESSENTIALS_USER"], PARTNER_ENV["PROOFPOINT_ESSENTIALS_PASSWORD"]),
        (b, PARTNER_B["partner"], PARTNER_B["user"], PARTNER_B["password"]),
    ]
    for emulator, partner, user, password in logins:
        login = {"user": user, "password": password}
        source = dict(plugin="proofpoint.essentials.proofpoint_orgs", api_url=emulator.url, partner=partner, **login)
        with open(os.path.join(inventory, partner + ".proofpoint_orgs.yml"), "w", encoding="utf-8") as handle:
            json.dump(source, handle)
        group = "proofpoint_partner_" + re.sub("[^a-z0-9]", "_", partner)
        with open(os.path.join(project, "group_vars", group + ".yml"), "w", encoding="utf-8") as handle:
            json.dump({"proofpoint_user": user, "proofpoint_password": password}, handle)


def new_customers(args, workdir):
    """N customers declared in a static inventory beside the partner's (proofpoint_org_spec, 5 domains each)
    and created by one converge, at the fleet's default concurrency and one org at a time; then a re-run."""
    orgs, runs = args.new_customers, {}
    for concurrency in (16, 1):
        with Emulator(SEED, latency_ms=args.latency_ms) as emulator:
            project = project_for(emulator, workdir)
            hosts = {
                "new%03d.example" % index: {
                    "proofpoint_org_spec": {
                        "partner": "partner.net",
                        "name": "New customer %d" % index,
                        "admin_user": {"email": "it@new%03d.example" % index},
                    },
                    "domains_list": [
                        {"name": "%snew%03d.example" % (prefix, index), "destination": "10.7.%d.1" % index}
                        for prefix in ("", "a.", "b.", "c.", "d.")
                    ],
                }
                for index in range(1, orgs + 1)
            }
            with open(os.path.join(project, "inventory", "customers.yaml"), "w", encoding="utf-8") as handle:
                json.dump({"proofpoint_orgs": {"hosts": hosts}}, handle)
            more = ("-e", "fleet_concurrency=%d" % concurrency)
            runs[concurrency] = run_playbook(emulator, project, "converge.yml", args.forks, more)
            runs["again"] = run_playbook(emulator, project, "converge.yml", args.forks, more)
    return {"orgs": orgs, "runs": runs}


def rate_limited(args, workdir):
    """The one-process converge of a fleet (10% drifted) under a partner-wide token bucket."""
    orgs = args.rate_limited_orgs
    extra = ["--children", str(orgs), "--domains-per-org", "20", "--rate-limit", str(args.rate_limit)]
    with Emulator(SEED, latency_ms=args.latency_ms, extra_args=extra) as emulator:
        project = project_for(emulator, workdir)
        seconds, _sent, changed, _peak = run_playbook(emulator, project, "converge.yml", args.forks)
        logged = emulator.requests()
        converged = run_playbook(emulator, project, "converge.yml", args.forks)[2] == 0
    # The orgs' requests (the inventory read comes seconds earlier, before the play): from the first to the
    # last answer, against what the bucket allows for the answered ones beyond its burst (R at once).
    orgs_requests = [r for r in logged if not r["path"].endswith("/orgs")]
    answered = [r for r in orgs_requests if r["status"] != 429]
    span = max(r["time"] for r in orgs_requests) - min(r["time"] for r in orgs_requests)
    return {
        "orgs": orgs,
        "limit": args.rate_limit,
        "seconds": seconds,
        "span": span,
        "sent": len(orgs_requests),
        "answered": len(answered),
        "changed": changed,
        "floor": max(len(answered) - args.rate_limit, 1) / args.rate_limit,
        "converged": converged,
    }


SENDER = "evil@bad.example"
BLOCK_BEGIN, BLOCK_END = "<!-- block-sender: bench/fleet.py --block-sender -->", "<!-- /block-sender -->"


def block_already(emulator, every):
    """Every ``every``-th generated org blocks the sender already (as its admin did in the console)."""
    session = partner_session()
    for state_org in sorted(emulator.state()):
        number = re.match(r"cust(\d+)\.fleet\.example$", state_org)
        if number and int(number.group(1)) % every == 0:
            url = "%s/api/v1/orgs/%s/sender-lists" % (emulator.url, state_org)
            session.post(url, json={"block_list": [SENDER]}, timeout=30).raise_for_status()


def partner_session():
    session = requests.Session()
    session.headers.update({"X-user": PARTNER_ENV["PROOFPOINT_ESSENTIALS_USER"], "X-password": "demo-Passw0rd"})
    return session


def block_by_script(emulator):
    """The script an MSP writes: list the orgs, read each org's lists, POST the sender where it is missing."""
    session, api = partner_session(), emulator.url + "/api/v1/orgs/"
    emulator.clear_requests()
    started, changed = time.monotonic(), 0
    listing = session.get(api + "partner.net/orgs", timeout=60).json()["orgs"]
    for org in sorted(item["primary_domain"] for item in listing):
        lists = session.get(api + org + "/sender-lists", timeout=30).json()
        if SENDER not in [entry.lower() for entry in lists["block_list"]]:
            session.post(api + org + "/sender-lists", json={"block_list": [SENDER]}, timeout=30).raise_for_status()
            changed += 1
    return time.monotonic() - started, len(emulator.requests()), changed, None


def block_sender(args, workdir):
    """For each size: the script, the runbook (from the same state) and the runbook again."""
    rows = []
    for orgs in args.block_sender:
        # 5 domains each, as the listing carries them.
        extra = ["--children", str(orgs), "--domains-per-org", "5"]
        with Emulator(SEED, latency_ms=args.latency_ms, extra_args=extra) as emulator:
            project = project_for(emulator, workdir)
            shutil.rmtree(os.path.join(project, "host_vars"))  # the runbook declares the sender itself
            runbook = os.path.join(ROOT, "playbooks", "block-sender.yml")
            shutil.copy(runbook, os.path.join(project, "block-sender.yml"))
            block_already(emulator, every=10)
            rows.append((orgs, "sequential script: read each org, POST where missing") + block_by_script(emulator))
            emulator.reset()
            block_already(emulator, every=10)
            for label in ("runbook block-sender.yml", "runbook block-sender.yml, again"):
                figures = run_playbook(emulator, project, "block-sender.yml", args.forks, ("-e", "sender=" + SENDER))
                rows.append((orgs, label) + figures)
            for row in rows[-3:]:
                print("  block-sender orgs=%-5d %-52s %7.1f s %6d requests %5d changed, peak %s MB" % row, flush=True)
    return rows


def block_sender_section(args, rows):
    lines = [
        BLOCK_BEGIN,
        "## One sender blocked across the fleet",
        "",
        "N generated customer orgs of 5 domains (plus the seed's 3), a tenth of them already blocking the sender; "
        "%g ms latency per request, forks %d. The script and the runbook start from the same state. Machine: %s. "
        "Command: `%s`." % (args.latency_ms, args.forks, machine(), " ".join(["python bench/fleet.py"] + sys.argv[1:])),
        "",
        "| orgs | run | wall time (s) | HTTP requests | changed orgs | peak RSS (MB) |",
        "|---|---|---|---|---|---|",
    ]
    for orgs, label, seconds, sent, changed, peak in rows:
        shown_peak = "-" if peak is None else "%.0f" % peak
        lines.append("| %d | %s | %.1f | %d | %d | %s |" % (orgs, label, seconds, sent, changed, shown_peak))
    lines += ["", "Ratios, same run:", ""]
    for orgs in args.block_sender:
        times = {label: seconds for size, label, seconds, *_rest in rows if size == orgs}
        script = times["sequential script: read each org, POST where missing"]
        lines.append(
            "- %d orgs: runbook = %.2fx the script (target below 1x); its re-run = %.2fx the script."
            % (orgs, times["runbook block-sender.yml"] / script, times["runbook block-sender.yml, again"] / script)
        )
    return "\n".join(lines + [BLOCK_END]) + "\n"


RATIOS = [
    ("one-process no-op converge", "one-process converge, no-op", "one debug per org (floor)", "target 1.5x"),
    ("drift report", "drift report, each org read", "sequential Python script, drifted", "target below 1x"),
    ("per-host no-op converge", "per-host converge, no-op", "one-process converge, no-op", ""),
    ("summary no-op converge", "summary converge, no-op", "sequential Python script, drifted", "target below 1x"),
    ("summary no-op converge", "summary converge, no-op", "drift report, each org read", "target 1.5x"),
    ("ansible-inventory --list", "ansible-inventory --list", "one debug per org (floor)", "target 0.5x"),
]


def ratios(rows, orgs):
    """The ratios of one fleet size, between runs of the same run, for the runs that were made."""
    times = {row[1]: row[2] for row in rows if row[0] == orgs}
    return "; ".join(
        "%s = %.2fx %s%s" % (name, times[label] / times[baseline], baseline, " (%s)" % target if target else "")
        for name, label, baseline, target in RATIOS
        if label in times and baseline in times
    )


def section(args, measured):
    rows, limited, partners, created = measured
    fast, slow, again = created["runs"][16], created["runs"][1], created["runs"]["again"]
    lines = [
        BEGIN,
        "## The fleet",
        "",
        "Every row of one N ran on the same emulator in one run: N generated customer orgs of 20 domains each "
        "(plus the seed's 3 unmanaged orgs), every tenth org drifted (2 writes), %g ms latency per request, forks "
        "%d. A drifted run starts from the same state. Machine: %s. Command: `%s`."
        % (args.latency_ms, args.forks, machine(), " ".join(["python bench/fleet.py"] + sys.argv[1:])),
        "",
        "| orgs | run | wall time (s) | HTTP requests | changed orgs | s per org | peak RSS (MB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for orgs, label, seconds, requests_sent, changed, peak in rows:
        lines.append(
            "| %d | %s | %.1f | %d | %d | %.3f | %s |"
            % (orgs, label, seconds, requests_sent, changed, seconds / orgs, "-" if peak is None else "%.0f" % peak)
        )
    lines += ["", "Ratios, same run:", ""]
    for orgs in args.orgs:
        lines.append("- %d orgs: %s." % (orgs, ratios(rows, orgs)))
    lines += [
        "",
        "Under a partner-wide rate limit of %(limit)g requests/s (the emulator's token bucket, burst %(limit)g, "
        "answering 429 beyond it), the one-process converge of %(orgs)d orgs (%(seconds).1f s in all) sent its "
        "%(answered)d answered requests (%(sent)d sent, 429s included) in %(span).1f s: %(ratio).2fx the "
        "%(floor).1f s the limit allows (target 1.3x); %(changed)d orgs changed, and a re-run changed %(again)s."
        % dict(limited, ratio=limited["span"] / limited["floor"], again="nothing" if limited["converged"] else "some"),
        "",
        "Two partner accounts of %d orgs each (two emulators, a source and a login each) converged in one "
        "one-process run took %.1f s (%d requests, %d orgs changed), beside %.1f s (%d requests, %d changed) for one "
        "partner of %d orgs: %.2fx (target 1.2x)."
        % (
            partners["orgs"],
            *partners["double"][:3],
            *partners["single"][:3],
            2 * partners["orgs"],
            partners["double"][0] / partners["single"][0],
        ),
        "",
        "%d new customers declared in a static inventory (proofpoint_org_spec, 5 domains each) and created by one "
        "converge: %.1f s at the fleet's concurrency of 16 (%d requests, %d orgs changed), %.1f s one org at a "
        "time (%d requests): %.2fx; a re-run sent %d requests and changed %d."
        % (created["orgs"], *fast[:3], slow[0], slow[1], fast[0] / slow[0], again[1], again[2]),
        END,
    ]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--orgs", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--forks", type=int, default=10)
    parser.add_argument("--rate-limit", type=float, default=20)
    parser.add_argument("--rate-limited-orgs", type=int, default=300)
    parser.add_argument("--partner-orgs", type=int, default=300, help="orgs of each of two partners")
    parser.add_argument("--new-customers", type=int, default=50, help="customers created by one converge")
    parser.add_argument(
        "--only", nargs="+", default=[""], metavar="TEXT", help="only the runs whose label holds one of these"
    )
    parser.add_argument(
        "--block-sender", type=int, nargs="+", metavar="N", help="only the block-sender runs, of these sizes"
    )
    parser.add_argument("--output", default=os.path.join(HERE, "results.md"))
    args = parser.parse_args(argv)
    if args.block_sender:
        text = block_sender_section(args, block_sender(args, tempfile.mkdtemp(prefix="pp-block-bench-")))
        write_section(args.output, text, BLOCK_BEGIN, BLOCK_END)
        print(text)
        return
    measured = measure(args)
    if args.output == os.path.join(HERE, "results.md"):  # a trial run elsewhere leaves the figures alone
        record_rows(measured[0], args.latency_ms)
    text = section(args, measured)
    write_section(args.output, text, BEGIN, END)
    print(text)


def record_rows(rows, latency_ms):
    """Each run's figures in results.json under "fleet", by size and run: a run at other sizes keeps these."""
    by_size = {}
    for orgs, label, seconds, requests_sent, changed, peak in rows:
        by_size.setdefault(str(orgs), {})[label] = [round(seconds, 1), requests_sent, changed, peak]
    record_merged("fleet", by_size, latency_ms=latency_ms)


if __name__ == "__main__":
    main()
