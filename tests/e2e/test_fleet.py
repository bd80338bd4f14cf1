# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet: the proofpoint_orgs inventory and playbooks/fleet, for real, against the emulator."""

from __future__ import annotations

import base64
import functools
import json
import os
import shutil
import subprocess
import threading
import urllib.parse
import urllib.request

import pytest
import yaml
from conftest import ANSIBLE_BIN, PASSWORD, ROOT, SEED, Ansible
from launcher import Emulator

FLEET = os.path.join(ROOT, "playbooks", "fleet")
PARTNER = {
    "PROOFPOINT_ESSENTIALS_USER": "msp@partner.net",
    "PROOFPOINT_ESSENTIALS_ORG": "partner.net",
    "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1",
}
ORGS_READ = "/api/v1/orgs/partner.net/orgs"


def inventory_list(ansible, source, env=None, args=()):
    """A real ansible-inventory --list (its JSON in ``data`` unless -v output shares stdout)."""
    environment = {**ansible.env, **PARTNER, **(env or {})}
    command = [os.path.join(ANSIBLE_BIN, "ansible-inventory"), "-i", source, "--list"] + list(args)
    listed = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300, check=False)
    listed.data = plain(json.loads(listed.stdout)) if listed.returncode == 0 and not args else None
    return listed


def plain(value):
    """ansible-core 2.19 marks what an inventory plugin read as {"__ansible_unsafe": ...}: unwrap it."""
    if isinstance(value, dict):
        return (
            value["__ansible_unsafe"] if set(value) == {"__ansible_unsafe"} else {k: plain(v) for k, v in value.items()}
        )
    return [plain(item) for item in value] if isinstance(value, list) else value


def fleet_copy(tmp_path, host_vars):
    """playbooks/fleet with the given host_vars (org -> role variables), as a project directory."""
    project = tmp_path / "fleet"
    shutil.copytree(FLEET, project, ignore=shutil.ignore_patterns("host_vars"))
    (project / "host_vars").mkdir()
    for org, variables in host_vars.items():
        (project / "host_vars" / (org + ".yml")).write_text(json.dumps(variables))
    return project


def post_as_partner(emulator, path, body, method="POST"):
    """The console, say: the partner's admin writes ``body`` to ``path`` (under /api/v1) outside the run."""
    request = urllib.request.Request(
        emulator.url + "/api/v1" + path,
        data=json.dumps(body).encode(),
        method=method,
        headers={"Content-Type": "application/json", "X-user": "msp@partner.net", "X-password": PASSWORD},
    )
    urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=10).close()


def recaps(run):
    """PLAY RECAP counters per org (localhost, which checks the inventory first, left out)."""
    counters = {}
    for line in run.stdout.splitlines():
        if " : ok=" in line:
            host, _sep, rest = line.partition(" : ")
            counters[host.strip()] = {k: int(v) for k, v in (part.split("=") for part in rest.split())}
    counters.pop("localhost", None)
    return counters


def run_like_awx(private, ident, envvars, cmdline=None, passwords=None):
    """ansible-runner on the private data dir ``private`` (project/ and inventory/ in place), as AWX runs a
    job: ``envvars`` as the credentials inject them, and ``cmdline``/``passwords`` as a Vault credential
    adds them. Returns the run's artifacts directory and the finished process."""
    (private / "env").mkdir()
    # Where AWX would find the collection (installed in the execution environment or the project).
    envvars = dict(
        envvars,
        ANSIBLE_COLLECTIONS_PATH=os.path.abspath(os.environ["ANSIBLE_COLLECTIONS_PATH"]),
        ANSIBLE_NOCOLOR="1",
        NO_PROXY="127.0.0.1",
        no_proxy="127.0.0.1",
    )
    (private / "env" / "envvars").write_text(json.dumps(envvars))
    if cmdline:
        (private / "env" / "cmdline").write_text(cmdline)
    if passwords:
        (private / "env" / "passwords").write_text(json.dumps(passwords))
    runner = subprocess.run(
        [os.path.join(ANSIBLE_BIN, "ansible-runner"), "run", str(private), "-p", "converge.yml", "--ident", ident],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=dict(os.environ, PATH=ANSIBLE_BIN + os.pathsep + os.environ["PATH"]),
    )
    return private / "artifacts" / ident, runner


