# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Several partner accounts in one fleet: two emulators (two APIs, two partners, two logins), one
inventory directory with a source each, each partner's credentials in its group's vaulted group_vars,
no credential in the environment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading

import pytest
import yaml
from ansible.parsing.vault import VaultLib, VaultSecret
from conftest import ANSIBLE_BIN, PASSWORD, ROOT, SEED, Ansible
from launcher import Emulator
from test_fleet import fleet_copy, recaps, run_like_awx

USER_A, PARTNER_A, ORGS_A = "msp@partner.net", "partner.net", ("alpha.example", "bravo.example", "charlie.example")
USER_B, PARTNER_B, ORGS_B = "ops@distri.example", "distri.example", ("delta.example", "echo.example", "foxtrot.example")
PASSWORD_B = 'Distri"Pa$$/9+%&'
VAULT_PASSWORD = "vault-for-the-tests"
READS_PER_ORG = 1  # what a converged org costs on a re-run


def seed_b(path):
    """Partner B's world: its channel admin and three customers, each with its primary domain."""
    orgs = {PARTNER_B: {"type": "partner", "name": "Distri", "domains": []}}
    for org in ORGS_B:
        orgs[org] = {"parent": PARTNER_B, "name": org.split(".", maxsplit=1)[0].title(), "domains": []}
    users = [{"email": USER_B, "password": PASSWORD_B, "role": "channel_admin", "orgs": [PARTNER_B]}]
    path.write_text(json.dumps({"users": users, "orgs": orgs}))
    return str(path)


def vaulted(value):
    """``value`` as an inline !vault string, as ansible-vault encrypt_string writes it."""
    secret = VaultSecret(VAULT_PASSWORD.encode())
    return "!vault |\n  " + VaultLib([("default", secret)]).encrypt(value, secret).decode().replace("\n", "\n  ")


class TwoPartners:
    """Both emulators, the project (playbooks/fleet, its inventory a source per partner) and the runs."""

    def __init__(self, tmp_path, emulator_a, emulator_b):
        self.a, self.b = emulator_a, emulator_b
        self.tmp_path = tmp_path
        self.ansible = Ansible(emulator_a, tmp_path)
        # No credential and no API in the environment: only the files give them.
        self.ansible.env = {k: v for k, v in self.ansible.env.items() if not k.startswith("PROOFPOINT_ESSENTIALS_")}
        self.ansible.env.update(PP_A_PASSWORD=PASSWORD, PP_B_PASSWORD=PASSWORD_B, ANSIBLE_INVENTORY_UNPARSED_FAILED="1")
        self.project = fleet_copy(tmp_path, {org: declared_for(org) for org in ORGS_A + ORGS_B})
        inventory = self.project / "inventory"
        for old in inventory.iterdir():
            old.unlink()
        for name, emulator, partner, user, variable in (
            ("a", emulator_a, PARTNER_A, USER_A, "PP_A_PASSWORD"),
            ("b", emulator_b, PARTNER_B, USER_B, "PP_B_PASSWORD"),
        ):
            source = {
                "plugin": "proofpoint.essentials.proofpoint_orgs",
                "api_url": emulator.url,
                "partner": partner,
                "user": user,
                "password": "{{ lookup('ansible.builtin.env', '%s') }}" % variable,
            }
            (inventory / ("%s.proofpoint_orgs.yml" % name)).write_text(yaml.safe_dump(source))
        (self.project / "group_vars").mkdir()
        self.vault_file = tmp_path / "vault-password"
        self.vault_file.write_text(VAULT_PASSWORD)

    def give_credentials(self, partner, user, password):
        group = "proofpoint_partner_" + partner.replace(".", "_")
        (self.project / "group_vars" / (group + ".yml")).write_text(
            "proofpoint_user: %s\nproofpoint_password: %s\n" % (user, vaulted(password))
        )

    def run(self, playbook, args=(), env=None, extra_vars=None):
        return self.ansible.run(
            str(self.project / playbook),
            inventory=str(self.project / "inventory"),
            args=["--vault-password-file", str(self.vault_file), "--forks", "10"] + list(args),
            env=env,
            extra_vars=extra_vars,
        )


def declared_for(org):
    return {"domains_list": [{"name": org}, {"name": "new." + org, "destination": "192.0.2.7"}]}


@pytest.fixture
def partners(tmp_path):
    with Emulator(SEED) as emulator_a, Emulator(seed_b(tmp_path / "seed-b.json")) as emulator_b:
        yield TwoPartners(tmp_path, emulator_a, emulator_b)