def test_inventory_lists_every_child_org_in_one_request(ansible, emulator):
    verbose = inventory_list(ansible, os.path.join(FLEET, "inventory"), args=["-vvvv"])
    assert verbose.returncode == 0 and "proofpoint_current_domains" in verbose.stdout, verbose.stderr
    assert PASSWORD not in verbose.stdout + verbose.stderr
    emulator.clear_requests()
    data = inventory_list(ansible, os.path.join(FLEET, "inventory")).data
    assert sorted(data["proofpoint_orgs"]["hosts"]) == ["alpha.example", "bravo.example", "charlie.example"]
    assert data["package_Advanced"]["hosts"] == ["alpha.example"]
    alpha = data["_meta"]["hostvars"]["alpha.example"]
    assert alpha["proofpoint_org_name"] == "Alpha" and alpha["proofpoint_api_url"] == emulator.url
    assert [d["name"] for d in alpha["proofpoint_current_domains"]] == ["alpha.example", "old.alpha.example"]
    assert [(r["method"], r["path"]) for r in emulator.requests()] == [("GET", ORGS_READ)]


@pytest.mark.parametrize(
    "env, message",
    [
        (
            {"PROOFPOINT_ESSENTIALS_USER": "admin@customer.com", "PROOFPOINT_ESSENTIALS_ORG": "customer.com"},
            "is admin@customer.com a Channel Admin of partner customer.com",
        ),
        ({"PROOFPOINT_ESSENTIALS_PASSWORD": "wrong-Passw0rd"}, "HTTP 401: invalid credentials: unknown user"),
        (
            {"PROOFPOINT_ESSENTIALS_STACK": "us1", "PROOFPOINT_ESSENTIALS_API_URL": ""},
            "DNS error talking to https://us1",
        ),
    ],
)
def test_inventory_failures_are_clear_and_keep_the_password(ansible, emulator, env, message):
    listed = inventory_list(
        ansible, os.path.join(FLEET, "inventory"), env=dict(env, PROOFPOINT_ESSENTIALS_RETRIES="0"), args=["-vvvv"]
    )
    assert listed.returncode != 0 and message in listed.stderr, listed.stderr
    assert PASSWORD not in listed.stdout + listed.stderr and "wrong-Passw0rd" not in listed.stdout + listed.stderr


def test_fleet_converges_managed_orgs_and_reports_the_others(ansible, emulator):
    run = ansible.run(
        os.path.join(FLEET, "converge.yml"),
        inventory=os.path.join(FLEET, "inventory"),
        env=PARTNER,
        args=["--forks", "5"],
    )
    assert run.rc == 0, run.output
    assert "alpha.example: 2 created, 1 updated, 1 deleted, 0 unchanged" in run.stdout
    assert "charlie.example: unmanaged, no domains_list or domains_list_file; left as it is" in run.stdout
    assert sorted(emulator.domains("alpha.example")) == ["alpha.example", "shop.alpha.example", "www.alpha.example"]
    assert emulator.domains("bravo.example")["mail.bravo.example"]["failovers"] == ["192.0.2.81", "192.0.2.82"]

    emulator.clear_requests()
    again = ansible.run(os.path.join(FLEET, "converge.yml"), inventory=os.path.join(FLEET, "inventory"), env=PARTNER)
    assert again.rc == 0 and all(counts["changed"] == 0 for counts in recaps(again).values()), again.output
    assert sorted(r["path"] for r in emulator.requests()) == [
        "/api/v1/orgs/alpha.example/domains",
        "/api/v1/orgs/bravo.example/domains",
        ORGS_READ,
    ]


def declared_fleet(emulator, drift_every):
    """host_vars for every generated org, as they are now, except every ``drift_every``-th org: one
    destination changed and one domain added (2 writes each). Exclusive, so nothing else may differ."""
    host_vars, writes = {}, 0
    for org, body in sorted(emulator.state().items()):
        if not org.endswith(".fleet.example"):
            continue
        domains = [
            {key: d[key] for key in ("name", "destination", "failovers", "is_active", "is_relay")}
            for d in sorted(body["domains"], key=lambda d: d["name"])
        ]
        if int(org[4:7]) % drift_every == 0:
            domains[1]["destination"] = "192.0.2.99"
            domains.append({"name": "new." + org, "destination": "192.0.2.98"})
            writes += 2
        host_vars[org] = {"domains_exclusive": True, "domains_list": domains}
    return host_vars, writes


@pytest.fixture
def big_fleet(tmp_path):
    with Emulator(SEED, latency_ms=20, extra_args=["--children", "300", "--domains-per-org", "20"]) as running:
        yield running, Ansible(running, tmp_path)


def test_300_orgs_converge_in_one_run_and_stay_converged(big_fleet, tmp_path):
    emulator, ansible = big_fleet
    host_vars, writes = declared_fleet(emulator, drift_every=10)
    project = fleet_copy(tmp_path, host_vars)
    converge = [str(project / "converge.yml")]
    run = ansible.run(
        converge[0], inventory=str(project / "inventory"), env=PARTNER, args=["--forks", "50"], timeout=1200
    )
    assert run.rc == 0, run.output[-3000:]
    counts = recaps(run)
    assert len(counts) == 303 and sum(c["changed"] for c in counts.values()) == 30
    logged = emulator.requests()
    assert [r for r in logged if r["path"] == ORGS_READ] == logged[:1]
    assert sum(1 for r in logged if r["method"] == "GET") == 1 + 300
    assert sum(1 for r in logged if r["method"] != "GET") == writes == 60
    assert emulator.domains("cust010.fleet.example")["new.cust010.fleet.example"]["destination"] == "192.0.2.98"

    emulator.clear_requests()
    again = ansible.run(
        converge[0], inventory=str(project / "inventory"), env=PARTNER, args=["--forks", "50"], timeout=1200
    )
    assert again.rc == 0 and sum(c["changed"] for c in recaps(again).values()) == 0, again.output[-3000:]
    assert len(emulator.requests()) == 1 + 300 and emulator.writes() == []


@pytest.fixture
def small_fleet(tmp_path):
    # 12 orgs beside the seed's 3: enough for three slices, several drifted orgs among plain ones.
    with Emulator(SEED, extra_args=["--children", "12", "--domains-per-org", "5"]) as running:
        yield running, Ansible(running, tmp_path)


def test_three_slices_at_once_reach_the_same_end_state(small_fleet, tmp_path):
    # As AWX job slicing runs it: K=3 jobs at once, slice i holding every third host from host i.
    emulator, ansible = small_fleet
    host_vars, writes = declared_fleet(emulator, drift_every=3)
    project = fleet_copy(tmp_path, host_vars)
    hosts = sorted(inventory_list(ansible, str(project / "inventory")).data["proofpoint_orgs"]["hosts"])
    runs, threads = [None] * 3, []
    for index in range(3):
        limit = tmp_path / ("slice-%d.txt" % index)
        limit.write_text("\n".join(hosts[index::3]) + "\n")

        def run_slice(index=index, limit=limit):
            runs[index] = ansible.run(
                str(project / "converge.yml"),
                inventory=str(project / "inventory"),
                env=PARTNER,
                args=["--limit", "@%s" % limit, "--forks", "10"],
            )

        threads.append(threading.Thread(target=run_slice))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(run.rc == 0 for run in runs), [run.output[-2000:] for run in runs if run.rc]
    assert sorted(host for run in runs for host in recaps(run)) == hosts
    assert len(emulator.writes()) == writes == 8
    state = emulator.state()
    for org, variables in host_vars.items():
        declared = {d["name"]: d["destination"] for d in variables["domains_list"]}
        assert {d["name"]: d["destination"] for d in state[org]["domains"]} == declared