def org_of(request):
    return request["path"].split("/orgs/")[1].split("/")[0]


def secrets_in(text):
    return [secret for secret in (PASSWORD, PASSWORD_B, json.dumps(PASSWORD_B)[1:-1]) if secret in text]


def test_each_partner_converges_on_its_own_api_with_its_own_login(partners):
    partners.give_credentials(PARTNER_A, USER_A, PASSWORD)
    partners.give_credentials(PARTNER_B, USER_B, PASSWORD_B)
    run = partners.run("converge.yml", args=["-vvvv"])
    assert run.rc == 0, run.output[-3000:]
    assert sorted(recaps(run)) == sorted(ORGS_A + ORGS_B)
    assert all(counts["changed"] == 1 and counts["failed"] == 0 for counts in recaps(run).values())
    assert not secrets_in(run.output)
    for emulator, partner, user, orgs in (
        (partners.a, PARTNER_A, USER_A, ORGS_A),
        (partners.b, PARTNER_B, USER_B, ORGS_B),
    ):
        logged = emulator.requests()
        assert {org_of(r) for r in logged} == {partner, *orgs} and {r["user"] for r in logged} == {user}
        assert sorted(org_of(r) for r in emulator.writes()) == sorted(orgs)
        for org in orgs:
            assert emulator.domains(org)["new." + org]["destination"] == "192.0.2.7"
        emulator.clear_requests()

    again = partners.run("converge.yml")
    assert again.rc == 0 and all(c["changed"] == 0 for c in recaps(again).values()), again.output[-3000:]
    for emulator, orgs in ((partners.a, ORGS_A), (partners.b, ORGS_B)):
        assert emulator.writes() == [] and len(emulator.requests()) <= 1 + len(orgs) * READS_PER_ORG

    out = partners.tmp_path / "report"
    report = partners.run("drift-report.yml", extra_vars={"drift_report_dir": str(out)})
    assert report.rc == 0, report.output[-3000:]
    data = json.loads((out / "drift-report.json").read_text())
    assert data["totals"]["failed"] == 0 and data["totals"]["in_sync"] == 6
    assert [(p["partner"], p["api_url"], p["in_sync"]) for p in data["partners"]] == [
        (PARTNER_B, partners.b.url, 3),
        (PARTNER_A, partners.a.url, 3),
    ]
    assert {org["host"]: org["partner"] for org in data["orgs"]} == {
        **dict.fromkeys(ORGS_A, PARTNER_A),
        **dict.fromkeys(ORGS_B, PARTNER_B),
    }
    page = (out / "drift-report.html").read_text()
    assert 'id="partner-filter"' in page and page.count('<tr data-partner="distri.example">') == 1