def test_ansible_runner_converges_and_keeps_the_password_out_of_artifacts(small_fleet, tmp_path):
    # The executor AWX uses: a private data dir, the credential as environment variables exactly as the
    # credential type in docs/awx/credential_type.yml injects them, the inventory source as a file.
    emulator, _ansible = small_fleet
    host_vars, _writes = declared_fleet(emulator, drift_every=5)
    private = tmp_path / "runner"
    shutil.copytree(fleet_copy(tmp_path, host_vars), private / "project")
    (private / "inventory").mkdir()
    shutil.copy(os.path.join(FLEET, "inventory", "partner.proofpoint_orgs.yml"), private / "inventory")
    with open(os.path.join(ROOT, "docs", "awx", "credential_type.yml"), encoding="utf-8") as handle:
        injectors = yaml.safe_load(handle)["injectors"]["env"]
    inputs = {
        "api_url": emulator.url,
        "stack": "",
        "user": "msp@partner.net",
        "password": PASSWORD,
        "org": "partner.net",
    }
    envvars = {
        name: template.replace("{{ ", "{").replace(" }}", "}").format(**inputs) for name, template in injectors.items()
    }
    artifacts, runner = run_like_awx(private, "fleet", envvars)
    assert runner.returncode == 0 and (artifacts / "rc").read_text() == "0", runner.stdout[-3000:]
    assert "cust005.fleet.example: 1 created, 1 updated" in (artifacts / "stdout").read_text()
    events = list((artifacts / "job_events").iterdir())
    assert len(events) > 30
    secret_forms = {
        PASSWORD,
        json.dumps(PASSWORD)[1:-1],
        base64.b64encode(PASSWORD.encode()).decode(),
        urllib.parse.quote(PASSWORD),
        urllib.parse.quote_plus(PASSWORD),
    }
    # artifacts/<ident>/command is ansible-runner's own record of its input (command line and the env it
    # was given, as AWX's private data dir holds it, deleted after the job): owner-only, and not output.
    assert (artifacts / "command").stat().st_mode & 0o077 == 0
    assert [form for form in secret_forms if form in (artifacts / "command").read_text()], "the search must see it"
    outputs = [path for path in artifacts.rglob("*") if path.is_file() and path.name != "command"]
    assert artifacts / "stdout" in outputs and len(outputs) > 30
    for path in outputs:
        text = path.read_text(errors="replace")
        assert not [form for form in secret_forms if form in text], path


def test_adopting_every_org_then_converging_changes_nothing(small_fleet, tmp_path):
    emulator, ansible = small_fleet
    post_as_partner(emulator, "/orgs/bravo.example/sender-lists", {"block_list": ["evil@bad.example"]})
    project = fleet_copy(tmp_path, {})
    adopt = os.path.join(ROOT, "playbooks", "adopt.yml")
    inventory = str(project / "inventory")
    run = ansible.run(
        adopt,
        inventory=inventory,
        env=PARTNER,
        extra_vars={"adopt_dir": str(project / "host_vars")},
        args=["--forks", "10"],
    )
    assert run.rc == 0, run.output[-3000:]
    written = sorted(path.name for path in (project / "host_vars").iterdir())
    assert len(written) == 15 and "alpha.example.yml" in written and "cust012.fleet.example.yml" in written
    alpha = (project / "host_vars" / "alpha.example.yml").read_text()
    assert alpha.startswith("---\n# The declared domains of alpha.example, adopted as code by playbooks/adopt.yml\n")
    assert yaml.safe_load(alpha)["domains_list"] == [
        {
            "name": "alpha.example",
            "destination": "mail.alpha.example",
            "failovers": [],
            "is_active": True,
            "is_relay": False,
        },
        {"name": "old.alpha.example", "destination": "10.3.0.1", "failovers": [], "is_active": True, "is_relay": False},
    ]
    assert "proofpoint_sender_lists" not in yaml.safe_load(alpha)  # no entry: nothing declared
    bravo = yaml.safe_load((project / "host_vars" / "bravo.example.yml").read_text())
    assert bravo["proofpoint_sender_lists"] == {"allow": [], "block": ["evil@bad.example"]}
    assert "bravo.example.yml written, 1 domain, 1 sender list entry" in " ".join(run.stdout.split())

    emulator.clear_requests()
    converge = ansible.run(str(project / "converge.yml"), inventory=inventory, env=PARTNER, args=["--forks", "10"])
    assert converge.rc == 0 and sum(c["changed"] for c in recaps(converge).values()) == 0, converge.output[-3000:]
    assert len(recaps(converge)) == 15 and "unmanaged" not in converge.stdout
    # The inventory read + one GET of each org's domains; its sender lists came with the listing.
    assert [r["method"] for r in emulator.requests()] == ["GET"] * 16 and "sender-lists" not in str(emulator.requests())

    # An existing file is kept unless adopt_force is true.
    (project / "host_vars" / "alpha.example.yml").write_text("domains_list: []\n")
    limit = ["--limit", "alpha.example"]
    again = ansible.run(
        adopt, inventory=inventory, env=PARTNER, args=limit, extra_vars={"adopt_dir": str(project / "host_vars")}
    )
    assert again.rc == 0 and (project / "host_vars" / "alpha.example.yml").read_text() == "domains_list: []\n"
    forced = ansible.run(
        adopt,
        inventory=inventory,
        env=PARTNER,
        args=limit,
        extra_vars={"adopt_dir": str(project / "host_vars"), "adopt_force": True},
    )
    assert forced.rc == 0, forced.output[-3000:]
    assert yaml.safe_load((project / "host_vars" / "alpha.example.yml").read_text()) == yaml.safe_load(alpha)


@pytest.mark.parametrize(
    "env",
    [
        {"PROOFPOINT_ESSENTIALS_ORG": "wrong-partner.example"},
        {"PROOFPOINT_ESSENTIALS_API_URL": "http://127.0.0.1:9"},
        {"PROOFPOINT_ESSENTIALS_API_URL": ""},
    ],
)
@pytest.mark.parametrize("playbook", ["converge.yml", "drift-report.yml"])
def test_fleet_playbooks_fail_without_an_inventory_wherever_they_run(ansible, emulator, tmp_path, env, playbook):
    """Run from the repository root, where playbooks/fleet/ansible.cfg does not apply: the inventory
    only warns, and the playbook must still fail instead of reporting a clean fleet."""
    environment = dict(PARTNER, PROOFPOINT_ESSENTIALS_RETRIES="0", **env)
    environment.pop("ANSIBLE_INVENTORY_UNPARSED_FAILED")
    # As where no ansible.cfg of this repository applies.
    environment["ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED"] = "0"
    report_dir = tmp_path / "report"
    run = ansible.run(
        os.path.join(FLEET, playbook),
        inventory=os.path.join(FLEET, "inventory"),
        env=environment,
        extra_vars={"drift_report_dir": str(report_dir)},
    )
    assert run.rc != 0, run.output[-3000:]
    assert "No customer org in the inventory" in run.output and "proofpoint_orgs" in run.stderr
    assert not report_dir.exists()
    assert [r for r in emulator.requests() if r["method"] != "GET"] == []