def test_the_inventory_names_each_partner_and_holds_no_credential(partners):
    command = [os.path.join(ANSIBLE_BIN, "ansible-inventory"), "-i", str(partners.project / "inventory")]
    listed = subprocess.run(
        command + ["--list", "--export"],
        env=partners.ansible.env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert sorted(data["proofpoint_partner_partner_net"]["hosts"]) == list(ORGS_A)
    assert sorted(data["proofpoint_partner_distri_example"]["hosts"]) == list(ORGS_B)
    hostvars = data["_meta"]["hostvars"]
    assert hostvars["delta.example"]["proofpoint_partner"] == PARTNER_B
    assert hostvars["delta.example"]["proofpoint_api_url"] == partners.b.url
    assert not secrets_in(listed.stdout + listed.stderr) and USER_B not in listed.stdout


@pytest.mark.parametrize("environment", ["none", "partner A's"])
def test_a_partner_without_credentials_fails_alone_and_nothing_of_it_goes_elsewhere(partners, environment):
    partners.give_credentials(PARTNER_A, USER_A, PASSWORD)
    env = {}
    if environment != "none":
        env = {
            "PROOFPOINT_ESSENTIALS_API_URL": partners.a.url,
            "PROOFPOINT_ESSENTIALS_USER": USER_A,
            "PROOFPOINT_ESSENTIALS_PASSWORD": PASSWORD,
        }
    run = partners.run("converge.yml", env=env)
    assert run.rc != 0
    counts = recaps(run)
    assert all(counts[org]["changed"] == 1 and counts[org]["failed"] == 0 for org in ORGS_A), run.output[-3000:]
    assert all(counts[org]["failed"] == 1 for org in ORGS_B)
    if environment == "none":
        expected = "delta.example (partner distri.example): no credentials for %s" % partners.b.url
    else:
        expected = "delta.example (partner distri.example) lives on %s (its proofpoint_api_url" % partners.b.url
        assert "credentials are for %s" % partners.a.url in run.output
    assert expected in run.output and "group_vars/proofpoint_partner_distri_example.yml" in run.output
    # Partner B's API saw only its inventory's read; partner A's saw nothing of B's orgs.
    assert [org_of(r) for r in partners.b.requests()] == [PARTNER_B]
    assert not {org_of(r) for r in partners.a.requests()} & set(ORGS_B)
    assert not secrets_in(run.output)


def test_a_rate_limited_partner_does_not_hold_the_other_back(tmp_path):
    """One org at a time per account: partner A, allowed one request a second, takes seconds; partner B's
    orgs, listed after A's, are all done while A still waits, since each account has its own workers."""
    limited = ["--rate-limit", "1", "--rate-burst", "1", "--rate-retry-after", "1"]
    with (
        Emulator(SEED, extra_args=limited) as emulator_a,
        Emulator(seed_b(tmp_path / "seed-b.json")) as emulator_b,
    ):
        partners = TwoPartners(tmp_path, emulator_a, emulator_b)
        partners.give_credentials(PARTNER_A, USER_A, PASSWORD)
        partners.give_credentials(PARTNER_B, USER_B, PASSWORD_B)
        play = partners.project / "one-at-a-time.yml"
        play.write_text(
            (partners.project / "converge.yml")
            .read_text()
            .replace(
                "proofpoint.essentials.proofpoint_fleet: {}",
                "proofpoint.essentials.proofpoint_fleet:\n        concurrency: 1",
            )
        )
        run = partners.run(play.name)
        assert run.rc == 0 and sum(c["changed"] for c in recaps(run).values()) == 6, run.output[-3000:]
        a_logged, b_logged = emulator_a.requests(), emulator_b.requests()
        assert any(r["status"] == 429 for r in a_logged)  # A was held back by its limit
        b_orgs_done = max(r["time"] for r in b_logged if org_of(r) in ORGS_B)
        a_orgs_started = [r["time"] for r in a_logged if org_of(r) in ORGS_A]
        assert b_orgs_done < max(a_orgs_started)
        assert sum(1 for r in a_logged if org_of(r) in ORGS_A and r["time"] > b_orgs_done) >= 3


def test_two_slices_across_both_partners_reach_the_same_end_state(partners):
    """As AWX job slicing splits the hosts: each slice holds orgs of both partners and runs at once."""
    partners.give_credentials(PARTNER_A, USER_A, PASSWORD)
    partners.give_credentials(PARTNER_B, USER_B, PASSWORD_B)
    hosts = sorted(ORGS_A + ORGS_B)
    runs = [None, None]

    def run_slice(index):
        runs[index] = partners.run("converge.yml", args=["--limit", ",".join(hosts[index::2])])

    threads = [threading.Thread(target=run_slice, args=(index,)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(run.rc == 0 for run in runs), [run.output[-2000:] for run in runs if run.rc]
    assert sorted(host for run in runs for host in recaps(run)) == hosts
    for emulator, orgs in ((partners.a, ORGS_A), (partners.b, ORGS_B)):
        assert sorted(org_of(r) for r in emulator.writes()) == sorted(orgs)  # each org written once


def test_an_awx_job_gets_each_partners_login_from_a_vault_credential(partners):
    """As AWX runs the job: ansible-runner, a private data dir, the two sources, a Vault credential (AWX
    answers the vault prompt through ansible-runner's passwords), no collection credential at all."""
    partners.give_credentials(PARTNER_A, USER_A, PASSWORD)
    partners.give_credentials(PARTNER_B, USER_B, PASSWORD_B)
    private = partners.tmp_path / "runner"
    shutil.copytree(partners.project, private / "project")
    shutil.copytree(partners.project / "inventory", private / "inventory")
    # The sources' own logins stand in for each inventory source's credential (AWX syncs them apart).
    envvars = {k: v for k, v in partners.ansible.env.items() if k.startswith("PP_")}
    vault = {"^Vault password:\\s*?$": VAULT_PASSWORD}
    artifacts, runner = run_like_awx(private, "job", envvars, "--ask-vault-pass --forks 10", vault)
    stdout = (artifacts / "stdout").read_text()
    assert runner.returncode == 0 and (artifacts / "rc").read_text() == "0", stdout[-3000:]
    for org in ORGS_A + ORGS_B:
        assert "%s: 1 created, 0 updated, 0 deleted, 1 unchanged" % org in stdout
    assert {r["user"] for r in partners.a.requests()} == {USER_A}
    assert {r["user"] for r in partners.b.requests()} == {USER_B}
    outputs = [path for path in artifacts.rglob("*") if path.is_file() and path.name != "command"]
    assert len(outputs) > 20
    for path in outputs:
        assert not secrets_in(path.read_text(errors="replace")), path


def declare_partners(partners):
    """group_vars/all: the partners this fleet is made of, B with the source that reads it."""
    (partners.project / "group_vars" / "all.yml").write_text(
        yaml.safe_dump(
            {"proofpoint_partners": [PARTNER_A, {"partner": PARTNER_B, "source": "inventory/b.proofpoint_orgs.yml"}]}
        )
    )


def test_a_partner_whose_source_cannot_be_read_fails_the_run_and_is_named(partners):
    partners.give_credentials(PARTNER_A, USER_A, PASSWORD)
    partners.give_credentials(PARTNER_B, USER_B, PASSWORD_B)
    partners.ansible.env["PP_B_PASSWORD"] = "a wrong one"
    # The repository's ansible.cfg: any source unread fails the run before anything is sent.
    run = partners.run("converge.yml")
    assert run.rc != 0 and partners.a.writes() == [], run.output[-3000:]
    assert "[partner distri.example, user ops@distri.example, answered by %s]" % partners.b.url in run.output
    assert "a wrong one" not in run.output and not secrets_in(run.output)


@pytest.mark.parametrize("per_host", [True, False])
def test_a_declared_partner_missing_from_the_inventory_fails_the_converge_once_the_others_are_done(partners, per_host):
    """Where a source's failure does not stop the run (AWX syncs each source apart; a config without
    any_unparsed_is_failed), proofpoint_partners still tells that a whole partner is missing."""
    partners.give_credentials(PARTNER_A, USER_A, PASSWORD)
    partners.ansible.env.update(PP_B_PASSWORD="a wrong one", ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED="0")
    declare_partners(partners)
    run = partners.run("converge.yml", extra_vars={"fleet_per_host": per_host})
    assert run.rc != 0, run.output[-3000:]
    assert sorted(org_of(r) for r in partners.a.writes()) == sorted(ORGS_A)  # the partner that was read converged
    assert "partner distri.example: no org of it in the inventory; its inventory source" in run.output
    assert "inventory/b.proofpoint_orgs.yml was not read" in run.output


def test_the_drift_report_names_a_missing_partner_in_a_card_and_a_row(partners):
    partners.give_credentials(PARTNER_A, USER_A, PASSWORD)
    partners.ansible.env.update(PP_B_PASSWORD="a wrong one", ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED="0")
    declare_partners(partners)
    out = partners.tmp_path / "report"
    run = partners.run("drift-report.yml", extra_vars={"drift_report_dir": str(out)})
    assert run.rc != 0 and "1 partner(s) missing" in run.output, run.output[-3000:]
    data = json.loads((out / "drift-report.json").read_text())
    assert [entry["partner"] for entry in data["missing_partners"]] == [PARTNER_B]
    sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))
    from chromium import chromium, screenshot_path  # pylint: disable=import-outside-toplevel

    with chromium() as browser:
        for width in (420, 1400):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto((out / "drift-report.html").as_uri())
            assert page.text_content("#count-partners-missing") == "1"
            assert page.is_visible("#count-partners-missing") and "1\npartner missing\n" in page.inner_text(".cards")
            row = page.locator("#partners tr.missing")
            assert row.count() == 1 and row.get_attribute("data-partner") == PARTNER_B and row.is_visible()
            assert "b.proofpoint_orgs.yml" in row.inner_text()
            # Every org's row still says whose it is, at both widths.
            for org in ORGS_A:
                assert PARTNER_A in page.locator("#orgs tr[data-org='%s']" % org).inner_text()
            page.screenshot(path=screenshot_path("drift-report-missing-partner-%d.png" % width), full_page=True)
            page.close()


def test_the_per_host_converge_names_the_partner_whose_login_was_refused(partners):
    partners.give_credentials(PARTNER_A, USER_A, PASSWORD)
    partners.give_credentials(PARTNER_B, USER_B, "not-" + PASSWORD_B)  # the sources' own logins still work
    run = partners.run("converge-per-host.yml")
    assert run.rc != 0, run.output[-3000:]
    counts = recaps(run)
    assert all(counts[org]["failed"] == 1 for org in ORGS_B) and all(counts[org]["failed"] == 0 for org in ORGS_A)
    assert "[partner distri.example, user ops@distri.example, answered by %s]" % partners.b.url in run.stdout
    assert not secrets_in(run.output) and "not-" + PASSWORD_B not in run.output