@pytest.mark.parametrize("playbook", ["converge.yml", "converge-per-host.yml"])
def test_both_paths_plan_converge_and_keep_each_org_apart(small_fleet, tmp_path, playbook):
    """The one-process path and the per-host path, run the same way, reach the same per-org outcome."""
    emulator, ansible = small_fleet
    host_vars, writes = declared_fleet(emulator, drift_every=4)  # cust004, cust008, cust012 drift
    unmanaged = "cust005.fleet.example"
    del host_vars[unmanaged]
    broken = "cust007.fleet.example"
    host_vars[broken]["domains_list"][0]["destinaton"] = "192.0.2.7"
    project = fleet_copy(tmp_path, host_vars)
    run_fleet = functools.partial(
        ansible.run, str(project / playbook), inventory=str(project / "inventory"), env=PARTNER
    )
    drifted = {"cust004.fleet.example", "cust008.fleet.example", "cust012.fleet.example"}

    planned = run_fleet(args=["--forks", "10", "--check", "--diff"])
    counts = recaps(planned)
    assert planned.rc != 0 and emulator.writes() == []
    assert {host for host, c in counts.items() if c["changed"]} == drifted
    assert {host for host, c in counts.items() if c["failed"]} == {broken}
    assert "new.cust012.fleet.example" in planned.stdout and "192.0.2.99" in planned.stdout
    typo = "domains[0] (cust007.fleet.example).destinaton: not an option of a domain"
    assert typo in planned.stdout
    if playbook == "converge.yml":  # the one-process path also names where the list came from
        assert "variables of host cust007.fleet.example: domains_list: " + typo in planned.stdout
    assert PASSWORD not in planned.output

    converged = run_fleet(args=["--forks", "10"])
    assert {host for host, c in recaps(converged).items() if c["changed"]} == drifted
    assert len(emulator.writes()) == writes
    assert len(emulator.domains(unmanaged)) == 5  # left as it is, never emptied
    # Both paths say it in the same words.
    assert "%s: unmanaged, no domains_list or domains_list_file; left as it is (5 domains)" % unmanaged in " ".join(
        converged.stdout.split()
    )
    assert emulator.domains("cust008.fleet.example")["new.cust008.fleet.example"]["destination"] == "192.0.2.98"

    emulator.clear_requests()
    again = run_fleet(args=["--forks", "10"])
    assert sum(c["changed"] for c in recaps(again).values()) == 0
    managed = len(host_vars) - 1  # the broken org sends nothing
    assert len(emulator.requests()) == 1 + managed and emulator.writes() == []


def test_the_summary_path_has_no_task_per_org_and_fails_when_an_org_failed(ansible, emulator, tmp_path):
    summary = ["-e", "fleet_per_host=false", "-e", "fleet_report_dir=%s" % (tmp_path / "report")]
    converge = os.path.join(FLEET, "converge.yml")
    run = ansible.run(converge, inventory=os.path.join(FLEET, "inventory"), env=PARTNER, args=summary)
    assert run.rc == 0, run.output
    assert "alpha.example: 2 created, 1 updated, 1 deleted, 0 unchanged" in run.stdout
    assert "Report the org's outcome" not in run.stdout and "charlie.example" not in run.stdout
    assert set(recaps(run)) == set(), recaps(run)  # localhost alone: no host per org
    report = json.loads((tmp_path / "report" / "fleet-report.json").read_text())
    assert report["totals"]["changed"] == 2 and report["totals"]["unmanaged"] == 1
    assert sorted(emulator.domains("alpha.example")) == ["alpha.example", "shop.alpha.example", "www.alpha.example"]

    emulator.inject(method="GET", path="/orgs/bravo.example/domains$", status=403, count=5)
    failed = ansible.run(converge, inventory=os.path.join(FLEET, "inventory"), env=PARTNER, args=summary)
    assert failed.rc == 2, failed.output
    assert "bravo.example: GET /api/v1/orgs/bravo.example/domains failed with HTTP 403" in failed.stdout
    assert "1 org(s) failed" in failed.stdout and "alpha.example:" not in failed.stdout
